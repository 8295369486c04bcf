/**
 * The article model every other part of lede reads.
 *
 * `text` is the canonical, already-sanitised body: paragraphs joined by a blank line ("\n\n"),
 * with no other newlines inside a paragraph. Every offset lede reports (search matches, entity
 * mentions, highlights) is a UTF-16 code-unit offset into `text` (or into `title`), so the same
 * numbers work in the views, in `lede show --json` and in scripts.
 */
export type ArticleFormat = 'txt' | 'md' | 'json' | 'jsonl' | 'html' | 'stdin';

export interface ArticleMeta {
  date?: string;
  source?: string;
  url?: string;
  author?: string;
}

export interface Article extends ArticleMeta {
  /** Unique within a library: the path, plus `#N` for the Nth record of a JSON/JSONL file. */
  id: string;
  /** The file the article came from, as the user named it (or `-` for standard input). */
  path: string;
  format: ArticleFormat;
  /** One line, sanitised, never empty (falls back to the file name). */
  title: string;
  /** Sanitised body; paragraphs separated by "\n\n". Read-only: loaded articles keep it as stored UTF-8. */
  readonly text: string;
  words: number;
  /** Things the reader should know about how this article was read (e.g. truncated at the size cap). */
  notes: string[];
  /**
   * Ids of the other copies of this article in the library (the same title and text under another
   * path, or in another record): listed once, here, so search and entity counts count it once.
   * Absent when there are none. See listDuplicatesOnce.
   */
  duplicates?: string[];
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface Library {
  /** What the user asked for, for the list header ("articles/", "2 paths"). */
  label: string;
  articles: Article[];
  skipped: SkippedFile[];
}

/** A span in `text` (or `title`), in UTF-16 code units, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export const PARAGRAPH_SEPARATOR = '\n\n';

/** Start and end offsets of each paragraph of `text`. */
export function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  if (text.length === 0) return spans;
  let start = 0;
  for (;;) {
    const end = text.indexOf(PARAGRAPH_SEPARATOR, start);
    if (end === -1) {
      spans.push({ start, end: text.length });
      return spans;
    }
    spans.push({ start, end });
    start = end + PARAGRAPH_SEPARATOR.length;
  }
}

export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Most characters are letters: one comparison settles them.
    const space = c <= 32 ? c === 32 || c === 10 || c === 9 || c === 13 : c === 0xa0;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/** Reading time at 230 words a minute, the usual figure for news prose; at least one minute. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230));
}
