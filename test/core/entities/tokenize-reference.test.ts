/** tokenize and sentenceRanges split every text as their regex versions did (reference/tokenize.ts). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { sentenceRanges, tokenize } from '../../../source/core/entities/tokenize.js';
import { generateArticles } from '../../bench/generate-corpus.js';
import { root } from './helpers.js';
import { referenceSentenceRanges, referenceTokenize } from './reference/tokenize.js';

function assertSame(text: string): void {
  const tokens = tokenize(text);
  assert.deepEqual(tokens, referenceTokenize(text), JSON.stringify(text.slice(0, 200)));
  assert.deepEqual(sentenceRanges(text, tokens), referenceSentenceRanges(text, tokens), JSON.stringify(text.slice(0, 200)));
}

// Pieces that take every branch: possessives, dotted acronyms (astral letters too), abbreviations,
// states, initials, joiners, digit commas, ellipses, every kind of space, quotes and closers, lone
// and paired surrogates, marks, other scripts' letters and digits.
const PIECES = [
  'a', 'Z', 'x', '7', ' ', '  ', '\n', '\n\n', '\t', '\r', '\u00a0', '\u2009', '\u3000', '.', '...', ',', '!', '?', ';', ':', '-', '&', "'", '’',
  '"', '“', '”', '‘', '(', ')', '[', ']', '»', "'s", '’S', 'Israel', "Israel's", 'Jones’', "O'Brien", 'al-Assad', 'U.S.', 'U.N', 'a.m.', 'e.g',
  'Mr', 'Mr.', 'Fla.', 'ill.', 'W.', 'w.', '1,600', '3.5', 'AT&T', 'é', 'É', 'Zürich', 'ß', 'Ω', '中国', '٣', '\u0301', '𝐀', '𝐀.', '𝐚.𝐛.', '😀',
  '\ud800', '\udc00', 'The', 'He', 'said', '2025', '\u2028',
];
const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join(''));

test('random texts: the same tokens and sentences', () => {
  fc.assert(fc.property(textArb, assertSame), { numRuns: 3000 });
});

test('random strings of any code units: the same tokens and sentences', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), assertSame), { numRuns: 1000 });
});

test('the fixture articles and generated news: the same tokens and sentences', () => {
  for (const set of ['modern-news', 'modern-news-dev', 'modern-news-heldout']) {
    const dir = join(root, 'test/fixtures', set);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) assertSame(readFileSync(join(dir, f), 'utf8'));
  }
  for (const a of generateArticles(50, 3)) assertSame(`${a.title}\n\n${a.body}`);
});
