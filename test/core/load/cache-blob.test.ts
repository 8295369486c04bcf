// The library cache's blob stays in its file: bodies are read from it when asked for, and checked
// each time, so a file changed under a running lede (after its digests passed) shows nothing it
// should not; the file is read under own-files' rules.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readCacheFile } from '../../../source/core/load/cache-blob.js';
import { CACHE_PREFIX_BYTES, headBytesOf } from '../../../source/core/load/library-cache-format.js';
import { loadLibrary } from '../../../source/core/load/library.js';
import { readOwnBytes } from '../../../source/core/own-files.js';
import { containsTerminalControls } from '../../../source/core/sanitize.js';
import { parse } from '../../helpers/library-cache-file.js';
import { specialFileTampers } from '../../helpers/special-own-files.js';

const root = mkdtempSync(join(tmpdir(), 'lede-cache-blob-'));
after(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;

async function cachedLibrary(bodies: string[]) {
  const tree = join(root, `tree-${serial}`);
  const cache = join(root, `cache-${serial++}`);
  mkdirSync(tree);
  bodies.forEach((body, i) => {
    const path = join(tree, `${i}.txt`);
    writeFileSync(path, `Title ${i}\n\n${body}`);
    utimesSync(path, 1_600_000_000 + i, 1_600_000_000 + i);
  });
  const problems: string[] = [];
  const load = () => loadLibrary([tree], { cache: { dir: cache, minArticles: 0, onProblem: (p) => problems.push(p) } });
  await load();
  const file = join(cache, readdirSync(cache).find((name) => name.endsWith('.cache'))!);
  return { load, file, problems };
}

/** Writes `bytes` over the cache file at `at`, in place: the same file, as a running lede has it open. */
function overwrite(file: string, at: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, at);
  closeSync(fd);
}

test('a body is read from the file when asked for: changed there since the start, the change shows only as clean text', async () => {
  const { load, file, problems } = await cachedLibrary(['The talks in Moscow lasted three hours.', 'Nothing was signed.']);
  const library = await load();
  assert.deepEqual(problems, []);
  const blobAt = readFileSync(file).length - parse(readFileSync(file)).blob.length;
  // The same length, the same words: what the loader could have made, read as it now is.
  overwrite(file, blobAt + 'The talks in '.length, Buffer.from('Kyiv  '.replace('  ', 'ab')));
  assert.equal(library.articles[0]!.text, 'The talks in Kyivab lasted three hours.');
  // Escape sequences forged into the second body, its length kept: never shown, said once.
  const second = blobAt + Buffer.byteLength('The talks in Moscow lasted three hours.');
  overwrite(file, second, Buffer.from('\x1b]0;pwned\x07signed.'.slice(0, 'Nothing was signed.'.length).padEnd('Nothing was signed.'.length, 'x')));
  const text = library.articles[1]!.text;
  assert.ok(!containsTerminalControls(text), JSON.stringify(text));
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0]!, /was not as lede wrote it/);
});

test('a body read again after a clean first read is checked again', async () => {
  const { load, file, problems } = await cachedLibrary(['Putin met Netanyahu in Moscow.', 'Second article.']);
  const library = await load();
  assert.equal(library.articles[0]!.text, 'Putin met Netanyahu in Moscow.');
  const blobAt = readFileSync(file).length - parse(readFileSync(file)).blob.length;
  overwrite(file, blobAt, Buffer.from('\x1b[2J'));
  // Past the small cache of recently read texts (text-store.ts), so the file is read again.
  for (let i = 0; i < 100; i++) void library.articles[1]!.text;
  const again = library.articles[0]!.text;
  assert.ok(!containsTerminalControls(again), JSON.stringify(again));
  assert.equal(problems.length, 1, problems.join('\n'));
});

const MAX = 64 * 1024;
for (const [name, tamper, said] of specialFileTampers(MAX)) {
  test(`${name}: refused as readOwnBytes refuses it`, async () => {
    const file = join(root, `${serial++}.cache`);
    writeFileSync(file, 'lede library cache\n');
    tamper(file);
    const read = await readCacheFile(file, MAX, CACHE_PREFIX_BYTES, headBytesOf);
    assert.equal(read.ok, false);
    assert.match(read.ok ? '' : read.reason, said);
    assert.deepEqual(read, readOwnBytes(file, MAX));
  });
}

test('bodies read again and again from an unchanged file: the same texts, nothing said', async () => {
  const { load, problems } = await cachedLibrary(['Putin met Netanyahu in Moscow.', 'Second article.']);
  const library = await load();
  const first = library.articles.map((a) => a.text);
  for (let i = 0; i < 3; i++) assert.deepEqual(library.articles.map((a) => a.text), first);
  assert.deepEqual(problems, []);
});
