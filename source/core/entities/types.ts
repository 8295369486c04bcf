export type EntityType = 'person' | 'place' | 'organization';

/** A span of `article.text` (UTF-16 code units, end exclusive) and the text it covers. */
export interface Mention {
  start: number;
  end: number;
  text: string;
}

export interface Entity {
  /** Stable within an article, e.g. "person:benjamin netanyahu". */
  id: string;
  /** The most complete form (a built-in canonical name when the article uses it). */
  name: string;
  type: EntityType;
  /** Other surface forms of this entity found in the article. */
  aliases: string[];
  /** Sorted by start. */
  mentions: Mention[];
}

export interface EntityExtractor {
  /** Changes whenever the output for a given text may change (weights, rules); used as a cache key. */
  version: string;
  /** Entities sorted by mention count (descending), then name. Never throws. */
  extract(text: string): Entity[];
}
