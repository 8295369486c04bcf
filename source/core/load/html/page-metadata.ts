import type { PageDocument } from './page-dom.js';

/**
 * What a page says about itself that the reader view does not: where it lives (its URL) and,
 * when neither JSON-LD nor Open Graph gives one, when it was published.
 */

/**
 * The page's own address: `<link rel="canonical">`, else `og:url`, else the JSON-LD article's
 * `url` or `mainEntityOfPage`, else the address a browser noted when saving it (Chrome's and
 * IE's `<!-- saved from url=(N)… -->`, SingleFile's `url:` line). Only an absolute http(s) URL
 * counts: a `javascript:` canonical or a relative one says nothing lede could open.
 */
export function pageUrl(document: PageDocument, markup: string, jsonLd: JsonLdArticle | undefined): string | undefined {
  const candidates = [
    document.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href'),
    document.querySelector('meta[property="og:url" i][content]')?.getAttribute('content'),
    jsonLd?.url,
    jsonLd?.mainEntityOfPage,
    savedFromUrl(markup),
  ];
  for (const candidate of candidates) {
    const url = absoluteWebUrl(candidate);
    if (url) return url;
  }
  return undefined;
}

function absoluteWebUrl(candidate: string | null | undefined): string | undefined {
  const trimmed = candidate?.trim();
  if (!trimmed || !/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    return new URL(trimmed).href;
  } catch {
    return undefined;
  }
}

/** Browsers write the saved-from note at the very top; a look at the first 2 KB is enough. */
const SAVED_FROM = /<!--\s*(?:saved from url=\(\d+\)|[^>]*?\burl:\s*)(https?:\/\/[^\s>]+)/i;
const SAVED_FROM_WINDOW = 2048;

function savedFromUrl(markup: string): string | undefined {
  return SAVED_FROM.exec(markup.slice(0, SAVED_FROM_WINDOW))?.[1];
}

/** A publication date from the page's other metadata, for pages with no JSON-LD or Open Graph date. */
export function fallbackDate(document: PageDocument): string | undefined {
  for (const selector of DATE_SELECTORS) {
    const element = document.querySelector(selector);
    const value = (element?.getAttribute('content') ?? element?.getAttribute('datetime'))?.trim();
    if (value) return value;
  }
  return undefined;
}

const DATE_SELECTORS = [
  'meta[itemprop="datePublished" i][content]',
  'meta[name="date" i][content]',
  'meta[name="dc.date" i][content]',
  'meta[name="dc.date.issued" i][content]',
  'meta[name="dcterms.created" i][content]',
  'meta[name="pubdate" i][content]',
  'meta[name="publish-date" i][content]',
  'time[itemprop="datePublished" i][datetime]',
  'article time[datetime]',
];

/** "By Marina Duarte" → "Marina Duarte": a byline found in the text keeps the word. */
export function cleanByline(byline: string | null | undefined): string | undefined {
  const name = byline?.replace(/\s+/g, ' ').trim().replace(/^by\s+/i, '');
  return name || undefined;
}

export interface JsonLdArticle {
  url?: string;
  mainEntityOfPage?: string;
}

const ARTICLE_TYPES = /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|Report|ScholarlyArticle|TechArticle|OpinionNewsArticle|LiveBlogPosting)$/;

/**
 * The address fields of the page's JSON-LD article (Readability reads its title, author and
 * date, but not where it lives). A script that is not valid JSON is ignored.
 */
export function jsonLdArticle(document: PageDocument): JsonLdArticle | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json" i]')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const article = findArticle(parsed);
    if (article) return article;
  }
  return undefined;
}

function findArticle(value: unknown): JsonLdArticle | undefined {
  const nodes = Array.isArray(value) ? value : isObject(value) && Array.isArray(value['@graph']) ? value['@graph'] : [value];
  for (const node of nodes) {
    if (!isObject(node)) continue;
    const types = Array.isArray(node['@type']) ? node['@type'] : [node['@type']];
    if (!types.some((type) => typeof type === 'string' && ARTICLE_TYPES.test(type))) continue;
    const page = node.mainEntityOfPage;
    return {
      url: typeof node.url === 'string' ? node.url : undefined,
      mainEntityOfPage: typeof page === 'string' ? page : isObject(page) && typeof page['@id'] === 'string' ? page['@id'] : undefined,
    };
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
