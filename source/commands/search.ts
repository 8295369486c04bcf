import type { Library } from '../core/article';
import { articlesMatchingAll } from '../core/entities/name-search';
import { LibrarySearch, splitEntityTerms } from '../core/search';
import { sanitizeSingleLine } from '../core/sanitize';
import { libraryEntities } from './entities';

export const DEFAULT_SEARCH_LIMIT = 20;

/**
 * Ranked search, as the list does it: the words of `query` are searched, and each `@name` keeps
 * only the articles that mention an entity by that name (all of them: an AND), found through the
 * disk cache of `lede entities` with the same library-wide evidence as the entity panel.
 */
export async function searchLibrary(library: Library, query: string, limit: number) {
  const { rest, entityTerms } = splitEntityTerms(query);
  let filter: ((index: number) => boolean) | undefined;
  if (entityTerms.length > 0) {
    // The tagger loads only for a query with @names.
    const { index } = await libraryEntities(library);
    const allowed = new Set(articlesMatchingAll(index, entityTerms));
    filter = (index) => allowed.has(library.articles[index]?.id ?? '');
  }
  const { hits, total } = new LibrarySearch(library.articles).search(entityTerms.length > 0 ? rest : query, { limit, filter });
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

export function searchPlain(result: Awaited<ReturnType<typeof searchLibrary>>): string {
  if (result.results.length === 0) return `no article matches “${sanitizeSingleLine(result.query)}”`;
  const blocks = result.results.map((r) => `${r.title}\n  ${sanitizeSingleLine(r.id)}\n  ${r.snippet}`);
  const more = result.total > result.results.length ? `\n(${result.total - result.results.length} more; --limit N)` : '';
  return blocks.join('\n\n') + more;
}
