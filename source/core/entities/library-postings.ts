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

/**
 * A read-only map whose values are worked out from positions when asked for (an entity's
 * articles, an article's entities, as views of the flat arrays above), never all held at once:
 * at 20,000 articles, maps of a million strings and tens of thousands of small arrays were
 * tens of megabytes and most of loading a saved index. Keys are those of `positionOf` whose
 * position is `present` (an article without entities is not a key of its article's entities).
 */
export class PositionMap<V> implements ReadonlyMap<string, V> {
  private counted: number | undefined;

  constructor(
    private readonly positionOf: ReadonlyMap<string, number>,
    private readonly valueAt: (position: number) => V,
    private readonly present: (position: number) => boolean = () => true,
  ) {}

  get(key: string): V | undefined {
    const position = this.positionOf.get(key);
    return position === undefined || !this.present(position) ? undefined : this.valueAt(position);
  }

  has(key: string): boolean {
    const position = this.positionOf.get(key);
    return position !== undefined && this.present(position);
  }

  get size(): number {
    if (this.counted === undefined) {
      let n = 0;
      for (const position of this.positionOf.values()) if (this.present(position)) n++;
      this.counted = n;
    }
    return this.counted;
  }

  *keys(): MapIterator<string> {
    for (const [key, position] of this.positionOf) if (this.present(position)) yield key;
  }

  *entries(): MapIterator<[string, V]> {
    for (const [key, position] of this.positionOf) if (this.present(position)) yield [key, this.valueAt(position)];
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}
