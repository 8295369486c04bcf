/**
 * Where the app's entities come from: one interface, two ways of doing the work.
 *
 * - InThreadSource extracts on the calling thread, a slice at a time: for a small library (a
 *   worker's start-up costs more than the work), kept in memory, and for the CLI, through the disk
 *   cache and the saved library index (saved-library-index.ts), so a second run is fast.
 * - WorkerSource runs the library pass in a worker, through the disk cache, and reads an opened
 *   article's entities back from that cache (else extracts a short one here, a long one in a
 *   worker of its own, so no key waits for it).
 *
 * Both hand out entities as the library shows them (library-view.ts): what the whole library
 * knows is applied in that one place, whichever way they were extracted.
 */
import { TimeSlices } from '../load/time-slices.js';
import { EntityCache } from './cache.js';
import { EXTRACTOR_VERSION } from './versions.js';
import type { CorrectionSet } from './corrections.js';
import { type LibraryEntityIndex, LibraryIndexBuilder } from './library-index.js';
import { entitiesAsShown } from './library-view.js';
import { indexFromSavedInputs, loadSavedIndex, saveBuiltIndex, saveBuiltIndexInSlices, type SavedIndexPlace, savedIndexPlace } from './saved-library-index.js';
import type { ArticleText, Entity, EntityExtractor } from './types.js';

export type { ArticleText };
import { extractInWorker, type LibraryExtraction, startLibraryExtraction } from './worker-client.js';

/** What a source needs of an article. */
export interface EntitiesOfOptions {
  /** The user's corrections (with `index`, the ones it was built with apply too). */
  corrections?: CorrectionSet;
  /** Aborting rejects the promise (and stops a worker reading a long article). */
  signal?: AbortSignal;
  /** A long article is read in chunks: the characters read so far, after each. */
  onProgress?: (done: number, total: number) => void;
}

export interface LibraryPassHandlers {
  onProgress: (done: number, total: number) => void;
  onDone: (index: LibraryEntityIndex) => void;
  /** The pass failed; onDone is still called with what was found (an extractor that cannot load: never). */
  onError?: (message: string) => void;
}

/** A library pass under way. */
export interface LibraryPass {
  cancel(): void;
  /** The index of the articles done so far (the library screen shows what is known while the pass runs). */
  snapshot(): LibraryEntityIndex;
}

export interface EntitySource {
  /** Finds (or reads back) every article's entities, off the critical path, and builds the library index. */
  runLibraryPass(handlers: LibraryPassHandlers): LibraryPass;
  /**
   * One article's entities as shown: the user's corrections applied, and with `index` the
   * library's view (which carries the corrections it was built with). Rejects when aborted.
   */
  entitiesOf(article: ArticleText, index: LibraryEntityIndex | null, options?: EntitiesOfOptions): Promise<Entity[]>;
  /**
   * One article's entities as the library `index` shows them, if they can be had at once without
   * extracting (from memory or the disk cache): for the search's highlights, which cannot wait.
   */
  knownEntitiesOf(article: ArticleText, index: LibraryEntityIndex): Entity[] | undefined;
}

/**
 * The longest text extracted on the UI thread. Extraction costs about 2.5 ms per 1,000
 * characters, so this is a pause of ~50 ms at most; a longer article (a 2 MB one took seconds,
 * with every key, q included, waiting) goes to a worker.
 */
export const MAIN_THREAD_MAX_CHARS = 20_000;

/**
 * Libraries with less text than this (and no article over MAIN_THREAD_MAX_CHARS) are extracted
 * on the main thread: for that little a worker's start-up costs more than the work. Counted in
 * characters, not articles: one 2 MB article is seconds of work.
 */
export const IN_THREAD_MAX_CHARS = 50_000;

/** Whether a library is small enough to be extracted on the UI thread. */
export function extractsInThread(articles: readonly Pick<ArticleText, 'text'>[]): boolean {
  let total = 0;
  for (const article of articles) {
    const length = article.text.length;
    if (length > MAIN_THREAD_MAX_CHARS) return false;
    total += length;
    if (total > IN_THREAD_MAX_CHARS) return false;
  }
  return true;
}

