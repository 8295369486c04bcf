// Saved web pages through the built CLI: the page reader is loaded only for a library that has a
// page (checked by logging every module the process and its threads load), pages are listed
// and shown as articles, duplicates are counted once, and an interactive session on a hostile
// page leaves the terminal, the network and the files alone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { hashTree, makeTempDir, waitForPage } from './fixtures';
import { cliPath, repoRoot, startLede } from './terminal';

const fixtures = join(repoRoot, 'test', 'fixtures', 'pages');
const temp = makeTempDir('lede-e2e-pages-');
let server: Server;
const requests: string[] = [];
let origin = '';

before(async () => {
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  temp.remove();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A folder under the temp dir with `files` in it. */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(temp.dir, name);
  for (const [file, content] of Object.entries(files)) {
    spawnSync('mkdir', ['-p', join(dir, file, '..')]);
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

function fixture(name: string): string {
  return readFileSync(join(fixtures, name), 'utf8').replaceAll('__ORIGIN__', origin);
}

/**
 * Runs the built CLI with a module hook that logs every module the process resolves, and a line
 * for every thread it starts, to a file; returns the result and the log.
 */
function runLogged(args: string[]): { status: number | null; stdout: string; stderr: string; log: string[] } {
  const log = join(temp.dir, `modules-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const hooks = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.LEDE_MODULE_LOG, 'module ' + resolved.url + '\\n');
  return resolved;
}`;
  const preload = `import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { appendFileSync } from 'node:fs';
if (!isMainThread) appendFileSync(process.env.LEDE_MODULE_LOG, 'thread started\\n');
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));`;
  const result = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(preload)}`, cliPath, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LEDE_MODULE_LOG: log, NODE_OPTIONS: '', LEDE_CACHE_DIR: join(temp.dir, 'cache') },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, log: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

/** Strings only the page reader's bundle holds: Readability's page id, linkedom's name. */
const READER_MARKS = /readability-page-1|linkedom/;

describe('the page reader is loaded only when a library has a page', () => {
  test('`lede list` of text, markdown and JSON loads neither the page worker nor any thread; with a page it does', () => {
    const plain = folder('plain', {
      'a.txt': 'A story\n\nIts text.',
      'b.md': '# Notes\n\nSome notes.',
      'c.json': JSON.stringify({ title: 'Scraped', content: '<p>S&#227;o Paulo</p>' }),
    });
    const without = runLogged(['list', plain]);
    assert.equal(without.status, 0, without.stderr);
    assert.equal(without.stdout.split('\n').filter(Boolean).length, 3);
    assert.ok(without.log.some((line) => line.endsWith('/dist/cli.js')), `the log records what loads:\n${without.log.join('\n')}`);
    assert.deepEqual(without.log.filter((line) => /page-worker|linkedom|readability|thread started/i.test(line)), [], 'no page reader, no thread');
    // Nor is the reader's code bundled into what did load: no file of it holds Readability's or linkedom's marks.
    const loadedFiles = without.log.filter((line) => line.startsWith('module file:') && line.includes('/dist/')).map((line) => fileURLToPath(line.slice('module '.length)));
    for (const file of loadedFiles) assert.doesNotMatch(readFileSync(file, 'utf8'), READER_MARKS, `${file} holds the page reader's code`);

    const withPage = folder('with-page', { 'a.txt': 'A story\n\nIts text.', 'page.html': fixture('bare.html') });
    const withIt = runLogged(['list', withPage]);
    assert.equal(withIt.status, 0, withIt.stderr);
    assert.match(withIt.stdout, /Minutes of the allotment committee/);
    assert.ok(withIt.log.some((line) => line.endsWith('/dist/page-worker.js')), `the page worker is loaded for a page:\n${withIt.log.join('\n')}`);
    assert.ok(withIt.log.includes('thread started'));
    assert.match(readFileSync(join(cliPath, '..', 'page-worker.js'), 'utf8'), READER_MARKS, 'the marks are there to be found where the reader is');
  });
});

