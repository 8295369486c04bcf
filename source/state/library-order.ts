/**
 * The list's order and what it shows: the library sorted (as the files lie, newest first, by
 * title, longest first) and narrowed (every article, unread only, flagged only) by what the user
 * did (core/reading.ts). Selectors with caches, nothing more.
 */
import type { Article } from '../core/article';
// The order itself is the core's, shared with `lede list --sort` (core/library-order.ts).
import { isShown, orderedIndices } from '../core/library-order';
import { type ArticleMark, readingKey } from '../core/reading';
import type { SearchHit, SearchResult } from '../core/search';
import type { ListShow, ReadingState, State } from './types';

/** An article's mark, or the unread, unflagged default. */
export function markOf(state: Pick<State, 'reading'>, article: Article): ArticleMark | undefined {
  return state.reading.marks.size === 0 ? undefined : state.reading.marks.get(readingKey(article));
}

function shows(state: Pick<State, 'reading'>, article: Article, show: ListShow): boolean {
  // `all` needs no mark, so no article is hashed for it.
  return show === 'all' || isShown(markOf(state, article), show);
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
