import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cacheKey, EntityCache, extractCached } from '../../../source/core/entities/cache.js';
import { loadEntityExtractor, type Entity } from '../../../source/core/entities/index.js';
import {
  applyLibraryEvidence,
  articleEntities,
  extractInWorker,
  MAIN_THREAD_MAX_CHARS,
  openedArticleEntities,
  startLibraryExtraction,
  WORKER_BATCH,
  type LibraryEntityIndex,
} from '../../../source/core/entities/library-entities.js';
import { readSeed } from './helpers.js';

test('cache: a hit returns what was stored; the key depends on text and version; corrupt files are misses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-ent-'));
  try {
    const ex = await loadEntityExtractor();
    const cache = new EntityCache(ex.version, dir);
    const text = 'Vladimir Putin met Benjamin Netanyahu in Moscow.';
    assert.equal(cache.get(text), undefined);
    const first = extractCached(ex, cache, text);
    assert.deepEqual(cache.get(text), first);
    assert.notEqual(cacheKey(text, 'v1'), cacheKey(text, 'v2'));
    assert.notEqual(cacheKey(text, 'v1'), cacheKey(text + ' ', 'v1'));
    // A cached result is used without extracting again.
    let calls = 0;
    const counting = { version: ex.version, extract: (t: string): Entity[] => (calls++, ex.extract(t)) };
    extractCached(counting, cache, text);
    assert.equal(calls, 0);
    // Corrupt and wrong-shaped entries are ignored and recomputed.
    const file = join(dir, `${cacheKey(text, ex.version)}.json`);
    for (const junk of ['{not json', '[{"id":1}]', '[{"id":"a","name":"b","type":"person","aliases":[],"mentions":[{"start":0,"end":99999,"text":"x"}]}]']) {
      writeFileSync(file, junk);
      assert.equal(cache.get(text), undefined);
      assert.deepEqual(extractCached(ex, cache, text), first);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache: an unwritable directory is ignored, never fatal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-ent-'));
  try {
    const ex = await loadEntityExtractor();
    writeFileSync(join(dir, 'file'), 'x');
    // A path below a regular file can never be created.
    const cache = new EntityCache(ex.version, join(dir, 'file', 'sub'));
    const got = extractCached(ex, cache, 'Angela Merkel visited Paris.');
    assert.ok(got.length > 0);
    chmodSync(dir, 0o500);
    const cache2 = new EntityCache(ex.version, join(dir, 'new'));
    assert.doesNotThrow(() => cache2.set('x', []));
  } finally {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker: extracts a library off the main thread, reports progress, builds the index, fills the cache', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-ent-'));
  try {
    const seeds = ['articles/000_09270935bd4655ee.txt', 'articles/004_eaf6071b633d695b.txt'];
    const articles = [
      ...seeds.map((p) => ({ id: p, text: readSeed(p).text })),
      { id: 'x', text: 'Vladimir Putin spoke in Moscow on Monday.' },
      { id: 'empty', text: '' },
    ];
    const run = () =>
      new Promise<{ index: LibraryEntityIndex; progress: Array<[number, number]> }>((resolve) => {
        const progress: Array<[number, number]> = [];
        startLibraryExtraction(articles, (d, t) => progress.push([d, t]), (index) => resolve({ index, progress }), { cacheDir: dir });
      });
    const { index, progress } = await run();
    assert.ok(progress.length > 0);
    assert.deepEqual(progress[progress.length - 1], [articles.length, articles.length]);
    assert.deepEqual(index.order, articles.map((a) => a.id));
    const ex = await loadEntityExtractor();
    // An opened article's entities are extract()'s, with the library's evidence applied on top…
    const direct = new Map(articles.map((a) => [a.id, ex.extract(a.text)]));
    applyLibraryEvidence(index.order, direct);
    // …read back from the cache the pass filled, not extracted again.
    let calls = 0;
    const counting = { version: ex.version, extract: (t: string): Entity[] => (calls++, ex.extract(t)) };
    for (const a of articles) assert.deepEqual(articleEntities(counting, a.text, index), direct.get(a.id), a.id);
    assert.equal(calls, 0);
    assert.ok(direct.get(seeds[1]!)!.some((e) => e.name === 'Putin' && e.type === 'person'));
    assert.deepEqual(index.articlesByKey.get('place:moscow'), [seeds[0], seeds[1], 'x']);
    // Every article naming Putin has him as a person (the seed that reads "a meeting with Putin" too).
    assert.deepEqual(index.articlesByKey.get('person:putin'), [seeds[0]!, seeds[1]!, 'x']);
    // The index keeps names and aliases (search terms), not entities.
    assert.deepEqual([...index.namesByArticle.get('x')!].sort(), ['Moscow', 'Vladimir Putin']);
    assert.equal(index.namesByArticle.get('empty'), undefined);
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')).length, articles.length);
    // Second run: served from the cache, same index.
    const again = await run();
    const { order, namesByArticle, articlesByKey, labels, evidence } = again.index;
    assert.deepEqual({ order, namesByArticle, articlesByKey, labels, evidence }, {
      order: index.order,
      namesByArticle: index.namesByArticle,
      articlesByKey: index.articlesByKey,
      labels: index.labels,
      evidence: index.evidence,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker: cancel stops it without calling onDone', async () => {
  const texts = Array.from({ length: 200 }, (_, i) => ({ id: String(i), text: `Report ${i}: Angela Merkel met Emmanuel Macron in Berlin.` }));
  let done = false;
  const handle = startLibraryExtraction(texts, () => {}, () => (done = true), { cacheDir: null });
  handle.cancel();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(done, false);
});

test('worker: articles are streamed a batch at a time, each text read only when its batch is sent', async () => {
  const count = WORKER_BATCH * 5 + 7;
  let read = 0;
  const articles = Array.from({ length: count }, (_, i) => ({
    id: String(i),
    get text() {
      read++;
      return i % 2 ? 'Angela Merkel met Emmanuel Macron in Berlin.' : 'Vladimir Putin spoke in Moscow on Monday.';
    },
  }));
  const readAtFirstProgress: number[] = [];
  const progress: Array<[number, number]> = [];
  let memory = 0;
  const index = await new Promise<LibraryEntityIndex>((resolve, reject) => {
    startLibraryExtraction(
      articles,
      (done, total) => {
        if (progress.length === 0) readAtFirstProgress.push(read);
        progress.push([done, total]);
      },
      resolve,
      { cacheDir: null, onError: reject, onWorkerMemory: (usage) => (memory = usage.heapUsed) },
    );
  });
  // When the first results came back, the worker had been sent two batches, not the library.
  assert.deepEqual(readAtFirstProgress, [WORKER_BATCH * 2]);
  assert.equal(read, count);
  assert.deepEqual(progress[progress.length - 1], [count, count]);
  assert.ok(progress.every(([done], i) => i === 0 || done > progress[i - 1]![0]), 'progress only goes up');
  assert.deepEqual(index.order, articles.map((a) => a.id));
  assert.equal(index.articlesByKey.get('person:merkel')?.length, Math.floor(count / 2));
  assert.equal(index.articlesByKey.get('place:moscow')?.length, Math.ceil(count / 2));
  assert.equal(index.namesByArticle.size, count);
  assert.ok(memory > 0, 'the worker reported its memory when asked');
});

test('opened article: a long text goes to a worker (and its cache), a short one is extracted here', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-ent-'));
  try {
    const ex = await loadEntityExtractor();
    const lengths: number[] = [];
    const counting = { version: ex.version, extract: (t: string): Entity[] => (lengths.push(t.length), ex.extract(t)) };
    const sentence = 'Angela Merkel met Emmanuel Macron in Berlin on Monday, and the two spoke of Vladimir Putin. ';
    const long = sentence.repeat(Math.ceil((MAIN_THREAD_MAX_CHARS * 2) / sentence.length));
    const short = 'Vladimir Putin spoke in Moscow on Monday.';
    const fromWorker = await openedArticleEntities(counting, long, null, { cacheDir: dir });
    assert.deepEqual(lengths, [], 'nothing extracted on this thread');
    assert.deepEqual(fromWorker, ex.extract(long));
    assert.deepEqual(new EntityCache(ex.version, dir).get(long), fromWorker, 'the worker cached them');
    assert.deepEqual(await openedArticleEntities(counting, short, null, { cacheDir: dir }), ex.extract(short));
    assert.deepEqual(lengths, [short.length]);
    // Aborting stops the worker: the promise rejects.
    const controller = new AbortController();
    const pending = extractInWorker(long + ' Again.', { cacheDir: null, signal: controller.signal });
    controller.abort();
    await assert.rejects(pending);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache: a file that is not entities of this text is a miss', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-ent-'));
  try {
    const text = 'Vladimir Putin met Benjamin Netanyahu in Moscow. Putin spoke.';
    const cache = new EntityCache('test-version', dir);
    const file = join(dir, `${cacheKey(text, 'test-version')}.json`);
    const mention = (s: string, from = 0) => ({ start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length, text: s });
    const putin = { id: 'person:vladimir putin', name: 'Vladimir Putin', type: 'person', aliases: ['Putin'], mentions: [mention('Vladimir Putin'), mention('Putin', 20)] };
    const moscow = { id: 'place:moscow', name: 'Moscow', type: 'place', aliases: [], mentions: [mention('Moscow')] };
    writeFileSync(file, JSON.stringify([putin, moscow]));
    assert.deepEqual(cache.get(text), [putin, moscow], 'a well-formed file is a hit');
    const withMentions = (mentions: unknown[]) => [{ ...putin, mentions }];
    const bad: Record<string, unknown> = {
      'start below 0': withMentions([{ start: -1, end: 3, text: 'Vla' }]),
      'start after end': withMentions([{ start: 5, end: 2, text: '' }]),
      'end past the text': withMentions([{ start: 0, end: text.length + 1, text: text + ' ' }]),
      'fractional offsets': withMentions([{ start: 0.5, end: 3, text: 'Vla' }]),
      'offsets as strings': withMentions([{ start: '0', end: '14', text: 'Vladimir Putin' }]),
      'mentions out of order': withMentions([mention('Putin', 20), mention('Vladimir Putin')]),
      'mention text not the span': withMentions([{ start: 0, end: 14, text: 'Someone Else!!' }]),
      'a null mention': withMentions([null]),
      'name not a string': [{ ...putin, name: 42 }],
      'an alias not a string': [{ ...putin, aliases: ['Putin', 7] }],
      'id missing': [{ ...putin, id: undefined }],
      'unknown type': [{ ...putin, type: 'animal' }],
      'a null entity': [putin, null],
      'not a list': { 0: putin },
    };
    for (const [what, value] of Object.entries(bad)) {
      writeFileSync(file, JSON.stringify(value));
      assert.equal(cache.get(text), undefined, what);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
