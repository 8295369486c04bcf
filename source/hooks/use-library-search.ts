import { type Dispatch, useEffect, useRef, useState } from 'react';
import type { Article } from '../core/article';
import type { EntitySource } from '../core/entities/entity-source';
import { entityTermSource } from '../core/entities/entity-term-source';
import type { LibraryEntityIndex } from '../core/entities/library-index';
import { libraryCacheOf } from '../core/load/library-cache';
import { LibrarySearch } from '../core/search';
import { loadSearchIndex, saveSearchIndex, searchIndexFile } from '../core/search/search-index-cache';
import type { Action, State } from '../state/reducer';
import { throttleProgress } from './throttle-progress';

/** Work between two turns of the event loop while the entities' names join the search. */
const ENTITY_TERMS_SLICE_MS = 8;

/** Hits the list holds at most; the counter still reports every match. */
export const LIST_RESULT_LIMIT = 500;

/**
 * Keeps the library search off the render path: the index is built in slices after the first
 * frame, and each query runs in a later macrotask, so the prompt echoes a key before the search
 * for it starts. Results for a query that has since changed are dropped by the reducer.
 * Once the library's entities are known, their names are searchable too, and `@name` terms are
 * answered from them (until then they match nothing, and the list says it is waiting).
 */
export function useLibrarySearch(articles: readonly Article[], state: State, dispatch: Dispatch<Action>, entities: Pick<EntitySource, 'knownEntitiesOf'>): void {
  const searchRef = useRef<LibrarySearch | null>(null);
  const { query } = state.filter;
  const ready = state.indexing.done >= state.indexing.total;
  const entityIndex = state.entities.library;
  // The library index whose names and @name terms the search has taken (in slices, after it came).
  const [searchedEntities, setSearchedEntities] = useState<LibraryEntityIndex | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    // A library that came from the library cache may have its index saved beside it: loaded, not built.
    const cached = libraryCacheOf(articles);
    const file = cached && searchIndexFile(cached.file);
    const onProblem = (text: string) => dispatch({ type: 'notice', notice: { kind: 'info', text } });
    let restored = false;
    const { search, done } = LibrarySearch.start(articles, {
      signal: controller.signal,
      onProgress: throttleProgress((indexed, total) => dispatch({ type: 'indexProgress', done: indexed, total })),
      ...(cached && file ? { restore: async (index) => (restored = await loadSearchIndex(index, file, cached.generation, { onProblem })) } : {}),
    });
    searchRef.current = search;
    done.then(
      (built) => {
        const index = built.completeIndex;
        if (cached && file && !restored && index) saveSearchIndex(index, file, cached.generation, { onProblem });
      },
      () => {
        // Aborted on unmount: nothing is waiting for the index any more.
      },
    );
    return () => controller.abort();
  }, [articles, dispatch]);

  useEffect(() => {
    const search = searchRef.current;
    if (!search || !entityIndex) return;
    // In slices: 20,000 articles' names are a second of work, and the first key after the entity
    // pass (`e`, a filter) must not wait for it.
    const controller = new AbortController();
    // Each article's names read as the slices take them, not all here: at 20,000 articles
    // (837,000 names) reading them at once held this effect, and the frame after it, 15-90 ms.
    const entries = (function* () {
      for (const [i, article] of articles.entries()) yield [i, entityIndex.namesByArticle.get(article.id) ?? []] as const;
    })();
    search.setManyExtraTermsInSlices(entries, ENTITY_TERMS_SLICE_MS, controller.signal).then(
      () => {
        search.setEntities(entityTermSource(entityIndex, articles, entities));
        setSearchedEntities(entityIndex);
      },
      () => {
        // Superseded by newer entities (a correction), or unmounted.
      },
    );
    return () => controller.abort();
  }, [articles, entityIndex, entities]);

  useEffect(() => {
    if (query.trim() === '') return;
    const controller = new AbortController();
    const timer = setImmediate(() => {
      const search = searchRef.current;
      if (!search) return;
      // In slices: a phrase search over a large library can take a second, and keys typed
      // meanwhile must be echoed (and start their own search, aborting this one).
      search.searchInSlices(query, { limit: LIST_RESULT_LIMIT, signal: controller.signal }).then(
        (result) => dispatch({ type: 'searchResult', query, result }),
        () => {
          // Aborted by a newer query, or superseded as the index grew or took entity names: the
          // effect runs again once indexing is done or the entities arrive.
        },
      );
    });
    return () => {
      clearImmediate(timer);
      controller.abort();
    };
    // `ready` re-runs the query once the whole library is indexed, `searchedEntities` once its @names can be answered.
  }, [query, ready, searchedEntities, dispatch]);
}
