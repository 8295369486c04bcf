/**
 * The orders a library can be listed in, one definition for the list's sort key and `lede list
 * --sort`: as the files lie (path, the library's own order), newest first (articles without a
 * date, or with one that does not parse, last), by title, longest first. Ties keep path order.
 */
import type { Article } from './article.js';

export type LibraryOrder = 'path' | 'date' | 'title' | 'words';

export const LIBRARY_ORDERS: readonly LibraryOrder[] = ['path', 'date', 'title', 'words'];

/** A date's time for sorting; NEGATIVE_INFINITY for an article without a date (or one that does not parse). */
export function dateValue(article: Article): number {
  if (!article.date) return Number.NEGATIVE_INFINITY;
  const time = Date.parse(article.date);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

const orderCache = new WeakMap<object, Map<LibraryOrder, number[]>>();

/** The library's article indices in an order (path order is the library's own); cached per articles array. */
export function orderedIndices(articles: readonly Article[], order: LibraryOrder): number[] {
  let byOrder = orderCache.get(articles);
  if (!byOrder) orderCache.set(articles, (byOrder = new Map()));
  let indices = byOrder.get(order);
  if (!indices) {
    indices = articles.map((_, i) => i);
    const compare: Record<LibraryOrder, ((a: number, b: number) => number) | null> = {
      path: null,
      date: (a, b) => dateValue(articles[b]!) - dateValue(articles[a]!) || a - b,
      title: (a, b) => articles[a]!.title.localeCompare(articles[b]!.title) || a - b,
      words: (a, b) => articles[b]!.words - articles[a]!.words || a - b,
    };
    const cmp = compare[order];
    if (cmp) indices.sort((a, b) => (Number.isNaN(cmp(a, b)) ? a - b : cmp(a, b)));
    byOrder.set(order, indices);
  }
  return indices;
}

/**
 * The order the other way round: oldest first, Z–A, shortest first, paths backwards. Articles
 * without a date stay last by date, as they have nothing to sort by.
 */
export function reversedIndices(articles: readonly Article[], order: LibraryOrder): number[] {
  const indices = orderedIndices(articles, order);
  if (order !== 'date') return indices.slice().reverse();
  const dated = indices.filter((i) => dateValue(articles[i]!) !== Number.NEGATIVE_INFINITY);
  const undated = indices.filter((i) => dateValue(articles[i]!) === Number.NEGATIVE_INFINITY);
  return [...dated.reverse(), ...undated];
}

/** What the list can be narrowed to, by what the user did (core/reading.ts). */
export type LibraryShow = 'all' | 'unread' | 'flagged';

/** Whether an article with this mark (none: never opened, not flagged) is shown when the list shows `show`. */
export function isShown(mark: { read: boolean; flagged: boolean } | undefined, show: LibraryShow): boolean {
  if (show === 'all') return true;
  return show === 'unread' ? !mark?.read : mark?.flagged === true;
}
