import { type Article, type Library, readingMinutes } from '../core/article';
import { sanitizeSingleLine } from '../core/sanitize';
import { toJson } from './json';

function articleSummary(article: Article) {
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
  };
}

export function listJson(library: Library): string {
  return toJson({ articles: library.articles.map(articleSummary), skipped: library.skipped });
}

/** Tab-separated `id, words, title`: readable, and easy to cut, sort and grep. */
export function listPlain(library: Library): string {
  // File names are untrusted too: a name can hold an escape sequence.
  const rows = library.articles.map((a) => `${sanitizeSingleLine(a.id)}\t${a.words}\t${a.title}`);
  if (library.skipped.length > 0) {
    const skipped = library.skipped.map((s) => `${s.path} (${s.reason})`).join(', ');
    rows.push(`# ${library.skipped.length} skipped: ${sanitizeSingleLine(skipped)}`);
  }
  return rows.join('\n');
}
