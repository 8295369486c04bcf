import type { Article } from '../article.js';
import { buildArticle } from './build-article.js';
import { readMarkupOnly } from './html/markup-page.js';
import type { PageContent } from './html/page-content.js';
import { NotAnArticleError } from './not-an-article.js';

/** The note on a page whose whole text is shown rather than an article, and why. */
export function wholePageNote(why: string): string {
  return `showing the page's whole text: ${why}`;
}

/** The note on a page read without the reader view, with why when known. */
export function withoutReaderViewNote(why: string | undefined): string {
  return `read without the reader view${why ? ` (${why})` : ''}: menus and other page chrome may remain`;
}

/** How a page was read: by the page worker, or not (and why not, when there is a reason). */
export type PageReading = { page: PageContent } | { failure?: string };

/**
 * A saved web page (`.html`, `.htm`) → its article: the reader view's title, text, date, author,
 * site and URL (see read-page.ts, run by the page worker). A page the worker could not read, or
 * one read where no worker is at hand, is read from its markup alone (see readMarkupOnly).
 */
export function parseHtml(path: string, markup: string, reading: PageReading = {}): Article[] {
  const page = 'page' in reading ? reading.page : readMarkupOnly(markup);
  if (page.paragraphs.length === 0 && page.title === undefined) throw new NotAnArticleError('no text in this page');
  const notes = !('page' in reading) ? [withoutReaderViewNote(reading.failure)] : page.wholePage !== undefined ? [wholePageNote(page.wholePage)] : [];
  const { paragraphs, title, date, author, source, url } = page;
  return [buildArticle({ id: path, path, format: 'html', title, paragraphs, date, author, source, url, notes })];
}
