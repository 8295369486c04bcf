/** Moving between the list and the reader. */
import { lineIndexAt } from '../core/layout/wrap';
import { moveListCursor, readerLayout, scrollReader, visibleArticles } from './position';
import { resumeOffset } from './reading';
import type { State } from './types';

/**
 * Opens an article where the user left it (the same first line on screen), else at its first
 * page; the panel keeps its place but not its focus or selection.
 */
export function openArticle(state: State, articleIndex: number): State {
  const article = state.library.articles[articleIndex];
  if (!article) return state;
  const entities = { ...state.entities, current: null, selected: 0, mention: -1, whenLoaded: null, focus: 'page' as const };
  const opened: State = { ...state, find: null, entities, screen: { name: 'reader', articleIndex, top: 0 } };
  const offset = resumeOffset(state, article);
  const layout = offset === undefined ? undefined : readerLayout(opened);
  return layout && offset !== undefined ? scrollReader(opened, layout.screen, lineIndexAt(layout.geometry.lines, offset)) : opened;
}

/** Back from the reader: the cursor lands on the article just read (if the filter still shows it). */
export function returnToList(state: State, articleIndex: number): State {
  const position = visibleArticles(state).indexOf(articleIndex);
  const list: State = { ...state, find: null, screen: { name: 'list' } };
  return moveListCursor(list, position >= 0 ? position : list.list.cursor);
}
