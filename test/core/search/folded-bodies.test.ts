import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fold, foldWithMap, isWordUnit } from '../../../source/core/search/fold.js';
import { FoldedBodies, foldWords, wordBounds } from '../../../source/core/search/folded-bodies.js';
import { computeMatches, foldedRanges, type TermMatcher } from '../../../source/core/search/highlight.js';

const PIECES = ['a', 'ne', 'net', 'netanyahu', 'netanyhau', 'syria', 'Erdoğan', 'é', 'e\u0301', 'ß', 'ﬁ', '😀', '𝒜', ' ', ' ', '.', '-', "'", '\n\n'];
const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 50 }).map((parts) => parts.join(''));
const TYPOS = ['netanyhau', 'netanyahu', 'syria', 'a', 'erdogan', 'ne', 'ss', 'fi', 'e', 'net', 'x-y', 'ab', 'cd', 'ef', 'gh', 'ij', 'kl', 'mn', 'op', 'qr', 'st'];
const matcherArb: fc.Arbitrary<TermMatcher> = fc.record({
  kind: fc.constant('fuzzy' as const),
  q: fc.constantFrom('n', 'ne', 'net', 'netanyahu', 'syr', 'e', 'ss', 'fi'),
  // Up to 3 typos are looked for one by one, more than 16 (or one that is not a word) word by word.
  typos: fc
    .oneof(fc.uniqueArray(fc.constantFrom(...TYPOS), { maxLength: 3 }), fc.uniqueArray(fc.constantFrom(...TYPOS), { minLength: 17 }))
    .map((t) => new Set(t)),
});

/** Word tokens found the plain way: a unit at a time, each maximal run of word units. */
function naiveWords(s: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < s.length; ) {
    if (!isWordUnit(s, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && isWordUnit(s, i)) i++;
    out.push([start, i]);
  }
  return out;
}

describe('folded bodies', () => {
  it('wordBounds gives every maximal run of word units, in order', () => {
    fc.assert(
      fc.property(fc.oneof(textArb, fc.string({ unit: 'grapheme' })), (s) => {
        const f = fold(s);
        const pairs = [...wordBounds(f)];
        assert.deepEqual(pairs, naiveWords(f).flat());
      }),
      { numRuns: 300 },
    );
  });

  it('a fuzzy term matches the words it starts (that much of them) and its typos (whole), as by the plain reading', () => {
    fc.assert(
      fc.property(textArb, matcherArb, (s, m) => {
        const f = foldWords(s);
        const expected = naiveWords(f.folded).flatMap(([start, end]) => {
          const word = f.folded.slice(start, end);
          if (m.kind !== 'fuzzy') return [];
          if (word.startsWith(m.q)) return [{ start, end: start + m.q.length }];
          return m.typos.has(word) ? [{ start, end }] : [];
        });
        assert.deepEqual(foldedRanges(f, m), expected);
      }),
      { numRuns: 400 },
    );
  });

  it('matches computed with a kept folded body are the ones computed from the text', () => {
    fc.assert(
      fc.property(textArb, textArb, fc.array(matcherArb, { minLength: 1, maxLength: 3 }), (title, text, matchers) => {
        const doc = { title: title.replace(/\n/g, ' '), text };
        assert.deepEqual(computeMatches(doc, matchers, [], foldWords(text)), computeMatches(doc, matchers));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps at most its limit, drops the least recently used first, and folds a kept body once', () => {
    const bodies = new FoldedBodies(3);
    const reads: number[] = [];
    const text = (d: number) => () => {
      reads.push(d);
      return `Article ${d} Über`;
    };
    for (const d of [0, 1, 2]) bodies.get(d, text(d));
    bodies.get(0, text(0)); // 0 is now the most recent: 1 goes first
    bodies.get(3, text(3));
    assert.equal(bodies.size, 3);
    bodies.get(0, text(0));
    bodies.get(2, text(2));
    bodies.get(1, text(1)); // was dropped: read again
    assert.deepEqual(reads, [0, 1, 2, 3, 1]);
    const kept = bodies.get(1, text(1));
    assert.equal(kept.folded, foldWithMap('Article 1 Über').folded);
    assert.equal(kept.original, 'Article 1 Über');
  });
});
