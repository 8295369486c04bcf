/**
 * Worker thread: extracts the entities of many articles off the UI thread, through the disk
 * cache. Bundled as its own entry point (dist/entity-worker.js); started by library-entities.ts.
 *
 * In: workerData = { articles: {id, text}[], cacheDir: string | null }.
 * Out: { type: 'batch', items: {id, entities}[], done, total } ... then { type: 'done' }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EntityCache, extractCached } from './cache.js';
import { loadEntityExtractor } from './index.js';
import type { Entity } from './types.js';

interface Input {
  articles: Array<{ id: string; text: string }>;
  cacheDir: string | null;
}

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const { articles, cacheDir } = workerData as Input;
  const extractor = await loadEntityExtractor();
  const cache = new EntityCache(extractor.version, cacheDir);
  const total = articles.length;
  let items: Array<{ id: string; entities: Entity[] }> = [];
  let last = Date.now();
  for (let i = 0; i < total; i++) {
    const a = articles[i]!;
    items.push({ id: a.id, entities: extractCached(extractor, cache, a.text) });
    const now = Date.now();
    if (i === total - 1 || items.length >= 200 || now - last >= 50) {
      port.postMessage({ type: 'batch', items, done: i + 1, total });
      items = [];
      last = now;
    }
  }
  port.postMessage({ type: 'done', total });
}

run().catch((error: unknown) => {
  parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
});
