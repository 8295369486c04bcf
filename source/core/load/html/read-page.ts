/**
 * A saved web page → its article, as a reader view shows it. This module and the libraries it
 * imports (linkedom, a light DOM; Mozilla's Readability, Firefox's reader view) are loaded only
 * when a folder holds a page (see page-reader.ts): `lede list` of text files never pays for them.
 *
 * linkedom builds a tree and nothing else: it runs no script, fetches nothing (not `<img src>`,
 * `<link>`, `<iframe>`, `<script src>`, CSS `@import`), follows no `<base>` or refresh; Readability
 * only reads that tree. The tests check both with a page that tries every one of them.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { cleanLine } from '../build-article.js';
import { markupToParagraphs } from './markup-paragraphs.js';
import type { PageDocument } from './page-dom.js';
import { cleanByline, fallbackDate, jsonLdArticle, pageUrl } from './page-metadata.js';
import { removeChrome } from './remove-chrome.js';
import type { PageContent } from './page-reader.js';

/**
 * Readability gives up on a page with more elements than this (it throws, and the page is read
 * without the reader view). Its scoring passes revisit elements, so a 10 MB page of 200,000
 * elements would hold the event loop for many seconds; real article pages have a few thousand.
 */
export const MAX_READER_VIEW_ELEMENTS = 30_000;

export function readPage(markup: string): PageContent {
  const { document } = parseHTML(markup) as unknown as { document: PageDocument };
  const jsonLd = jsonLdArticle(document);
  const url = pageUrl(document, markup, jsonLd);
  const date = fallbackDate(document);
  const headings = [...document.querySelectorAll('h1')];
  const firstHeading = nonEmpty(headings[0]?.textContent);
  const onlyHeading = headings.length === 1 ? firstHeading : undefined;
  const titleElement = document.querySelector('title')?.textContent ?? undefined;
  if (document.body) removeChrome(document.body);
  const view = readerView(document);
  const body = view?.content ? markupToParagraphs(view.content) : [];
  // No article found (a page that is all links, or too big for the reader view): its text, chrome removed.
  const wholePage = body.length === 0;
  const paragraphs = wholePage ? markupToParagraphs(bodyMarkup(document)) : body;
  return {
    title: pickTitle(nonEmpty(view?.title), onlyHeading) ?? firstHeading ?? nonEmpty(titleElement),
    paragraphs,
    date: nonEmpty(view?.publishedTime) ?? date,
    author: cleanByline(view?.byline),
    source: nonEmpty(view?.siteName),
    url,
    wholePage,
  };
}

function readerView(document: PageDocument) {
  try {
    return new Readability(document as never, { maxElemsToParse: MAX_READER_VIEW_ELEMENTS }).parse();
  } catch {
    // Too many elements, or a tree Readability cannot walk (it recurses in places).
    return null;
  }
}

function bodyMarkup(document: PageDocument): string {
  const root = document.body ?? document.documentElement;
  return (root as unknown as { innerHTML?: string } | null)?.innerHTML ?? '';
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
