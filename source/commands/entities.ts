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

/**
 * Every article's entities, through the on-disk cache so a second run is instant, with what the
 * whole library knows applied as the panel shows it (a bare "Putin" is a person where other
 * articles say "Vladimir Putin"), and the library's index that came of them.
 */
export async function libraryEntities(library: Library): Promise<{ articles: ArticleEntities[]; index: LibraryEntityIndex }> {
  const source = new InThreadSource(library.articles, loadEntityExtractor, { cacheDir: entityCacheDir() });
  const index = await new Promise<LibraryEntityIndex>((resolve, reject) => {
    source.runLibraryPass({ onProgress: () => {}, onDone: resolve, onError: (message) => reject(new Error(message)) });
  });
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
