import type { Article } from '../article.js';
import { decodeBytes, WINDOWS_1252_NOTE } from './decode.js';
import { NotAnArticleError } from './not-an-article.js';
import { formatSize } from './format-size.js';
import { decodeAs, declaredCharset } from './html/page-charset.js';
import type { PageWorker } from './html/page-worker-client.js';
import { parseHtml, type PageReading } from './parse-html.js';
import { parseArticles, sniffFormat, type FileFormat } from './parse.js';

export type FileOutcome = { articles: Article[] } | { reason: string };

/**
 * One file's bytes → its articles, or the reason it is skipped. Never throws: a file that breaks a
 * parser in a way nobody foresaw is skipped like any other unreadable file.
 * `format` undefined means the name says nothing trustworthy and the text is sniffed.
 * A web page is read by `pages`, the page worker (started on the first page met).
 */
export async function readArticlesFromBytes(
  path: string,
  bytes: Uint8Array,
  format: FileFormat | undefined,
  truncatedAt: number | undefined,
  pages: PageWorker,
): Promise<FileOutcome> {
  const decoded = decodeFile(bytes, format, truncatedAt);
  if ('reason' in decoded) return decoded;
  if (decoded.format !== 'html') return articlesFromText(path, decoded);
  let reading: PageReading;
  try {
    reading = { page: await pages.read(decoded.text) };
  } catch (error) {
    reading = { failure: error instanceof Error ? error.message : String(error) };
  }
  return articlesFromText(path, decoded, reading);
}

/**
 * readArticlesFromBytes without waiting, and so without the page worker: a web page is read from
 * its markup alone, with a note.
 */
export function articlesFromBytes(path: string, bytes: Uint8Array, format: FileFormat | undefined, truncatedAt?: number): FileOutcome {
  const decoded = decodeFile(bytes, format, truncatedAt);
  if ('reason' in decoded) return decoded;
  return articlesFromText(path, decoded);
}

interface DecodedFile {
  text: string;
  format: FileFormat;
  /** Notes on how the file was read (truncated, encoding guessed). */
  notes: string[];
}

function decodeFile(bytes: Uint8Array, format: FileFormat | undefined, truncatedAt: number | undefined): DecodedFile | { reason: string } {
  try {
    const truncated = truncatedAt !== undefined;
    const decoded = decodeBytes(bytes, { truncated });
    if ('binary' in decoded) return { reason: decoded.reason };
    if (decoded.text.trim() === '') return { reason: 'empty' };
    let { text, encoding } = decoded;
    const resolved = format ?? sniffFormat(text);
    // Bytes that are not UTF-8 are read as the page says they are, rather than as the one guess.
    // A page that claims UTF-8 and is not gets the same guess as any other file.
    const declared = resolved === 'html' && encoding === 'windows-1252' ? declaredCharset(bytes) : undefined;
    if (declared !== undefined && declared !== 'utf-8') {
      if (declared !== 'windows-1252') text = decodeAs(bytes, declared, truncated);
      encoding = declared;
    }
    const notes: string[] = [];
    if (truncated) notes.push(`truncated at ${formatSize(truncatedAt)}`);
    // The only guessed encoding: worth a word in case the guess is wrong (not when the page named it).
    if (encoding === 'windows-1252' && declared !== 'windows-1252') notes.push(WINDOWS_1252_NOTE);
    return { text, format: resolved, notes };
  } catch {
    return { reason: 'could not be parsed' };
  }
}

function articlesFromText(path: string, file: DecodedFile, reading?: PageReading): FileOutcome {
  try {
    const articles = file.format === 'html' ? parseHtml(path, file.text, reading) : parseArticles(path, file.text, file.format);
    if (articles.length === 0) return { reason: 'empty' };
    // Notes on how the file was read come before what the parser noted.
    if (file.notes.length > 0) for (const article of articles) article.notes = file.notes.concat(article.notes);
    return { articles };
  } catch (error) {
    return { reason: error instanceof NotAnArticleError ? error.message : 'could not be parsed' };
  }
}

export { formatSize } from './format-size.js';
