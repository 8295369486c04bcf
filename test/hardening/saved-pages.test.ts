// Slow tier: five 10 MB pages and a 20 MB one through the page worker, ~25 s of CPU.
// Saved web pages are untrusted like every file: no script in them runs, nothing they point at is
// fetched, a huge or pathological page neither hangs the loader nor takes unbounded memory, and
// the folder they are in is left exactly as it was.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hashTree } from '../e2e/fixtures';
import { BIG_PAGES } from '../fixtures/pages/generate-pages';
import { repoRoot, tempDir } from './support';
import { TS_LOADER_ARGS } from '../helpers/ts-loader-args';

const cli = join(repoRoot, 'dist', 'cli.js');
const hostileFixture = join(repoRoot, 'test', 'fixtures', 'pages', 'hostile.html');

/** A server on the loopback address that counts every request made to it. */
let server: Server;
let origin = '';
const requests: string[] = [];
let tree = '';

before(async () => {
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.end('<script>globalThis.__ledeFetched = true</script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tree = tempDir('pages');
  // The hostile page, pointing every script, frame, image, style, base and refresh at the server.
  writeFileSync(join(tree, 'hostile.html'), readFileSync(hostileFixture, 'utf8').replaceAll('__ORIGIN__', origin));
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function runLede(args: string[], cwd: string) {
  return spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LEDE_CACHE_DIR: join(tempDir('cache'), 'c'), FORCE_COLOR: '0' },
  });
}

