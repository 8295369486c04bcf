// A large library's files are stat'ed in a worker while the cache is read: the identities it
// gives are the ones a look at each file gives, and a second start still sees every change.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FileIdentities } from '../../../source/core/load/file-identities.js';
import { fileIdentity } from '../../../source/core/load/file-identity.js';
import { generationOf } from '../../../source/core/load/library-cache.js';
import { loadLibrary } from '../../../source/core/load/library.js';

const root = mkdtempSync(join(tmpdir(), 'lede-file-identities-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Times in the past, each write its own second: old enough for the cache to trust (isSettled). */
let clock = Date.UTC(2020, 0, 1) / 1000;
function writeArticle(path: string, content: string): number {
  writeFileSync(path, content);
  clock += 1;
  utimesSync(path, clock, clock);
  return clock;
}

test('the worker’s identities are each file’s own: regular, empty, a folder, a link, a missing path', async () => {
  const dir = join(root, 'kinds');
  mkdirSync(dir);
  writeArticle(join(dir, 'a.txt'), 'A title\n\nA body.');
  writeArticle(join(dir, 'b.txt'), 'B title\n\nAnother body.');
  writeFileSync(join(dir, 'empty.txt'), '');
  mkdirSync(join(dir, 'folder'));
  symlinkSync(join(dir, 'a.txt'), join(dir, 'link.txt'));
  const paths = ['a.txt', 'b.txt', 'empty.txt', 'folder', 'link.txt', 'gone.txt'].map((name) => join(dir, name));
  const identities = FileIdentities.start(paths, 0);
  await identities.ready();
  assert.ok(identities.fromAWorker, 'answered by the worker');
  assert.deepEqual(paths.map((_, at) => identities.of(at)), paths.map((path) => fileIdentity(path)));
  assert.ok(identities.of(0) && identities.of(1) && identities.of(4));
  assert.equal(identities.of(2), undefined);
});

test('a small library is stat’ed here, file by file', async () => {
  const identities = FileIdentities.start([join(root, 'nothing.txt')]);
  await identities.ready();
  assert.equal(identities.fromAWorker, false);
  assert.equal(identities.of(0), undefined);
});

test('with the worker, a warm start gives the cold start’s library, and sees a file rewritten under the same size and times', async () => {
  const tree = join(root, 'tree');
  const cache = join(root, 'cache');
  mkdirSync(tree);
  const times = Array.from({ length: 4 }, (_, i) => writeArticle(join(tree, `${i}.txt`), `Title ${i}\n\nBody number ${i}.`));
  const warm = () => loadLibrary([tree], { cache: { dir: cache, minArticles: 0, identityWorkerFrom: 0 } });
  const cold = async () => JSON.stringify(await loadLibrary([tree], { cache: null }));
  const first = await warm();
  const second = await warm();
  assert.equal(JSON.stringify(second), await cold());
  // Every file a hit (the worker's identities are the cached ones): nothing rewritten, the same generation.
  assert.ok(generationOf(first));
  assert.equal(generationOf(second), generationOf(first));
  // Same size, same modification time: only the change time (and the bytes) differ.
  const path = join(tree, '2.txt');
  writeFileSync(path, 'Title 2\n\nBody NUMBER 2.');
  utimesSync(path, times[2]!, times[2]!);
  const again = await warm();
  assert.equal(again.articles[2]?.text, 'Body NUMBER 2.');
  assert.equal(JSON.stringify(again), await cold());
  assert.notEqual(generationOf(again), generationOf(first));
});
