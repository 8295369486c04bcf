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

/**
 * The postings as they are found, an article at a time (articles in library order), before the
 * entities' final order is known: three flat growing arrays, each entity by the number it was
 * first seen as. At 100,000 articles (3.9 million postings) three JS arrays per entity were
 * ~200 MB of the build's peak; these are 12 bytes a posting.
 */
export class PostingsCollector {
  private slots = new Int32Array(1024);
  private docs = new Int32Array(1024);
  private counts = new Int32Array(1024);
  private titles = new Uint8Array(1024);
  private length = 0;

  /** Entity `slot` is in article position `doc` (never below the last one added), `mentions` times. */
  add(slot: number, doc: number, mentions: number, inTitle: boolean): void {
    if (this.length === this.slots.length) this.grow();
    this.slots[this.length] = slot;
    this.docs[this.length] = doc;
    this.counts[this.length] = mentions;
    this.titles[this.length] = inTitle ? 1 : 0;
    this.length++;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(from: T, to: T): T => (to.set(from), to);
    this.slots = grown(this.slots, new Int32Array(size));
    this.docs = grown(this.docs, new Int32Array(size));
    this.counts = grown(this.counts, new Int32Array(size));
    this.titles = grown(this.titles, new Uint8Array(size));
  }

  /**
   * The postings of `entities` (in their final order; `slotOf` gives the number each was added
   * under), articles ascending within each entity. The collector is empty afterwards.
   */
  postings(articles: number, entities: readonly { key: string }[], slotOf: (entity: number) => number): LibraryPostings {
    const positionOfSlot = new Int32Array(entities.length);
    for (let p = 0; p < entities.length; p++) positionOfSlot[slotOf(p)] = p;
    const docStart = new Int32Array(entities.length + 1);
    for (let k = 0; k < this.length; k++) docStart[positionOfSlot[this.slots[k]!]! + 1]! += 1;
    for (let p = 0; p < entities.length; p++) docStart[p + 1]! += docStart[p]!;
    const docs = new Int32Array(this.length);
    const mentions = new Int32Array(this.length);
    const inTitle = new Uint8Array(this.length);
    // Added in article order: each entity's postings come out ascending.
    const next = docStart.slice(0, entities.length);
    for (let k = 0; k < this.length; k++) {
      const at = next[positionOfSlot[this.slots[k]!]!]!++;
      docs[at] = this.docs[k]!;
      mentions[at] = this.counts[k]!;
      inTitle[at] = this.titles[k]!;
    }
    this.slots = this.docs = this.counts = new Int32Array(0);
    this.titles = new Uint8Array(0);
    this.length = 0;
    return postingsOf(articles, entities, docStart, docs, mentions, inTitle);
  }
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
