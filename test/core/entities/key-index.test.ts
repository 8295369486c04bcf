/** The lexicons' hash index finds every key where a binary search over the sorted keys does. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeClusters, decodeGazetteer, findKey, findKeySorted, KeyIndex } from '../../../source/core/entities/lexicons.js';
import { CLUSTERS } from '../../../source/core/entities/model/clusters.js';
import { GAZETTEER } from '../../../source/core/entities/model/gazetteer.js';

test('random tables, duplicates included: present keys at their first position, absent ones -1', () => {
  fc.assert(
    fc.property(fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 300 }), fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 50 }), (raw, probes) => {
      // Few distinct values too, so that duplicates and clustered slots are common.
      const keys = Uint32Array.from([...raw, ...raw.slice(0, 20).map((x) => x & 0xff)]).sort();
      const index = new KeyIndex(keys);
      for (const k of [...keys, ...probes, 0, 0xffffffff]) assert.equal(index.find(k), findKeySorted(keys, k), String(k));
    }),
    { numRuns: 500 },
  );
});

test('the shipped gazetteer and clusters: every key found, neighbours of keys not', () => {
  for (const keys of [decodeGazetteer(GAZETTEER).keys, decodeClusters(CLUSTERS).keys]) {
    assert.ok(keys.length > 10_000);
    for (let i = 0; i < keys.length; i++) {
      assert.equal(findKey(keys, keys[i]!), findKeySorted(keys, keys[i]!));
      const next = (keys[i]! + 1) >>> 0;
      assert.equal(findKey(keys, next), findKeySorted(keys, next));
    }
  }
});

test('an empty table finds nothing', () => {
  assert.equal(new KeyIndex(new Uint32Array(0)).find(7), -1);
});
