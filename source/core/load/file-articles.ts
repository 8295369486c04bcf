import type { Article } from '../article.js';
import { decodeBytes } from './decode.js';
import { NotAnArticleError } from './not-an-article.js';
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
    if (notes.length > 0) for (const article of articles) article.notes.unshift(...notes);
    return { articles };
  } catch (error) {
    return { reason: error instanceof NotAnArticleError ? error.message : 'could not be parsed' };
  }
}

function fileNotes(encoding: string, truncatedAt: number | undefined): string[] {
  const notes: string[] = [];
  if (truncatedAt !== undefined) notes.push(`truncated at ${formatSize(truncatedAt)}`);
  // The only guessed encoding: worth a word in case the guess is wrong.
  if (encoding === 'windows-1252') notes.push('not valid UTF-8; read as Windows-1252');
  return notes;
}

/** 16777216 → "16 MiB", 1536 → "1.5 KiB". */
export function formatSize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
