import type { Article } from '../article.js';
import { buildArticle } from './build-article.js';
import { decodeCharacterReferences } from './html/character-references.js';
import { markupToParagraphs } from './html/markup-paragraphs.js';
import type { PageContent, ReadPage } from './html/page-reader.js';
import { NotAnArticleError } from './not-an-article.js';

/** The note on a page whose reader view found no article, so its whole text is shown. */
export const WHOLE_PAGE_NOTE = 'no article found in the page; showing all of its text';

/** The note on a page read without the page reader (see readMarkupOnly). */
export const MARKUP_ONLY_NOTE = 'read as plain markup: menus and other page chrome are not removed';

/**
 * A saved web page (`.html`, `.htm`) → its article: the page reader's title, text, date,
 * author, site and URL (see read-page.ts). Without a reader (a synchronous caller that nothing
 * has loaded it for), the page's text is read from its markup alone.
 */
export function parseHtml(path: string, markup: string, readPage: ReadPage | undefined): Article[] {
  const page = readPage ? readPage(markup) : readMarkupOnly(markup);
  if (page.paragraphs.length === 0 && page.title === undefined) throw new NotAnArticleError('no text in this page');
  const notes = readPage === undefined ? [MARKUP_ONLY_NOTE] : page.wholePage ? [WHOLE_PAGE_NOTE] : [];
  const { paragraphs, title, date, author, source, url } = page;
  return [buildArticle({ id: path, path, format: 'html', title, paragraphs, date, author, source, url, notes })];
}

/** The `<title>` and the text of every element but scripts, styles and the like. */
function readMarkupOnly(markup: string): PageContent {
  const title = /<title\b[^>]*>([^<]*)<\/title/i.exec(markup.slice(0, 64 * 1024))?.[1];
  return { title: title === undefined ? undefined : decodeCharacterReferences(title).trim() || undefined, paragraphs: markupToParagraphs(markup) };
}
