import type { Library } from '../core/article';
import { type Entity, type EntityType, loadEntityExtractor } from '../core/entities';
import { EntityCache, extractCached } from '../core/entities/cache';
import { applyEvidence, collectLibraryEvidence } from '../core/entities/library-entities';
import { sanitizeSingleLine } from '../core/sanitize';

export interface ArticleEntities {
  path: string;
  id: string;
  title: string;
  entities: Entity[];
}

/**
 * Entities of every article, through the on-disk cache so a second run is instant, with the same
 * library-wide evidence the panel gets (a bare "Putin" is a person where other articles say
 * "Vladimir Putin").
 */
export async function libraryEntities(library: Library): Promise<ArticleEntities[]> {
  const extractor = await loadEntityExtractor();
  const cache = new EntityCache(extractor.version);
  const lists = library.articles.map((a) => extractCached(extractor, cache, a.text));
  const evidence = collectLibraryEvidence(lists);
  return library.articles.map((article, i) => ({
    path: article.path,
    id: article.id,
    title: article.title,
    entities: applyEvidence(evidence, lists[i]!),
  }));
}

const typeLabels: Record<EntityType, string> = { person: 'person', place: 'place', organization: 'org' };

/** A readable table per article: type, mention count, name, and aliases. */
export function entitiesPlain(articles: ArticleEntities[]): string {
  return articles
    .map((article) => {
      const rows = article.entities.map((e) => {
        const aliases = e.aliases.filter((a) => a !== e.name);
        const aka = aliases.length > 0 ? `  (also ${aliases.join(', ')})` : '';
        return `  ${typeLabels[e.type].padEnd(6)} ${String(e.mentions.length).padStart(3)}  ${e.name}${aka}`;
      });
      const header = `${article.title}\n  ${sanitizeSingleLine(article.id)}`;
      return [header, ...(rows.length > 0 ? rows : ['  (no people, places or organizations found)'])].join('\n');
    })
    .join('\n\n');
}