export interface SourceOptions {
  /** The disk cache; null: none. */
  cacheDir: string | null;
  /** Told once if the cache turns out to be unusable ("entity cache off: cannot create …"). */
  onCacheProblem?: (problem: string) => void;
  /** The user's corrections, for the index the library pass builds (in this thread; default none). */
  corrections?: CorrectionSet;
  /**
   * The version of the extractor `extractor` gives, known without loading it: what the saved
   * index and the pass's cached entities are keyed by (default EXTRACTOR_VERSION, the shipped
   * extractor's; a test's own extractor says its own). WorkerSource only.
   */
  extractorVersion?: string;
}

/** The source for an interactive library: in this thread when it is small, else through a worker. */
export function entitySourceFor(
  articles: readonly ArticleText[],
  extractor: () => Promise<EntityExtractor>,
  options: SourceOptions,
): EntitySource {
  // A tiny library needs no disk cache: extracting it again costs less than reading one back.
  return extractsInThread(articles) ? new InThreadSource(articles, extractor, { ...options, cacheDir: null }) : new WorkerSource(articles, extractor, options);
}

/** What a second start found beside the library cache (WorkerSource.loadSaved): the built index, when it was saved and is right. */
interface SavedIndex {
  place: SavedIndexPlace;
  index: LibraryEntityIndex | undefined;
}

/** Work between two yields to the event loop while extracting on the UI thread. */
const SLICE_MS = 8;

export class InThreadSource implements EntitySource {
  /**
   * Each article's entities as extracted, by id, when there is no disk cache to read them back
   * from: kept, so the one on screen is never extracted twice. With a working disk cache they are
   * read back from it instead, so memory holds one article's entities, not the library's.
   */
  private readonly extracted = new Map<string, Entity[]>();
  private cache: EntityCache | null | undefined;

  constructor(
    private readonly articles: readonly ArticleText[],
    private readonly extractor: () => Promise<EntityExtractor>,
    private readonly options: SourceOptions,
  ) {}

  private diskCache(extractor: EntityExtractor): EntityCache | null {
    if (this.cache === undefined) {
      this.cache = this.options.cacheDir ? new EntityCache(extractor.version, this.options.cacheDir, { onProblem: this.options.onCacheProblem }) : null;
      // Off already (another cache of this process found it so): still said.
      if (this.cache?.problem) this.options.onCacheProblem?.(this.cache.problem);
    }
    return this.cache;
  }

  private extract(extractor: EntityExtractor, article: ArticleText): Entity[] {
    let entities = this.extracted.get(article.id);
    if (entities) return entities;
    const cache = this.diskCache(extractor);
    const cached = cache?.get(article);
    if (cached) return cached;
    entities = extractor.extract(article.text, article.title);
    cache?.set(article, entities);
    // Kept unless the disk has them: a cache that is off (or none) would mean extracting again.
    if (!cache || cache.problem) this.extracted.set(article.id, entities);
    return entities;
  }

