// A one-shot `lede search` on a library the library cache knows takes the fast path: the saved
// search index read in place, the articles' bodies left in the cache file, a phrase's candidates
// tested without each body's first-read check (storedTextToCompare), only the printed bodies read.
// Whatever it skips, it must print byte for byte what the full path prints (the library read from
// its files, the index built), as text and as --json, for word, exact, substring and phrase
// queries; and where the cache is stale (an article changed) or tampered with (a byte of a body
// changed), the miss falls back to reading the files and gives the same answer again.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { searchJson, searchLibrary, searchPlain } from '../../source/commands/search.js';
import type { Library } from '../../source/core/article.js';
import { libraryCacheOf } from '../../source/core/load/library-cache.js';
import { loadLibrary } from '../../source/core/load/library.js';
import { storedTextToCompare } from '../../source/core/load/text-store.js';
import { fold } from '../../source/core/search/fold.js';
import { makeTempDir } from '../e2e/fixtures.js';

const temp = makeTempDir('lede-search-oneshot-');
after(() => temp.remove());
let serial = 0;

const WORDS = ['Putin', 'Netanyahu', 'talks', 'Moscow', 'ceasefire', 'ceasefires', 'Gaza', 'Café', 'naïve', 'Zürich', 'Erdoğan', 'the', 'of', 'grain', 'corridor', '2024', 'U.S.', 'al-Assad', 'prime', 'minister'];
const sentence = (min: number, max: number) => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '));
const article = fc.record({ title: sentence(1, 6), paragraphs: fc.array(sentence(1, 25), { minLength: 1, maxLength: 4 }) });

const word = fc.constantFrom(...WORDS).map(fold);
const piece = fc.tuple(word, fc.nat(), fc.nat()).map(([w, a, b]) => w.slice(a % w.length, (a % w.length) + 1 + (b % w.length)));
const query = fc.oneof(
  word,
  piece.map((p) => `'${p}`),
  fc.tuple(word, word).map(([a, b]) => `'${a}\\ ${b}`),
  fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`),
  fc.tuple(word, piece).map(([a, b]) => `${a} '${b}`),
  fc.tuple(word, word).map(([a, b]) => `'${a}\\ ${b}$`),
  word.map((w) => `^${w}`),
);

/** A folder of .txt articles whose times are old enough for the library cache to keep them. */
function writeTree(articles: { title: string; paragraphs: string[] }[]): string {
  const tree = join(temp.dir, `tree-${serial++}`);
  mkdirSync(tree);
  const old = new Date(Date.now() - 3600_000);
  articles.forEach((a, i) => {
    const file = join(tree, `a${String(i).padStart(3, '0')}.txt`);
    writeFileSync(file, `${a.title}\n\n${a.paragraphs.join('\n\n')}\n`);
    utimesSync(file, old, old);
  });
  return tree;
}

/** What `lede search` prints for `q`: the plain text (coloured and not) and the --json. */
async function printed(library: Library, q: string, limit: number) {
  const result = await searchLibrary(library, q, limit);
  return { total: result.total, plain: searchPlain(result), color: searchPlain(result, true), json: searchJson(result) };
}

const cached = (tree: string, cache: string, problems: string[] = []) => loadLibrary([tree], { cache: { dir: cache, minArticles: 0, onProblem: (p) => problems.push(p) } });
const fromFiles = (tree: string) => loadLibrary([tree], { cache: null });

test('the fast path prints what the full path prints, for words, exact and substring terms, phrases and anchors', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(article, { minLength: 3, maxLength: 24 }), fc.array(query, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 6 }), async (articles, queries, limit) => {
      const tree = writeTree(articles);
      const cache = join(temp.dir, `cache-${serial++}`);
      // The first start writes the library cache, the first search saves the index beside it.
      await searchLibrary(await cached(tree, cache), 'x', 1);
      const warm = await cached(tree, cache);
      assert.ok(libraryCacheOf(warm), 'the library came from its cache');
      const full = await fromFiles(tree);
      for (const q of queries) assert.deepEqual(await printed(warm, q, limit), await printed(full, q, limit), q);
      rmSync(tree, { recursive: true });
    }),
    { numRuns: 25 },
  );
});

test('storedTextToCompare gives each cached body as read() gives it, without reading it (the check and the recent cache)', async () => {
  const tree = writeTree(Array.from({ length: 5 }, (_, i) => ({ title: `Title ${i} Gaza`, paragraphs: [`Café naïve ${i} ceasefire`, `Erdoğan — “prime minister” ${i}`] })));
  const cache = join(temp.dir, `cache-${serial++}`);
  await cached(tree, cache);
  const warm = await cached(tree, cache);
  const full = await fromFiles(tree);
  assert.deepEqual(warm.articles.map(storedTextToCompare), full.articles.map((a) => a.text));
  assert.deepEqual(warm.articles.map((a) => a.text), full.articles.map((a) => a.text));
  // A plain field (an article built by hand) is its text.
  assert.equal(storedTextToCompare({ text: 'plain' }), 'plain');
});

test('a stale or tampered cache is a miss: the files are read again and the answer is the same', async () => {
  const articles = Array.from({ length: 12 }, (_, i) => ({ title: `Talks ${i} in Moscow`, paragraphs: [`the prime minister said ${i} ceasefire talks`, `Gaza corridor ${i % 3 ? 'grain' : 'ceasefires'}`] }));
  const tree = writeTree(articles);
  const cache = join(temp.dir, `cache-${serial++}`);
  await searchLibrary(await cached(tree, cache), 'x', 1);
  const queries = ["'prime\\ minister", "'ceasefire", 'ceasefire grain', "'talks$"];

  // Stale: an article's text changed (and its times with it).
  const changed = join(tree, 'a004.txt');
  writeFileSync(changed, 'Talks 4 in Moscow\n\nthe prime minister resigned over the ceasefire\n');
  const stale = await cached(tree, cache);
  for (const q of queries) assert.deepEqual(await printed(stale, q, 5), await printed(await fromFiles(tree), q, 5), q);

  // Tampered: one byte of a body in the library cache's blob (the end of the file) changed.
  await searchLibrary(await cached(tree, cache), 'x', 1);
  const file = join(cache, readdirSync(cache).find((f) => f.endsWith('.cache'))!);
  const bytes = readFileSync(file);
  const at = bytes.lastIndexOf('prime minister');
  assert.ok(at > 0);
  bytes[at] = 'q'.charCodeAt(0);
  writeFileSync(file, bytes);
  const problems: string[] = [];
  const tampered = await cached(tree, cache, problems);
  assert.equal(problems.length, 1, 'the tampering is said in one line');
  for (const q of queries) assert.deepEqual(await printed(tampered, q, 5), await printed(await fromFiles(tree), q, 5), q);
});
