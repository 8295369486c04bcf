/** docCasing and the sentence casing tests answer as their regex versions did (reference/casing.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { docCasing, sentenceIsCaps, sentenceIsTitleCase } from '../../../source/core/entities/features.js';
import { referenceDocCasing, referenceSentenceIsCaps, referenceSentenceIsTitleCase } from './reference/casing.js';

const WORDS = ['the', 'The', 'THE', 'May', 'may', 'MAY', 'Brown', 'brown', 'US', 'U.S.', 'a', 'A', 'I', 'iPhone', 'McDonald', 'Zürich', 'ZÜRICH', 'zürich', 'École', 'ÉCOLE', 'Ωmega', 'ω', 'Łódź', '中国', '1,600', '2025', '.', ',', '"', "'", '“', '‘', '(', '[', ')', '-', "'s", '😀', '𝐀bc'];
const sentencesArb = fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }), { maxLength: 8 });

test('docCasing: the same flags for the same words, in the same order', () => {
  fc.assert(
    fc.property(sentencesArb, (sentences) => {
      assert.deepEqual([...docCasing(sentences)], [...referenceDocCasing(sentences)]);
      for (const s of sentences) {
        assert.equal(sentenceIsCaps(s), referenceSentenceIsCaps(s), s.join(' '));
        assert.equal(sentenceIsTitleCase(s), referenceSentenceIsTitleCase(s), s.join(' '));
      }
    }),
    { numRuns: 2000 },
  );
});
