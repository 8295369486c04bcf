/**
 * Worker thread: extracts the entities of many articles off the UI thread, through the disk
 * cache. Bundled as its own entry point (dist/entity-worker.js); started by worker-client.ts, the
 * messages are worker-protocol.ts'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EntityCache, extractCached } from './cache.js';
import { loadEntityExtractor } from './index.js';
import { summarize } from './library-index.js';
import type { ArticleText } from './types.js';
import type { FromWorker, ToWorker, WorkerInput, WorkerItem } from './worker-protocol.js';

/** Results are posted at least this often (ms) and every this many articles, for progress. */
const POST_EVERY_MS = 50;
const POST_EVERY_ITEMS = 200;

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const { cacheDir, total, summaries } = workerData as WorkerInput;
  const queue: ArticleText[][] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  // Listening before the extractor loads: batches sent meanwhile wait in `queue`.
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'articles') queue.push(msg.items);
    else if (msg.type === 'end') ended = true;
    wake?.();
    wake = null;
  });
  const extractor = await loadEntityExtractor();
  const post = (msg: FromWorker) => port.postMessage(msg);
  const cache = new EntityCache(extractor.version, cacheDir, { onProblem: (message) => post({ type: 'cacheProblem', message }) });
  if (cache.problem) post({ type: 'cacheProblem', message: cache.problem });
  let done = 0;
  for (;;) {
    const batch = queue.shift();
    if (!batch) {
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    let items: WorkerItem[] = [];
    let last = Date.now();
    for (let i = 0; i < batch.length; i++) {
      const a = batch[i]!;
      const entities = extractCached(extractor, cache, a);
      items.push(summaries ? { id: a.id, summaries: entities.map(summarize) } : { id: a.id, entities });
      done++;
      const now = Date.now();
      const end = i === batch.length - 1;
      if (end || items.length >= POST_EVERY_ITEMS || now - last >= POST_EVERY_MS) {
        post({ type: 'batch', items, done, total, next: end });
        items = [];
        last = now;
      }
    }
    // Lets the next batch's message in before the one after it is needed.
    await new Promise((resolve) => setImmediate(resolve));
  }
  post({ type: 'done', total });
}

run().catch((error: unknown) => {
  parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies FromWorker);
});
