import type { Library } from '../core/article';
import { type Entity, type EntityType, loadEntityExtractor } from '../core/entities';
import { entityCacheDir } from '../core/entities/cache';
import { InThreadSource } from '../core/entities/entity-source';
import type { LibraryEntityIndex } from '../core/entities/library-index';
import { sanitizeSingleLine } from '../core/sanitize';

export interface ArticleEntities {
  path: string;
  id: string;
  title: string;
  entities: Entity[];
}

let cacheProblemReported = false;

/** A cache that is off says so once per run, on stderr, so the data on stdout stays clean. */
function reportCacheProblem(problem: string): void {
  if (cacheProblemReported) return;
  cacheProblemReported = true;
  process.stderr.write(`lede: ${sanitizeSingleLine(problem)}\n`);
}

/**
 * The library pass run on this thread, through the on-disk cache: the source (which then holds
 * every article's entities) and the library's index.
 */
export async function libraryEntitySource(library: Library): Promise<{ source: InThreadSource; index: LibraryEntityIndex }> {
  const source = new InThreadSource(library.articles, loadEntityExtractor, { cacheDir: entityCacheDir(), onCacheProblem: reportCacheProblem });
  const index = await new Promise<LibraryEntityIndex>((resolve, reject) => {
    source.runLibraryPass({ onProgress: () => {}, onDone: resolve, onError: (message) => reject(new Error(message)) });
  });
  return { source, index };
}

/**
 * Every article's entities, through the on-disk cache so a second run is instant, with what the
 * whole library knows applied as the panel shows it (a bare "Putin" is a person where other
 * articles say "Vladimir Putin"), and the library's index that came of them.
 */
export async function libraryEntities(library: Library): Promise<{ articles: ArticleEntities[]; index: LibraryEntityIndex }> {
  const { source, index } = await libraryEntitySource(library);
  const articles = await Promise.all(
    library.articles.map(async (article) => ({
      path: article.path,
      id: article.id,
      title: article.title,
      entities: await source.entitiesOf(article, index),
    })),
  );
  return { articles, index };
}

const typeLabels: Record<EntityType, string> = { person: 'person', place: 'place', organization: 'org' };

/**
 * A readable table per article: type, mention count, name, and aliases. Names are sanitised here
 * too, though the cache refuses entries whose names would need it: whatever reaches a terminal is
 * sanitised where it is printed.
 */
export function entitiesPlain(articles: ArticleEntities[]): string {
  return articles
    .map((article) => {
      const rows = article.entities.map((e) => {
        const aliases = e.aliases.filter((a) => a !== e.name).map(sanitizeSingleLine);
        const aka = aliases.length > 0 ? `  (also ${aliases.join(', ')})` : '';
        return `  ${typeLabels[e.type].padEnd(6)} ${String(e.mentions.length).padStart(3)}  ${sanitizeSingleLine(e.name)}${aka}`;
      });
      const header = `${sanitizeSingleLine(article.title)}\n  ${sanitizeSingleLine(article.id)}`;
      return [header, ...(rows.length > 0 ? rows : ['  (no people, places or organizations found)'])].join('\n');
    })
    .join('\n\n');
}
