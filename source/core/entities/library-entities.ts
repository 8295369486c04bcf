/**
 * Library-wide entity extraction, run in a worker thread (entity-worker.ts) so typing and
 * scrolling never wait for it, plus the index used for "next article mentioning this entity"
 * and the list's `@name` filter.
 */
import { Worker } from 'node:worker_threads';
import Fuse from 'fuse.js';
import { EntityCache, entityCacheDir } from './cache.js';
import { aliasGroupOf, entityKey, normalizeName, surnameOf } from './normalize.js';
import type { Entity, EntityExtractor, EntityType } from './types.js';

export interface LibraryEntityIndex {
  /** Article ids in library order. */
  order: string[];
  /**
   * Names and aliases of each article's entities (the list search's extra terms), strings shared
   * across articles. Not the entities themselves: at 20,000 articles those are a million mention
   * objects; `articleEntities` gets one article's when it is opened.
   */
  namesByArticle: Map<string, readonly string[]>;
  /** entityKey -> ids of the articles that mention it, in library order. */
  articlesByKey: Map<string, string[]>;
  /** entityKey -> a display name and type (the name used by the most articles). */
  labels: Map<string, { name: string; type: EntityType }>;
  /** What the whole library says about people, to apply to an article's entities (applyEvidence). */
  evidence: LibraryEvidence;
  /** Where the pass cached each article's entities, so `articleEntities` reads them back; null: nowhere. */
  cacheDir: string | null;
}

/**
 * Library-level evidence for people: one-word names typed as a place or an organization in some
 * articles that are the surname of a person other articles name in full ("Putin" read as a place
 * beside "a meeting with", where another article has "Vladimir Putin"), when the articles naming
 * the person in full are at least as many as those typing the bare word otherwise.
 */
export interface LibraryEvidence {
  /** Those names, normalised (normalizeName). */
  surnames: ReadonlySet<string>;
}

/**
 * Collects the evidence an article at a time: two small maps of counts (one entry per surname or
 * one-word name), never the articles' entities.
 */
export class EvidenceCollector {
  private readonly fullName = new Map<string, number>(); // surname -> articles naming a person in full
  private readonly bare = new Map<string, number>(); // one-word non-person name -> articles

  add(entities: readonly Pick<Entity, 'name' | 'type'>[]): void {
    const seenFull = new Set<string>();
    const seenBare = new Set<string>();
    for (const e of entities) {
      const words = normalizeName(e.name).split(' ');
      if (e.type === 'person' && words.length >= 2) seenFull.add(surnameOf(words));
      else if (e.type !== 'person' && words.length === 1 && !aliasGroupOf(e.name)) seenBare.add(words[0]!);
    }
    for (const s of seenFull) this.fullName.set(s, (this.fullName.get(s) ?? 0) + 1);
    for (const s of seenBare) this.bare.set(s, (this.bare.get(s) ?? 0) + 1);
  }

  finish(): LibraryEvidence {
    return { surnames: new Set([...this.bare].filter(([w, n]) => (this.fullName.get(w) ?? 0) >= n).map(([w]) => w)) };
  }
}

/** The evidence over every article's entities. */
export function collectLibraryEvidence(lists: Iterable<readonly Pick<Entity, 'name' | 'type'>[]>): LibraryEvidence {
  const collector = new EvidenceCollector();
  for (const entities of lists) collector.add(entities);
  return collector.finish();
}

/** Whether the evidence makes this entity a person. */
function retypedByEvidence(evidence: LibraryEvidence, e: Pick<Entity, 'name' | 'type'>): boolean {
  return e.type !== 'person' && evidence.surnames.size > 0 && evidence.surnames.has(normalizeName(e.name));
}

/**
 * One article's entities with the library's evidence applied: only the type (and id) of the
 * bare surnames change. Returns `entities` itself when nothing changes, else a new list.
 */
export function applyEvidence(evidence: LibraryEvidence, entities: Entity[]): Entity[] {
  if (!entities.some((e) => retypedByEvidence(evidence, e))) return entities;
  const ids = new Set(entities.map((e) => e.id));
  return entities.map((e) => {
    if (!retypedByEvidence(evidence, e)) return e;
    ids.delete(e.id);
    let newId = `person:${normalizeName(e.name)}`;
    for (let n = 2; ids.has(newId); n++) newId = `person:${normalizeName(e.name)}#${n}`;
    ids.add(newId);
    return { ...e, id: newId, type: 'person' as const };
  });
}

/**
 * The evidence collected over `byArticle` and applied to it in place (for callers that hold every
 * article's entities anyway). Returns how many entities changed type.
 */
