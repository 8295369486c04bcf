import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Scratch } from '../../../source/core/search/scratch.js';

describe('Scratch', () => {
  it('gives a kept slot back zeroed, and never keeps the slots above the limit', () => {
    const scratch = new Scratch((n) => new Float64Array(n), 2);
    const a = scratch.get(0, 10);
    a.fill(7);
    const again = scratch.get(0, 10);
    assert.equal(again, a, 'a kept slot is reused');
    assert.deepEqual([...again], new Array(10).fill(0), 'and zeroed');
    assert.notEqual(scratch.get(0, 20), a, 'a longer request gets a bigger array');
    const high = scratch.get(5, 10);
    assert.notEqual(scratch.get(5, 10), high, 'slot 5 is above the limit: a fresh array each time');
  });
});