describe('a hostile saved page', () => {
  test('loaded by the built CLI (in the page worker): no request reaches its URLs, no script writes a file, the article is clean', { timeout: 120_000 }, () => {
    const before = hashTree(tree);
    for (const args of [['list', tree], ['show', join(tree, 'hostile.html')], ['show', '--json', join(tree, 'hostile.html')]]) {
      const result = runLede(args, tree);
      assert.equal(result.status, 0, `lede ${args.join(' ')}: ${result.stderr}`);
      assert.doesNotMatch(result.stdout, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/, `no control character in lede ${args[0]}'s output`);
      assert.match(result.stdout, /Harbour crane collapse: what we know/);
    }
    const shown = JSON.parse(runLede(['show', '--json', join(tree, 'hostile.html')], tree).stdout) as { text: string };
    assert.match(shown.text, /^A container crane at the north quay collapsed/);
    assert.deepEqual(requests, [], 'nothing the page points at was fetched');
    assert.deepEqual(readdirSync(tree), ['hostile.html'], 'no script wrote a file next to the page');
    assert.equal(hashTree(tree), before, 'the page is exactly as it was');
  });

  test('read in a process whose every network connection and child process is counted: none is attempted, no script runs', { timeout: 60_000 }, () => {
    const script = `
      import net from 'node:net';
      import childProcess from 'node:child_process';
      import { readFileSync } from 'node:fs';
      const attempts = [];
      const original = net.Socket.prototype.connect;
      net.Socket.prototype.connect = function (...args) { attempts.push('connect ' + JSON.stringify(args[0])); return original.apply(this, args); };
      globalThis.fetch = (url) => { attempts.push('fetch ' + url); return Promise.reject(new Error('no')); };
      for (const name of ['spawn', 'exec', 'execFile', 'fork', 'spawnSync', 'execSync']) {
        const real = childProcess[name];
        childProcess[name] = (...args) => { attempts.push(name); return real(...args); };
      }
      const { readPage } = await import(${JSON.stringify(join(repoRoot, 'source', 'core', 'load', 'html', 'read-page.ts'))});
      const page = readPage(readFileSync(process.argv[1], 'utf8'));
      await new Promise((resolve) => setImmediate(resolve));
      const ran = ['__ledeScriptRan', '__ledeOnload', '__ledeOnerror', '__ledeSvg', '__ledeFrame', '__ledeFetched'].filter((name) => name in globalThis);
      console.log(JSON.stringify({ attempts, ran, title: page.title, paragraphs: page.paragraphs }));
    `;
    const child = spawnSync(process.execPath, [...TS_LOADER_ARGS, '--input-type=module', '-e', script, join(tree, 'hostile.html')], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 50_000,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    assert.equal(child.status, 0, child.stderr);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { attempts: string[]; ran: string[]; title: string; paragraphs: string[] };
    assert.deepEqual(result.attempts, [], 'no connection, fetch or child process');
    assert.deepEqual(result.ran, [], 'no script, event handler, frame or SVG script ran');
    assert.ok(result.paragraphs.some((p) => p.startsWith('A container crane')), 'the page was read');
    assert.deepEqual(requests, []);
    assert.ok(!readdirSync(repoRoot).includes('pwned-by-script'), 'no script wrote a file');
  });
});

interface LoadReport {
  articles: number;
  words: number;
  notes: string[];
  skipped: { path: string; reason: string }[];
  maxRssMiB: number;
}

/** Loads `paths` in a fresh process (the page worker included), with `options`, and reports. */
function loadInChild(paths: string[], options: Record<string, unknown> = {}): LoadReport {
  const script = `
    import { loadLibrary } from './source/core/load/index.ts';
    const library = await loadLibrary(${JSON.stringify(paths)}, ${JSON.stringify(options)});
    const article = library.articles[0];
    console.log(JSON.stringify({ articles: library.articles.length, words: article?.words ?? 0, notes: article?.notes ?? [],
      skipped: library.skipped, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  `;
  // The hang guard: far beyond the ~1-2 s each page takes.
  const child = spawnSync(process.execPath, [...TS_LOADER_ARGS, '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 100_000 });
  assert.equal(child.error, undefined, `the load finished (${String(child.error)})`);
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as LoadReport;
}

describe('10 MB pages', () => {
  const tenMB = 10 * 1024 * 1024;
  for (const [kind, make] of Object.entries(BIG_PAGES)) {
    test(`a 10 MB page of ${kind}: read whole, without hanging, in bounded memory`, { timeout: 120_000 }, () => {
      const dir = tempDir(`big-${kind}`);
      writeFileSync(join(dir, `${kind}.html`), make(tenMB));
      const report = loadInChild([dir]);
      console.log(`10 MB ${kind}: ${report.words} words, peak RSS ${report.maxRssMiB.toFixed(0)} MiB, notes ${JSON.stringify(report.notes)}`);
      assert.equal(report.articles, 1, JSON.stringify(report.skipped));
      assert.ok(report.words >= (kind === 'nested' ? 3 : 100_000), `the page's text is read (${report.words} words)`);
      // Measured 190-400 MiB; an unbounded DOM or a copy per paragraph would be gigabytes.
      assert.ok(report.maxRssMiB < 1024, `peak RSS ${report.maxRssMiB.toFixed(0)} MiB`);
    });
  }

  test('a page over the 16 MiB cap is read up to it, and says so', { timeout: 120_000 }, () => {
    const dir = tempDir('big-capped');
    writeFileSync(join(dir, 'huge.html'), BIG_PAGES.paragraphs!(20 * 1024 * 1024));
    const report = loadInChild([dir]);
    assert.equal(report.articles, 1);
    assert.ok(report.notes.includes('truncated at 16 MiB'), JSON.stringify(report.notes));
  });
});

describe('a page the reader view is slow on', () => {
  test('is read from its markup alone once it takes longer than the limit, with a note saying why', { timeout: 120_000 }, () => {
    const dir = tempDir('slow');
    // 5,000 link-only blocks: the reader view finds no article and retries (~4 s measured). A 50 ms limit cannot be met.
    writeFileSync(join(dir, 'links.html'), BIG_PAGES.links!(330_000));
    writeFileSync(join(dir, 'next.html'), '<html><head><title>After the slow page</title></head><body><p>Read normally.</p></body></html>');
    const report = loadInChild([join(dir, 'links.html')], { pageTimeoutMs: 50 });
    assert.equal(report.articles, 1);
    assert.deepEqual(report.notes, ['read without the reader view (took over 0.05 s): menus and other page chrome may remain']);
    assert.ok(report.words > 10_000, 'its text is all there');
    const next = loadInChild([dir], { pageTimeoutMs: 50 });
    assert.equal(next.articles, 2, 'the page after a stopped one is read by a new worker');
  });
});

describe('pages that are not articles', () => {
  test('each is skipped with a reason, or read as what it is, never a crash', { timeout: 60_000 }, () => {
    const dir = tempDir('odd');
    const pages: Record<string, string | Buffer> = {
      'empty.html': '',
      'blank.html': '  \n\t ',
      'scripts-only.html': '<html><head><script>var a = 1;</script><style>p{}</style></head><body><script>b()</script></body></html>',
      'binary.html': Buffer.from([0x3c, 0x68, 0, 1, 2, 0xff, 0]),
      'frameset.html': '<html><head><title>Frames</title></head><frameset><frame src="a.html"></frameset></html>',
      'xhtml.htm': '<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><title>XHTML page</title></head><body><p>Served as XML once.</p></body></html>',
      'fragment.html': 'Just some text, no tags at all.',
      'unclosed.html': '<html><body><p>Text before a tag that never ends <a href="',
    };
    for (const [name, content] of Object.entries(pages)) writeFileSync(join(dir, name), content);
    const script = `
      import { loadLibrary } from './source/core/load/index.ts';
      const library = await loadLibrary([${JSON.stringify(dir)}]);
      const name = (path) => path.slice(${dir.length + 1});
      console.log(JSON.stringify({ articles: library.articles.map((a) => [name(a.path), a.title, a.text]), skipped: library.skipped.map((s) => [name(s.path), s.reason]) }));
    `;
    const child = spawnSync(process.execPath, [...TS_LOADER_ARGS, '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 50_000 });
    assert.equal(child.status, 0, child.stderr);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { articles: [string, string, string][]; skipped: [string, string][] };
    assert.deepEqual(new Map(result.skipped), new Map([
      ['binary.html', 'binary (NUL bytes)'],
      ['blank.html', 'empty'],
      ['empty.html', 'empty'],
      ['scripts-only.html', 'no text in this page'],
    ]));
    const read = new Map(result.articles.map(([name, title, text]) => [name, [title, text]]));
    assert.deepEqual(read.get('xhtml.htm'), ['XHTML page', 'Served as XML once.']);
    assert.deepEqual(read.get('fragment.html'), ['Just some text, no tags at all.', 'Just some text, no tags at all.'], 'a title taken from the text leaves the text whole');
    assert.deepEqual(read.get('frameset.html'), ['Frames', '']);
    assert.equal(read.get('unclosed.html')?.[0], 'Text before a tag that never ends');
  });
});

describe('read-only, with saved pages', () => {
  test('every subcommand leaves a folder of pages, scraped JSON and duplicates exactly as it was', { timeout: 300_000 }, () => {
    const dir = tempDir('read-only-pages');
    const pages = join(repoRoot, 'test', 'fixtures', 'pages');
    for (const name of ['news-jsonld.html', 'blog-opengraph.html', 'bare.html']) writeFileSync(join(dir, name), readFileSync(join(pages, name)));
    writeFileSync(join(dir, 'hostile.htm'), readFileSync(hostileFixture, 'utf8').replaceAll('__ORIGIN__', origin));
    writeFileSync(join(dir, 'copy-of-bare.html'), readFileSync(join(pages, 'bare.html')));
    writeFileSync(join(dir, 'scraped.jsonl'), `${JSON.stringify({ title: 'S&#227;o Paulo', content: '<p>Rationing in S&#227;o Paulo.</p><p>Day two.</p>' })}\n`);
    const before = hashTree(dir);
    const runs = [
      ['list', dir], ['list', dir, '--json'], ['show', join(dir, 'news-jsonld.html')], ['show', join(dir, 'hostile.htm'), '--json'],
      ['search', 'reservoir', dir], ['search', "'tide | crane", dir, '--json'], ['entities', dir], ['entities', dir, '--json'],
    ];
    for (const args of runs) {
      const result = runLede(args, dir);
      assert.equal(result.status, 0, `lede ${args.join(' ')}: ${result.stderr}`);
      assert.ok(result.stdout.length > 0, `lede ${args[0]} printed something`);
      assert.equal(hashTree(dir), before, `lede ${args.join(' ')} changed the folder`);
    }
    assert.deepEqual(requests, []);
  });
});
