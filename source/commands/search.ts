import type { Library } from '../core/article';
import { entityTermSource } from '../core/entities/entity-term-source';
import { hasEntityTerms, LibrarySearch } from '../core/search';
import { sanitizeSingleLine } from '../core/sanitize';
import { libraryEntitySource } from './entities';
import { toJson } from './json';

export const DEFAULT_SEARCH_LIMIT = 20;

/**
 * Ranked search, as the list does it. A query with `@name` terms first finds the library's
 * entities (through the disk cache of `lede entities`, with the same library-wide evidence as the
 * entity panel): then, as in the list, entity names are searchable words, and each `@name` term
 * is ranked by how much an article is about that entity and highlighted at its mentions.
 */
export async function searchLibrary(library: Library, query: string, limit: number) {
  const search = new LibrarySearch(library.articles);
  if (hasEntityTerms(query)) {
    // The tagger loads only for a query with @names.
    const { source, index } = await libraryEntitySource(library);
    search.setManyExtraTerms(library.articles.map((article, i) => [i, index.namesByArticle.get(article.id) ?? []]));
    search.setEntities(entityTermSource(index, library.articles, source));
  }
  const { hits, total } = search.search(query, { limit });
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

export type SearchOutput = Awaited<ReturnType<typeof searchLibrary>>;

/** What `--json` prints: the query, how many match, and the results shown. */
export function searchJson({ query, total, results }: SearchOutput): string {
  return toJson({ query, total, results });
}

/** Each result as its title, path and snippet, a blank line between. */
export function searchPlain(result: SearchOutput): string {
  const blocks = result.results.map((r) => `${r.title}\n  ${sanitizeSingleLine(r.id)}\n  ${sanitizeSingleLine(r.snippet)}`);
  return blocks.join('\n\n');
}
