import { type Article, type Library, readingMinutes } from '../core/article';

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
  };
}

export function listJson(library: Library): string {
  return JSON.stringify({ articles: library.articles.map(articleSummary), skipped: library.skipped }, null, 2);
}

/** Tab-separated `id, words, title`: readable, and easy to cut, sort and grep. */
export function listPlain(library: Library): string {
  const rows = library.articles.map((a) => `${a.id}\t${a.words}\t${a.title}`);
  if (library.skipped.length > 0) {
    rows.push(`# ${library.skipped.length} skipped: ${library.skipped.map((s) => `${s.path} (${s.reason})`).join(', ')}`);
  }
  return rows.join('\n');
}
