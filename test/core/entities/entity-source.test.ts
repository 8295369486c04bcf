// Slow tier: the entity sources end to end over generated libraries (worker, cache, saved index), ~6 s of CPU.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EntityCache } from '../../../source/core/entities/cache.js';
import { InThreadSource, MAIN_THREAD_MAX_CHARS, WorkerSource } from '../../../source/core/entities/entity-source.js';
import { loadEntityExtractor, type Entity } from '../../../source/core/entities/index.js';
import type { LibraryEntityIndex } from '../../../source/core/entities/library-index.js';
import { entitiesAsShown } from '../../../source/core/entities/library-view.js';
import { extractInWorker, startLibraryExtraction, WORKER_BATCH } from '../../../source/core/entities/worker-client.js';
import { CHUNK_CHARS, chunkRanges } from '../../../source/core/entities/chunked.js';
import { readSeed } from './helpers.js';

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
    // An opened article's entities are extract()'s, as the library shows them…
    const direct = new Map(articles.map((a) => [a.id, entitiesAsShown(ex.extract(a.text), index, a.id)]));
    // …read back from the cache the pass filled, not extracted again.
    let calls = 0;
    const counting = { version: ex.version, extract: (t: string, title?: string): Entity[] => (calls++, ex.extract(t, title)) };
    const source = new WorkerSource(articles, async () => counting, { cacheDir: dir });
    for (const a of articles) assert.deepEqual(await source.entitiesOf(a, index), direct.get(a.id), a.id);
    assert.equal(calls, 0);
    // The seed that reads "a meeting with Putin" has him as a person, the one the other articles name in full.
    assert.ok(direct.get(seeds[1]!)!.some((e) => e.name === 'Vladimir Putin' && e.type === 'person' && e.mentions.some((m) => m.text === 'Putin')));
    assert.deepEqual(index.articlesByKey.get('place:moscow'), [seeds[0], seeds[1], 'x']);
    // Every article naming Putin has him as a person (the seed that reads "a meeting with Putin" too).
    assert.deepEqual(index.articlesByKey.get('person:vladimir putin'), [seeds[0]!, seeds[1]!, 'x']);
    // The index keeps names and aliases (search terms), not entities.
    assert.deepEqual([...index.namesByArticle.get('x')!].sort(), ['Moscow', 'Vladimir Putin']);
    assert.equal(index.namesByArticle.get('empty'), undefined);
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')).length, articles.length);
    // Second run: served from the cache, same index.
    const again = await run();
    const { order, namesByArticle, articlesByKey, entities, identity } = again.index;
    assert.deepEqual({ order, namesByArticle, articlesByKey: [...articlesByKey], entities, identity }, {
      order: index.order,
      namesByArticle: index.namesByArticle,
      articlesByKey: [...index.articlesByKey],
      entities: index.entities,
      identity: index.identity,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});


test('worker: cancel terminates the worker before it finishes, and onDone is never called', async () => {
  const texts = Array.from({ length: 2_000 }, (_, i) => ({ id: String(i), text: `Report ${i}: Angela Merkel met Emmanuel Macron in Berlin.` }));
  let done = false;
  let progressed = 0;
  const handle = startLibraryExtraction(texts, (d) => (progressed = d), () => (done = true), { cacheDir: null });
  handle.cancel();
  // The thread's exit is the proof it was stopped (a hang guard only: the test fails by timing out).
  await handle.exited;
  assert.equal(done, false, 'onDone after cancel');
  assert.ok(progressed < texts.length, `the worker went through all ${texts.length} articles before it was stopped`);
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
  const index = await new Promise<LibraryEntityIndex>((resolve, reject) => {
    startLibraryExtraction(
      articles,
      (done, total) => {
        if (progress.length === 0) readAtFirstProgress.push(read);
        progress.push([done, total]);
      },
      resolve,
      { cacheDir: null, onError: reject },
    );
  });
  // When the first results came back, the worker had been sent two batches, not the library.
  assert.deepEqual(readAtFirstProgress, [WORKER_BATCH * 2]);
  assert.equal(read, count);
  assert.deepEqual(progress[progress.length - 1], [count, count]);
  assert.ok(progress.every(([done], i) => i === 0 || done > progress[i - 1]![0]), 'progress only goes up');
  assert.deepEqual(index.order, articles.map((a) => a.id));
  assert.equal(index.articlesByKey.get('person:angela merkel')?.length, Math.floor(count / 2));
  assert.equal(index.articlesByKey.get('place:moscow')?.length, Math.ceil(count / 2));
  assert.equal(index.namesByArticle.size, count);
});


