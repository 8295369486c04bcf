// The library cache is read in libuv's pool, under own-files' rules: what readOwnBytes answers,
// readOwnBytesInPool answers, for a good file and for each thing a hostile user can put there.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readOwnBytesInPool } from '../../../source/core/load/read-own-bytes-async.js';
import { readOwnBytes } from '../../../source/core/own-files.js';
import { specialFileTampers } from '../../helpers/special-own-files.js';

const root = mkdtempSync(join(tmpdir(), 'lede-read-own-bytes-'));
after(() => rmSync(root, { recursive: true, force: true }));
const MAX = 64 * 1024;
let serial = 0;
const fresh = (bytes: Buffer | string): string => {
  const file = join(root, `${serial++}.cache`);
  writeFileSync(file, bytes);
  return file;
};

test('a file, an empty one, one at the cap and a missing one: the same answers as readOwnBytes', async () => {
  const files = [fresh('lede library cache\nbytes'), fresh(''), fresh(Buffer.alloc(MAX, 7)), join(root, 'missing.cache')];
  for (const file of files) assert.deepEqual(await readOwnBytesInPool(file, MAX), readOwnBytes(file, MAX), file);
  const read = await readOwnBytesInPool(files[2]!, MAX);
  assert.ok(read.ok && read.bytes.equals(Buffer.alloc(MAX, 7)));
});

for (const [name, tamper, said] of specialFileTampers(MAX)) {
  test(`${name}: refused as readOwnBytes refuses it`, async () => {
    const file = fresh('lede library cache\n');
    tamper(file);
    const read = await readOwnBytesInPool(file, MAX);
    assert.equal(read.ok, false);
    assert.match(read.ok ? '' : read.reason, said);
    assert.deepEqual(read, readOwnBytes(file, MAX));
  });
}
