/**
 * Worker thread: extracts the entities of many articles off the UI thread, through the disk
 * cache. Bundled as its own entry point (dist/entity-worker.js); started by worker-client.ts, the
 * messages are worker-protocol.ts'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EntityCache, extractCached } from './cache.js';
import { loadEntityExtractor } from './index.js';
import { summarize } from './library-index.js';
import type { ArticleText, Entity } from './types.js';
import type { FromWorker, ToWorker, WorkerInput, WorkerItem } from './worker-protocol.js';

/** Results are posted at least this often (ms) and every this many articles, for progress. */
const POST_EVERY_MS = 50;
const POST_EVERY_ITEMS = 200;

/** Longest stretch of work between two looks at the port, so an article asked for `first` waits little. */
const YIELD_EVERY_MS = 20;

const turn = () => new Promise((resolve) => setImmediate(resolve));

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const { cacheDir, total, summaries } = workerData as WorkerInput;
  const queue: ArticleText[][] = [];
  /** Articles asked for ahead of the pass (the one opened), in the order asked. */
  const firsts: ArticleText[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  // Listening before the extractor loads: batches sent meanwhile wait in `queue`.
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'articles') queue.push(msg.items);
    else if (msg.type === 'first') firsts.push(msg.item);
    else if (msg.type === 'end') ended = true;
    wake?.();
    wake = null;
  });
  const extractor = await loadEntityExtractor();
  const post = (msg: FromWorker) => port.postMessage(msg);
  const cache = new EntityCache(extractor.version, cacheDir, { onProblem: (message) => post({ type: 'cacheProblem', message }) });
  if (cache.problem) post({ type: 'cacheProblem', message: cache.problem });
  const read = (a: ArticleText) => extractCached(extractor, cache, a, (chars, of) => post({ type: 'progress', id: a.id, done: chars, total: of }));
  // An article read ahead of the pass, kept until the pass reaches it; and the one read last, in
  // case it is asked for just after.
  const readAhead = new Map<string, Entity[]>();
  let last: { id: string; entities: Entity[] } | null = null;
  const answerFirsts = () => {
    for (let a = firsts.shift(); a; a = firsts.shift()) {
      const entities = last?.id === a.id ? last.entities : (readAhead.get(a.id) ?? read(a));
      if (last?.id !== a.id) readAhead.set(a.id, entities);
      post({ type: 'article', id: a.id, entities });
    }
  };
  let done = 0;
  let lastTurn = Date.now();
  for (;;) {
    answerFirsts();
    const batch = queue.shift();
    if (!batch) {
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    let items: WorkerItem[] = [];
    let lastPost = Date.now();
    for (let i = 0; i < batch.length; i++) {
      if (Date.now() - lastTurn >= YIELD_EVERY_MS) {
        await turn();
        lastTurn = Date.now();
        answerFirsts();
      }
      const a = batch[i]!;
      const entities = readAhead.get(a.id) ?? read(a);
      readAhead.delete(a.id);
      last = { id: a.id, entities };
      items.push(summaries ? { id: a.id, summaries: entities.map(summarize) } : { id: a.id, entities });
      done++;
      const now = Date.now();
      const end = i === batch.length - 1;
      if (end || items.length >= POST_EVERY_ITEMS || now - lastPost >= POST_EVERY_MS) {
        post({ type: 'batch', items, done, total, next: end });
        items = [];
        lastPost = now;
      }
    }
    // Lets the next batch's message in before the one after it is needed.
    await turn();
    lastTurn = Date.now();
  }
  answerFirsts();
  post({ type: 'done', total });
}

run().catch((error: unknown) => {
  parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies FromWorker);
});