test('while the pass runs, an article asked for first is read by the pass’s worker ahead of the rest, once', async () => {
  const ex = await loadEntityExtractor();
  const sentence = 'Angela Merkel met Emmanuel Macron in Berlin on Monday, and the two spoke of Vladimir Putin. ';
  const long = sentence.repeat(Math.ceil((CHUNK_CHARS * 1.5) / sentence.length));
  const articles = [
    ...Array.from({ length: 300 }, (_, i) => ({ id: `a${i}`, text: `Article ${i}: Vladimir Putin spoke in Moscow on Monday.` })),
    { id: 'long', title: 'Merkel and Macron', text: long },
  ];
  const events: string[] = [];
  const progress: number[] = [];
  let passDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    passDone = resolve;
  });
  const pass = startLibraryExtraction(articles, () => {}, () => {
    events.push('pass done');
    passDone();
  }, { cacheDir: null });
  const first = pass.readFirst(articles[300]!, { onProgress: (done) => progress.push(done) }).then((entities) => {
    events.push('long read');
    return entities;
  });
  const entities = await first;
  await Promise.all([done, pass.exited]);
  assert.deepEqual(events, ['long read', 'pass done'], 'the last article of the pass, read before the pass ended');
  assert.deepEqual(entities, ex.extract(long, 'Merkel and Macron'));
  assert.deepEqual(progress, chunkRanges(long).map(([, end]) => end), 'its progress, chunk by chunk, once: read once');
  // Once the worker is gone, asking rejects (the source then reads it in a worker of its own).
  await assert.rejects(pass.readFirst(articles[0]!));
});

test('worker source, opened article: a long text goes to a worker (and its cache), a short one is extracted here', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-ent-'));
  try {
    const ex = await loadEntityExtractor();
    const lengths: number[] = [];
    const counting = { version: ex.version, extract: (t: string): Entity[] => (lengths.push(t.length), ex.extract(t)) };
    const sentence = 'Angela Merkel met Emmanuel Macron in Berlin on Monday, and the two spoke of Vladimir Putin. ';
    const long = sentence.repeat(Math.ceil((MAIN_THREAD_MAX_CHARS * 2) / sentence.length));
    const short = 'Vladimir Putin spoke in Moscow on Monday.';
    const source = new WorkerSource([], async () => counting, { cacheDir: dir });
    const fromWorker = await source.entitiesOf({ id: 'long', text: long }, null);
    assert.deepEqual(lengths, [], 'nothing extracted on this thread');
    assert.deepEqual(fromWorker, ex.extract(long));
    assert.deepEqual(new EntityCache(ex.version, dir).get({ text: long }), fromWorker, 'the worker cached them');
    assert.deepEqual(await source.entitiesOf({ id: 'short', text: short }, null), ex.extract(short));
    assert.deepEqual(lengths, [short.length]);
    // Aborting stops the worker: the promise rejects.
    const controller = new AbortController();
    const pending = extractInWorker({ text: long + ' Again.' }, { cacheDir: null, signal: controller.signal });
    controller.abort();
    await assert.rejects(pending);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});


test('in-thread source: the pass extracts each article once, and an opened article is not extracted again', async () => {
  const ex = await loadEntityExtractor();
  const extracted: string[] = [];
  const counting = { version: ex.version, extract: (t: string): Entity[] => (extracted.push(t), ex.extract(t)) };
  const articles = [
    { id: 'a', text: 'Vladimir Putin spoke in Moscow on Monday.' },
    { id: 'b', text: 'Angela Merkel met Emmanuel Macron in Berlin.' },
  ];
  const source = new InThreadSource(articles, async () => counting, { cacheDir: null });
  const opened = await source.entitiesOf(articles[1]!, null);
  assert.deepEqual(opened, ex.extract(articles[1]!.text));
  const progress: number[] = [];
  const index = await new Promise<LibraryEntityIndex>((resolve) => source.runLibraryPass({ onProgress: (d) => progress.push(d), onDone: resolve }));
  assert.deepEqual(progress.at(-1), 2);
  assert.deepEqual(index.articlesByKey.get('place:moscow'), ['a']);
  assert.deepEqual(await source.entitiesOf(articles[0]!, index), entitiesAsShown(ex.extract(articles[0]!.text), index, articles[0]!.id));
  assert.deepEqual(extracted, [articles[1]!.text, articles[0]!.text], 'each text extracted exactly once');
});

test('in-thread source: cancel stops the pass before onDone', async () => {
  const ex = await loadEntityExtractor();
  const articles = Array.from({ length: 2_000 }, (_, i) => ({ id: String(i), text: `Report ${i}: Angela Merkel met Emmanuel Macron in Berlin.` }));
  let done = false;
  let last = 0;
  const source = new InThreadSource(articles, async () => ex, { cacheDir: null });
  const pass = source.runLibraryPass({ onProgress: (d) => (last = d), onDone: () => (done = true) });
  // Let it start, then stop it between two slices.
  await new Promise((resolve) => setImmediate(resolve));
  pass.cancel();
  const stoppedAt = last;
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(done, false);
  assert.equal(last, stoppedAt, 'no article was extracted after cancel');
  assert.ok(last < articles.length);
});
