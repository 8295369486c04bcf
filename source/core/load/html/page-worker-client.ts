import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../start-worker.js';
import type { PageContent } from './page-content.js';

export interface PageRequest {
  id: number;
  markup: string;
}

export type FromPageWorker =
  | { type: 'ready' }
  | { type: 'page'; id: number; page: PageContent }
  | { type: 'failed'; id: number; error: string };

/** Why reading a page in the worker failed, in a few words: it could not start, took too long, crashed. */
export class PageReadError extends Error {
  override readonly name = 'PageReadError';
}

/** How long one page may take in the reader view before it is read from its markup alone. */
export const DEFAULT_PAGE_TIMEOUT_MS = 10_000;

/** How long the worker may take to load its modules (~0.1 s; far more on a machine under load). */
const START_TIMEOUT_MS = 60_000;

/**
 * A page takes memory in proportion to its size (a 10 MB page: ~350 MB in the DOM and the reader
 * view); past this the worker is stopped and the page read from its markup alone.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 1024 };

interface Pending {
  resolve: (page: PageContent) => void;
  reject: (error: PageReadError) => void;
  timer: NodeJS.Timeout;
}

/**
 * The page worker (page-worker.ts), started on the first page asked for and stopped by close():
 * a load without web pages never starts it. A page that takes longer than `timeoutMs` (counted
 * from when the worker is ready) stops the worker, and a new one starts for the next page. The
 * worker keeps the process alive only while a page is being read.
 */
export class PageWorker {
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly timeoutMs = DEFAULT_PAGE_TIMEOUT_MS) {}

  async read(markup: string): Promise<PageContent> {
    const worker = await (this.ready ?? this.start());
    const id = this.nextId++;
    return new Promise<PageContent>((resolve, reject) => {
      const timer = setTimeout(() => void this.stop(new PageReadError(`took over ${this.timeoutMs / 1000} s`)), this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.ref();
      worker.postMessage({ id, markup } satisfies PageRequest);
    });
  }

  /** Stops the worker, if one was started; pages still being read fail. */
  async close(): Promise<void> {
    await this.stop(new PageReadError('closed'));
  }

  private start(): Promise<Worker> {
    // Imported here: `lede list` of text files never loads worker_threads.
    const starting = import('node:worker_threads').then(({ Worker }) => new Promise<Worker>((resolve, reject) => {
      let worker: Worker;
      try {
        worker = spawnPageWorker(Worker);
      } catch {
        reject(new PageReadError('the page reader could not be started'));
        return;
      }
      this.worker = worker;
      const timer = setTimeout(() => {
        reject(new PageReadError('the page reader did not start'));
        void this.stop(new PageReadError('the page reader did not start'));
      }, START_TIMEOUT_MS);
      worker.on('message', (message: FromPageWorker) => {
        if (message.type !== 'ready') return this.settle(message);
        clearTimeout(timer);
        if (this.pending.size === 0) worker.unref();
        resolve(worker);
      });
      // A worker that cannot load its modules, runs out of memory or throws outside a page.
      worker.on('error', (error) => {
        clearTimeout(timer);
        const failure = new PageReadError(workerFailure(error));
        reject(failure);
        void this.stop(failure);
      });
    }));
    this.ready = starting;
    // A start that failed is not kept: the next page tries again.
    starting.catch(() => {
      if (this.ready === starting) this.ready = undefined;
    });
    return starting;
  }

  private settle(reply: Exclude<FromPageWorker, { type: 'ready' }>): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.type === 'page') pending.resolve(reply.page);
    else pending.reject(new PageReadError(reply.error));
  }

  private async stop(reason: PageReadError): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(reason);
    }
    this.pending.clear();
    if (worker) await worker.terminate();
  }
}

function workerFailure(error: Error): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'the page took too much memory';
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return 'the page reader could not be loaded';
  return 'the page reader failed';
}

/** Bundled, the worker is dist/page-worker.js beside this code (from source, see startWorker). */
function spawnPageWorker(WorkerClass: typeof Worker): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './page-worker.ts' : './page-worker.js', import.meta.url);
  return startWorker(WorkerClass, url, { resourceLimits: WORKER_LIMITS });
}
