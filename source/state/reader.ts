import { clampTop, lastTop, topForLine } from '../core/layout/paginate';
import { lineIndexAt } from '../core/layout/wrap';
import { findInText } from '../core/search';
import type { Command } from '../keymap';
import { panelPlacement, readerGeometry } from './geometry';
import { entityCommand } from './entities';
import { returnToList } from './list';
import type { Find, State } from './reducer';

type ReaderScreen = Extract<State['screen'], { name: 'reader' }>;

/** The open article and where everything goes on screen; undefined on the list. */
export function readerLayout(state: State) {
  const screen = state.screen;
  if (screen.name !== 'reader') return undefined;
  const article = state.library.articles[screen.articleIndex];
  if (!article) return undefined;
  const panel = panelPlacement(state.viewport, state.entities.panelOpen);
  return { screen, article, panel, geometry: readerGeometry(article, state.viewport, state.widthOverride, panel) };
}

function withTop(state: State, screen: ReaderScreen, top: number): State {
  const parts = readerLayout(state);
  if (!parts) return state;
  const { lines, pageHeight } = parts.geometry;
  return { ...state, screen: { ...screen, top: clampTop(top, lines.length, pageHeight) } };
}

/**
 * Brings the text at `offset` on screen: nothing moves when it is already visible, otherwise the
 * page holding it is shown (page-aligned, so "page 3/5" stays meaningful).
 */
export function revealOffset(state: State, offset: number): State {
  const parts = readerLayout(state);
  if (!parts) return state;
  const { screen, geometry } = parts;
  const line = lineIndexAt(geometry.lines, offset);
  if (line >= screen.top && line < screen.top + geometry.pageHeight) return state;
  return withTop(state, screen, topForLine(line, geometry.pageHeight));
}

/** Offset of the first character on screen: searches and jumps start from here. */
export function firstVisibleOffset(state: State): number {
  const parts = readerLayout(state);
  return parts ? (parts.geometry.lines[parts.screen.top]?.start ?? 0) : 0;
}

/** Runs an in-article search and goes to the first match at or after the top of the page. */
export function findInArticle(state: State, query: string): State {
  const parts = readerLayout(state);
  if (!parts) return state;
  if (query.trim() === '') return { ...state, find: null };
  const matches = findInText(parts.article.text, query);
  const from = firstVisibleOffset(state);
  const after = matches.findIndex((m) => m.start >= from);
  const current = matches.length === 0 ? -1 : after >= 0 ? after : 0;
  const find: Find = { query, matches, current };
  const found = matches[current];
  return found ? revealOffset({ ...state, find }, found.start) : { ...state, find };
}

/** n / N: the next or previous match, wrapping around the article. */
function stepMatch(state: State, direction: 1 | -1): State {
  const find = state.find;
  if (!find || find.matches.length === 0) return state;
  const count = find.matches.length;
  const current = (((find.current + direction) % count) + count) % count;
  const match = find.matches[current];
  return match ? revealOffset({ ...state, find: { ...find, current } }, match.start) : state;
}

export function readerCommand(state: State, cmd: Command): State {
  const handledByPanel = entityCommand(state, cmd);
  if (handledByPanel) return handledByPanel;
  const parts = readerLayout(state);
  if (!parts) return { ...state, screen: { name: 'list' } };
  const { screen, geometry } = parts;
  const { lines, pageHeight } = geometry;
  switch (cmd) {
    case 'down':
      return withTop(state, screen, screen.top + 1);
    case 'up':
      return withTop(state, screen, screen.top - 1);
    case 'pageDown':
      return withTop(state, screen, screen.top + pageHeight);
    case 'pageUp':
      return withTop(state, screen, screen.top - pageHeight);
    case 'first':
      return withTop(state, screen, 0);
    case 'last':
      return withTop(state, screen, lastTop(lines.length, pageHeight));
    case 'search':
      return { ...state, prompt: { target: 'article', text: '' } };
    case 'nextMatch':
      return stepMatch(state, 1);
    case 'previousMatch':
      return stepMatch(state, -1);
    case 'back':
      return returnToList(state, screen.articleIndex);
    default:
      return state;
  }
}

/** Re-wraps for the new size, keeping the first visible paragraph text at the top of the page. */
export function resizeReader(before: State, after: State): State {
  const anchor = firstVisibleOffset(before);
  const parts = readerLayout(after);
  if (!parts) return after;
  const line = lineIndexAt(parts.geometry.lines, anchor);
  return withTop(after, parts.screen, line);
}
