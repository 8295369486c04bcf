// A one-shot `lede search` reads the saved index whole and searches its postings where they lie
// (loadSearchIndex's inPlace, PostingStore.adoptRuns, Vocabulary.ofDistinct): it must answer every
// query as the index built from the articles does, and its exact, substring and phrase terms must
// match exactly the articles whose folded title or body holds them (a scan of every body).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { fold } from '../../../source/core/search/fold.js';
import { LibrarySearch } from '../../../source/core/search/library-search.js';
import { PostingStore } from '../../../source/core/search/postings.js';
import { parseQuery } from '../../../source/core/search/query.js';
import { checkedRuns, loadSearchIndex, PostingChecker, saveSearchIndex } from '../../../source/core/search/search-index-cache.js';
import { BODY, DOC_STRIDE, type Doc, TITLE } from '../../../source/core/search/search-index.js';
import { Vocabulary } from '../../../source/core/search/vocabulary.js';

const root = mkdtempSync(join(tmpdir(), 'lede-one-shot-'));
after(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;

const WORDS = ['Putin', 'Netanyahu', 'talks', 'Moscow', 'ceasefire', 'ceasefires', 'Gaza', 'Café', 'naïve', 'Zürich', '東京', 'the', 'of', 'Erdoğan', 'grain', 'corridor', '2024', 'U.S.', 'al-Assad', 'rule', 'out'];

const doc = fc.record({
  title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' ')),
  text: fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 30 }).map((w) => w.join(' ')), { maxLength: 5 }).map((p) => p.join('\n\n')),
});

/** A piece of one word as typed: its folded letters from `from` to `to` (at least one). */
const piece = fc.tuple(fc.constantFrom(...WORDS), fc.nat(), fc.nat()).map(([word, a, b]) => {
  const folded = fold(word);
  const from = a % folded.length;
  return folded.slice(from, from + 1 + (b % (folded.length - from)));
});
const phrase = fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => `${fold(a)} ${fold(b)}`);

/** Exact terms (`'q`, `'a\ b`), the kind a full scan answers alike; and words and quoted phrases besides. */
const exactQuery = fc.oneof(piece.map((p) => `'${p}`), phrase.map((p) => `'${p.replace(' ', '\\ ')}`));
const query = fc.oneof(exactQuery, piece, phrase.map((p) => `"${p}"`), fc.tuple(piece, piece).map(([a, b]) => `${a} '${b}`));

/** The search over `docs` a one-shot makes: their index saved, then read back in place. */
async function oneShot(docs: readonly Doc[], built: LibrarySearch): Promise<LibrarySearch> {
  const file = join(root, `${serial++}.search`);
  saveSearchIndex(built.completeIndex!, file, 'g1');
  let loaded = false;
  const { done } = LibrarySearch.start(docs, { chunkSize: Infinity, sliceMs: Infinity, restore: async (index) => (loaded = await loadSearchIndex(index, file, 'g1', { inPlace: true })) });
  const search = await done;
  assert.ok(loaded, 'the saved index was read in place');
  return search;
}

/** All of a result a person or a script sees: hits in order, scores, snippets and their highlights, the total. */
function answer(search: LibrarySearch, q: string, limit: number) {
  const { hits, total } = search.search(q, { limit });
  return { total, hits: hits.map((h) => [h.index, h.score, h.snippet.text, h.snippet.highlights, h.matches]) };
}

describe('one-shot search: the saved index read in place', () => {
  test('answers every query as the built index does: hits, scores, snippets, highlights, totals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(doc, { minLength: 1, maxLength: 30 }), fc.array(query, { minLength: 1, maxLength: 8 }), async (docs, queries) => {
        const built = new LibrarySearch(docs);
        const search = await oneShot(docs, built);
        for (const q of queries) assert.deepEqual(answer(search, q, docs.length), answer(built, q, docs.length), q);
      }),
      { numRuns: 60 },
    );
  });

  test('an exact, substring or phrase term matches exactly the articles whose folded title or body holds it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(doc, { minLength: 1, maxLength: 30 }), exactQuery, async (docs, q) => {
        const search = await oneShot(docs, new LibrarySearch(docs));
        const term = parseQuery(q).groups[0]![0]!;
        assert.equal(term.kind, 'exact');
        const scanned = docs.flatMap((d, i) => (fold(d.title).includes(term.folded) || fold(d.text).includes(term.folded) ? [i] : []));
        const found = search.search(q, { limit: docs.length }).hits.map((h) => h.index);
        assert.deepEqual(found.sort((a, b) => a - b), scanned, q);
      }),
      { numRuns: 100 },
    );
  });
});