export function applyLibraryEvidence(order: string[], byArticle: Map<string, Entity[]>): number {
  const evidence = collectLibraryEvidence(order.map((id) => byArticle.get(id) ?? []));
  let changed = 0;
  for (const id of order) {
    const entities = byArticle.get(id);
    if (!entities) continue;
    const applied = applyEvidence(evidence, entities);
    if (applied === entities) continue;
    changed += entities.filter((e, i) => e !== applied[i]).length;
    byArticle.set(id, applied);
  }
  return changed;
}

/** What the library pass needs of an entity: not its mentions, which are most of its size. */
export type EntitySummary = Pick<Entity, 'name' | 'type' | 'aliases'>;

/** What the index keeps of one entity while the pass runs: its name and type, shared between articles. */
interface Signature {
  name: string;
  type: EntityType;
  key?: string;
}

/**
 * Builds the index as articles' entities arrive, keeping only what cross-article features need.
 * Keys wait for the evidence (it can retype an entity, so change its key), so until finish() each
 * article is a list of shared name/type pairs.
 */
export class LibraryIndexBuilder {
  private readonly evidence = new EvidenceCollector();
  private readonly strings = new Map<string, string>();
  private readonly signatures = new Map<string, Signature>();
  private readonly pending = new Map<string, Signature[]>();
  private readonly names = new Map<string, readonly string[]>();

  constructor(private readonly cacheDir: string | null = null) {}

  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  private signature(name: string, type: EntityType): Signature {
    const id = `${type}\0${name}`;
    let sig = this.signatures.get(id);
    if (!sig) {
      sig = { name: this.intern(name), type };
      this.signatures.set(id, sig);
    }
    return sig;
  }

  /** One article's entities (as extract() returns them, or their summaries); only names and types are kept. */
  add(id: string, entities: readonly EntitySummary[]): void {
    this.evidence.add(entities);
    this.pending.set(
      id,
      entities.map((e) => this.signature(e.name, e.type)),
    );
    const names = new Set<string>();
    for (const e of entities) {
      names.add(this.intern(e.name));
      for (const alias of e.aliases) names.add(this.intern(alias));
    }
    if (names.size > 0) this.names.set(id, [...names]);
  }

  finish(order: string[]): LibraryEntityIndex {
    const evidence = this.evidence.finish();
    const articlesByKey = new Map<string, string[]>();
    const nameVotes = new Map<string, Map<string, number>>();
    const types = new Map<string, EntityType>();
    for (const id of order) {
      for (let sig of this.pending.get(id) ?? []) {
        if (retypedByEvidence(evidence, sig)) sig = this.signature(sig.name, 'person');
        const key = (sig.key ??= entityKey(sig));
        const list = articlesByKey.get(key) ?? [];
        if (list[list.length - 1] !== id) list.push(id);
        articlesByKey.set(key, list);
        const votes = nameVotes.get(key) ?? new Map<string, number>();
        votes.set(sig.name, (votes.get(sig.name) ?? 0) + 1);
        nameVotes.set(key, votes);
        if (!types.has(key)) types.set(key, sig.type);
      }
    }
    this.pending.clear();
    const labels = new Map<string, { name: string; type: EntityType }>();
    for (const [key, votes] of nameVotes) {
      const name = [...votes.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0]![0];
      labels.set(key, { name, type: types.get(key)! });
    }
    return { order, namesByArticle: this.names, articlesByKey, labels, evidence, cacheDir: this.cacheDir };
  }
}

/** Builds the cross-article index from every article's entities (not changed: see applyEvidence). */
export function buildLibraryIndex(order: string[], byArticle: Map<string, Entity[]>, cacheDir: string | null = null): LibraryEntityIndex {
  const builder = new LibraryIndexBuilder(cacheDir);
  for (const id of order) {
    const entities = byArticle.get(id);
    if (entities) builder.add(id, entities);
  }
  return builder.finish(order);
}

/**
 * One article's entities as the panel shows them: read back from the disk cache the library pass
 * filled (a small JSON file), else extracted now, with the library's evidence applied. `index`
 * null (the pass has not finished): extracted now, no evidence. Extracts on the calling thread
 * whatever the length: the UI uses `openedArticleEntities`, which does not.
 */
export function articleEntities(extractor: EntityExtractor, text: string, index: LibraryEntityIndex | null): Entity[] {
  const cached = index?.cacheDir ? new EntityCache(extractor.version, index.cacheDir).get(text) : undefined;
  const entities = cached ?? extractor.extract(text);
  return index ? applyEvidence(index.evidence, entities) : entities;
}

