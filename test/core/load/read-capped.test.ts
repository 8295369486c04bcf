// The synchronous and asynchronous readers share one reading loop; they must agree byte for byte.
// (Pipes, FIFOs and files that would block are in test/hardening/special-files.test.ts, each in a
// child process under a hang guard.)
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readFileCapped } from '../../../source/core/load/read-capped.js';
import { readFileCappedSync } from '../../helpers/read-sync.js';
import { makeTree } from './tmp-tree.js';

const CAP = 100;
const SIZES = [0, 1, CAP - 1, CAP, CAP + 1, 3 * CAP, 70_000];

describe('readFileCapped and readFileCappedSync', () => {
  test('the first min(size, cap) bytes, and whether there was more, for every size around the cap', async () => {
    const files = Object.fromEntries(SIZES.map((size) => [`f${size}`, Buffer.from(Array.from({ length: size }, (_, i) => i % 251))]));
    const { root, cleanup } = await makeTree(files);
    try {
      for (const size of SIZES) {
        const path = join(root, `f${size}`);
        const expected = { bytes: files[`f${size}`]!.subarray(0, CAP), truncated: size > CAP };
        const sync = readFileCappedSync(path, CAP);
        const async = await readFileCapped(path, CAP);
        assert.deepEqual([Buffer.from(sync.bytes), sync.truncated], [expected.bytes, expected.truncated], `sync, ${size} bytes`);
        assert.deepEqual([Buffer.from(async.bytes), async.truncated], [expected.bytes, expected.truncated], `async, ${size} bytes`);
      }
      const whole = readFileCappedSync(join(root, 'f70000'), 1 << 20);
      assert.deepEqual([whole.bytes.length, whole.truncated], [70_000, false]);
    } finally {
      await cleanup();
    }
  });

  test('a file whose size is unknown (/proc) is read in chunks up to the cap, the same both ways', { skip: !existsSync('/proc/self/status') && 'no /proc' }, async () => {
    const sync = readFileCappedSync('/proc/self/status', 10);
    const async = await readFileCapped('/proc/self/status', 10);
    assert.deepEqual([sync.bytes.length, sync.truncated], [10, true]);
    assert.match(Buffer.from(sync.bytes).toString(), /^Name:\t/);
    assert.deepEqual([Buffer.from(async.bytes), async.truncated], [Buffer.from(sync.bytes), true]);
    const all = readFileCappedSync('/proc/self/status', 1 << 20);
    assert.equal(all.truncated, false);
    assert.match(Buffer.from(all.bytes).toString(), /^Pid:\s+\d+$/m);
  });
});