  runLibraryPass(handlers: LibraryPassHandlers): LibraryPass {
    let cancelled = false;
    const { cacheDir, corrections, onCacheProblem } = this.options;
    const builder = new LibraryIndexBuilder(cacheDir);
    const saving = { cacheDir, onProblem: onCacheProblem };
    const run = async () => {
      const extractor = await this.extractor();
      // Opened now, not at the first extraction: knownEntitiesOf reads it after a pass that extracted nothing (a loaded index).
      this.diskCache(extractor);
      // A library cached on disk: its index may be saved by a run before (the app's or this
      // source's), and is saved after this pass for the next one. Saved under no corrections:
      // the user's are applied after, as the app applies them after its pass.
      const place = cacheDir ? savedIndexPlace(this.articles, extractor.version) : undefined;
      const shown = (index: LibraryEntityIndex) => (corrections ? index.withCorrectionsInSlices(corrections, SLICE_MS) : Promise.resolve(index));
      if (place) {
        const loaded = await loadSavedIndex(place, saving);
        const saved = loaded ?? (cancelled ? undefined : await indexFromSavedInputs(place, { ...saving, sliceMs: SLICE_MS, cancelled: () => cancelled }));
        if (cancelled) return;
        if (saved) {
          // Built from the saved findings: the built index is saved too, for the next run.
          if (!loaded) saveBuiltIndex(saved, place, { ...saving, withInputs: false });
          handlers.onProgress(this.articles.length, this.articles.length);
          const index = await shown(saved);
          if (!cancelled) handlers.onDone(index);
          return;
        }
      }
      const slices = new TimeSlices(SLICE_MS);
      for (const [i, article] of this.articles.entries()) {
        await slices.pauseIfDue();
        if (cancelled) return;
        builder.add(article.id, this.extract(extractor, article));
        handlers.onProgress(i + 1, this.articles.length);
      }
      if (cancelled) return;
      const order = this.articles.map((a) => a.id);
      if (!place) {
        const index = await builder.finishInSlices(order, SLICE_MS, corrections);
        if (!cancelled) handlers.onDone(index);
        return;
      }
      const built = await builder.finishInSlices(order, SLICE_MS);
      if (cancelled) return;
      saveBuiltIndex(built, place, { ...saving, withInputs: true });
      const index = await shown(built);
      if (!cancelled) handlers.onDone(index);
    };
    run().catch((error: unknown) => handlers.onError?.(error instanceof Error ? error.message : String(error)));
    return {
      cancel: () => {
        cancelled = true;
      },
      snapshot: () => builder.snapshot(corrections),
    };
  }

  async entitiesOf(article: ArticleText, index: LibraryEntityIndex | null, options: EntitiesOfOptions = {}): Promise<Entity[]> {
    const extractor = await this.extractor();
    options.signal?.throwIfAborted();
    return entitiesAsShown(this.extract(extractor, article), index, article.id, options.corrections);
  }

  knownEntitiesOf(article: ArticleText, index: LibraryEntityIndex): Entity[] | undefined {
    // The library pass keeps every article's entities here, or in the disk cache.
    const extracted = this.extracted.get(article.id) ?? this.cache?.get(article);
    return extracted && entitiesAsShown(extracted, index, article.id);
  }
}

export class WorkerSource implements EntitySource {
  /** The library pass while it runs: a long article opened meanwhile is read by its worker. */
  private pass: LibraryExtraction | null = null;

  constructor(
    private readonly articles: readonly ArticleText[],
    private readonly extractor: () => Promise<EntityExtractor>,
    private readonly options: SourceOptions,
  ) {}

  /**
   * What a run before left beside the library cache for exactly this library and extractor: its
   * built index, else nothing loaded yet (the pass then tries its saved findings). Keyed by the
   * version module's EXTRACTOR_VERSION, so it waits for no model to load: a warm start loads none.
   */
  private loadSaved(): Promise<SavedIndex | undefined> | undefined {
    const place = savedIndexPlace(this.articles, this.options.extractorVersion ?? EXTRACTOR_VERSION);
    const cacheDir = this.options.cacheDir;
    if (!place || !cacheDir) return undefined;
    return (async (): Promise<SavedIndex> => {
      return { place, index: await loadSavedIndex(place, { cacheDir, onProblem: this.options.onCacheProblem }) };
    })();
  }

