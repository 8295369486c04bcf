import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LibrarySearch, findInText, fold, foldWithMap, maxTypos } from '../../../source/core/search/index.js';
import { anchoredMatch } from '../../../source/core/search/term-evaluation.js';
import { boundedDistance } from '../../../source/core/search/distance.js';
import { foldWithFullMap, originalEnd, originalStart, tokens } from '../../../source/core/search/fold.js';

// Pieces chosen to stress folding: diacritics precomposed and decomposed, characters whose folded
// length differs (ß, ﬁ, İ, combining marks), astral characters, punctuation and paragraph breaks.
const PIECES = [
  'a', 'e', 'o', 's', 'n', 'r', 'i', 'k', 'ab', 'ra', 'in', 'kar', 'son', 'netanyahu', 'shoigu', 'Erdoğan',
  'é', 'e\u0301', 'Ö', 'o\u0308', 'ß', 'ẞ', 'ﬁ', 'İ', 'ı', 'Σ', 'ς', 'Æ', 'ø', 'Ł', '’', '🇩🇪', '😀', '𝒜', '\u0301',
  ' ', ' ', ' ', '.', ',', '-', "'", '"', '\n\n', '\u00a0',
];
const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));
const docArb = fc.record({ title: textArb.map((t) => t.replace(/\n/g, ' ')), text: textArb });

function field(doc: { title: string; text: string }, name: 'title' | 'text'): string {
  return name === 'title' ? doc.title : doc.text;
}

