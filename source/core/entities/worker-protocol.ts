/**
 * The messages between the UI thread and the entity worker (entity-worker.ts), and how the worker
 * is started.
 *
 * In: workerData (WorkerInput), then { type: 'articles', items } … { type: 'end' }: the articles a
 * batch at a time, never all at once. Out: { type: 'batch', items, done, total, next? } … then
 * { type: 'done' }; the last message for a batch of articles carries `next: true`, asking for another.
 */
import { Worker } from 'node:worker_threads';
import type { EntitySummary } from './library-index.js';
import type { ArticleText, Entity } from './types.js';

/** Main thread -> worker. */
export type ToWorker = { type: 'articles'; items: ArticleText[] } | { type: 'end' };

/** One article's result: whole entities, or only their summaries when the worker was started with `summaries`. */
export type WorkerItem = { id: string; entities: Entity[] } | { id: string; summaries: EntitySummary[] };

/** Worker -> main thread. `next`: the worker has finished a batch of articles and wants another. */
export type FromWorker =
  | { type: 'batch'; items: WorkerItem[]; done: number; total: number; next?: boolean }
  | { type: 'done'; total: number }
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
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * Starts the worker. Bundled, it is dist/entity-worker.js. From source (tests, under tsx), Node 20
 * workers do not inherit tsx's loader hooks, so a two-line bootstrap registers tsx first.
 */
export function spawnEntityWorker(workerData: WorkerInput): Worker {
  const url = workerUrl();
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData, resourceLimits: WORKER_LIMITS });
  const api = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits: WORKER_LIMITS });
}
