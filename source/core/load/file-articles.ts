import type { Article } from '../article.js';
import { decodeBytes, WINDOWS_1252_NOTE } from './decode.js';
import { NotAnArticleError } from './not-an-article.js';
import { formatSize } from './format-size.js';
import { parseArticles, sniffFormat, type FileFormat } from './parse.js';

export type FileOutcome = { articles: Article[] } | { reason: string };

/**
 * One file's bytes → its articles, or the reason it is skipped. Never throws: a file that breaks a
 * parser in a way nobody foresaw is skipped like any other unreadable file.
 * `format` undefined means the name says nothing trustworthy and the text is sniffed.
 */
export function articlesFromBytes(
  path: string,
  bytes: Uint8Array,
  format: FileFormat | undefined,
  truncatedAt?: number,
): FileOutcome {
  try {
    const decoded = decodeBytes(bytes, { truncated: truncatedAt !== undefined });
    if ('binary' in decoded) return { reason: decoded.reason };
    if (decoded.text.trim() === '') return { reason: 'empty' };
    const articles = parseArticles(path, decoded.text, format ?? sniffFormat(decoded.text));
    if (articles.length === 0) return { reason: 'empty' };
    const notes = fileNotes(decoded.encoding, truncatedAt);
    // Notes on how the file was read come before what the parser noted.
    if (notes.length > 0) for (const article of articles) article.notes = notes.concat(article.notes);
    return { articles };
  } catch (error) {
    return { reason: error instanceof NotAnArticleError ? error.message : 'could not be parsed' };
  }
}

function fileNotes(encoding: string, truncatedAt: number | undefined): string[] {
  const notes: string[] = [];
  if (truncatedAt !== undefined) notes.push(`truncated at ${formatSize(truncatedAt)}`);
  // The only guessed encoding: worth a word in case the guess is wrong.
  if (encoding === 'windows-1252') notes.push(WINDOWS_1252_NOTE);
  return notes;
}

export { formatSize } from './format-size.js';