describe('posting runs adopted in place', () => {
  test('read as given, and moved into pages before any term grows: the same lists as a store filled one by one', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 40 }), fc.nat(), fc.integer(), (lists, which, extra) => {
        const values: number[] = [];
        const starts: number[] = [];
        for (const list of lists) {
          values.push(list.length);
          starts.push(values.length);
          values.push(...list);
        }
        const store = PostingStore.adoptRuns(Int32Array.from(values), Int32Array.from(starts), Int32Array.from(lists.map((l) => l.length)));
        const listOf = (s: PostingStore, id: number) => {
          const out: number[] = [];
          s.forEach(id, (v) => out.push(v));
          return out;
        };
        assert.deepEqual(lists.map((_, id) => listOf(store, id)), lists);
        const id = which % (lists.length + 1);
        store.add(id, extra);
        const grown = lists.map((l, k) => (k === id ? [...l, extra] : l));
        if (id === lists.length) grown.push([extra]);
        assert.deepEqual(grown.map((_, k) => listOf(store, k)), grown);
        assert.deepEqual(grown.map((_, k) => store.count(k)), grown.map((l) => l.length));
      }),
    );
  });
});

describe('a vocabulary of distinct terms, as a saved index gives them', () => {
  test('finds and expands every word as the vocabulary interned term by term', () => {
    const word = fc.stringMatching(/^[a-zé]{1,9}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 60 }), fc.array(word, { maxLength: 10 }), (terms, typed) => {
        const given = Vocabulary.ofDistinct(terms)!;
        const interned = new Vocabulary();
        for (const t of terms) interned.intern(t);
        for (const q of [...typed, ...terms.slice(0, 5)]) {
          assert.equal(given.id(q), interned.id(q), q);
          assert.deepEqual(given.expand(q), interned.expand(q), q);
          assert.deepEqual(given.containing(q), interned.containing(q), q);
        }
        // A word added later gets the next id, and is found.
        const added = given.intern('zzzznew');
        assert.equal(added, interned.intern('zzzznew'));
        assert.equal(given.id('zzzznew'), added);
      }),
    );
  });

  test('two alike are refused', () => {
    assert.equal(Vocabulary.ofDistinct(['putin', 'gaza', 'putin']), undefined);
  });
});

describe('the postings read in place, checked in one loop (checkedRuns)', () => {
  /** What PostingChecker, fed the whole array at once as readPostings feeds it chunks, says and keeps. */
  function byChecker(values: Int32Array, terms: number, docs: number) {
    const starts = new Int32Array(terms);
    const counts = new Int32Array(terms);
    const runs = { reserve: (id: number, count: number) => void (counts[id] = count), addAll: (id: number, _v: Int32Array, from: number) => void (starts[id] = from) };
    const checker = new PostingChecker(runs, terms, docs, values.length);
    return checker.take(values, values.length) ?? checker.finish() ?? { starts, counts };
  }
  // Postings as the index writes them: a count, then articles in order with their flags and counts.
  const posting = fc.tuple(fc.constantFrom(TITLE, BODY, TITLE | BODY), fc.integer({ min: 0, max: 3 })).map(([flags, tf]) => (flags << 10) + (flags === TITLE ? 0 : tf + 1));
  const runsOf = (docs: number) => fc.array(fc.uniqueArray(fc.tuple(fc.nat(docs - 1), posting), { minLength: 1, maxLength: 6, selector: ([d]) => d }), { minLength: 1, maxLength: 12 });
  const file = fc.integer({ min: 1, max: 40 }).chain((docs) =>
    fc.record({
      docs: fc.constant(docs),
      lists: runsOf(docs),
      // Some files are then damaged: a value overwritten, the vocabulary said longer or shorter.
      damage: fc.option(fc.tuple(fc.nat(), fc.integer({ min: -5, max: 5000 }))),
      termsOff: fc.integer({ min: -1, max: 1 }),
    }),
  );

  test('says what PostingChecker says of every file, sound or damaged, and finds the same runs', () => {
    fc.assert(
      fc.property(file, ({ docs, lists, damage, termsOff }) => {
        const ints: number[] = [];
        for (const list of lists) {
          const sorted = [...list].sort((a, b) => a[0] - b[0]);
          ints.push(sorted.length, ...sorted.map(([d, v]) => d * DOC_STRIDE + v));
        }
        if (damage) ints[damage[0] % ints.length] = damage[1];
        const values = Int32Array.from(ints);
        const terms = Math.max(0, lists.length + termsOff);
        assert.deepEqual(checkedRuns(values, terms, docs), byChecker(values, terms, docs));
      }),
      { numRuns: 500 },
    );
  });
});
