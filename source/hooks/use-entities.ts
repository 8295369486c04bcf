import { type Dispatch, useEffect, useRef } from 'react';
import type { Article } from '../core/article';
import { type Entity, type EntityExtractor, loadEntityExtractor } from '../core/entities';
import {
  applyEvidence,
  type LibraryEntityIndex,
  LibraryIndexBuilder,
  MAIN_THREAD_MAX_CHARS,
  openedArticleEntities,
  startLibraryExtraction,
} from '../core/entities/library-entities';
import type { Action, State } from '../state/reducer';
import { throttleProgress } from './throttle-progress';

/**
 * Libraries with less text than this (and no article over MAIN_THREAD_MAX_CHARS) are extracted
 * on the main thread, an article at a time: for that little a worker's start-up costs more than
 * the work. Counted in characters, not articles: one 2 MB article is seconds of work.
 */
export const IN_THREAD_MAX_CHARS = 50_000;

/** Whether the library pass runs on the main thread (true) or in a worker. */
export function extractsInThread(articles: readonly Pick<Article, 'text'>[]): boolean {
  let total = 0;
  for (const article of articles) {
    const length = article.text.length;
    if (length > MAIN_THREAD_MAX_CHARS) return false;
    total += length;
    if (total > IN_THREAD_MAX_CHARS) return false;
  }
  return true;
}

/**
 * Library-wide extraction waits this long after mounting, so the first frame is written (Ink
 * throttles renders) before any NLP code is loaded or run.
 */
export const ENTITY_START_DELAY_MS = 250;

/**
 * The same work as the worker, an article at a time, yielding between articles so keys get
 * through. Each article's entities are kept in `extracted` (a small library: little to keep), so
 * the article on screen is not extracted a second time, by the pass or for the panel.
 */
function extractInThread(
  loading: Promise<EntityExtractor>,
  articles: readonly Article[],
  extracted: Map<string, Entity[]>,
  onProgress: (done: number, total: number) => void,
  onDone: (index: LibraryEntityIndex) => void,
): { cancel(): void } {
  let cancelled = false;
  void loading.then(async (extractor) => {
    const builder = new LibraryIndexBuilder(null);
    for (const [i, article] of articles.entries()) {
      await new Promise((resolve) => setImmediate(resolve));
      if (cancelled) return;
      let entities = extracted.get(article.id);
      if (!entities) {
        entities = extractor.extract(article.text);
        extracted.set(article.id, entities);
      }
      builder.add(article.id, entities);
      onProgress(i + 1, articles.length);
    }
    onDone(builder.finish(articles.map((a) => a.id)));
  });
  return {
    cancel: () => {
      cancelled = true;
    },
  };
}

/**
 * Feeds the entity panel. Nothing NLP loads before the first frame: the library-wide extraction
 * (in a worker, cached on disk, unless the library is tiny) starts after it, and an opened
 * article the library pass has not reached yet is extracted on its own as soon as it is on
 * screen: here if it is short, else in a worker of its own, so no key ever waits for it.
 */
export function useEntities(articles: readonly Article[], state: State, dispatch: Dispatch<Action>): void {
  const extractorRef = useRef<Promise<EntityExtractor> | null>(null);
  const extractor = () => {
    extractorRef.current ??= loadEntityExtractor();
    return extractorRef.current;
  };
  // A tiny library's articles' entities (no evidence applied) by id, as the in-thread pass and
  // the panel extract them; null when the pass runs in a worker.
  const inThread = useRef<Map<string, Entity[]> | null>(null);
  const libraryIndex = state.entities.library;
  const openIndex = state.screen.name === 'reader' ? state.screen.articleIndex : -1;
  const current = state.entities.current;
  const haveCurrent = current?.articleIndex === openIndex;

  useEffect(() => {
    inThread.current = articles.length > 0 && extractsInThread(articles) ? new Map() : null;
    if (articles.length === 0) return;
    let job: { cancel(): void } | undefined;
    const timer = setTimeout(() => {
      const onProgress = throttleProgress((done, total) => dispatch({ type: 'entityProgress', done, total }));
      const onDone = (index: LibraryEntityIndex) => dispatch({ type: 'libraryEntities', index });
      // Loading the tagger here too (not only in the worker) saves its load time when an article
      // is opened before the library pass has reached it.
      const loading = extractor();
      const byId = inThread.current;
      job = byId ? extractInThread(loading, articles, byId, onProgress, onDone) : startLibraryExtraction(articles, onProgress, onDone);
    }, ENTITY_START_DELAY_MS);
    return () => {
      clearTimeout(timer);
      job?.cancel();
    };
  }, [articles, dispatch]);

  // The entities last handed to the panel, and the library index they were prepared with.
  const shown = useRef<{ entities: Entity[]; library: LibraryEntityIndex | null } | null>(null);

  useEffect(() => {
    const article = articles[openIndex];
    if (!article) return;
    const upToDate = haveCurrent && shown.current?.entities === current?.entities && shown.current.library === libraryIndex;
    // Before the library pass has finished, a direct extraction is as good as it gets.
    if (upToDate || (haveCurrent && !libraryIndex)) return;
    // Once it has: read back from its disk cache (or kept from the in-thread pass, or extracted
    // again), with library-wide corrections, replacing a direct extraction made before the pass
    // got there.
    const controller = new AbortController();
    const byId = inThread.current;
    const show = (entities: Entity[]) => {
      if (controller.signal.aborted) return;
      shown.current = { entities, library: libraryIndex };
      dispatch({ type: 'entities', articleIndex: openIndex, entities });
    };
    void extractor()
      .then(async (ex) => {
        if (controller.signal.aborted) return;
        if (byId) {
          // A tiny library (every article short): kept from the pass, or extracted here and kept for it.
          let entities = byId.get(article.id);
          if (!entities) {
            entities = ex.extract(article.text);
            byId.set(article.id, entities);
          }
          return show(libraryIndex ? applyEvidence(libraryIndex.evidence, entities) : entities);
        }
        show(await openedArticleEntities(ex, article.text, libraryIndex, { signal: controller.signal }));
      })
      .catch(() => {
        // Aborted (the article was left), or its worker failed: nothing to show rather than
        // extracting a long article here, which would hold up every key.
        if (!controller.signal.aborted) show([]);
      });
    return () => controller.abort();
  }, [openIndex, haveCurrent, current, libraryIndex, articles, dispatch]);
}
