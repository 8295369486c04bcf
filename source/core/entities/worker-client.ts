/**
 * The UI thread's side of the entity worker: the library pass, streamed to a worker a batch at a
 * time and indexed as results come back, and one long text extracted in a worker of its own.
 */
import type { Worker } from 'node:worker_threads';
import { entityCacheDir } from './cache.js';
import { type LibraryEntityIndex, LibraryIndexBuilder } from './library-index.js';
import type { ArticleFields, ArticleText, Entity } from './types.js';
import { type FromWorker, spawnEntityWorker, type ToWorker, type WorkerInput } from './worker-protocol.js';

/**
 * One article's entities, extracted (through the disk cache) in a worker started for it, so the
 * calling thread stays free however long the text is. Rejects if the worker fails or `signal`
 * aborts (which stops the worker).
 */
export function extractInWorker(
  article: ArticleFields,
  options: { cacheDir?: string | null; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<Entity[]> {
  const cacheDir = options.cacheDir === undefined ? entityCacheDir() : options.cacheDir;
  const { signal } = options;
  return new Promise<Entity[]>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let worker: Worker;
    try {
      worker = spawnEntityWorker({ cacheDir, total: 1, summaries: false });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    // Like the library pass's: never what keeps the process alive (q quits at once).
    worker.unref();
    let entities: Entity[] | undefined;
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error) reject(error);
      else if (entities) resolve(entities);
      else reject(new Error('entity worker ended without a result'));
    };
    const onAbort = () => settle(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'batch') {
        const item = msg.items[0];
        if (item && 'entities' in item) entities = item.entities;
      } else if (msg.type === 'progress') options.onProgress?.(msg.done, msg.total);
      else if (msg.type === 'done') settle();
      else if (msg.type === 'error') settle(new Error(msg.message || 'entity worker failed'));
    });
    worker.on('error', (error) => settle(error));
    worker.on('exit', () => settle());
    worker.postMessage({ type: 'articles', items: [{ id: '', title: article.title, text: article.text }] } satisfies ToWorker);
    worker.postMessage({ type: 'end' } satisfies ToWorker);
  });
}

/**
 * Articles the worker is sent at a time. It asks for another batch each time it finishes one and
 * starts with two, so it is never idle waiting and never holds more than two batches of texts
 * (all of them at once was a second copy of the library: ~176 MB at 20,000 articles).
 */
export const WORKER_BATCH = 100;
const BATCHES_AHEAD = 2;
/** The index is built at the end of the pass on the UI thread, in slices this long (as the search index is). */
const FINISH_SLICE_MS = 8;

export interface LibraryExtractionOptions {
  /** Cache directory; defaults to the XDG location (null: no cache). */
  cacheDir?: string | null;
  /** Called if the worker fails; onDone is still called with what was extracted. */
  onError?: (message: string) => void;
  /** Called if the disk cache cannot be used; the pass goes on without it. */
  onCacheProblem?: (message: string) => void;
  /** Starts a worker (default spawnEntityWorker; a test's stands in for it). */
  spawn?: (input: WorkerInput) => Worker;
}

/**
 * The error code of a worker that reached its heap cap (Node's). Its heap grows past the cap over
 * thousands of articles (the extractor's caches: at 100,000 generated articles, after ~10,000), or
 * on the article it was reading: a new worker goes on from there. One that answered nothing skips
 * the article it was reading (it shows no entities, as when opened); two in a row, and the pass ends.
 */
const WORKER_OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';

/** A library pass in its worker. */
export interface LibraryExtraction {
  cancel(): void;
  /** Resolves once the thread is gone: after the pass, a failure, or cancel(). */
  exited: Promise<void>;
  /** The index of what has been found so far. */
  snapshot(): LibraryEntityIndex;
  /**
   * One article's whole entities, read by the pass's worker before the rest (or given back at
   * once if it has just read it): no second thread reads the article the user opened. Rejects
   * once the worker is gone, or when `signal` aborts.
   */
  readFirst(article: ArticleText, options?: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }): Promise<Entity[]>;
}

/** An article asked of the pass's worker ahead of the rest, waiting for its answer. */
interface Asked {
  resolve: (entities: Entity[]) => void;
  reject: (error: Error) => void;
  onProgress?: (done: number, total: number) => void;
}

/** The articles asked of a pass's worker ahead of the rest, each with whoever waits for it. */
class AskedArticles {
  private readonly waiting = new Map<string, Asked[]>();

  /** Asks for `article`; `post` sends it to the worker when nobody has asked for it yet. */
  ask(article: ArticleText, post: (article: ArticleText) => void, { signal, onProgress }: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<Entity[]> {
    return new Promise<Entity[]>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      const entry: Asked = { resolve, reject, onProgress };
      const waiting = this.waiting.get(article.id);
      if (waiting) waiting.push(entry);
      else {
        this.waiting.set(article.id, [entry]);
        post(article);
      }
      // Aborted: no longer waited for (the worker still reads it; the pass then has it).
      signal?.addEventListener(
        'abort',
        () => {
          const left = (this.waiting.get(article.id) ?? []).filter((a) => a !== entry);
          if (left.length > 0) this.waiting.set(article.id, left);
          else this.waiting.delete(article.id);
          reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        },
        { once: true },
      );
    });
  }

  /** Gives an asked article's answer, or its progress, to whoever waits for it. */
  answer(msg: Extract<FromWorker, { type: 'article' | 'progress' }>): void {
    const waiting = this.waiting.get(msg.id);
    if (msg.type === 'progress') for (const a of waiting ?? []) a.onProgress?.(msg.done, msg.total);
    else {
      this.waiting.delete(msg.id);
      for (const a of waiting ?? []) a.resolve(msg.entities);
    }
  }

  refuseAll(why: string): void {
    for (const waiting of this.waiting.values()) for (const a of waiting) a.reject(new Error(why));
    this.waiting.clear();
  }
}

