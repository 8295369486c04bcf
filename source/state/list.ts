import type { SearchHit, SearchResult } from '../core/search';
import type { Command } from '../keymap';
import { frameHeight, listBodyHeight, type Viewport } from './geometry';
import type { State } from './reducer';

const allIndexCache = new WeakMap<object, number[]>();

function allIndices(state: State): number[] {
  let all = allIndexCache.get(state.library);
  if (!all) {
    all = state.library.articles.map((_, i) => i);
    allIndexCache.set(state.library, all);
  }
  return all;
}

/** The filter is in force: a query typed and a result for it (or for an earlier query) shown. */
export function isFiltering(state: State): boolean {
  return state.filter.query.trim() !== '' && state.filter.result !== null;
}

/** Articles the list shows, in order: search hits while filtering, else the whole library. */
export function visibleArticles(state: State): number[] {
  return isFiltering(state) ? (state.filter.result as SearchResult).hits.map((h) => h.index) : allIndices(state);
}

export function visibleHits(state: State): SearchHit[] | null {
  return isFiltering(state) ? (state.filter.result as SearchResult).hits : null;
}

/** Screen rows one list entry takes: a search hit shows its title and a line of context. */
export function rowsPerEntry(state: State): number {
  return isFiltering(state) ? 2 : 1;
}

export function listPageSize(state: State): number {
  return Math.max(1, Math.floor(listBodyHeight(state.viewport) / rowsPerEntry(state)));
}

/** Moves the list cursor and scrolls just enough to keep it on screen. */
export function moveListCursor(state: State, wanted: number): State {
  const count = visibleArticles(state).length;
  const cursor = Math.max(0, Math.min(count - 1, wanted));
  const page = listPageSize(state);
  let top = state.list.top;
  if (cursor < top) top = cursor;
  if (cursor >= top + page) top = cursor - page + 1;
  top = Math.max(0, Math.min(top, Math.max(0, count - page)));
  return { ...state, list: { cursor: Math.max(0, cursor), top } };
}

export function openArticle(state: State, articleIndex: number): State {
  if (!state.library.articles[articleIndex]) return state;
  const entities = { ...state.entities, current: null, selected: 0, mention: -1, follow: null };
  return { ...state, find: null, entities, screen: { name: 'reader', articleIndex, top: 0 } };
}

/** Back from the reader: the cursor lands on the article just read (if the filter still shows it). */
export function returnToList(state: State, articleIndex: number): State {
  const position = visibleArticles(state).indexOf(articleIndex);
  const list = { ...state, find: null, screen: { name: 'list' as const } };
  return moveListCursor(list, position >= 0 ? position : list.list.cursor);
}

export function setFilterQuery(state: State, query: string): State {
  return { ...state, filter: { ...state.filter, query } };
}

export function clearFilter(state: State): State {
  const cleared = { ...state, filter: { query: '', result: null, resultQuery: '' } };
  return moveListCursor({ ...cleared, list: { cursor: 0, top: 0 } }, 0);
}

/**
 * A search finished: show it if it is still for the query typed (older ones are dropped). A new
 * query starts at the best hit; the same query run again (the index or the entity pass has just
 * finished) keeps the cursor on the article it was on, so nothing moves under the reader.
 */
export function searchResult(state: State, query: string, result: SearchResult): State {
  if (query !== state.filter.query) return state;
  const rerun = query === state.filter.resultQuery;
  const wasOn = rerun ? visibleArticles(state)[state.list.cursor] : undefined;
  const next = { ...state, filter: { query, result, resultQuery: query }, list: { cursor: 0, top: 0 } };
  const keep = wasOn === undefined ? -1 : visibleArticles(next).indexOf(wasOn);
  return moveListCursor(next, Math.max(0, keep));
}

export function listCommand(state: State, cmd: Command): State {
  const visible = visibleArticles(state);
  const page = listPageSize(state);
  const move = (cursor: number) => moveListCursor(state, cursor);
  switch (cmd) {
    case 'down':
      return move(state.list.cursor + 1);
    case 'up':
      return move(state.list.cursor - 1);
    case 'pageDown':
      return move(state.list.cursor + page);
    case 'pageUp':
      return move(state.list.cursor - page);
    case 'first':
      return move(0);
    case 'last':
      return move(visible.length - 1);
    case 'open': {
      const articleIndex = visible[state.list.cursor];
      return articleIndex === undefined ? state : openArticle(state, articleIndex);
    }
    case 'search':
      return { ...state, prompt: { target: 'library', text: state.filter.query } };
    case 'back':
      return state.filter.query ? clearFilter(state) : state;
    case 'skipped':
      return state.library.skipped.length > 0 ? { ...state, overlay: 'skipped', skippedTop: 0 } : state;
    default:
      return state;
  }
}

/** Rows of skipped files on screen: the frame less its heading and footer. */
export function skippedPageSize(viewport: Viewport): number {
  return Math.max(1, frameHeight(viewport) - 2);
}

/** Keys in the skipped-files list: scroll it, or close it with any other key. */
export function skippedCommand(state: State, cmd: Command | undefined): State {
  const page = skippedPageSize(state.viewport);
  const last = Math.max(0, state.library.skipped.length - page);
  const scrollTo = (top: number) => ({ ...state, skippedTop: Math.max(0, Math.min(last, top)) });
  switch (cmd) {
    case 'down':
      return scrollTo(state.skippedTop + 1);
    case 'up':
      return scrollTo(state.skippedTop - 1);
    case 'pageDown':
      return scrollTo(state.skippedTop + page);
    case 'pageUp':
      return scrollTo(state.skippedTop - page);
    case 'first':
      return scrollTo(0);
    case 'last':
      return scrollTo(last);
    default:
      return { ...state, overlay: null };
  }
}