  runLibraryPass(handlers: LibraryPassHandlers): LibraryPass {
    // Begun at once, not once the extractor has loaded: a warm start needs none (loadSaved).
    const saved = this.loadSaved();
    if (!saved) return this.startPass(handlers);
    let cancelled = false;
    let pass: LibraryPass | null = null;
    const waiting = new LibraryIndexBuilder(this.options.cacheDir);
    const saving = { cacheDir: this.options.cacheDir, onProblem: this.options.onCacheProblem };
    const warmStart = async (found: SavedIndex | undefined) => {
      if (cancelled || !found) return;
      const { place, index: loaded } = found;
      const { order } = place;
      if (loaded) {
        handlers.onProgress(order.length, order.length);
        return handlers.onDone(loaded);
      }
      const rebuilt = await indexFromSavedInputs(place, {
        ...saving,
        sliceMs: SLICE_MS,
        cancelled: () => cancelled,
        onRead: () => handlers.onProgress(order.length, order.length),
      });
      if (cancelled) return;
      if (!rebuilt) {
        pass = this.startPass(handlers, (index) => saveBuiltIndexInSlices(index, place, { ...saving, withInputs: true, sliceMs: SLICE_MS }));
        return;
      }
      handlers.onDone(rebuilt);
      await saveBuiltIndexInSlices(rebuilt, place, { ...saving, withInputs: false, sliceMs: SLICE_MS });
    };
    saved.then(warmStart).catch((error: unknown) => handlers.onError?.(error instanceof Error ? error.message : String(error)));
    return {
      cancel: () => {
        cancelled = true;
        pass?.cancel();
      },
      snapshot: () => pass?.snapshot() ?? waiting.snapshot(),
    };
  }

  /**
   * The pass itself, in the worker; `onComplete` (the save) is given the index of a pass that read
   * every article, and the index is handed out once it is done: what the app builds on the
   * index's arrival (the search taking every article's names) ran beside the save, and at
   * 100,000 articles the two together were the first pass's highest RSS.
   */
  private startPass(handlers: LibraryPassHandlers, onComplete?: (index: LibraryEntityIndex) => Promise<void>): LibraryPass {
    let failed = false;
    const pass = startLibraryExtraction(
      this.articles,
      handlers.onProgress,
      (index) => {
        if (this.pass === pass) this.pass = null;
        if (failed || !onComplete) return handlers.onDone(index);
        const done = () => {
          if (!failed) handlers.onDone(index);
        };
        onComplete(index).then(done, done);
      },
      {
        cacheDir: this.options.cacheDir,
        onError: (message) => {
          failed = true;
          handlers.onError?.(message);
        },
        onCacheProblem: this.options.onCacheProblem,
      },
    );
    this.pass = pass;
    return {
      cancel: () => {
        failed = true;
        if (this.pass === pass) this.pass = null;
        pass.cancel();
      },
      snapshot: () => pass.snapshot(),
    };
  }

  /**
   * A long article, off this thread: by the library pass's worker while it runs (never two
   * threads reading one article: twice the memory and the cores), else by a worker of its own.
   */
  private async readLong(article: ArticleText, cacheDir: string | null, signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<Entity[]> {
    const pass = this.pass;
    if (pass) {
      try {
        return await pass.readFirst(article, { signal, onProgress });
      } catch (error) {
        // The pass's worker is gone (finished, failed): read it in a worker of its own.
        if (signal?.aborted) throw error;
      }
    }
    return extractInWorker(article, { cacheDir, signal, onProgress });
  }

  async entitiesOf(article: ArticleText, index: LibraryEntityIndex | null, options: EntitiesOfOptions = {}): Promise<Entity[]> {
    const { corrections, signal, onProgress } = options;
    const extractor = await this.extractor();
    signal?.throwIfAborted();
    const cacheDir = index ? index.cacheDir : this.options.cacheDir;
    const cached = cacheDir ? new EntityCache(extractor.version, cacheDir).get(article) : undefined;
    const extracted =
      cached ??
      (article.text.length > MAIN_THREAD_MAX_CHARS ? await this.readLong(article, cacheDir, signal, onProgress) : extractor.extract(article.text, article.title));
    return entitiesAsShown(extracted, index, article.id, corrections);
  }

  knownEntitiesOf(article: ArticleText, index: LibraryEntityIndex): Entity[] | undefined {
    // The version the pass's worker cached them under: known without loading the extractor here.
    if (!index.cacheDir) return undefined;
    const cached = new EntityCache(this.options.extractorVersion ?? EXTRACTOR_VERSION, index.cacheDir).get(article);
    return cached && entitiesAsShown(cached, index, article.id);
  }
}
