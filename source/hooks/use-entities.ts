import { type Dispatch, useEffect, useRef } from 'react';
import type { Article } from '../core/article';
import { type Entity, type EntityExtractor, loadEntityExtractor } from '../core/entities';
import {
  articleEntities,
  type LibraryEntityIndex,
  LibraryIndexBuilder,
  startLibraryExtraction,
} from '../core/entities/library-entities';
import type { Action, State } from '../state/reducer';
import { throttleProgress } from './throttle-progress';

/**
 * Libraries up to this size are extracted on the main thread, an article at a time: for a
 * couple of articles a worker's start-up costs more than the work.
 */
const IN_THREAD_LIMIT = 4;

/**
 * Library-wide extraction waits this long after mounting, so the first frame is written (Ink
 * throttles renders) before any NLP code is loaded or run.
 */
export const ENTITY_START_DELAY_MS = 250;

/** The same work as the worker, an article at a time, yielding between articles so keys get through. */
function extractInThread(
  loading: Promise<EntityExtractor>,
  articles: readonly Article[],
  onProgress: (done: number, total: number) => void,
  onDone: (index: LibraryEntityIndex) => void,
): { cancel(): void } {
  let cancelled = false;
  void loading.then(async (extractor) => {
    // No disk cache for a library this small: an opened article is extracted again.
    const builder = new LibraryIndexBuilder(null);
    for (const [i, article] of articles.entries()) {
      await new Promise((resolve) => setImmediate(resolve));
      if (cancelled) return;
      builder.add(article.id, extractor.extract(article.text));
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
 * (in a worker, cached on disk) starts after it, and an opened article the library pass has not
 * reached yet is extracted on its own as soon as it is on screen.
 */
export function useEntities(articles: readonly Article[], state: State, dispatch: Dispatch<Action>): void {
  const extractorRef = useRef<Promise<EntityExtractor> | null>(null);
  const extractor = () => {
    extractorRef.current ??= loadEntityExtractor();
    return extractorRef.current;
  };
  const libraryIndex = state.entities.library;
  const openIndex = state.screen.name === 'reader' ? state.screen.articleIndex : -1;
  const current = state.entities.current;
  const haveCurrent = current?.articleIndex === openIndex;

  useEffect(() => {
    if (articles.length === 0) return;
    let job: { cancel(): void } | undefined;
    const timer = setTimeout(() => {
      const onProgress = throttleProgress((done, total) => dispatch({ type: 'entityProgress', done, total }));
      const onDone = (index: LibraryEntityIndex) => dispatch({ type: 'libraryEntities', index });
      // Loading the tagger here too (not only in the worker) saves its load time when an article
      // is opened before the library pass has reached it.
      const loading = extractor();
      job =
        articles.length > IN_THREAD_LIMIT
          ? startLibraryExtraction(articles, onProgress, onDone)
          : extractInThread(loading, articles, onProgress, onDone);
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
    // Once it has: read back from its disk cache (or extracted again), with library-wide
    // corrections, replacing a direct extraction made before the pass got there.
    let cancelled = false;
    void extractor().then((ex) => {
      if (cancelled) return;
      const entities = articleEntities(ex, article.text, libraryIndex);
      shown.current = { entities, library: libraryIndex };
      dispatch({ type: 'entities', articleIndex: openIndex, entities });
    });
    return () => {
      cancelled = true;
    };
  }, [openIndex, haveCurrent, current, libraryIndex, articles, dispatch]);
}
