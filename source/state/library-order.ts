/**
 * The list's order and what it shows: the library sorted (as the files lie, newest first, by
 * title, longest first) and narrowed (every article, unread only, flagged only) by what the user
 * did (core/reading.ts). Selectors with caches, nothing more.
 */
import type { Article } from '../core/article';
import { type ArticleMark, readingKey } from '../core/reading';
import type { SearchHit, SearchResult } from '../core/search';
import type { ListOrder, ListShow, ReadingState, State } from './types';

/** An article's mark, or the unread, unflagged default. */
export function markOf(state: Pick<State, 'reading'>, article: Article): ArticleMark | undefined {
  return state.reading.marks.size === 0 ? undefined : state.reading.marks.get(readingKey(article));
}

/** A date's time for sorting, newest first; articles without a date (or one that does not parse) go last. */
function dateValue(article: Article): number {
  if (!article.date) return Number.NEGATIVE_INFINITY;
  const time = Date.parse(article.date);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

const orderCache = new WeakMap<object, Map<ListOrder, number[]>>();

/** The library's article indices in an order (path order is the library's own). */
export function orderedIndices(articles: readonly Article[], order: ListOrder): number[] {
  let byOrder = orderCache.get(articles);
  if (!byOrder) orderCache.set(articles, (byOrder = new Map()));
  let indices = byOrder.get(order);
  if (!indices) {
    indices = articles.map((_, i) => i);
    const compare: Record<ListOrder, ((a: number, b: number) => number) | null> = {
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

function shows(state: Pick<State, 'reading'>, article: Article, show: ListShow): boolean {
  if (show === 'all') return true;
  const mark = markOf(state, article);
  return show === 'unread' ? !mark?.read : mark?.flagged === true;
}

const narrowedCache = new WeakMap<ReadingState, { articles: readonly Article[]; indices: number[] }>();

/** The library in the list's order, narrowed to what it shows: the list when no query is typed. */
export function listedIndices(state: Pick<State, 'library' | 'reading'>): number[] {
  const { order, show } = state.reading;
  const ordered = orderedIndices(state.library.articles, order);
  if (show === 'all') return ordered;
  const cached = narrowedCache.get(state.reading);
  if (cached && cached.articles === state.library.articles) return cached.indices;
  const indices = ordered.filter((i) => shows(state, state.library.articles[i]!, show));
  narrowedCache.set(state.reading, { articles: state.library.articles, indices });
  return indices;
}

const hitsCache = new WeakMap<SearchResult, { reading: ReadingState; hits: SearchHit[] }>();

/** A search's hits narrowed to what the list shows (their own ranking order kept). */
export function narrowedHits(state: Pick<State, 'library' | 'reading'>, result: SearchResult): SearchHit[] {
  if (state.reading.show === 'all') return result.hits;
  const cached = hitsCache.get(result);
  if (cached && cached.reading === state.reading) return cached.hits;
  const hits = result.hits.filter((h) => shows(state, state.library.articles[h.index]!, state.reading.show));
  hitsCache.set(result, { reading: state.reading, hits });
  return hits;
}
