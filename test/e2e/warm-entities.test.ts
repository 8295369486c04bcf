// Slow tier: second starts over a generated library, ~3 s of CPU.
// A second interactive start over the same folder loads the library's entity index its first start
// saved (nothing is rebuilt, so nothing is written again) and shows the same library entities; a
// saved index forged to carry escape sequences is ignored, rebuilt, and none reaches the terminal.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeLibraryIndex, encodeLibraryIndex } from '../helpers/library-index-file.js';
import { makeTempDir, writeOldArticles } from './fixtures';
import { startLede, type TerminalSession } from './terminal';

// At least the library cache's minimum (library-cache.ts), so the library is cached and its entity index saved.
const ARTICLES = 60;
const temp = makeTempDir('lede-e2e-warm-entities-');
const tree = join(temp.dir, 'articles');
const cacheRoot = join(temp.dir, 'cache');
const libraryDir = join(cacheRoot, 'library');
const ESCAPES = ['\x1b]0;pwned\x07', '\x1b[2J', '\x1b]52;c;cHduZWQ=\x07'];

before(() => {
  // Over 50,000 characters in all, so the entity pass runs in its worker, as a real library's does.
  const more = 'Vladimir Putin met Benjamin Netanyahu in Moscow, and the United Nations said nothing of it. Putin left for Paris. '.repeat(12);
  writeOldArticles(tree, ARTICLES, (i) => `Headline number ${i} about Moscow\n\n${i % 3 === 0 ? 'Angela Merkel spoke in Berlin. ' : ''}The talks in Moscow went on for ${i} hours.\n\n${more}`);
});
after(() => temp.remove());

const start = () => startLede([tree], { cols: 100, rows: 30, env: { LEDE_CACHE_DIR: cacheRoot } });
const indexFile = () => join(libraryDir, readdirSync(libraryDir).find((n) => n.endsWith('.entity-index'))!);

/** The library's entities, once complete: what a second start must show again. */
async function libraryEntities(t: TerminalSession): Promise<string> {
  await t.waitFor((s) => /^article 1 of 60(?! ·)/m.test(s), { timeout: 60_000 });
  return entitiesScreen(t);
}

async function entitiesScreen(t: TerminalSession): Promise<string> {
  await t.press('e');
  return t.waitFor((s) => /^Entities · \d/m.test(s) && !s.includes('finding entities') && s.includes('Vladimir Putin'), { timeout: 60_000 });
}

async function quit(t: TerminalSession) {
  await t.press('esc');
  await t.waitFor((s) => /^article 1 of 60/m.test(s));
  await t.press('q');
  await t.exited();
  await t.dispose();
}

describe('a second interactive start: the library entity index', () => {
  let first = '';

  test('the first start saves the built index beside the library cache', async () => {
    const t = start();
    first = await libraryEntities(t);
    await quit(t);
    assert.match(first, /Angela Merkel/);
    assert.ok(statSync(indexFile()).size > 0);
  });

  test('is loaded, not rebuilt: the same entities, and no file of the cache written again', async () => {
    // Each file's inode too: every write is a rename over it, so a rebuilt and saved index shows.
    const files = () => readdirSync(libraryDir).map((n) => [n, statSync(join(libraryDir, n)).ino, readFileSync(join(libraryDir, n))]);
    const before = files();
    const t = start();
    assert.equal(await libraryEntities(t), first);
    await quit(t);
    assert.deepEqual(files(), before);
  });

  test('a saved index forged with escape sequences in a name is ignored and rebuilt, and none reaches the terminal', async () => {
    const file = indexFile();
    const decoded = decodeLibraryIndex(readFileSync(file));
    const at = decoded.header.strings.indexOf('Angela Merkel');
    assert.ok(at >= 0);
    decoded.header.strings[at] = `Angela${ESCAPES.join('')} Merkel`;
    writeFileSync(file, encodeLibraryIndex(decoded));
    const forgedIno = statSync(file).ino;
    const t = start();
    // Said in one line where the status goes, until a key.
    await t.waitFor((s) => /^entity index cache: ignored \//m.test(s), { timeout: 60_000 });
    assert.equal(await entitiesScreen(t), first);
    await quit(t);
    assert.deepEqual(ESCAPES.filter((e) => t.output().includes(e)), []);
    assert.ok(!t.titleChanges().some((title) => title.includes('pwned')));
    assert.notEqual(statSync(file).ino, forgedIno, 'the index was rebuilt and saved again');
  });
});
