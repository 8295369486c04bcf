import type { Library } from '../core/article';
import { LibrarySearch } from '../core/search';
import { sanitizeSingleLine } from '../core/sanitize';

export const DEFAULT_SEARCH_LIMIT = 20;

export function searchLibrary(library: Library, query: string, limit: number) {
  const { hits, total } = new LibrarySearch(library.articles).search(query, { limit });
  return {
    query,
    total,
    results: hits.map((hit) => {
      const article = library.articles[hit.index];
      return {
        path: article?.path ?? '',
        id: article?.id ?? '',
        title: article?.title ?? '',
        score: Math.round(hit.score * 1000) / 1000,
        snippet: hit.snippet.text,
        matches: hit.matches,
      };
    }),
  };
}

export function searchPlain(result: ReturnType<typeof searchLibrary>): string {
  if (result.results.length === 0) return `no article matches “${result.query}”`;
  const blocks = result.results.map((r) => `${r.title}\n  ${sanitizeSingleLine(r.id)}\n  ${r.snippet}`);
  const more = result.total > result.results.length ? `\n(${result.total - result.results.length} more; --limit N)` : '';
  return blocks.join('\n\n') + more;
}
