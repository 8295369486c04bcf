import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import {
  codeCacheDirectory,
  codeCacheFile,
  codeCacheKey,
  currentRuntime,
  MAX_CODE_CACHE_BYTES,
  readCodeCache,
  writeCodeCache,
} from '../../source/core/script-code-cache';
import { specialFileTampers } from '../helpers/special-own-files';

const tmp = mkdtempSync(join(tmpdir(), 'lede-script-code-cache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
const freshDir = () => join(tmp, `dir-${n++}`, 'code');
const payload = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) & 0xff));
const source = 'b5f1d3c0e2a4968778695a4b3c2d1e0f00112233445566778899aabbccddeeff';
const key = codeCacheKey(source, currentRuntime());

test('a cache written for a source is read back for that source, in <cache>/code, with no temporary file left', () => {
  const dir = freshDir();
  const file = codeCacheFile(dir, 'interactive');
  assert.equal(writeCodeCache(file, key, payload), true);
  assert.deepEqual(readCodeCache(file, key), payload);
  assert.deepEqual(readdirSync(dir), ['interactive.v8']);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(codeCacheDirectory({ LEDE_CACHE_DIR: join(tmp, 'c') }), join(tmp, 'c', 'code'));
  assert.equal(codeCacheDirectory({ LEDE_CACHE_DIR: join(tmp, 'c'), LEDE_CODE_CACHE: 'off' }), null);
});

test("the key changes with the source's digest and with each part of the runtime", () => {
  const runtime = currentRuntime();
  const keys = [
    codeCacheKey(source, runtime),
    codeCacheKey(`${source.slice(1)}0`, runtime),
    codeCacheKey(source, { ...runtime, node: 'v99.0.0' }),
    codeCacheKey(source, { ...runtime, v8: '1.2.3' }),
    codeCacheKey(source, { ...runtime, arch: 'riscv64' }),
    codeCacheKey(source, { ...runtime, tag: runtime.tag + 1 }),
  ];
  assert.equal(new Set(keys.map((k) => k.toString('hex'))).size, keys.length);
  // Another source of the same length: V8 itself would take the cache (it checks the length only); the key does not.
  const file = codeCacheFile(freshDir(), 'cli');
  writeCodeCache(file, key, payload);
  assert.equal(readCodeCache(file, codeCacheKey(source.replace('b', 'c'), runtime)), undefined);
  assert.equal(readCodeCache(file, codeCacheKey(source, { ...runtime, node: 'v99.0.0' })), undefined);
});

test('any byte changed anywhere in the file, or the file cut short, makes it a miss', () => {
  const file = codeCacheFile(freshDir(), 'interactive');
  writeCodeCache(file, key, payload);
  const good = readFileSync(file);
  fc.assert(
    fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), (at, flip) => {
      const bad = Buffer.from(good);
      bad[at]! ^= flip;
      writeFileSync(file, bad);
      assert.equal(readCodeCache(file, key), undefined);
    }),
    { numRuns: 300 },
  );
  for (const length of [0, 10, 18, 18 + 32, 18 + 64, good.length - 1]) {
    writeFileSync(file, good.subarray(0, length));
    assert.equal(readCodeCache(file, key), undefined, `cut to ${length} bytes`);
  }
  writeFileSync(file, good);
  assert.deepEqual(readCodeCache(file, key), payload);
});

for (const [name, tamper] of specialFileTampers(MAX_CODE_CACHE_BYTES)) {
  test(`a miss, never a blocked read: ${name}`, () => {
    const file = codeCacheFile(freshDir(), 'interactive');
    writeCodeCache(file, key, payload);
    tamper(file);
    assert.equal(readCodeCache(file, key), undefined);
  });
}

test('nothing is written that could not be read back (empty, past the cap), nor where no directory can be made; never a throw', () => {
  const dir = freshDir();
  assert.equal(writeCodeCache(codeCacheFile(dir, 'a'), key, new Uint8Array(0)), false);
  assert.equal(writeCodeCache(codeCacheFile(dir, 'b'), key, new Uint8Array(MAX_CODE_CACHE_BYTES)), false);
  assert.equal(existsSync(codeCacheFile(dir, 'a')) || existsSync(codeCacheFile(dir, 'b')), false);
  const blocker = join(tmp, `blocker-${n++}`);
  writeFileSync(blocker, 'a file where the directory would go');
  assert.equal(writeCodeCache(codeCacheFile(join(blocker, 'code'), 'c'), key, payload), false);
  // A directory where the cache file would go: the rename fails, and the temporary file goes.
  const taken = freshDir();
  mkdirSync(codeCacheFile(taken, 'd'), { recursive: true });
  assert.equal(writeCodeCache(codeCacheFile(taken, 'd'), key, payload), false);
  assert.deepEqual(readdirSync(taken), ['d.v8']);
});
