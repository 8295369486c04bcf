// The fast typo machinery against the plain definitions it optimises: a full dynamic-programming
// edit distance, and a linear scan of the vocabulary. Each fast path (banded rows, early exit,
// character masks, cached prefix expansions) must give exactly what the definition gives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { boundedDistance, maxTypos } from '../../../source/core/search/distance.js';
import { Vocabulary } from '../../../source/core/search/vocabulary.js';

/** Optimal string alignment distance (insert, delete, substitute, swap neighbours), the whole table. */
function osaDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The distance from `a` to the closest prefix of `b`. */
function prefixDistance(a: string, b: string): number {
  let best = Infinity;
  for (let k = 0; k <= b.length; k++) best = Math.min(best, osaDistance(a, b.slice(0, k)));
  return best;
}

// Words from a small alphabet, so that near misses (the interesting cases) are common.
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'e', 'n', 'r', 's', 't', 'y', 'u', 'h', 'ğ', '1'), minLength: 1, maxLength: 11 });

describe('typo tolerance against its definitions', () => {
  it('boundedDistance is the OSA distance, capped at max + 1 (and the prefix form the best prefix’s)', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        assert.equal(boundedDistance(a, b, max), Math.min(osaDistance(a, b), max + 1), `${a} / ${b} / ${max}`);
        assert.equal(boundedDistance(a, b, max, true), Math.min(prefixDistance(a, b), max + 1), `prefix ${a} / ${b} / ${max}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('Vocabulary.expand finds exactly the words, prefixes and typos a scan of every term finds', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 60 }), fc.array(word, { minLength: 1, maxLength: 6 }), (terms, queries) => {
        const vocab = new Vocabulary();
        for (const t of terms) vocab.intern(t);
        // Typed key by key, so expansions come from the cache of a shorter prefix too.
        for (const q of queries.flatMap((query) => Array.from(query, (_, i) => query.slice(0, i + 1)))) {
          const got = vocab.expand(q);
          const kinds = new Map(got.ids.map((id, k) => [vocab.terms[id]!, got.kinds[k]]));
          const typos = maxTypos(q.length);
          const expected = new Map<string, string>();
          for (const t of terms) {
            if (t === q) expected.set(t, 'word');
            else if (t.startsWith(q)) expected.set(t, 'prefix');
            else if (typos > 0 && osaDistance(q, t) <= typos) expected.set(t, 'typo');
          }
          if (expected.size === 0 && typos > 0) {
            for (const t of terms) if (t.length >= q.length && prefixDistance(q, t) <= typos) expected.set(t, 'typoPrefix');
          }
          assert.deepEqual(new Map([...kinds].sort()), new Map([...expected].sort()), `expanding ${q} over ${terms.join(' ')}`);
        }
      }),
      { numRuns: 400 },
    );
  });
});
