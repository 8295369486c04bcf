import { type Article, type Library, readingMinutes } from '../core/article';
import type { ArticleMark } from '../core/reading';
import { sanitizeSingleLine } from '../core/sanitize';
import { toJson } from './json';

/** What the reader remembers of an article, by article: absent when the read state was not asked for. */
export type MarkOf = (article: Article) => ArticleMark | undefined;

function articleSummary(article: Article, markOf?: MarkOf) {
  const mark = markOf?.(article);
  return {
    path: article.path,
    id: article.id,
    title: article.title,
    words: article.words,
    minutes: readingMinutes(article.words),
    format: article.format,
    ...(article.date ? { date: article.date } : {}),
    ...(article.source ? { source: article.source } : {}),
    ...(article.author ? { author: article.author } : {}),
    ...(article.url ? { url: article.url } : {}),
    ...(article.notes.length > 0 ? { notes: article.notes } : {}),
    ...(article.duplicates ? { duplicates: article.duplicates } : {}),
    ...(markOf ? { read: mark?.read === true, flagged: mark?.flagged === true } : {}),
  };
}

/** `articles` (default: all, in library order) with each one's read state when `markOf` is given. */
export function listJson(library: Library, markOf?: MarkOf, articles: readonly Article[] = library.articles): string {
  return toJson({ articles: articles.map((a) => articleSummary(a, markOf)), skipped: library.skipped });
}

/** Tab-separated `id, words, title`: readable, and easy to cut, sort and grep. */
export function listPlain(articles: readonly Article[]): string {
  // File names are untrusted too: a name can hold an escape sequence.
  return articles.map((a) => `${sanitizeSingleLine(a.id)}\t${a.words}\t${a.title}`).join('\n');
}

/** The one line on stderr that says which files were skipped, or nothing. */
export function skippedNote(library: Library): string | undefined {
  if (library.skipped.length === 0) return undefined;
  const skipped = library.skipped.map((s) => `${s.path} (${s.reason})`).join(', ');
  return `${library.skipped.length} skipped: ${sanitizeSingleLine(skipped)}`;
}
