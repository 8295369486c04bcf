import type { ArticleMeta } from '../../article.js';

/** What the page reader finds in a saved web page, before the rules every article follows. */
export interface PageContent extends ArticleMeta {
  title?: string;
  /** Raw paragraphs (the article builder sanitises them). */
  paragraphs: string[];
  /** Set when the reader view found no article and the page's whole text was taken. */
  wholePage?: boolean;
}

export type ReadPage = (markup: string) => PageContent;

/** Why a page is skipped when its reader cannot be loaded (a damaged install). */
export const PAGE_READER_MISSING = 'the web-page reader could not be loaded';

let loading: Promise<ReadPage> | undefined;
let loaded: ReadPage | undefined;

/**
 * The page reader (read-page.ts with linkedom and Readability), imported on first use: a library
 * without web pages never loads it, so `lede list` of text files starts as fast as before.
 */
export function loadPageReader(): Promise<ReadPage> {
  loading ??= import('./read-page.js').then((module) => {
    loaded = module.readPage;
    return module.readPage;
  });
  return loading;
}

/** The page reader if something has loaded it already (see loadPageReader), else undefined. */
export function loadedPageReader(): ReadPage | undefined {
  return loaded;
}

/**
 * Whether text with no trustworthy name (standard input, a file without a known extension) is a
 * web page: it begins, past any comments (a browser's "saved from" note), with a doctype, `<html>`
 * or `<head>`.
 */
export function looksLikeHtml(text: string): boolean {
  return HTML_START.test(text.slice(0, SNIFF_CHARS));
}

const SNIFF_CHARS = 4096;
const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head)[\s>]/i;
