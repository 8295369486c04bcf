/**
 * The messages between the UI thread and the entity worker (entity-worker.ts), and how the worker
 * is started.
 *
 * In: workerData (WorkerInput), then { type: 'articles', items } … { type: 'end' }: the articles a
 * batch at a time, never all at once, and any time { type: 'first', item } for one wanted now. Out:
 * { type: 'batch', items, done, total, next? } … then { type: 'done' }; the last message for a
 * batch of articles carries `next: true`, asking for another; { type: 'article' } answers a `first`.
 */
import { Worker } from 'node:worker_threads';
import { startWorker } from '../start-worker.js';
import type { EntitySummary } from './library-index.js';
import type { ArticleText, Entity } from './types.js';

/**
 * Main thread -> worker. `first`: an article wanted now (the one the user opened), read before
 * the rest of the pass and answered with `article`, so a long article is never read by two
 * threads at once.
 */
export type ToWorker = { type: 'articles'; items: ArticleText[] } | { type: 'first'; item: ArticleText } | { type: 'end' };

/** One article's result: whole entities, or only their summaries when the worker was started with `summaries`. */
export type WorkerItem = { id: string; entities: Entity[] } | { id: string; summaries: EntitySummary[] };

/** Worker -> main thread. `next`: the worker has finished a batch of articles and wants another. */
export type FromWorker =
  | { type: 'batch'; items: WorkerItem[]; done: number; total: number; next?: boolean }
  | { type: 'done'; total: number }
  /** Characters of a long article read so far (it is read in chunks, chunked.ts). */
  | { type: 'progress'; id: string; done: number; total: number }
  /** The whole entities of an article asked for `first`. */
  | { type: 'article'; id: string; entities: Entity[] }
  | { type: 'error'; message: string }
  /** The disk cache cannot be used (said once): the pass goes on without it. */
  | { type: 'cacheProblem'; message: string };

/** What the worker is started with. */
export interface WorkerInput {
  cacheDir: string | null;
  total: number;
  /**
   * Send EntitySummary lists, not whole entities: the library pass only indexes names. Whole
   * entities carry every mention with its text; at 20,000 articles, cloning them to the main
   * thread raised its peak RSS by ~100 MB.
   */
  summaries: boolean;
}

function workerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './entity-worker.ts' : './entity-worker.js', import.meta.url);
}

/**
 * A small young generation for the worker: its garbage is short-lived (one article's tokens and
 * features), and with V8's default the process's peak RSS was ~45 MB higher while the pass ran.
 * 8 MB extracts as fast as the default (10.3 s vs 10.1 s for 800 articles, medians); 4 MB was
 * ~10% slower.
 *
 * And a cap on its heap, so a text no one foresaw cannot take the machine. With chunked reading
 * (chunked.ts) a 3,000-article pass and 16 MiB of dense names both ran within 96 MB (the dense
 * file 50% slower for the garbage collection than at 160 MB); at 128 MB the whole app peaked at
 * 296 MiB on the dense file and 471 MiB on a 55 MB article (test/e2e/memory.test.ts). Past the
 * cap the worker ends and the article shows no entities, with a note.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

/** Starts the worker (bundled: dist/entity-worker.js; from source, see startWorker). */
export function spawnEntityWorker(workerData: WorkerInput): Worker {
  return startWorker(Worker, workerUrl(), { workerData, resourceLimits: WORKER_LIMITS });
}
