/** The article list: its commands, the library filter's results, and the skipped-files list. */
import type { SearchResult } from '../core/search';
import { type CommandIn, isMotion, unreachable } from '../keymap';
import { frameHeight, type Viewport } from './geometry';
import { openArticle } from './navigation';
import { listPageSize, moveCursor, moveListCursor, visibleArticles } from './position';
import type { State } from './types';

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

const info = (state: State, text: string): State => ({ ...state, notice: { kind: 'info', text } });

export function listCommand(
  state: State,
  cmd: Exclude<CommandIn<'list'>, 'help' | 'quit' | 'suspend' | 'jumpBack' | 'libraryEntities' | 'toggleFlag' | 'toggleRead' | 'cycleOrder' | 'cycleShow'>,
): State {
  if (isMotion(cmd)) {
    const cursor = moveCursor(cmd, state.list.cursor, visibleArticles(state).length, listPageSize(state));
    return cursor === undefined ? state : moveListCursor(state, cursor);
  }
  switch (cmd) {
    case 'open': {
      const articleIndex = visibleArticles(state)[state.list.cursor];
      return articleIndex === undefined ? state : openArticle(state, articleIndex);
    }
    case 'search':
      return { ...state, prompt: { target: 'library', text: state.filter.query } };
    case 'back':
      return state.filter.query ? clearFilter(state) : info(state, 'no filter to clear · q quits');
    case 'skipped':
      return state.library.skipped.length > 0 ? { ...state, overlay: 'skipped', skippedTop: 0 } : info(state, 'no file was skipped');
    default:
      return unreachable(cmd);
  }
}

/** Rows of skipped files on screen: the frame less its heading and footer. */
export function skippedPageSize(viewport: Viewport): number {
  return Math.max(1, frameHeight(viewport) - 2);
}

/** Keys in the skipped-files list: scroll it, or close it with any other key. */
export function skippedCommand(state: State, cmd: Exclude<CommandIn<'skipped'>, 'quit' | 'suspend'> | undefined): State {
  if (cmd !== undefined && isMotion(cmd)) {
    const page = skippedPageSize(state.viewport);
    // The cursor is the top row; it can go as far as the last full page.
    const scrollable = Math.max(0, state.library.skipped.length - page) + 1;
    return { ...state, skippedTop: moveCursor(cmd, state.skippedTop, scrollable, page) ?? 0 };
  }
  return { ...state, overlay: null };
}
