import type { Library } from '../core/article';
import { type Entity, type EntityExtractor, type EntityType, loadEntityExtractor } from '../core/entities';
import { EntityCache, extractCached } from '../core/entities/cache';
import { applyEvidence, collectLibraryEvidence, type LibraryEntityIndex, LibraryIndexBuilder } from '../core/entities/library-entities';
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

/** Each article's entities as extract() gives them (no library evidence), through the on-disk cache. */
function cachedEntities(extractor: EntityExtractor, library: Library): Entity[][] {
  const cache = new EntityCache(extractor.version, undefined, { onProblem: reportCacheProblem });
  const lists = library.articles.map((a) => extractCached(extractor, cache, a.text));
  // Off before this run began (another cache in this process found it so): still one line.
  if (cache.problem) reportCacheProblem(cache.problem);
  return lists;
}

/**
 * Entities of every article, through the on-disk cache so a second run is instant, with the same
 * library-wide evidence the panel gets (a bare "Putin" is a person where other articles say
 * "Vladimir Putin").
 */
export async function libraryEntities(library: Library): Promise<ArticleEntities[]> {
  return libraryEntitiesWith(await loadEntityExtractor(), library);
}

/** libraryEntities with an extractor already at hand. */
export function libraryEntitiesWith(extractor: EntityExtractor, library: Library): ArticleEntities[] {
  const lists = cachedEntities(extractor, library);
  const evidence = collectLibraryEvidence(lists);
  return library.articles.map((article, i) => ({
    path: article.path,
    id: article.id,
    title: article.title,
    entities: applyEvidence(evidence, lists[i]!),
  }));
}

/**
 * The library's entity index (the panel's, evidence included) from the same cached entities:
 * what `@name` in `lede search` filters with.
 */
export function libraryEntityIndex(extractor: EntityExtractor, library: Library): LibraryEntityIndex {
  const builder = new LibraryIndexBuilder(null);
  const lists = cachedEntities(extractor, library);
  library.articles.forEach((article, i) => builder.add(article.id, lists[i]!));
  return builder.finish(library.articles.map((a) => a.id));
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
