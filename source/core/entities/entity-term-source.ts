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

/**
 * `@name` terms answered from `index`, for a search over `articles` (the same articles, in the
 * same order, as the LibrarySearch it is given to). Made when the entities arrive, not on a key:
 * the name index and every entity's articles as positions are built here, once.
 */
export function entityTermSource(
  index: LibraryEntityIndex,
  articles: readonly ArticleText[],
  entities: Pick<EntitySource, 'knownEntitiesOf'>,
): EntityTermSource {
  const names = entityNames(index);
  const postingsOf = positionsByKey(index, articles);
  const articleEntities = new Map<number, Entity[] | null>();

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
    match: (name) => names.match(name).map(({ entity, quality }) => ({ key: entity.key, quality, names: [entity.name, ...entity.aliases], ...postingsOf(entity.key) })),
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

/**
 * Every entity's articles as positions in `articles` (ascending), with their mention counts and
 * title flags: three flat arrays for the whole library, each entity a range of them, so a name
 * that matches a thousand entities (a first letter) costs views, not a thousand conversions.
 */
function positionsByKey(index: LibraryEntityIndex, articles: readonly ArticleText[]): (key: string) => Postings {
  // The app's search is over the very articles of the pass, in its order: the index's own
  // postings are those positions already (at 20,000 articles, mapping a million ids was seconds).
  if (articles.length === index.order.length && articles.every((a, i) => a.id === index.order[i])) return ownPostings(index);
  const positionOf = new Map<string, number>();
  articles.forEach((article, position) => positionOf.set(article.id, position));
  let total = 0;
  for (const ids of index.articlesByKey.values()) total += ids.length;
  const docs = new Int32Array(total);
  const mentions = new Int32Array(total);
  const inTitle = new Uint8Array(total);
  const ranges = new Map<string, { from: number; to: number; views?: Postings }>();
  let at = 0;
  for (const [key, ids] of index.articlesByKey) {
    const counts = index.mentionsByKey.get(key);
    const titles = index.titleByKey.get(key);
    const from = at;
    let ascending = true;
    for (let k = 0; k < ids.length; k++) {
      const doc = positionOf.get(ids[k]!);
      if (doc === undefined) continue;
      if (at > from && doc < docs[at - 1]!) ascending = false;
      docs[at] = doc;
      mentions[at] = counts?.[k] ?? 1;
      inTitle[at] = titles?.[k] ?? 0;
      at++;
    }
    // Articles in another order than the pass's (never in the app, which gives both the same).
    if (!ascending) sortRange(docs, mentions, inTitle, from, at);
    ranges.set(key, { from, to: at });
  }
  const none: Postings = { docs: new Int32Array(0), mentions: new Int32Array(0), inTitle: new Uint8Array(0) };
  return (key) => {
    const range = ranges.get(key);
    if (!range) return none;
    range.views ??= { docs: docs.subarray(range.from, range.to), mentions: mentions.subarray(range.from, range.to), inTitle: inTitle.subarray(range.from, range.to) };
    return range.views;
  };
}

/** The index's postings of an entity, as views. */
function ownPostings(index: LibraryEntityIndex): (key: string) => Postings {
  const { positionOf, docStart, docs, mentions, inTitle } = index.postings;
  const none: Postings = { docs: new Int32Array(0), mentions: new Int32Array(0), inTitle: new Uint8Array(0) };
  const views = new Map<string, Postings>();
  return (key) => {
    const p = positionOf.get(key);
    if (p === undefined) return none;
    let view = views.get(key);
    if (!view) {
      const [from, to] = [docStart[p]!, docStart[p + 1]!];
      views.set(key, (view = { docs: docs.subarray(from, to), mentions: mentions.subarray(from, to), inTitle: inTitle.subarray(from, to) }));
    }
    return view;
  };
}

/** Sorts [from, to) of the three parallel arrays by doc. */
function sortRange(docs: Int32Array, mentions: Int32Array, inTitle: Uint8Array, from: number, to: number): void {
  const rows = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => docs[a]! - docs[b]!);
  const [d, m, t] = [rows.map((r) => docs[r]!), rows.map((r) => mentions[r]!), rows.map((r) => inTitle[r]!)];
  docs.set(d, from);
  mentions.set(m, from);
  inTitle.set(t, from);
}