/**
 * The longest text extracted on the UI thread. Extraction costs about 2.5 ms per 1,000
 * characters, so this is a pause of ~50 ms at most; a longer article (a 2 MB one took seconds,
 * with every key, q included, waiting) goes to a worker.
 */
export const MAIN_THREAD_MAX_CHARS = 20_000;

export interface OpenedArticleOptions {
  /** Where to look for (and the worker to store) the article's entities when `index` is null; defaults to the XDG location. */
  cacheDir?: string | null;
  /** Aborting stops a worker extracting the article; the promise then rejects. */
  signal?: AbortSignal;
}

/**
 * The entities of the article on screen, never extracting more than MAIN_THREAD_MAX_CHARS on
 * the calling thread: read back from the disk cache when it has them (the library pass's, or a
 * worker's from an earlier run), extracted here when the text is short, else in a worker of its
 * own (not queued behind the library pass), which caches them for the pass. The library's
 * evidence is applied when `index` is given.
 */
export async function openedArticleEntities(
  extractor: EntityExtractor,
  text: string,
  index: LibraryEntityIndex | null,
  options: OpenedArticleOptions = {},
): Promise<Entity[]> {
  const cacheDir = index ? index.cacheDir : options.cacheDir === undefined ? entityCacheDir() : options.cacheDir;
  const cached = cacheDir ? new EntityCache(extractor.version, cacheDir).get(text) : undefined;
  const entities =
    cached ?? (text.length > MAIN_THREAD_MAX_CHARS ? await extractInWorker(text, { cacheDir, signal: options.signal }) : extractor.extract(text));
  return index ? applyEvidence(index.evidence, entities) : entities;
}

/**
 * One text's entities, extracted (through the disk cache) in a worker started for it, so the
 * calling thread stays free however long the text is. Rejects if the worker fails or `signal`
 * aborts (which stops the worker).
 */
export function extractInWorker(text: string, options: { cacheDir?: string | null; signal?: AbortSignal } = {}): Promise<Entity[]> {
  const cacheDir = options.cacheDir === undefined ? entityCacheDir() : options.cacheDir;
  const { signal } = options;
  return new Promise<Entity[]>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let worker: Worker;
    try {
      worker = spawnWorker({ cacheDir, total: 1, reportMemory: false, summaries: false });
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
      } else if (msg.type === 'done') settle();
      else if (msg.type === 'error') settle(new Error(msg.message || 'entity worker failed'));
    });
    worker.on('error', (error) => settle(error));
    worker.on('exit', () => settle());
    worker.postMessage({ type: 'articles', items: [{ id: '', text }] } satisfies ToWorker);
    worker.postMessage({ type: 'end' } satisfies ToWorker);
  });
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

/**
 * Article ids (library order) that match every one of `terms` (articlesMatching each): the
 * `@a @b` filter of the list and of `lede search`, an AND like the words of a query.
 */
export function articlesMatchingAll(index: LibraryEntityIndex, terms: readonly string[]): string[] {
  if (terms.length === 0) return [...index.order];
  const sets = terms.map((term) => new Set(articlesMatching(index, term)));
  return index.order.filter((id) => sets.every((set) => set.has(id)));
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

/** One article's result: whole entities, or only their summaries when the worker was started with `summaries`. */
export type WorkerItem = { id: string; entities: Entity[] } | { id: string; summaries: EntitySummary[] };

/** Worker -> main thread. `next`: the worker has finished a batch of articles and wants another. */
export type FromWorker =
  | { type: 'batch'; items: WorkerItem[]; done: number; total: number; next?: boolean; memory?: NodeJS.MemoryUsage }
  | { type: 'done'; total: number }
  | { type: 'error'; message: string };

/** What the worker is started with. */
export interface WorkerInput {
  cacheDir: string | null;
  total: number;
  reportMemory: boolean;
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
function spawnWorker(workerData: WorkerInput): Worker {
  const url = workerUrl();
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData, resourceLimits: WORKER_LIMITS });
  const api = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits: WORKER_LIMITS });
}

/**
 * Extracts the entities of every article in a worker, through the disk cache, streaming the
 * articles to it a batch at a time (`text` is read only when its batch is sent), and builds the
 * library index from the results as they arrive.
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
  const builder = new LibraryIndexBuilder(cacheDir);
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    onDone(builder.finish(order));
  };
  let worker: Worker;
  try {
    worker = spawnWorker({ cacheDir, total, reportMemory: options.onWorkerMemory !== undefined, summaries: true });
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
      for (const item of msg.items) builder.add(item.id, 'summaries' in item ? item.summaries : item.entities);
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
