/**
 * Library-wide entity extraction, run in a worker thread (entity-worker.ts) so typing and
 * scrolling never wait for it, plus the index used for "next article mentioning this entity"
 * and the list's `@name` filter.
 */
import { Worker } from 'node:worker_threads';
import Fuse from 'fuse.js';
import { entityCacheDir } from './cache.js';
import { aliasGroupOf, entityKey, normalizeName, surnameOf } from './normalize.js';
import type { Entity, EntityType } from './types.js';

export interface LibraryEntityIndex {
  /** Article ids in library order. */
  order: string[];
  /** Entities of each article (as extract() returns them). */
  byArticle: Map<string, Entity[]>;
  /** entityKey -> ids of the articles that mention it, in library order. */
  articlesByKey: Map<string, string[]>;
  /** entityKey -> a display name and type (the name used by the most articles). */
  labels: Map<string, { name: string; type: EntityType }>;
}

/**
 * Library-level evidence for people, applied in place: a one-word name typed as a place or an
 * organization in some articles is the surname of a person other articles name in full ("Putin"
 * read as a place beside "a meeting with", where another article has "Vladimir Putin"), when
 * the articles naming the person in full are at least as many as those typing the bare word
 * otherwise. Only the type (and id) of those entities changes. Returns how many changed.
 */
export function applyLibraryEvidence(order: string[], byArticle: Map<string, Entity[]>): number {
  const fullName = new Map<string, number>(); // surname -> articles naming a person in full
  const bare = new Map<string, number>(); // one-word non-person name -> articles
  for (const id of order) {
    const seenFull = new Set<string>();
    const seenBare = new Set<string>();
    for (const e of byArticle.get(id) ?? []) {
      const words = normalizeName(e.name).split(' ');
      if (e.type === 'person' && words.length >= 2) seenFull.add(surnameOf(words));
      else if (e.type !== 'person' && words.length === 1 && !aliasGroupOf(e.name)) seenBare.add(words[0]!);
    }
    for (const s of seenFull) fullName.set(s, (fullName.get(s) ?? 0) + 1);
    for (const s of seenBare) bare.set(s, (bare.get(s) ?? 0) + 1);
  }
  const surnames = new Set([...bare].filter(([w, n]) => (fullName.get(w) ?? 0) >= n).map(([w]) => w));
  if (surnames.size === 0) return 0;
  let changed = 0;
  for (const id of order) {
    const entities = byArticle.get(id);
    if (!entities?.some((e) => e.type !== 'person' && surnames.has(normalizeName(e.name)))) continue;
    const ids = new Set(entities.map((e) => e.id));
    byArticle.set(
      id,
      entities.map((e) => {
        if (e.type === 'person' || !surnames.has(normalizeName(e.name))) return e;
        changed++;
        ids.delete(e.id);
        let newId = `person:${normalizeName(e.name)}`;
        for (let n = 2; ids.has(newId); n++) newId = `person:${normalizeName(e.name)}#${n}`;
        ids.add(newId);
        return { ...e, id: newId, type: 'person' as const };
      }),
    );
  }
  return changed;
}

/** Builds the cross-article index (after applyLibraryEvidence, which may retype entities in `byArticle`). */
export function buildLibraryIndex(order: string[], byArticle: Map<string, Entity[]>): LibraryEntityIndex {
  applyLibraryEvidence(order, byArticle);
  const articlesByKey = new Map<string, string[]>();
  const nameVotes = new Map<string, Map<string, number>>();
  const types = new Map<string, EntityType>();
  for (const id of order) {
    const entities = byArticle.get(id);
    if (!entities) continue;
    for (const e of entities) {
      const key = entityKey(e);
      const list = articlesByKey.get(key) ?? [];
      if (list[list.length - 1] !== id) list.push(id);
      articlesByKey.set(key, list);
      const votes = nameVotes.get(key) ?? new Map<string, number>();
      votes.set(e.name, (votes.get(e.name) ?? 0) + 1);
      nameVotes.set(key, votes);
      if (!types.has(key)) types.set(key, e.type);
    }
  }
  const labels = new Map<string, { name: string; type: EntityType }>();
  for (const [key, votes] of nameVotes) {
    const name = [...votes.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0]![0];
    labels.set(key, { name, type: types.get(key)! });
  }
  return { order, byArticle, articlesByKey, labels };
}

/**
 * The next (direction 1) or previous (-1) article after `currentArticleId` in library order that
 * mentions the entity, wrapping around; null when no other article mentions it.
 */
export function nextArticleWith(index: LibraryEntityIndex, key: string, currentArticleId: string, direction: 1 | -1): string | null {
  const ids = index.articlesByKey.get(key);
  if (!ids || ids.length === 0) return null;
  const n = index.order.length;
  const here = index.order.indexOf(currentArticleId);
  if (here === -1) return direction === 1 ? ids[0]! : ids[ids.length - 1]!;
  const mentioning = new Set(ids);
  for (let step = 1; step < n; step++) {
    const id = index.order[(((here + direction * step) % n) + n) % n]!;
    if (mentioning.has(id)) return id;
  }
  return null;
}

const nameSearches = new WeakMap<LibraryEntityIndex, Fuse<{ key: string; name: string }>>();

