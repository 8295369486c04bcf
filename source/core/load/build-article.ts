import { countWords, PARAGRAPH_SEPARATOR, type Article, type ArticleFormat, type ArticleMeta } from '../article.js';
import { detached } from '../detached.js';
import { sanitizeSingleLine } from '../sanitize.js';
import { unifyLineBreaks } from './normalize.js';
import { defineStoredText } from './text-store.js';

/** What a parser found, before the rules every article follows are applied. */
export interface ArticleDraft extends ArticleMeta {
  id: string;
  path: string;
  format: ArticleFormat;
  /** May be missing or blank: then the first paragraph, then the file name, is used. */
  title?: string;
  /** Raw paragraphs: may hold newlines, runs of spaces, empty entries and control characters. */
  paragraphs: string[];
  notes?: string[];
}

/** Longer than this, a first line is a paragraph rather than a headline; titles derived from text are cut here. */
export const TITLE_MAX_CHARS = 160;

/**
 * A title given as such (a JSON field, front matter) is cut here: no headline is longer, and a
 * 12 MB "title" in a scraped record must not be wrapped and drawn on every frame.
 */
export const GIVEN_TITLE_MAX_CHARS = 1_000;

/**
 * The one place every article passes through, whatever its format: every field is sanitised and
 * put on one line, empty paragraphs are dropped, a paragraph repeated right after itself (a scraped
 * photo caption) is kept once, and a first paragraph that only repeats the title is dropped.
 */
export function buildArticle(draft: ArticleDraft): Article {
  // Paragraphs are joined into the body and dropped: no need to detach them.
  const paragraphs = dropConsecutiveDuplicates(draft.paragraphs.map(oneLine).filter((p) => p.length > 0));
  const givenTitle = cutTitle(cleanLine(draft.title ?? ''), GIVEN_TITLE_MAX_CHARS);
  // A title taken from the body leaves the body whole; only a separate title's echo is dropped.
  const body = givenTitle && paragraphs[0] === givenTitle ? paragraphs.slice(1) : paragraphs;
  const title = givenTitle || detached(titleFromText(paragraphs[0] ?? '')) || fileName(draft.path);
  const text = body.join(PARAGRAPH_SEPARATOR);
  // The body is kept as UTF-8 (text-store.ts): at two bytes a character it was most of lede's memory.
  const article: Article = defineStoredText(
    { id: draft.id, path: draft.path, format: draft.format, title, words: countWords(text), notes: (draft.notes ?? []).map(cleanLine) },
    text,
  );
  for (const key of ['date', 'source', 'url', 'author'] as const) {
    const value = cleanLine(draft[key] ?? '');
    if (value) article[key] = value;
  }
  return article;
}

/**
 * Sanitised, on one line (a CRLF inside a JSON title is a space, not `^M`), runs of spaces
 * collapsed, trimmed; a copy of its own (see detached), for fields an article keeps.
 */
export function cleanLine(s: string): string {
  return detached(oneLine(s));
}

function oneLine(s: string): string {
  const line = sanitizeSingleLine(unifyLineBreaks(s));
  return (line.includes('  ') ? line.replace(/ {2,}/g, ' ') : line).trim();
}

export function dropConsecutiveDuplicates(paragraphs: string[]): string[] {
  return paragraphs.filter((p, i) => i === 0 || p !== paragraphs[i - 1]);
}

/** A title made from body text: the text itself when short, else cut at a word boundary with "…". */
export function titleFromText(text: string): string {
  return cutTitle(text, TITLE_MAX_CHARS);
}

/** `text` when at most `max` characters, else cut at a word boundary (past half of `max`) with "…". */
function cutTitle(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  let cut = space > max / 2 ? space : max;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // never split a surrogate pair
  return detached(text.slice(0, cut).trimEnd() + '…');
}

function fileName(path: string): string {
  if (path === '-') return 'standard input';
  return cleanLine(path.split(/[\\/]/).filter(Boolean).pop() ?? path) || 'untitled';
}
