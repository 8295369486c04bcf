import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_RESERVE, PostingStore } from '../../../source/core/search/postings.js';

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

  it('keeps lists whole across pages, at about two bytes a posting for an index of articles in order', () => {
    const store = new PostingStore();
    const terms = 5000;
    const docs = 400; // 2 million postings, as a search index makes them: doc * 4096 + flags << 10 + count
    const posting = (doc: number, id: number) => doc * 4096 + (2 << 10) + 1 + ((doc * 7 + id) % 5);
    for (let doc = 0; doc < docs; doc++) for (let id = 0; id < terms; id++) store.add(id, posting(doc, id));
    for (const id of [0, 1, 2499, 4999]) {
      const list = listOf(store, id);
      assert.equal(list.length, docs);
      list.forEach((v, doc) => assert.equal(v, posting(doc, id)));
    }
    // Two bytes a posting (the change of article, then flags and count) and the block links fit
    // in two 4 MiB pages, with seven per-term arrays; as four-byte ints they took three pages.
    assert.ok(store.bytes <= 2 * 4 * 2 ** 20 + 7 * 4 * 8192, `${store.bytes} bytes`);
  });

  it('a term given its count first (reserve) holds its postings in one run, and more after it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.nat(20)), { minLength: 1, maxLength: 30 }), (terms) => {
        const store = new PostingStore();
        terms.forEach(([count], id) => {
          store.reserve(id, count);
          store.addAll(id, Int32Array.from({ length: count }, (_, k) => id * 10_000 + k), 0, count);
        });
        // Then more, as a build would add (the store does not care which way a term began).
        terms.forEach(([count, more], id) => {
          for (let k = 0; k < more; k++) store.add(id, id * 10_000 + count + k);
        });
        terms.forEach(([count, more], id) => {
          assert.deepEqual(listOf(store, id), Array.from({ length: count + more }, (_, k) => id * 10_000 + k));
          assert.equal(store.count(id), count + more);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('reserve is refused for a term that has postings, and for a count no page can hold', () => {
    const store = new PostingStore();
    store.add(0, 1);
    assert.throws(() => store.reserve(0, 4), RangeError);
    assert.throws(() => store.reserve(1, 0), RangeError);
    assert.throws(() => store.reserve(1, MAX_RESERVE + 1), RangeError);
    store.reserve(1, MAX_RESERVE);
    assert.equal(store.count(1), 0);
  });
});
