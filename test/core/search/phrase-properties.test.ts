// "a phrase" and 'word' against a reference: an article is found exactly when its title or body
// holds the words, in order, as whole words (case and diacritics aside); `'word` (no closing
// quote) finds it inside longer words too; `!` finds the rest; and every highlight is the phrase.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LibrarySearch } from '../../../source/core/search/index.js';

// Words that are prefixes, suffixes and infixes of each other, so "whole word" is what decides.
const WORDS = ['golan', 'angolan', 'golans', 'Golan', 'GOLAN', 'prime', 'primer', 'Prime', 'minister', 'ministers', 'Minister', 'the', 'of'];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '-', ' (', ') '];

const fieldArb = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.map(([w, s]) => w + s).join('').trim());
const docsArb = fc.array(fc.record({ title: fieldArb, text: fieldArb }), { minLength: 1, maxLength: 8 });
const phraseArb = fc.array(fc.constantFrom('golan', 'prime', 'minister', 'the', 'of', 'primer'), { minLength: 1, maxLength: 3 });

/** The reference: `words` joined by single spaces, in `field`, with no letter or digit on either side. */
function holdsPhrase(field: string, words: readonly string[], whole: boolean): boolean {
  const phrase = words.join(' ');
  const pattern = whole ? new RegExp(`(^|[^a-z0-9])${phrase}(?![a-z0-9])`) : new RegExp(phrase);
  return pattern.test(field.toLowerCase());
}

function found(docs: { title: string; text: string }[], query: string): number[] {
  return new LibrarySearch(docs)
    .search(query, { limit: 100 })
    .hits.map((h) => h.index)
    .sort((a, b) => a - b);
}

describe('phrase and whole-word terms', () => {
  it('"a phrase" and \'a\\ phrase\' find exactly the articles holding it as whole words; ! the others', () => {
    fc.assert(
      fc.property(docsArb, phraseArb, (docs, words) => {
        const expected = docs.flatMap((d, i) => (holdsPhrase(d.title, words, true) || holdsPhrase(d.text, words, true) ? [i] : []));
        const others = docs.map((_, i) => i).filter((i) => !expected.includes(i));
        assert.deepEqual(found(docs, `"${words.join(' ')}"`), expected);
        assert.deepEqual(found(docs, `'${words.join('\\ ')}'`), expected);
        assert.deepEqual(found(docs, `!"${words.join(' ')}"`), others);
      }),
      { numRuns: 500 },
    );
  });

  it("'word with no closing quote finds it inside words too, and never fewer than 'word'", () => {
    fc.assert(
      fc.property(docsArb, fc.constantFrom('golan', 'prime', 'minister'), (docs, word) => {
        const anywhere = docs.flatMap((d, i) => (holdsPhrase(d.title, [word], false) || holdsPhrase(d.text, [word], false) ? [i] : []));
        assert.deepEqual(found(docs, `'${word}`), anywhere);
        const whole = found(docs, `'${word}'`);
        assert.ok(whole.every((i) => anywhere.includes(i)));
      }),
      { numRuns: 300 },
    );
  });

  it('every highlight of a phrase is the phrase, between non-word characters', () => {
    fc.assert(
      fc.property(docsArb, phraseArb, (docs, words) => {
        const phrase = words.join(' ');
        for (const hit of new LibrarySearch(docs).search(`"${phrase}"`, { limit: 100 }).hits) {
          assert.ok(hit.matches.length > 0);
          for (const m of hit.matches) {
            const field = m.field === 'title' ? docs[hit.index]!.title : docs[hit.index]!.text;
            assert.equal(field.slice(m.start, m.end).toLowerCase(), phrase);
            assert.doesNotMatch(field.slice(Math.max(0, m.start - 1), m.start), /[a-z0-9]/i);
            assert.doesNotMatch(field.slice(m.end, m.end + 1), /[a-z0-9]/i);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