/**
 * Extracts the entities of every article in a worker, through the disk cache, streaming the
 * articles to it a batch at a time (`text` is read only when its batch is sent), and builds the
 * library index from the results as they arrive. A worker that reaches its heap cap is replaced
 * and the pass goes on from the first article it had not answered (see WORKER_OUT_OF_MEMORY).
 */
export function startLibraryExtraction(
  articles: readonly ArticleText[],
  onProgress: (done: number, total: number) => void,
  onDone: (index: LibraryEntityIndex) => void,
  options: LibraryExtractionOptions = {},
): LibraryExtraction {
  const order = articles.map((a) => a.id);
  const total = articles.length;
  const cacheDir = options.cacheDir === undefined ? entityCacheDir() : options.cacheDir;
  const spawn = options.spawn ?? spawnEntityWorker;
  const builder = new LibraryIndexBuilder(cacheDir);
  let finished = false;
  const asked = new AskedArticles();
  let cancelled = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    void builder.finishInSlices(order, FINISH_SLICE_MS).then((index) => {
      if (!cancelled) onDone(index);
    });
  };
  let worker: Worker;
  let exited: Promise<void> = Promise.resolve();
  /** Articles whose results have come back: the first of the rest is where a new worker starts. */
  let received = 0;
  // Articles sent to the current worker; whether it was told the end; whether it has exited.
  let [sent, ended, gone] = [0, false, false];
  let stalls = 0; // workers in a row that ran out of heap before answering anything
  const sendNext = () => {
    if (ended) return;
    if (sent >= total) {
      ended = true;
      worker.postMessage({ type: 'end' } satisfies ToWorker);
      return;
    }
    const items = articles.slice(sent, sent + WORKER_BATCH).map((a) => ({ id: a.id, title: a.title, text: a.text }));
    sent += items.length;
    worker.postMessage({ type: 'articles', items } satisfies ToWorker);
  };
  /** Starts a worker on the articles from `received` on; false when none could be started. */
  const start = (): boolean => {
    let current: Worker;
    try {
      current = spawn({ cacheDir, total, summaries: true });
    } catch (error) {
      options.onError?.(error instanceof Error ? error.message : String(error));
      return false;
    }
    worker = current;
    current.unref();
    gone = false;
    // Resolves once the thread is gone: after the pass, a failure, or cancel().
    exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    sent = received;
    ended = false;
    const restartsAt = received;
    for (let i = 0; i < BATCHES_AHEAD; i++) sendNext();
    const replaced = () => current !== worker;
    current.on('message', (msg: FromWorker) => {
      if (replaced()) return;
      if (msg.type === 'article' || msg.type === 'progress') return asked.answer(msg);
      if (finished) return;
      if (msg.type === 'batch') {
        for (const item of msg.items) builder.add(item.id, 'summaries' in item ? item.summaries : item.entities);
        received += msg.items.length;
        onProgress(received, total);
        if (msg.next) sendNext();
      } else if (msg.type === 'done') {
        finish();
        void current.terminate();
      } else if (msg.type === 'error') {
        options.onError?.(msg.message || 'entity worker failed');
        finish();
        void current.terminate();
      } else if (msg.type === 'cacheProblem') {
        options.onCacheProblem?.(msg.message);
      }
    });
    current.on('error', (error: Error & { code?: string }) => {
      if (finished || replaced()) return;
      stalls = received === restartsAt ? stalls + 1 : 0;
      if (error.code === WORKER_OUT_OF_MEMORY && stalls < 2) {
        asked.refuseAll('the entity worker has ended');
        if (stalls === 1 && received < total) {
          builder.add(order[received]!, []);
          received++;
        }
        if (start()) return;
      }
      options.onError?.(error.message);
      finish();
    });
    current.on('exit', () => {
      if (replaced()) return;
      gone = true;
      asked.refuseAll('the entity worker has ended');
      if (!finished) finish();
    });
    return true;
  };
  if (!start()) {
    queueMicrotask(finish);
    return { cancel() {}, exited: Promise.resolve(), snapshot: () => builder.snapshot(), readFirst: () => Promise.reject(new Error('no entity worker')) };
  }
  return {
    cancel() {
      finished = true;
      cancelled = true;
      void worker.terminate();
    },
    get exited() {
      return exited;
    },
    snapshot: () => builder.snapshot(),
    readFirst(article, options) {
      if (gone) return Promise.reject(new Error('the entity worker has ended'));
      return asked.ask(article, (a) => worker.postMessage({ type: 'first', item: { id: a.id, title: a.title, text: a.text } } satisfies ToWorker), options);
    },
  };
}
