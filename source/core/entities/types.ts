export type EntityType = 'person' | 'place' | 'organization';

/**
 * A span of the article's `title` or `text` (UTF-16 code units into that field, end exclusive)
 * and the text it covers.
 */
export interface Mention {
  /**
   * Which of the article's fields the offsets index into. extract() always sets it; it is
   * optional only so that callers' hand-built mentions (tests, older call sites) stay valid, and
   * absent means 'text'.
   */
  field?: 'title' | 'text';
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
  /** The title's mentions first, then the text's, each sorted by start. */
  mentions: Mention[];
}

/** What entities are extracted from: an article's text and, when it has one, its title. */
export interface ArticleFields {
  readonly title?: string;
  readonly text: string;
}

/** An article as entity extraction sees it: which it is and what it says. */
export interface ArticleText extends ArticleFields {
  readonly id: string;
}

export interface EntityExtractor {
  /** Changes whenever the output for a given text may change (weights, rules); used as a cache key. */
  version: string;
  /**
   * Entities of an article's text and, when given, its title (headline casing and ALL CAPS
   * handled), sorted by mention count (descending), then name, within chunked.ts' caps. A long
   * text is read in chunks, `onProgress` told the characters read after each. Never throws.
   */
  extract(text: string, title?: string, onProgress?: (done: number, total: number) => void): Entity[];
}
