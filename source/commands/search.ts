import type { Library, Span } from '../core/article';
import { libraryCacheOf } from '../core/load/library-cache';
import { storedTextToCompare } from '../core/load/text-store';
import { LibrarySearch } from '../core/search/library-search';
import { hasEntityTerms } from '../core/search/query';
import { loadSearchIndex, saveSearchIndex, searchIndexFile } from '../core/search/search-index-cache';
import { sanitizeSingleLine } from '../core/sanitize';
import { toJson } from './json';

export const DEFAULT_SEARCH_LIMIT = 20;

/**
 * Ranked search, as the list does it. A query with `@name` terms first finds the library's
 * entities (through the disk cache of `lede entities`, with the same library-wide evidence as the
 * entity panel): then, as in the list, entity names are searchable words, and each `@name` term
 * is ranked by how much an article is about that entity and highlighted at its mentions.
 */
export async function searchLibrary(library: Library, query: string, limit: number, onCacheProblem?: (line: string) => void) {
  const search = await librarySearch(library, onCacheProblem);
  if (hasEntityTerms(query)) {
    // The entity code (the cache, the tagger) loads only for a query with @names: a one-shot
    // search of words pays for none of it.
    const [{ libraryEntitySource }, { entityTermSource }] = await Promise.all([import('./entities'), import('../core/entities/entity-term-source')]);
    const { source, index } = await libraryEntitySource(library);
    search.setManyExtraTerms(library.articles.map((article, i) => [i, index.namesByArticle.get(article.id) ?? []]));
    search.setEntities(entityTermSource(index, library.articles, source));
  }
  const { hits, total } = search.search(query, { limit });
  return {
    query,
    total,
    // Where each result's title and snippet match, for a terminal to highlight; not part of --json.
    marks: hits.map((hit) => ({ title: hit.matches.filter((m) => m.field === 'title'), snippet: hit.snippet.highlights })),
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

/**
 * The library's search index: the one saved beside the library cache when it was built from
 * exactly this library (search-index-cache.ts), else built, and saved for the next search.
 */
async function librarySearch(library: Library, onProblem?: (line: string) => void): Promise<LibrarySearch> {
  const cached = libraryCacheOf(library);
  if (!cached) return new LibrarySearch(library.articles);
  const file = searchIndexFile(cached.file);
  let restored = false;
  const { done } = LibrarySearch.start(library.articles, {
    // Nothing to draw meanwhile: when it is built, it is built in one go.
    chunkSize: Infinity,
    sliceMs: Infinity,
    restore: async (index) => (restored = await loadSearchIndex(index, file, cached.generation, { onProblem, inPlace: true })),
    // A phrase's candidates are tested without each body's first-read check (most of what
    // testing one cost): only the bodies printed are read, and checked (storedTextToCompare).
    bodyToMatch: storedTextToCompare,
  });
  const search = await done;
  const index = search.completeIndex;
  if (!restored && index) saveSearchIndex(index, file, cached.generation, { onProblem });
  return search;
}

export type SearchOutput = Awaited<ReturnType<typeof searchLibrary>>;

/** What `--json` prints: the query, how many match, and the results shown. */
export function searchJson({ query, total, results }: SearchOutput): string {
  return toJson({ query, total, results });
}

// As rg draws them: matches bold red, the path magenta; each attribute reset where it ends.
const MATCH = ['\x1b[1;31m', '\x1b[22;39m'] as const;
const PATH = ['\x1b[35m', '\x1b[39m'] as const;
const TITLE = ['\x1b[1m', '\x1b[22m'] as const;

/**
 * `text` made safe for one terminal line, with `spans` wrapped in the match colour when `color`.
 * Each piece is sanitised on its own, so offsets into the text stay right whatever it holds.
 */
function marked(text: string, spans: readonly Span[], color: boolean, around?: readonly [string, string]): string {
  if (!color) return sanitizeSingleLine(text);
  let out = '';
  let at = 0;
  const inside = around ? around[0] : '';
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(at, span.start);
    const end = Math.min(text.length, span.end);
    if (end <= start) continue;
    out += sanitizeSingleLine(text.slice(at, start)) + MATCH[0] + sanitizeSingleLine(text.slice(start, end)) + MATCH[1] + inside;
    at = end;
  }
  out += sanitizeSingleLine(text.slice(at));
  return around ? around[0] + out + around[1] : out;
}

/** Each result as its title, path and snippet, a blank line between; matches highlighted when `color`. */
export function searchPlain(result: SearchOutput, color = false): string {
  const blocks = result.results.map((r, i) => {
    const marks = result.marks[i];
    const title = marked(r.title, marks?.title ?? [], color, TITLE);
    const id = color ? PATH[0] + sanitizeSingleLine(r.id) + PATH[1] : sanitizeSingleLine(r.id);
    return `${title}\n  ${id}\n  ${marked(r.snippet, marks?.snippet ?? [], color)}`;
  });
  return blocks.join('\n\n');
}
