import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { groupedCount } from '../../source/core/count-format';

test('a count is grouped as toLocaleString("en-US") groups it', () => {
  for (const n of [0, 7, 999, 1000, 2225, 20_000, 100_000, 1_234_567, -1, -1000, Number.MAX_SAFE_INTEGER, -0]) {
    assert.equal(groupedCount(n), n.toLocaleString('en-US'), String(n));
  }
  fc.assert(fc.property(fc.maxSafeInteger(), (n) => groupedCount(n) === n.toLocaleString('en-US')));
  fc.assert(fc.property(fc.double(), (n) => groupedCount(n) === n.toLocaleString('en-US')));
});
