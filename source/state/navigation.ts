/** Moving between the list and the reader. */
import { moveListCursor, visibleArticles } from './position';
import type { State } from './types';

/** Opens an article at its first page; the panel keeps its place but not its focus or selection. */
export function openArticle(state: State, articleIndex: number): State {
  if (!state.library.articles[articleIndex]) return state;
  const entities = { ...state.entities, current: null, selected: 0, mention: -1, whenLoaded: null, focus: 'page' as const };
  return { ...state, find: null, entities, screen: { name: 'reader', articleIndex, top: 0 } };
}

/** Back from the reader: the cursor lands on the article just read (if the filter still shows it). */
export function returnToList(state: State, articleIndex: number): State {
  const position = visibleArticles(state).indexOf(articleIndex);
  const list: State = { ...state, find: null, screen: { name: 'list' } };
  return moveListCursor(list, position >= 0 ? position : list.list.cursor);
}
