/** The letter tests answer as the Unicode regexes they stand for, on any string. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hasLetter, hasLowerLetter, hasUpperLetter, isAllCaps, startsWithLetter, startsWithUpper } from '../../../source/core/entities/letters.js';

// ASCII of every class, accented and other scripts' letters of both cases, letters without case,
// marks, digits of other scripts, an astral letter and an emoji (surrogate pairs), and lone surrogates.
const CHARS = [...'aZm09 .-\'"@[`{~', 'é', 'É', 'ß', 'ǅ', 'Ω', 'ω', 'Ж', 'ж', 'ـ', 'א', '中', 'ー', '\u0301', '٣', '𝐀', '𝐚', '😀', '\ud800', '\udc00', '\u00a0'];
const wordArb = fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map((a) => a.join(''));

test('each letter test is its regex, ASCII or not', () => {
  fc.assert(
    fc.property(wordArb, (w) => {
      assert.equal(hasLetter(w), /\p{L}/u.test(w), w);
      assert.equal(hasLowerLetter(w), /\p{Ll}/u.test(w), w);
      assert.equal(hasUpperLetter(w), /\p{Lu}/u.test(w), w);
      assert.equal(startsWithLetter(w), /^\p{L}/u.test(w), w);
      assert.equal(startsWithUpper(w), /^\p{Lu}/u.test(w), w);
      assert.equal(isAllCaps(w), /\p{Lu}/u.test(w) && !/\p{Ll}/u.test(w), w);
    }),
    { numRuns: 5000 },
  );
});

test('the empty word has no letters', () => {
  for (const f of [hasLetter, hasLowerLetter, hasUpperLetter, startsWithLetter, startsWithUpper, isAllCaps]) assert.equal(f(''), false);
});
