import type { Library } from '../core/article';
import { clampTop, lastTop } from '../core/layout/paginate';
import { lineIndexAt } from '../core/layout/wrap';
import { type Command, type Context, commandFor } from '../keymap';
import { listBodyHeight, readerGeometry, type Viewport } from './geometry';

export type Screen = { name: 'list' } | { name: 'reader'; articleIndex: number; top: number };
export type Overlay = 'help' | 'skipped' | null;

export interface State {
  library: Library;
  viewport: Viewport;
  widthOverride?: number;
  screen: Screen;
  list: { cursor: number; top: number };
  overlay: Overlay;
  quitting: boolean;
}

export type Action =
  | { type: 'key'; name: string }
  | { type: 'command'; command: Command }
  | { type: 'resize'; viewport: Viewport }
  | { type: 'open'; articleIndex: number };

export function initialState(library: Library, viewport: Viewport, widthOverride?: number): State {
  return {
    library,
    viewport,
    widthOverride,
    screen: { name: 'list' },
    list: { cursor: 0, top: 0 },
    overlay: null,
    quitting: false,
  };
}

/** Which part of the keymap applies now. */
export function activeContext(state: State): Context {
  return state.overlay ? 'help' : state.screen.name;
}

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'resize':
      return resize(state, action.viewport);
    case 'open':
      return openArticle(state, action.articleIndex);
    case 'command':
      return command(state, action.command);
    case 'key': {
      // Resolved here, against the state the key actually arrives in, not the one last rendered.
      const cmd = commandFor(activeContext(state), action.name);
      // Any key that does not quit closes an overlay, as in less and most pagers.
      if (state.overlay && cmd !== 'quit') return { ...state, overlay: null };
      return cmd ? command(state, cmd) : state;
    }
  }
}

function command(state: State, cmd: Command): State {
  if (cmd === 'quit') return { ...state, quitting: true };
  if (state.overlay) {
    return cmd === 'help' || cmd === 'back' ? { ...state, overlay: null } : state;
  }
  if (cmd === 'help') return { ...state, overlay: 'help' };
  return state.screen.name === 'list' ? listCommand(state, cmd) : readerCommand(state, cmd);
}

function listCommand(state: State, cmd: Command): State {
  const count = state.library.articles.length;
  const page = listBodyHeight(state.viewport);
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
      return move(count - 1);
    case 'open':
      return count > 0 ? openArticle(state, state.list.cursor) : state;
    case 'skipped':
      return state.library.skipped.length > 0 ? { ...state, overlay: 'skipped' } : state;
    default:
      return state;
  }
}

/** Moves the list cursor and scrolls just enough to keep it on screen. */
function moveListCursor(state: State, wanted: number): State {
  const count = state.library.articles.length;
  const cursor = Math.max(0, Math.min(count - 1, wanted));
  const height = listBodyHeight(state.viewport);
  let top = state.list.top;
  if (cursor < top) top = cursor;
  if (cursor >= top + height) top = cursor - height + 1;
  top = Math.max(0, Math.min(top, Math.max(0, count - height)));
  return { ...state, list: { cursor: Math.max(0, cursor), top } };
}

function openArticle(state: State, articleIndex: number): State {
  if (!state.library.articles[articleIndex]) return state;
  return { ...moveListCursor(state, articleIndex), screen: { name: 'reader', articleIndex, top: 0 } };
}

function readerCommand(state: State, cmd: Command): State {
  const screen = state.screen;
  if (screen.name !== 'reader') return state;
  const article = state.library.articles[screen.articleIndex];
  if (!article) return { ...state, screen: { name: 'list' } };
  const { lines, pageHeight } = readerGeometry(article, state.viewport, state.widthOverride);
  const scrollTo = (top: number): State => ({
    ...state,
    screen: { ...screen, top: clampTop(top, lines.length, pageHeight) },
  });
  switch (cmd) {
    case 'down':
      return scrollTo(screen.top + 1);
    case 'up':
      return scrollTo(screen.top - 1);
    case 'pageDown':
      return scrollTo(screen.top + pageHeight);
    case 'pageUp':
      return scrollTo(screen.top - pageHeight);
    case 'first':
      return scrollTo(0);
    case 'last':
      return scrollTo(lastTop(lines.length, pageHeight));
    case 'back':
      return { ...moveListCursor(state, screen.articleIndex), screen: { name: 'list' } };
    default:
      return state;
  }
}

/** Re-wraps for the new size, keeping the first visible paragraph text at the top of the page. */
function resize(state: State, viewport: Viewport): State {
  const screen = state.screen;
  const resized = { ...state, viewport };
  if (screen.name !== 'reader') return moveListCursor(resized, state.list.cursor);
  const article = state.library.articles[screen.articleIndex];
  if (!article) return resized;
  const before = readerGeometry(article, state.viewport, state.widthOverride);
  const anchor = before.lines[screen.top]?.start ?? 0;
  const after = readerGeometry(article, viewport, state.widthOverride);
  const top = clampTop(lineIndexAt(after.lines, anchor), after.lines.length, after.pageHeight);
  return { ...moveListCursor(resized, state.list.cursor), screen: { ...screen, top } };
}
