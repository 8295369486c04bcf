/**
 * What the user does with articles, as the state sees it: opening one marks it read, leaving it
 * remembers where, reopening goes back there; F flags, N toggles read, O cycles the list's order
 * and v what it shows. Every change of marks asks the app to keep them (an effect).
 */
import type { Article } from '../core/article';
import { type ArticleMark, readingKey } from '../core/reading';
import { unreachable } from '../keymap';
import { markOf } from './library-order';
import { firstVisibleOffset, moveListCursor, visibleArticles } from './position';
import type { ListOrder, ListShow, State } from './types';

export type ReadingCommand = 'toggleFlag' | 'toggleRead' | 'cycleOrder' | 'cycleShow';

const ORDERS: readonly ListOrder[] = ['path', 'date', 'title', 'words'];
const SHOWS: readonly ListShow[] = ['all', 'unread', 'flagged'];
export const ORDER_LABELS: Record<ListOrder, string> = { path: 'by path', date: 'newest first', title: 'by title', words: 'longest first' };
export const SHOW_LABELS: Record<ListShow, string> = { all: 'all', unread: 'unread only', flagged: 'flagged only' };

/** The marks with one article's changed, and the effect that keeps them. */
function mark(state: State, article: Article, change: (mark: ArticleMark) => Partial<ArticleMark>): State {
  const key = readingKey(article);
  const before = state.reading.marks.get(key) ?? { read: false, flagged: false, at: '' };
  const after: ArticleMark = { ...before, ...change(before), at: new Date().toISOString() };
  const marks = new Map(state.reading.marks);
  marks.set(key, after);
  const marked: State = { ...state, reading: { ...state.reading, marks }, effects: [...state.effects, { type: 'saveReading', marks }] };
  // Showing unread or flagged only, the list may have lost a row under its cursor.
  return state.reading.show === 'all' ? marked : moveListCursor(marked, marked.list.cursor);
}

/** The article the list's cursor is on, or the one open in the reader. */
function currentArticle(state: State): Article | undefined {
  const screen = state.screen;
  if (screen.name === 'reader') return state.library.articles[screen.articleIndex];
  if (screen.name === 'list') {
    const index = visibleArticles(state)[state.list.cursor];
    return index === undefined ? undefined : state.library.articles[index];
  }
  return undefined;
}

export function readingCommand(state: State, cmd: ReadingCommand): State {
  switch (cmd) {
    case 'toggleFlag': {
      const article = currentArticle(state);
      if (!article) return state;
      const flagged = !markOf(state, article)?.flagged;
      return { ...mark(state, article, () => ({ flagged })), notice: { kind: 'info', text: flagged ? 'flagged' : 'flag removed' } };
    }
    case 'toggleRead': {
      const article = currentArticle(state);
      if (!article) return state;
      const read = !markOf(state, article)?.read;
      return { ...mark(state, article, () => ({ read })), notice: { kind: 'info', text: read ? 'marked read' : 'marked unread' } };
    }
    case 'cycleOrder': {
      const order = ORDERS[(ORDERS.indexOf(state.reading.order) + 1) % ORDERS.length]!;
      return relist(state, { ...state.reading, order });
    }
    case 'cycleShow': {
      const show = SHOWS[(SHOWS.indexOf(state.reading.show) + 1) % SHOWS.length]!;
      return relist(state, { ...state.reading, show });
    }
    default:
      return unreachable(cmd);
  }
}

/** The list re-sorted or narrowed: the cursor stays on its article when it is still listed. */
function relist(state: State, reading: State['reading']): State {
  const wasOn = visibleArticles(state)[state.list.cursor];
  const next = { ...state, reading };
  const at = wasOn === undefined ? -1 : visibleArticles(next).indexOf(wasOn);
  return moveListCursor({ ...next, list: { cursor: 0, top: 0 } }, Math.max(0, at));
}

/**
 * What a transition between two states means for the marks: an article opened is read; one left
 * (for the list, another article, another screen, or the way out) remembers its first line on
 * screen, so reopening it shows the same paragraph.
 */
export function followReading(before: State, after: State): State {
  const was = before.screen.name === 'reader' ? before.screen.articleIndex : -1;
  const now = after.screen.name === 'reader' ? after.screen.articleIndex : -1;
  const leaving = was >= 0 && (was !== now || (after.exitStatus !== null && before.exitStatus === null));
  let next = after;
  if (leaving) {
    const article = before.library.articles[was];
    const offset = firstVisibleOffset(before);
    if (article) next = mark(next, article, () => (offset > 0 ? { offset } : { offset: undefined }));
  }
  if (now >= 0 && now !== was) {
    const article = after.library.articles[now];
    if (article && !markOf(next, article)?.read) next = mark(next, article, () => ({ read: true }));
  }
  return next;
}

/** Where an article was left, to open it there: undefined at the top. */
export function resumeOffset(state: State, article: Article): number | undefined {
  return markOf(state, article)?.offset;
}
