// At 100,000 generated articles the pass's worker reached its 128 MB heap cap after ~10,000
// articles (the extractor's caches grow with the library's vocabulary); the pass then ended there,
// its index made of those 10,000 shown as if complete, and nothing saved for the next start
// (a pass with a failure is not saved). A worker that runs out of heap is now replaced and the
// pass goes on from the first article it had not answered. Stood in for by a fake worker that
// speaks the protocol (worker-protocol.ts) and runs out of heap where told.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { startLibraryExtraction } from '../../../source/core/entities/worker-client.js';
import type { FromWorker, ToWorker, WorkerInput } from '../../../source/core/entities/worker-protocol.js';
import type { LibraryEntityIndex } from '../../../source/core/entities/library-index.js';

/** A worker that answers each article with one place named after it, and runs out of heap at the article `dieAt` says. */
class FakeWorker extends EventEmitter {
  private answered = 0;
  private dead = false;

  constructor(private readonly dieAt: (answeredByThisWorker: number, id: string) => boolean) {
    super();
  }

  postMessage(msg: ToWorker): void {
    queueMicrotask(() => this.receive(msg));
  }

  private receive(msg: ToWorker): void {
    if (this.dead) return;
    if (msg.type === 'end') {
      this.send({ type: 'done', total: 0 });
      return;
    }
    if (msg.type !== 'articles') return;
    const items: Extract<FromWorker, { type: 'batch' }>['items'] = [];
    for (const item of msg.items) {
      if (this.dieAt(this.answered, item.id)) {
        if (items.length > 0) this.send({ type: 'batch', items, done: 0, total: 0, next: false });
        this.dead = true;
        this.emit('error', Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' }));
        this.emit('exit', 1);
        return;
      }
      items.push({ id: item.id, summaries: [{ name: `Place ${item.id}`, type: 'place', aliases: [], mentions: 1, inTitle: false }] });
      this.answered++;
    }
    this.send({ type: 'batch', items, done: 0, total: 0, next: true });
  }

  private send(msg: FromWorker): void {
    this.emit('message', msg);
  }

  unref(): void {}

  terminate(): Promise<number> {
    this.dead = true;
    queueMicrotask(() => this.emit('exit', 0));
    return Promise.resolve(0);
  }
}

function runPass(count: number, dieAt: (answered: number, id: string) => boolean) {
  const articles = Array.from({ length: count }, (_, i) => ({ id: `a${i}`, title: `Title ${i}`, text: `Text ${i}` }));
  const spawned: WorkerInput[] = [];
  const errors: string[] = [];
  return new Promise<{ index: LibraryEntityIndex; spawned: number; errors: string[] }>((resolve) => {
    startLibraryExtraction(articles, () => {}, (index) => resolve({ index, spawned: spawned.length, errors }), {
      cacheDir: null,
      onError: (message) => errors.push(message),
      spawn: (input) => {
        spawned.push(input);
        return new FakeWorker(dieAt) as unknown as Worker;
      },
    });
  });
}

const articlesWithEntities = (index: LibraryEntityIndex) => index.order.filter((id) => (index.keysByArticle.get(id)?.length ?? 0) > 0);

test('a worker that runs out of heap partway is replaced: every article of the pass is read, and no failure is told', async () => {
  // Each worker holds out for 250 articles (as the real one held out for ~10,000).
  const { index, spawned, errors } = await runPass(1_000, (answered) => answered >= 250);
  assert.equal(spawned, 4);
  assert.deepEqual(errors, []);
  assert.deepEqual(articlesWithEntities(index), index.order, 'every article has its entities');
});

test('an article no worker can read is skipped (no entities), and the pass goes on past it', async () => {
  const { index, spawned, errors } = await runPass(500, (_, id) => id === 'a321');
  assert.deepEqual(errors, []);
  // The first ran out on it after 321 articles, the second at once: it is skipped, the third ends the pass.
  assert.equal(spawned, 3);
  assert.deepEqual(articlesWithEntities(index), index.order.filter((id) => id !== 'a321'));
});

test('workers that run out of heap before answering anything, twice in a row: the pass ends with what it had, and says so', async () => {
  const { index, spawned, errors } = await runPass(300, (_, id) => Number(id.slice(1)) >= 200);
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /memory limit/);
  // The first ran out at a200; the second at once (a200 skipped); the third at once on a201.
  assert.equal(spawned, 3);
  assert.deepEqual(articlesWithEntities(index), index.order.slice(0, 200));
});
