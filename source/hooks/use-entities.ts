import { type Dispatch, useEffect, useRef } from 'react';
import type { Article } from '../core/article';
import { type EntityExtractor, loadEntityExtractor } from '../core/entities';
import { startLibraryExtraction } from '../core/entities/library-entities';
import type { Action, State } from '../state/reducer';

/**
 * Libraries up to this size are extracted on the main thread, in idle slices: for a handful of
 * articles a worker's start-up costs more than the work.
 */
const IN_THREAD_LIMIT = 24;

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
  const haveCurrent = state.entities.current?.articleIndex === openIndex;

  useEffect(() => {
    if (articles.length === 0) return;
    if (articles.length <= IN_THREAD_LIMIT) {
      let cancelled = false;
      const timer = setTimeout(() => {
        void extractor().then(async (ex) => {
          const byArticle = new Map();
          for (const [i, article] of articles.entries()) {
            if (cancelled) return;
            byArticle.set(article.id, ex.extract(article.text));
            dispatch({ type: 'entityProgress', done: i + 1, total: articles.length });
            // Yield between articles so keys are handled while this runs.
            await new Promise((resolve) => setImmediate(resolve));
          }
          const { buildLibraryIndex } = await import('../core/entities/library-entities');
          if (!cancelled) dispatch({ type: 'libraryEntities', index: buildLibraryIndex(articles.map((a) => a.id), byArticle) });
        });
      }, 0);
      return () => {
        cancelled = true;
        clearTimeout(timer);
      };
    }
    const job = startLibraryExtraction(
      articles.map((a) => ({ id: a.id, text: a.text })),
      (done, total) => dispatch({ type: 'entityProgress', done, total }),
      (index) => dispatch({ type: 'libraryEntities', index }),
    );
    return () => job.cancel();
    // The extractor loader is stable for the component's life.
     
  }, [articles, dispatch]);

  useEffect(() => {
    if (openIndex < 0 || haveCurrent) return;
    const article = articles[openIndex];
    if (!article) return;
    const known = libraryIndex?.byArticle.get(article.id);
    if (known) {
      dispatch({ type: 'entities', articleIndex: openIndex, entities: known });
      return;
    }
    let cancelled = false;
    void extractor().then((ex) => {
      if (!cancelled) dispatch({ type: 'entities', articleIndex: openIndex, entities: ex.extract(article.text) });
    });
    return () => {
      cancelled = true;
    };
     
  }, [openIndex, haveCurrent, libraryIndex, articles, dispatch]);
}
