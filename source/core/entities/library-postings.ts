/**
 * The library entity index's postings as positions, in flat typed arrays: each entity's articles
 * (positions in the index's `order`) with the mentions in each and whether one is in the title,
 * and each article's entities (positions in the index's `entities`). What answers "appears with",
 * `@name` and the mentions screen without a map lookup per posting (at 20,000 articles a million
 * of them), in a few megabytes rather than one small array per entity.
 */

export interface LibraryPostings {
  /** Entity key -> its position in the index's `entities`. */
  positionOf: ReadonlyMap<string, number>;
  /** Entity at position p: its postings are [docStart[p], docStart[p + 1]) of docs, mentions and inTitle. */
  docStart: Int32Array;
  /** Article positions, ascending within each entity. */
  docs: Int32Array;
  mentions: Int32Array;
  inTitle: Uint8Array;
  /** Article at position d: its entities are [entityStart[d], entityStart[d + 1]) of entitiesOfDoc. */
  entityStart: Int32Array;
  /** Entity positions, ascending within each article. */
  entitiesOfDoc: Int32Array;
}

/** The postings of `entities` (in their final order), from each key's article positions, mention counts and title flags. */
export function postingsFrom(
  articles: number,
  entities: readonly { key: string }[],
  docsByKey: ReadonlyMap<string, readonly number[]>,
  countsByKey: ReadonlyMap<string, readonly number[]>,
  titlesByKey: ReadonlyMap<string, readonly number[]>,
): LibraryPostings {
  const docStart = new Int32Array(entities.length + 1);
  let total = 0;
  for (const [p, e] of entities.entries()) {
    docStart[p] = total;
    total += docsByKey.get(e.key)?.length ?? 0;
  }
  docStart[entities.length] = total;
  const docs = new Int32Array(total);
  const mentions = new Int32Array(total);
  const inTitle = new Uint8Array(total);
  for (const [p, e] of entities.entries()) {
    const from = docStart[p]!;
    docs.set(docsByKey.get(e.key) ?? [], from);
    mentions.set(countsByKey.get(e.key) ?? [], from);
    inTitle.set(titlesByKey.get(e.key) ?? [], from);
  }
  return postingsOf(articles, entities, docStart, docs, mentions, inTitle);
}

/**
 * The postings from each entity's articles, mentions and title flags (an entity's are
 * [docStart[p], docStart[p + 1])): each article's entities worked out from them. How a built index
 * and a saved one (library-index-file.ts) get the same postings.
 */
export function postingsOf(articles: number, entities: readonly { key: string }[], docStart: Int32Array, docs: Int32Array, mentions: Int32Array, inTitle: Uint8Array): LibraryPostings {
  const positionOf = new Map<string, number>();
  for (const [p, e] of entities.entries()) positionOf.set(e.key, p);
  const total = docs.length;
  const perDoc = new Int32Array(articles + 1);
  for (let k = 0; k < total; k++) perDoc[docs[k]! + 1]! += 1;
  // Counting sort by article: entity positions come out ascending within each.
  const entityStart = new Int32Array(articles + 1);
  for (let d = 0; d < articles; d++) entityStart[d + 1] = entityStart[d]! + perDoc[d + 1]!;
  const entitiesOfDoc = new Int32Array(total);
  const next = entityStart.slice(0, articles);
  for (let p = 0; p < entities.length; p++) {
    for (let k = docStart[p]!; k < docStart[p + 1]!; k++) entitiesOfDoc[next[docs[k]!]!++] = p;
  }
  return { positionOf, docStart, docs, mentions, inTitle, entityStart, entitiesOfDoc };
}
