import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PostingStore } from '../../../source/core/search/postings.js';

function listOf(store: PostingStore, id: number): number[] {
  const out: number[] = [];
  store.forEach(id, (v) => out.push(v));
  return out;
}

describe('PostingStore', () => {
  it('gives back every term its postings, in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.integer()), { maxLength: 3000 }), (adds) => {
        const store = new PostingStore();
        const expected = new Map<number, number[]>();
        for (const [id, value] of adds) {
          store.add(id, value);
          expected.set(id, [...(expected.get(id) ?? []), value]);
        }
        for (let id = 0; id <= 41; id++) {
          assert.deepEqual(listOf(store, id), expected.get(id) ?? []);
          assert.equal(store.count(id), expected.get(id)?.length ?? 0);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps lists whole across pages (millions of postings over thousands of terms)', () => {
    const store = new PostingStore();
    const terms = 5000;
    const perTerm = 400; // 2 million postings: two pages and a half
    for (let round = 0; round < perTerm; round++) for (let id = 0; id < terms; id++) store.add(id, round * terms + id);
    for (const id of [0, 1, 2499, 4999]) {
      const list = listOf(store, id);
      assert.equal(list.length, perTerm);
      list.forEach((v, round) => assert.equal(v, round * terms + id));
    }
    // 2 million postings and their block links fit in three 4 MiB pages, with no growth slack.
    assert.ok(store.bytes <= 3 * 4 * 2 ** 20 + 5 * 4 * 8192, `${store.bytes} bytes`);
  });
});