/** fuse.js over the library's entity names: a short list, where its typo-tolerant scoring shines. */
function nameSearch(index: LibraryEntityIndex): Fuse<{ key: string; name: string }> {
  let search = nameSearches.get(index);
  if (!search) {
    const names = [...index.labels].map(([key, label]) => ({ key, name: label.name }));
    search = new Fuse(names, { keys: ['name'], threshold: 0.3, ignoreLocation: true });
    nameSearches.set(index, search);
  }
  return search;
}

/**
 * Article ids (library order) mentioning an entity whose key or display name contains `query`
 * ("@shoigu"); when no name does, the names it is a typo of ("@netanyhau").
 */
export function articlesMatching(index: LibraryEntityIndex, query: string): string[] {
  const q = query.replace(/^@/, '').trim().toLowerCase();
  if (!q) return [];
  let keys = [...index.labels]
    .filter(([key, label]) => key.slice(key.indexOf(':') + 1).includes(q) || label.name.toLowerCase().includes(q))
    .map(([key]) => key);
  if (keys.length === 0) keys = nameSearch(index).search(q).map((result) => result.item.key);
  const hit = new Set(keys.flatMap((key) => index.articlesByKey.get(key) ?? []));
  return index.order.filter((id) => hit.has(id));
}

export interface LibraryExtractionOptions {
  /** Cache directory; defaults to the XDG location (null: no cache). */
  cacheDir?: string | null;
  /** Called if the worker fails; onDone is still called with what was extracted. */
  onError?: (message: string) => void;
  /** For benchmarks: the worker's process.memoryUsage() with each batch of results. */
  onWorkerMemory?: (usage: NodeJS.MemoryUsage) => void;
}

/**
 * Articles the worker is sent at a time. It asks for another batch each time it finishes one and
 * starts with two, so it is never idle waiting and never holds more than two batches of texts
 * (all of them at once was a second copy of the library: ~176 MB at 20,000 articles).
 */
export const WORKER_BATCH = 100;
const BATCHES_AHEAD = 2;

/** Main thread -> worker. */
export type ToWorker = { type: 'articles'; items: Array<{ id: string; text: string }> } | { type: 'end' };

/** Worker -> main thread. `next`: the worker has finished a batch of articles and wants another. */
export type FromWorker =
  | { type: 'batch'; items: Array<{ id: string; entities: Entity[] }>; done: number; total: number; next?: boolean; memory?: NodeJS.MemoryUsage }
  | { type: 'done'; total: number }
  | { type: 'error'; message: string };

/** What the worker is started with. */
export interface WorkerInput {
  cacheDir: string | null;
  total: number;
  reportMemory: boolean;
}

function workerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './entity-worker.ts' : './entity-worker.js', import.meta.url);
}

/**
 * Starts the worker. Bundled, it is dist/entity-worker.js. From source (tests, under tsx), Node 20
 * workers do not inherit tsx's loader hooks, so a two-line bootstrap registers tsx first.
 */
function spawnWorker(workerData: WorkerInput): Worker {
  const url = workerUrl();
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const api = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * Extracts the entities of every article in a worker, through the disk cache, streaming the
 * articles to it a batch at a time (`text` is read only when its batch is sent), and builds the
 * library index from the results.
 */
export function startLibraryExtraction(
  articles: ReadonlyArray<{ readonly id: string; readonly text: string }>,
  onProgress: (done: number, total: number) => void,
  onDone: (index: LibraryEntityIndex) => void,
  options: LibraryExtractionOptions = {},
): { cancel(): void } {
  const order = articles.map((a) => a.id);
  const total = articles.length;
  const cacheDir = options.cacheDir === undefined ? entityCacheDir() : options.cacheDir;
  const byArticle = new Map<string, Entity[]>();
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    onDone(buildLibraryIndex(order, byArticle));
  };
  let worker: Worker;
  try {
    worker = spawnWorker({ cacheDir, total, reportMemory: options.onWorkerMemory !== undefined });
  } catch (error) {
    options.onError?.(error instanceof Error ? error.message : String(error));
    queueMicrotask(finish);
    return { cancel() {} };
  }
  worker.unref();
  let sent = 0;
  let ended = false;
  const sendNext = () => {
    if (ended) return;
    if (sent >= total) {
      ended = true;
      worker.postMessage({ type: 'end' } satisfies ToWorker);
      return;
    }
    const items = articles.slice(sent, sent + WORKER_BATCH).map((a) => ({ id: a.id, text: a.text }));
    sent += items.length;
    worker.postMessage({ type: 'articles', items } satisfies ToWorker);
  };
  for (let i = 0; i < BATCHES_AHEAD; i++) sendNext();
  worker.on('message', (msg: FromWorker) => {
    if (finished) return;
    if (msg.type === 'batch') {
      if (msg.memory) options.onWorkerMemory?.(msg.memory);
      for (const item of msg.items) byArticle.set(item.id, item.entities);
      onProgress(msg.done, msg.total);
      if (msg.next) sendNext();
    } else if (msg.type === 'done') {
      finish();
      void worker.terminate();
    } else if (msg.type === 'error') {
      options.onError?.(msg.message || 'entity worker failed');
      finish();
      void worker.terminate();
    }
  });
  worker.on('error', (error) => {
    if (finished) return;
    options.onError?.(error.message);
    finish();
  });
  worker.on('exit', () => {
    if (!finished) finish();
  });
  return {
    cancel() {
      finished = true;
      void worker.terminate();
    },
  };
}
