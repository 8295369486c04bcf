// Slow tier: second starts over a generated library, ~5 s of CPU.
// A second interactive start over the same folder comes from the library cache (and its saved
// search index) and shows the same list as the first; a cache forged to carry escape sequences
// never gets one to the terminal.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { forge, parse, type ArticleRecord } from '../helpers/library-cache-file.js';
import { ARTICLE_FIELDS } from '../../source/core/load/library-cache-format.js';
import { makeTempDir, writeOldArticles } from './fixtures';
import { startLede, type TerminalSession } from './terminal';

const ARTICLES = 60;
const temp = makeTempDir('lede-e2e-warm-');
const tree = join(temp.dir, 'articles');
const cacheRoot = join(temp.dir, 'cache');
const libraryDir = join(cacheRoot, 'library');
const ESCAPES = ['\x1b]0;pwned\x07', '\x1b[2J', '\x1b]52;c;cHduZWQ=\x07'];

before(() => {
  // Over 50,000 characters in all, so the entity pass runs in its worker, as a real library's does.
  const more = 'Vladimir Putin met Benjamin Netanyahu in Moscow, and the United Nations said nothing of it. '.repeat(10);
  writeOldArticles(tree, ARTICLES, (i) => `Headline number ${i} about Moscow\n\nThe talks in Moscow went on for ${i} hours.\n\nNothing was signed.\n\n${more}`);
});
after(() => temp.remove());

const start = () => startLede([tree], { cols: 100, rows: 30, env: { LEDE_CACHE_DIR: cacheRoot } });

/**
 * The list, complete and indexed: its rows are what a second start must show again. Not its status
 * line: whether the entity pass shows there yet (a cached library's starts once its search index is
 * ready) is no part of the list.
 */
async function listed(t: TerminalSession): Promise<string> {
  const screen = await t.waitFor((s) => s.includes(`${ARTICLES} articles`) && !s.includes('indexing') && s.includes('Headline number 0'), { timeout: 30_000 });
  return screen.replace(/^article \d+ of \d+.*$/m, '');
}

/** The status line says nothing runs in the background any more: the entity pass is done too. */
async function settled(t: TerminalSession): Promise<void> {
  await t.waitFor((s) => /^article 1 of 60(?! ·)/m.test(s), { timeout: 60_000 });
}

async function quit(t: TerminalSession) {
  await t.press('q');
  await t.exited();
  await t.dispose();
}

const forbidden = (output: Buffer) => ESCAPES.filter((e) => output.includes(e));

describe('a second interactive start', () => {
  let first = '';

  test('the first start writes the library cache, and the search index and entity index inputs beside it', async () => {
    const t = start();
    first = await listed(t);
    await settled(t);
    await quit(t);
    const names = readdirSync(libraryDir);
    for (const ext of ['.cache', '.search', '.entities']) assert.equal(names.filter((n) => n.endsWith(ext)).length, 1, `${ext}: ${names.join(', ')}`);
  });

  test('shows the same list, and a search over it finds what the first would', async () => {
    // Each file's inode too: every write is a rename over it, so one rewritten with the same bytes shows.
    const files = () => readdirSync(libraryDir).map((n) => [n, statSync(join(libraryDir, n)).ino, readFileSync(join(libraryDir, n))]);
    const before = files();
    const t = start();
    assert.equal(await listed(t), first);
    await settled(t);
    await t.press('/', ...'hours 7');
    await t.waitFor((s) => s.includes('Headline number 7 about Moscow') && !s.includes('Headline number 8 '));
    await t.press('esc');
    await t.waitFor((s) => !/^\//m.test(s));
    await quit(t);
    // Nothing changed, so nothing was rewritten.
    assert.deepEqual(files(), before);
  });

  test('a cache forged with escape sequences in a title is ignored, and none reaches the terminal', async () => {
    const file = join(libraryDir, readdirSync(libraryDir).find((n) => n.endsWith('.cache'))!);
    const parsed = parse(readFileSync(file));
    const article = (parsed.header.files[0]![2] as ArticleRecord[])[0]!;
    article[ARTICLE_FIELDS.indexOf('title')] = `Headline${ESCAPES.join('')} forged`;
    writeFileSync(file, forge(parsed));
    const t = start();
    assert.equal(await listed(t), first);
    await quit(t);
    assert.deepEqual(forbidden(t.output()), []);
  });

  test('a body forged to pass every check but its first read is shown repaired when opened, with no escape sequence', async () => {
    const file = join(libraryDir, readdirSync(libraryDir).find((n) => n.endsWith('.cache'))!);
    const parsed = parse(readFileSync(file));
    const article = (parsed.header.files[0]![2] as ArticleRecord[])[0]!;
    const body = parsed.blob.subarray(article[ARTICLE_FIELDS.indexOf('start')] as number, article[ARTICLE_FIELDS.indexOf('end')] as number);
    const hostile = Buffer.from(ESCAPES.join('').padEnd(body.length, 'x'));
    assert.equal(hostile.length, body.length);
    hostile.copy(body);
    writeFileSync(file, forge(parsed));
    const t = start();
    await listed(t);
    await t.press('enter');
    await t.waitFor((s) => s.includes('xxxxxxxx'));
    await quit(t);
    assert.deepEqual(forbidden(t.output()), []);
    assert.ok(!t.titleChanges().some((title) => title.includes('pwned')));
  });
});
