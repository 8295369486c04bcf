import { type Dispatch, useEffect, useMemo, useRef } from 'react';
import type { Article } from '../core/article';
import { type Entity, loadEntityExtractor } from '../core/entities';
import { entityCacheDir } from '../core/entities/cache';
import { type EntitySource, entitySourceFor } from '../core/entities/entity-source';
import type { LibraryEntityIndex } from '../core/entities/library-index';
import type { Action, State } from '../state/types';
import { throttleProgress } from './throttle-progress';

/**
 * Library-wide extraction waits this long after mounting, so the first frame is written (Ink
 * throttles renders) before any NLP code is loaded or run.
 */
export const ENTITY_START_DELAY_MS = 250;

/**
 * Feeds the entity panel, and only schedules: the work is the entity source's (core/entities/
 * entity-source.ts). Nothing NLP loads before the first frame; the library pass starts after it,
 * and the article on screen gets its entities as soon as it is open, again once the pass has
 * finished (with what the whole library knows). Returns the source, whose entities the library
 * search highlights `@name` terms with.
 */
export function useEntities(articles: readonly Article[], state: State, dispatch: Dispatch<Action>): EntitySource {
  const source = useMemo(
    () =>
      entitySourceFor(articles, loadEntityExtractor, {
        cacheDir: entityCacheDir(),
        onCacheProblem: (text) => dispatch({ type: 'notice', notice: { kind: 'info', text } }),
      }),
    [articles, dispatch],
  );
  const libraryIndex = state.entities.library;
  const openIndex = state.screen.name === 'reader' ? state.screen.articleIndex : -1;
  const current = state.entities.current;
  const haveCurrent = current?.articleIndex === openIndex;

  useEffect(() => {
    if (articles.length === 0) return;
    let pass: { cancel(): void } | undefined;
    const timer = setTimeout(() => {
      // Loading the tagger here too (not only in a worker) saves its load time when an article
      // is opened before the library pass has reached it.
      void loadEntityExtractor().catch(() => {});
      pass = source.runLibraryPass({
        onProgress: throttleProgress((done, total) => dispatch({ type: 'entityProgress', done, total })),
        onDone: (index) => dispatch({ type: 'libraryEntities', index }),
      });
    }, ENTITY_START_DELAY_MS);
    return () => {
      clearTimeout(timer);
      pass?.cancel();
    };
  }, [articles, source, dispatch]);

  // The entities last handed to the panel, and the library index they were prepared with.
  const shown = useRef<{ entities: Entity[]; library: LibraryEntityIndex | null } | null>(null);

  useEffect(() => {
    const article = articles[openIndex];
    if (!article) return;
    const upToDate = haveCurrent && shown.current?.entities === current?.entities && shown.current.library === libraryIndex;
    // Before the library pass has finished, the article's own extraction is as good as it gets.
    if (upToDate || (haveCurrent && !libraryIndex)) return;
    const controller = new AbortController();
    source.entitiesOf(article, libraryIndex, undefined, controller.signal).then(
      (entities) => {
        if (controller.signal.aborted) return;
        shown.current = { entities, library: libraryIndex };
        dispatch({ type: 'entities', articleIndex: openIndex, entities });
      },
      () => {
        // Aborted (the article was left), or its worker failed: nothing to show rather than
        // extracting a long article here, which would hold up every key.
        if (!controller.signal.aborted) dispatch({ type: 'entities', articleIndex: openIndex, entities: [] });
      },
    );
    return () => controller.abort();
  }, [openIndex, haveCurrent, current, libraryIndex, articles, source, dispatch]);

  return source;
}
