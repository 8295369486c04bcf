/**
 * Where things are: the reader's page and the list's cursor, and how a motion key moves a cursor.
 * Selectors and small position updates that every command module builds on.
 */
import { clampTop, lastTop, topForLine } from '../core/layout/paginate';
import { lineIndexAt } from '../core/layout/wrap';
import type { SearchHit } from '../core/search';
import type { Motion } from '../keymap';
import { listedIndices, narrowedHits } from './library-order';
import { listBodyHeight, panelPlacement, readerGeometry } from './geometry';
import type { ReaderScreen, State } from './types';

/**
 * Where a cursor over `count` items goes for a motion, `page` items a page: clamped to the items
 * (undefined when there are none). The one definition every list, the panel and the mentions use.
 */
export function moveCursor(motion: Motion, cursor: number, count: number, page: number): number | undefined {
  if (count <= 0) return undefined;
  const half = Math.max(1, Math.floor(page / 2));
  const wanted = (() => {
    switch (motion) {
      case 'down':
        return cursor + 1;
      case 'up':
        return cursor - 1;
      case 'pageDown':
        return cursor + page;
      case 'pageUp':
        return cursor - page;
      case 'halfPageDown':
        return cursor + half;
      case 'halfPageUp':
        return cursor - half;
      case 'first':
        return 0;
      case 'last':
        return count - 1;
    }
  })();
  return Math.max(0, Math.min(count - 1, wanted));
}

// --- The reader ---------------------------------------------------------------------------------

/** The open article and where everything goes on screen; undefined on the list. */
export function readerLayout(state: State) {
  const screen = state.screen;
  if (screen.name !== 'reader') return undefined;
  const article = state.library.articles[screen.articleIndex];
  if (!article) return undefined;
  const panel = panelPlacement(state.viewport, state.entities.panelOpen);
  return { screen, article, panel, geometry: readerGeometry(article, state.viewport, state.widthOverride, panel) };
}

/** The reader scrolled so that line `top` is first on the page (clamped to the article). */
export function scrollReader(state: State, screen: ReaderScreen, top: number): State {
  const layout = readerLayout(state);
  if (!layout) return state;
  const { lines, pageHeight } = layout.geometry;
  return { ...state, screen: { ...screen, top: clampTop(top, lines.length, pageHeight) } };
}

/** The reader's top line for a motion key: lines for up/down, pages and half pages, the ends. */
export function readerTopFor(motion: Motion, top: number, lineCount: number, pageHeight: number): number {
  const half = Math.max(1, Math.floor(pageHeight / 2));
  switch (motion) {
    case 'down':
      return top + 1;
    case 'up':
      return top - 1;
    case 'pageDown':
      return top + pageHeight;
    case 'pageUp':
      return top - pageHeight;
    case 'halfPageDown':
      return top + half;
    case 'halfPageUp':
      return top - half;
    case 'first':
      return 0;
    case 'last':
      return lastTop(lineCount, pageHeight);
  }
}

/**
 * Brings the text at `offset` on screen: nothing moves when it is already visible, otherwise the
 * page holding it is shown (page-aligned, so "page 3/5" stays meaningful).
 */
export function revealOffset(state: State, offset: number): State {
  const layout = readerLayout(state);
  if (!layout) return state;
  const { screen, geometry } = layout;
  const line = lineIndexAt(geometry.lines, offset);
  if (line >= screen.top && line < screen.top + geometry.pageHeight) return state;
  return scrollReader(state, screen, topForLine(line, geometry.pageHeight));
}

/** Offset of the first character on screen: searches and jumps start from here. */
export function firstVisibleOffset(state: State): number {
  const layout = readerLayout(state);
  return layout ? (layout.geometry.lines[layout.screen.top]?.start ?? 0) : 0;
}

/** Re-wraps for the new size, keeping the first visible paragraph text at the top of the page. */
export function resizeReader(before: State, after: State): State {
  const anchor = firstVisibleOffset(before);
  const layout = readerLayout(after);
  if (!layout) return after;
  const line = lineIndexAt(layout.geometry.lines, anchor);
  return scrollReader(after, layout.screen, line);
}

// --- The list -----------------------------------------------------------------------------------

/** The filter is in force: a query typed and a result for it (or for an earlier query) shown. */
export function isFiltering(state: State): boolean {
  return state.filter.query.trim() !== '' && state.filter.result !== null;
}

/** The search hits the list shows while filtering (narrowed to unread or flagged ones when asked), else null. */
export function visibleHits(state: State): SearchHit[] | null {
  const result = isFiltering(state) ? state.filter.result : null;
  return result ? narrowedHits(state, result) : null;
}

const hitIndexCache = new WeakMap<object, number[]>();

/** Articles the list shows, in order: search hits while filtering, else the library in the list's order. */
export function visibleArticles(state: State): number[] {
  const hits = visibleHits(state);
  if (!hits) return listedIndices(state);
  let indices = hitIndexCache.get(hits);
  if (!indices) {
    indices = hits.map((h) => h.index);
    hitIndexCache.set(hits, indices);
  }
  return indices;
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
