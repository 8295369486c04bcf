// The bridge from the library's entities to the search's @name terms, with each entity source's
// synchronous read of an article's entities (memory for the in-thread source, the disk cache for
// the worker's), and the real extractor.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { InThreadSource, WorkerSource } from '../../../source/core/entities/entity-source.js';
import { entityTermSource } from '../../../source/core/entities/entity-term-source.js';
import { type Entity, loadEntityExtractor } from '../../../source/core/entities/index.js';
import type { LibraryEntityIndex } from '../../../source/core/entities/library-index.js';
import { entitiesAsShown } from '../../../source/core/entities/library-view.js';
import { LibrarySearch } from '../../../source/core/search/index.js';
import { makeArticle } from '../../helpers/articles.js';

const articles = [
  makeArticle('Weather', ['Rain in the north and sun in the south, said the forecasters on Monday.']),
  makeArticle('Summit', ['Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday.', 'Putin said the talks had gone well.']),
  makeArticle('Markets', ['Shares rose in London on Tuesday, traders said.']),
];

const pass = (source: InThreadSource | WorkerSource) =>
  new Promise<LibraryEntityIndex>((resolve, reject) => source.runLibraryPass({ onProgress: () => {}, onDone: resolve, onError: (m) => reject(new Error(m)) }));

test('in-thread source: after its pass, every article’s entities are known at once, as the library shows them', async () => {
  const ex = await loadEntityExtractor();
  let calls = 0;
  const counting = { version: ex.version, extract: (t: string): Entity[] => (calls++, ex.extract(t)) };
  const source = new InThreadSource(articles, async () => counting, { cacheDir: null });
  const index = await pass(source);
  const before = calls;
  for (const a of articles) assert.deepEqual(source.knownEntitiesOf(a, index), entitiesAsShown(ex.extract(a.text), index, a.id), a.title);
  assert.equal(calls, before, 'nothing extracted again');
  assert.equal(source.knownEntitiesOf(makeArticle('Never seen', ['Angela Merkel spoke.']), index), undefined, 'an article the pass did not see is not known');
});

test('worker source: an article’s entities are read back from the disk cache its pass filled, else not known', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-term-source-'));
  try {
    const ex = await loadEntityExtractor();
    const source = new WorkerSource(articles, async () => ex, { cacheDir: dir });
    const index = await pass(source);
    // The worker reads each article with its title, as the app does.
    for (const a of articles) assert.deepEqual(source.knownEntitiesOf(a, index), entitiesAsShown(ex.extract(a.text, a.title), index, a.id), a.title);
    assert.equal(source.knownEntitiesOf(makeArticle('Never seen', ['Angela Merkel spoke.']), index), undefined, 'not in the cache: not known, not extracted');
    const noCache = { ...index, cacheDir: null };
    assert.equal(source.knownEntitiesOf(articles[1]!, noCache), undefined, 'no cache, nothing to read');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the bridge: @name over really extracted entities, ranked, highlighted at the mentions, in any article order', async () => {
  const ex = await loadEntityExtractor();
  const source = new InThreadSource(articles, async () => ex, { cacheDir: null });
  const index = await pass(source);
  // The search's articles in another order than the pass's: positions are the search's.
  const reordered = [articles[2]!, articles[1]!, articles[0]!];
  const search = new LibrarySearch(reordered);
  search.setEntities(entityTermSource(index, reordered, source));
  const result = search.search('@putin');
  assert.deepEqual(
    result.hits.map((h) => reordered[h.index]!.title),
    ['Summit'],
  );
  const [hit] = result.hits;
  assert.deepEqual(
    hit!.matches.map((m) => articles[1]!.text.slice(m.start, m.end)),
    ['Vladimir Putin', 'Putin'],
  );
  assert.deepEqual(
    hit!.snippet.highlights.map((h) => hit!.snippet.text.slice(h.start, h.end)),
    ['Vladimir Putin'],
  );
  assert.deepEqual(search.search('@"vladimir putin" | @london').hits.map((h) => reordered[h.index]!.title).sort(), ['Markets', 'Summit']);
  assert.deepEqual(search.search('!@moscow').hits.map((h) => reordered[h.index]!.title).sort(), ['Markets', 'Weather']);
  // A typo within the plain words' budget (6 letters: one) finds the name; a name of none does not.
  assert.equal(search.search('@mosocw').total, 1);
  assert.equal(search.search('@zzzzzz').total, 0);
});