describe('search properties', () => {
  it('fold() equals the folded text of foldWithMap(), and the map is monotone and in bounds', () => {
    fc.assert(
      fc.property(fc.oneof(textArb, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (s) => {
        const f = foldWithMap(s);
        assert.equal(f.folded, fold(s));
        for (let j = 0; j < f.folded.length; j++) {
          const start = originalStart(f, j);
          assert.ok(start >= 0 && start < originalEnd(f, j) && originalEnd(f, j) <= s.length);
          if (j > 0) assert.ok(start >= originalStart(f, j - 1));
          const full = foldWithFullMap(s);
          assert.equal(full.folded, f.folded);
          assert.equal(start, full.starts![j], 'the map-less offsets are the full map’s');
          assert.equal(originalEnd(f, j), full.ends![j]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('foldWithMap builds no offset map for text that folds unit for unit, and one for text that does not', () => {
    assert.equal(foldWithMap('Erdoğan’s “ceasefire” — Zürich 😀').starts, undefined);
    assert.ok(foldWithMap('Straße').starts, 'ß folds to two units');
    assert.ok(foldWithMap('e\u0301').starts, 'a combining mark folds away');
  });

  it('every exact-term highlight lies inside its field and covers text containing the term', () => {
    fc.assert(
      fc.property(fc.array(docArb, { minLength: 1, maxLength: 6 }), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 6 }), (docs, pick, at, len) => {
        // A term that certainly occurs: a piece of one article's folded text (spaces escaped in the query).
        const source = fold(docs[pick % docs.length]!.text);
        const term = source.slice(at % Math.max(1, source.length), (at % Math.max(1, source.length)) + len);
        // (Leading ' " ! ^ | or a trailing ' or $ would be read as operators.)
        fc.pre(term.trim().length > 0 && !term.includes('\n') && !/^['!^|"]/.test(term) && !/['$\\]$/.test(term));
        const search = new LibrarySearch(docs);
        const result = search.search(`'${term.replace(/ /g, '\\ ')}`, { limit: 50 });
        assert.ok(result.total >= 1, 'the article the term came from is found');
        const holding = docs.filter((d) => fold(d.title).includes(term) || fold(d.text).includes(term)).length;
        assert.equal(result.total, holding, 'exactly the articles whose folded title or text holds the term');
        for (const hit of result.hits) {
          for (const m of hit.matches) {
            const value = field(docs[hit.index]!, m.field);
            assert.ok(m.start >= 0 && m.start < m.end && m.end <= value.length, 'range inside the field');
            assert.ok(fold(value.slice(m.start, m.end)).includes(term), `${JSON.stringify(value.slice(m.start, m.end))} contains ${JSON.stringify(term)}`);
          }
          for (const h of hit.snippet.highlights) assert.ok(h.start >= 0 && h.start < h.end && h.end <= hit.snippet.text.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every fuzzy-term highlight is a word the term starts or is within its typo budget of', () => {
    fc.assert(
      fc.property(fc.array(docArb, { minLength: 1, maxLength: 6 }), fc.constantFrom('netanyahu', 'netanyhau', 'shiogu', 'erdogan', 'kar', 'son', 'ab', 'strasse', 'final'), (docs, term) => {
        const search = new LibrarySearch(docs);
        const budget = maxTypos(term.length);
        for (const hit of search.search(term, { limit: 50 }).hits) {
          for (const m of hit.matches) {
            const value = field(docs[hit.index]!, m.field);
            assert.ok(m.start >= 0 && m.start < m.end && m.end <= value.length);
            const covered = fold(value.slice(m.start, m.end));
            assert.ok(
              covered.startsWith(term) || boundedDistance(term, covered, budget, true) <= budget,
              `${JSON.stringify(covered)} does not match ${term}`,
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('findInText ranges are inside the text, sorted and non-overlapping, and exact ones contain the query', () => {
    fc.assert(
      fc.property(textArb, fc.oneof(fc.constantFrom('netanyhau', 'shoigu', 'e', 'ss', 'kar son', 'o'), textArb.map((t) => t.slice(0, 8))), (text, query) => {
        const matches = findInText(text, query);
        const q = fold(query).trim().replace(/\s+/g, ' ');
        let reached = 0;
        for (const m of matches) {
          assert.ok(m.start >= reached && m.start < m.end && m.end <= text.length, 'sorted, non-overlapping, inside');
          reached = m.end;
          if (!m.fuzzy) assert.ok(fold(text.slice(m.start, m.end)).includes(q));
          else assert.ok(tokens(fold(text.slice(m.start, m.end))).length >= tokens(q).length);
        }
        assert.ok(matches.every((m) => m.fuzzy === matches[0]!.fuzzy), 'exact and fuzzy are never mixed');
      }),
      { numRuns: 400 },
    );
  });

  it('^ and $ find exactly the articles whose folded title or body starts with, ends with or is the term', () => {
    // Bodies up to ~200 characters, terms up to 70: both sides of the stored folded edges' length.
    // (No paragraph breaks: a term cannot hold one, so bodies with them would mostly be skipped.)
    const longText = fc.array(fc.constantFrom(...PIECES.filter((p) => p !== '\n\n')), { minLength: 20, maxLength: 120 }).map((parts) => parts.join(''));
    const kinds = ['prefix', 'suffix', 'equal'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: textArb.map((t) => t.replace(/\n/g, ' ')), text: longText }), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.constantFrom(...kinds),
        fc.integer({ min: 1, max: 70 }),
        (docs, pick, kind, len) => {
          const source = fold(docs[pick % docs.length]!.text).trim();
          const term = kind === 'equal' ? source : kind === 'prefix' ? source.slice(0, len) : source.slice(-len);
          // Terms the query syntax can carry: no line breaks or tabs, no leading or trailing operator characters (a leading " opens a phrase).
          fc.pre(term.length > 0 && term.trim() === term && !/[\n\t\\]/.test(term) && !/^['!^|"]/.test(term) && !term.endsWith('$'));
          const query = `${kind === 'suffix' ? '' : '^'}${term.replace(/ /g, '\\ ')}${kind === 'prefix' ? '' : '$'}`;
          const expected = docs.flatMap((doc, i) => (anchoredMatch(kind, fold(doc.title), term) || anchoredMatch(kind, fold(doc.text), term) ? [i] : []));
          const result = new LibrarySearch(docs).search(query, { limit: 50 });
          assert.deepEqual(result.hits.map((h) => h.index).sort((a, b) => a - b), expected, query);
        },
      ),
      { numRuns: 400 },
    );
  });
});
