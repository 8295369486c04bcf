/**
 * A saved web page → its article, as a reader view shows it. This module and the libraries it
 * imports (linkedom, a light DOM; Mozilla's Readability, Firefox's reader view) run in the page
 * worker (page-worker.ts), started only when a library holds a page: `lede list` of text files
 * never loads them, and a slow page never holds the event loop.
 *
 * linkedom builds a tree and nothing else: it runs no script, fetches nothing (not `<img src>`,
 * `<link>`, `<iframe>`, `<script src>`, CSS `@import`), follows no `<base>` or refresh; Readability
 * only reads that tree. The tests check both with a page that tries every one of them.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { cleanLine } from '../build-article.js';
import { markupToParagraphs } from './markup-paragraphs.js';
import { readMarkupOnly } from './markup-page.js';
import { markupShape } from './markup-shape.js';
import type { PageDocument } from './page-dom.js';
import { cleanByline, fallbackDate, jsonLdArticle, pageUrl } from './page-metadata.js';
import type { PageContent } from './page-content.js';
import { removeChrome } from './remove-chrome.js';

/**
 * Pages that get no DOM and no reader view, only their markup's text (see readMarkupOnly). The
 * reader view's scoring revisits ancestors and retries up to four times, so its time grows with
 * depth times size (measured: 3,000 paragraphs 20 levels deep 0.75 s, 100 deep 8.6 s; 2,000
 * levels 44 s), and linkedom's parse slows with depth too. Real article pages have a few thousand
 * elements, 15 to 40 levels deep.
 */
export const READER_VIEW_LIMITS = { elements: 20_000, depth: 100 };

const TOO_BIG = `too big for the reader view (over ${READER_VIEW_LIMITS.elements.toLocaleString('en-US')} elements or ${READER_VIEW_LIMITS.depth} levels deep)`;
const NO_ARTICLE = 'no article found in it';

export function readPage(markup: string): PageContent {
  if (!markupShape(markup, READER_VIEW_LIMITS).withinLimits) return readMarkupOnly(markup, TOO_BIG);
  const { document } = parse(markup);
  const jsonLd = jsonLdArticle(document);
  const url = pageUrl(document, markup, jsonLd);
  const date = fallbackDate(document);
  const headings = [...document.querySelectorAll('h1')];
  const firstHeading = nonEmpty(headings[0]?.textContent);
  const onlyHeading = headings.length === 1 ? firstHeading : undefined;
  const titleElement = nonEmpty(document.querySelector('title')?.textContent);
  if (document.body) removeChrome(document.body);
  const view = readerView(document);
  const body = view?.content ? markupToParagraphs(view.content) : [];
  const wholePage = body.length === 0 ? NO_ARTICLE : undefined;
  return {
    title: pickTitle(nonEmpty(view?.title), onlyHeading) ?? firstHeading ?? titleElement,
    // No article found (a page of links, a tree past the limits): the page's text, chrome removed.
    paragraphs: wholePage !== undefined ? wholePageText(view ? markup : document) : body,
    date: nonEmpty(view?.publishedTime) ?? date,
    author: cleanByline(view?.byline),
    source: nonEmpty(view?.siteName),
    url,
    wholePage,
  };
}

function parse(markup: string): { document: PageDocument } {
  return parseHTML(markup) as unknown as { document: PageDocument };
}

function readerView(document: PageDocument) {
  try {
    return new Readability(document as never).parse();
  } catch {
    // A tree Readability cannot walk (it recurses in places): the page is read whole.
    return null;
  }
}

/**
 * The text of the whole page, chrome removed. The reader view, when it ran, changed the tree as
 * it went: the page is parsed again from its markup.
 */
function wholePageText(source: string | PageDocument): string[] {
  const document = typeof source === 'string' ? parse(source).document : source;
  if (typeof source === 'string' && document.body) removeChrome(document.body);
  const root = document.body ?? document.documentElement;
  return markupToParagraphs((root as unknown as { innerHTML?: string } | null)?.innerHTML ?? '');
}

/**
 * Readability's title, unless the page's one `<h1>` holds it and more: the reader view cuts a
 * `<title>` at a colon or a " | Site" when no heading matches it, and the headline is the whole.
 */
function pickTitle(readerTitle: string | undefined, onlyHeading: string | undefined): string | undefined {
  if (readerTitle === undefined || onlyHeading === undefined) return readerTitle;
  // Compared as they will be shown: a title's escape sequences are no part of it.
  const reader = cleanLine(readerTitle);
  const heading = cleanLine(onlyHeading);
  return heading.length > reader.length && heading.includes(reader) ? onlyHeading : readerTitle;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
