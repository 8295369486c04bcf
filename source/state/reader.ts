/** The reader: scrolling, the in-article search and its n/N, and the way back to the list. */
import { findInText } from '../core/search';
import { isMotion, unreachable } from '../keymap';
import { popHistory } from './history';
import { openArticle, returnToList } from './navigation';
import { lastTop } from '../core/layout/paginate';
import { firstVisibleOffset, readerLayout, readerTopFor, revealOffset, scrollReader, visibleArticles } from './position';
import type { ArticleSearch, State } from './types';

/** The reader's own commands (the entity panel's are entities.ts'). */
export type ReaderCommand =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'halfPageUp'
  | 'halfPageDown'
  | 'first'
  | 'last'
  | 'search'
  | 'nextMatch'
  | 'previousMatch'
  | 'pageOrNextArticle'
  | 'back';

/** Runs an in-article search and goes to the first match at or after the top of the page. */
export function findInArticle(state: State, query: string): State {
  const layout = readerLayout(state);
  if (!layout) return state;
  if (query.trim() === '') return { ...state, find: null };
  const matches = findInText(layout.article.text, query);
  const from = firstVisibleOffset(state);
  const after = matches.findIndex((m) => m.start >= from);
  const current = matches.length === 0 ? -1 : after >= 0 ? after : 0;
  const find: ArticleSearch = { query, matches, current };
  const found = matches[current];
  return found ? revealOffset({ ...state, find }, found.start) : { ...state, find };
}

/** n / N: the next or previous match, wrapping around the article. */
function stepMatch(state: State, direction: 1 | -1): State {
  const find = state.find;
  if (!find) return { ...state, notice: { kind: 'info', text: 'no search yet: / searches the article' } };
  if (find.matches.length === 0) return { ...state, notice: { kind: 'info', text: `no match for “${find.query}”` } };
  const count = find.matches.length;
  const current = (((find.current + direction) % count) + count) % count;
  const match = find.matches[current];
  return match ? revealOffset({ ...state, find: { ...find, current } }, match.start) : state;
}

const info = (state: State, text: string): State => ({ ...state, notice: { kind: 'info', text } });

/**
 * Space: the next page, and from the last page the next article in the list (as it is ordered
 * and filtered now), saying so, since the page changes under the reader's eyes.
 */
function pageOrNextArticle(state: State): State {
  const layout = readerLayout(state);
  if (!layout) return state;
  const { screen, geometry } = layout;
  if (screen.top < lastTop(geometry.lines.length, geometry.pageHeight)) return readerCommand(state, 'pageDown');
  const order = visibleArticles(state);
  const here = order.indexOf(screen.articleIndex);
  // An article the list no longer shows (filtered out since) goes on from the list's cursor.
  const next = order[here >= 0 ? here + 1 : state.list.cursor];
  if (next === undefined) return info(state, 'end of the last article · Esc back to the list');
  const opened = openArticle(state, next);
  return info(opened, `end of the article: on to the next (${order.indexOf(next) + 1}/${order.length}) · Esc back to the list`);
}

export function readerCommand(state: State, cmd: ReaderCommand): State {
  const layout = readerLayout(state);
  if (!layout) return { ...state, screen: { name: 'list' } };
  const { screen, geometry } = layout;
  if (isMotion(cmd)) return scrollReader(state, screen, readerTopFor(cmd, screen.top, geometry.lines.length, geometry.pageHeight));
  switch (cmd) {
    case 'search':
      return { ...state, prompt: { target: 'article', text: '' } };
    case 'nextMatch':
      return stepMatch(state, 1);
    case 'previousMatch':
      return stepMatch(state, -1);
    case 'pageOrNextArticle':
      return pageOrNextArticle(state);
    case 'back':
      // Like less and vim: Esc first clears what the search highlights, then goes back where the
      // user came from (another article, an entity's mentions), else to the list.
      if (state.find) return { ...state, find: null };
      return popHistory(state) ?? returnToList(state, screen.articleIndex);
    default:
      return unreachable(cmd);
  }
}
