import { type Dispatch, useEffect, useRef } from 'react';
import type { Article } from '../core/article';
import { LibrarySearch } from '../core/search';
import type { Action, State } from '../state/reducer';

/** Hits the list holds at most; the counter still reports every match. */
export const LIST_RESULT_LIMIT = 500;

/**
 * Keeps the library search off the render path: the index is built in slices after the first
 * frame, and each query runs in a later macrotask, so the prompt echoes a key before the search
 * for it starts. Results for a query that has since changed are dropped by the reducer.
 */
export function useLibrarySearch(articles: readonly Article[], state: State, dispatch: Dispatch<Action>): void {
  const searchRef = useRef<LibrarySearch | null>(null);
  const { query } = state.filter;
  const ready = state.indexing.done >= state.indexing.total;

  useEffect(() => {
    const controller = new AbortController();
    const { search, done } = LibrarySearch.start(articles, {
      signal: controller.signal,
      onProgress: (indexed, total) => dispatch({ type: 'indexProgress', done: indexed, total }),
    });
    searchRef.current = search;
    done.catch(() => {
      // Aborted on unmount: nothing is waiting for the index any more.
    });
    return () => controller.abort();
  }, [articles, dispatch]);

  useEffect(() => {
    if (query.trim() === '') return;
    const timer = setImmediate(() => {
      const search = searchRef.current;
      if (search) dispatch({ type: 'searchResult', query, result: search.search(query, { limit: LIST_RESULT_LIMIT }) });
    });
    return () => clearImmediate(timer);
    // `ready` re-runs the query once the whole library is indexed.
  }, [query, ready, dispatch]);
}