describe('pages through the CLI', () => {
  test('`lede show page.html` prints the article, not the page’s tags', () => {
    const result = spawnSync(process.execPath, [cliPath, 'show', join(fixtures, 'news-jsonld.html'), '--width', '200'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'Reservoirs run dry as São Paulo rations water');
    assert.match(result.stdout, /2024-03-14T06:30:00-03:00 · The Harbour Ledger · Marina Duarte · https:\/\/ledger\.example\/world\/2024\/03\/sao-paulo-water/);
    assert.match(result.stdout, /\nSão Paulo began rationing water on Thursday/);
    assert.doesNotMatch(result.stdout, /<[a-z!/]|DOCTYPE|cookies|Share on/i);
  });

  test('a saved page piped in is read by the reader view, like a file', () => {
    const page = fixture('news-jsonld.html');
    const piped = spawnSync(process.execPath, [cliPath, '--json'], { encoding: 'utf8', timeout: 60_000, input: page });
    assert.equal(piped.status, 0, piped.stderr);
    const article = JSON.parse(piped.stdout) as { title: string; text: string; notes: string[] };
    assert.match(article.title, /Reservoirs run dry/);
    assert.doesNotMatch(article.text, /<[a-z!/]|cookies|Share on/i);
    assert.ok(!article.notes.some((n) => /without the reader view/.test(n)), JSON.stringify(article.notes));
  });

  test('the same story saved twice and kept as text is one article: the list and the entity counts have it once', () => {
    const page = '<html><head><title>Floods in Porto</title></head><body><p>The Douro rose four metres overnight in Porto, the mayor Rui Moreira said.</p></body></html>';
    const dir = folder('duplicates', {
      'a.html': page,
      'b/a-again.html': page,
      'c.txt': 'Floods in Porto\n\nThe Douro rose four metres overnight in Porto, the mayor Rui Moreira said.',
    });
    const list = JSON.parse(spawnSync(process.execPath, [cliPath, 'list', dir, '--json'], { encoding: 'utf8', timeout: 60_000 }).stdout) as {
      articles: { path: string; duplicates?: string[] }[];
    };
    assert.deepEqual(list.articles.map((a) => a.path), [join(dir, 'a.html')]);
    assert.deepEqual(list.articles[0]!.duplicates, [join(dir, 'b/a-again.html'), join(dir, 'c.txt')], 'the copies, named');
    const entities = spawnSync(process.execPath, [cliPath, 'entities', dir, '--json'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, LEDE_CACHE_DIR: join(temp.dir, 'cache') },
    });
    assert.equal(entities.status, 0, entities.stderr);
    const perArticle = JSON.parse(entities.stdout) as { path: string; entities: { name: string }[] }[];
    assert.equal(perArticle.length, 1, 'one article, so each entity is counted in one');
    assert.ok(perArticle[0]!.entities.some((e) => e.name === 'Porto'), JSON.stringify(perArticle[0]!.entities.map((e) => e.name)));
  });
});

test('an interactive session on a hostile page: the article is shown, the terminal, the network and the files are left alone', async () => {
  const dir = folder('interactive', { 'hostile.html': fixture('hostile.html'), 'news.html': fixture('news-jsonld.html') });
  const hashBefore = hashTree(dir);
  const initialTitle = 'lede-e2e: pages';
  const t = startLede([dir], { cols: 100, rows: 30, title: initialTitle });
  try {
    const list = await t.waitFor((s) => s.includes('Harbour crane collapse') && s.includes('Reservoirs run dry'));
    await t.waitForRawMode();
    assert.match(list, /2 articles/);
    await t.press('enter');
    await waitForPage(t, 1);
    const screen = t.screenText();
    assert.match(t.screen()[0] ?? '', /Harbour crane collapse: what we know/);
    assert.match(screen, /A container crane at the north quay collapsed/);
    assert.doesNotMatch(screen, /pwned|<script|javascript:/);
    assert.deepEqual(t.titleChanges(), [], 'no title change');
    assert.equal(t.title(), initialTitle);
    assert.deepEqual(t.clipboardWrites(), [], 'no clipboard write');
    assert.deepEqual(t.hyperlinkOpens(), [], 'no hyperlink');
    assert.equal(t.bellCount(), 0, 'no bell');
    assert.equal(t.isAlternateScreen(), true);
    await t.press('q');
    assert.equal((await t.exited()).exitCode, 0);
  } finally {
    await t.dispose();
  }
  assert.deepEqual(requests, [], 'nothing the page points at was fetched');
  assert.equal(hashTree(dir), hashBefore, 'the files are as they were');
});
