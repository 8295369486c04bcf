/**
 * The bridge between the library's entities and the search's `@name` terms: an EntityTermSource
 * (core/search/entity-terms.ts) over a LibraryEntityIndex. Names are matched with the search's
 * word rule (name-search.ts); an entity's articles, mention counts and title flags come from the
 * index, turned into positions in the library the search was built on; an article's mentions,
 * for its highlights, from the entity source, only when they can be had at once.
 */
import type { FieldMatch } from '../search/highlight.js';
import type { EntityMatch, EntityTermSource } from '../search/entity-terms.js';
import type { ArticleText, EntitySource } from './entity-source.js';
import type { LibraryEntityIndex } from './library-index.js';
import { entityNames } from './name-search.js';
import type { Entity } from './types.js';

type Postings = Pick<EntityMatch, 'docs' | 'mentions' | 'inTitle'>;

/** Articles whose entities are kept for highlights: a few screenfuls of hits. */
const KEPT_ARTICLES = 128;
/** Postings kept per entity between keys, in all; past this the kept ones are dropped. */
const KEPT_POSTINGS = 200_000;

/**
 * `@name` terms answered from `index`, for a search over `articles` (the same articles, in the
 * same order, as the LibrarySearch it is given to).
 */
export function entityTermSource(
  index: LibraryEntityIndex,
  articles: readonly ArticleText[],
  entities: Pick<EntitySource, 'knownEntitiesOf'>,
): EntityTermSource {
  const positionOf = new Map<string, number>();
  articles.forEach((article, position) => positionOf.set(article.id, position));
  const postings = new Map<string, Postings>();
  let keptPostings = 0;
  const articleEntities = new Map<number, Entity[] | null>();

  const postingsOf = (key: string): Postings => {
    const known = postings.get(key);
    if (known) return known;
    const made = toPositions(index, key, positionOf);
    if (keptPostings + made.docs.length > KEPT_POSTINGS) {
      postings.clear();
      keptPostings = 0;
    }
    postings.set(key, made);
    keptPostings += made.docs.length;
    return made;
  };

  const entitiesIn = (doc: number): Entity[] | null => {
    if (articleEntities.has(doc)) {
      const kept = articleEntities.get(doc)!;
      articleEntities.delete(doc);
      articleEntities.set(doc, kept);
      return kept;
    }
    const article = articles[doc];
    const read = article ? (entities.knownEntitiesOf(article, index) ?? null) : null;
    articleEntities.set(doc, read);
    if (articleEntities.size > KEPT_ARTICLES) articleEntities.delete(articleEntities.keys().next().value as number);
    return read;
  };

  return {
    match: (name) =>
      entityNames(index)
        .match(name)
        .map(({ entity, quality }) => ({ key: entity.key, quality, names: [entity.name, ...entity.aliases], ...postingsOf(entity.key) })),
    mentionsOf: (doc, keys) => {
      const found = entitiesIn(doc);
      if (!found) return undefined;
      const ranges: FieldMatch[] = [];
      for (const entity of found) {
        if (!keys.has(entity.id)) continue;
        for (const m of entity.mentions) ranges.push({ field: m.field ?? 'text', start: m.start, end: m.end });
      }
      return ranges.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
    },
  };
}

/** The index's articles of entity `key` as positions in the library (ascending), with their counts and title flags. */
function toPositions(index: LibraryEntityIndex, key: string, positionOf: ReadonlyMap<string, number>): Postings {
  const ids = index.articlesByKey.get(key) ?? [];
  const counts = index.mentionsByKey.get(key);
  const titles = index.titleByKey.get(key);
  const rows: { doc: number; mentions: number; inTitle: number }[] = [];
  ids.forEach((id, k) => {
    const doc = positionOf.get(id);
    if (doc !== undefined) rows.push({ doc, mentions: counts?.[k] ?? 1, inTitle: titles?.[k] ?? 0 });
  });
  rows.sort((a, b) => a.doc - b.doc);
  return {
    docs: Int32Array.from(rows, (r) => r.doc),
    mentions: Int32Array.from(rows, (r) => r.mentions),
    inTitle: Uint8Array.from(rows, (r) => r.inTitle),
  };
}
