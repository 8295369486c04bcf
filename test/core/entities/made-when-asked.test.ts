import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MadeWhenAsked } from '../../../source/core/entities/made-when-asked.js';

test('made when first asked, once, and answering every question as the map it makes', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.string(), fc.integer())), fc.string(), (pairs, probe) => {
      const map = new Map(pairs);
      let made = 0;
      const lazy = new MadeWhenAsked(() => (made++, new Map(pairs)));
      assert.equal(made, 0, 'made before it was asked anything');
      assert.equal(lazy.size, map.size);
      assert.equal(lazy.get(probe), map.get(probe));
      assert.equal(lazy.has(probe), map.has(probe));
      assert.deepEqual([...lazy], [...map]);
      assert.deepEqual([...lazy.keys()], [...map.keys()]);
      assert.deepEqual([...lazy.values()], [...map.values()]);
      assert.deepEqual([...lazy.entries()], [...map.entries()]);
      const seen: [string, number][] = [];
      lazy.forEach(function (this: unknown, value, key, owner) {
        assert.equal(owner, lazy);
        assert.equal(this, seen);
        seen.push([key, value]);
      }, seen);
      assert.deepEqual(seen, [...map]);
      assert.equal(made, 1);
    }),
  );
});
