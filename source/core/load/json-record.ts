import type { Article, ArticleFormat } from '../article.js';
import { buildArticle } from './build-article.js';
import { fieldLine, fieldParagraphs } from './html/field-markup.js';

/** Field names read from a JSON record, first present wins; the extras are common in scraped data sets. */
const TITLE_FIELDS = ['title', 'headline'];
const BODY_FIELDS = ['text', 'body', 'content', 'description', 'summary'];
const DATE_FIELDS = ['date', 'publishedAt', 'published_at', 'published', 'pubDate'];
const URL_FIELDS = ['url', 'link'];
const SOURCE_FIELDS = ['source'];
const AUTHOR_FIELDS = ['author', 'authors', 'byline'];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One JSON object → an article, or undefined when it has neither a title nor a body.
 * Wrong types are coerced where the meaning is clear (numbers, arrays of strings, `{name}` objects
 * as NewsAPI uses for `source`) and ignored otherwise. Fields scraped from web pages have their
 * markup and character references read as HTML (see field-markup.ts).
 */
export function articleFromRecord(
  record: Record<string, unknown>,
  where: { id: string; path: string; format: ArticleFormat; notes?: string[] },
): Article | undefined {
  const title = firstField(record, TITLE_FIELDS, asLine);
  const body = firstField(record, BODY_FIELDS, asBody);
  if (title === undefined && body === undefined) return undefined;
  return buildArticle({
    ...where,
    title,
    paragraphs: (body ?? []).flatMap(fieldParagraphs),
    date: firstField(record, DATE_FIELDS, asDate),
    url: firstField(record, URL_FIELDS, asLine),
    source: firstField(record, SOURCE_FIELDS, asLine),
    author: firstField(record, AUTHOR_FIELDS, asLine),
  });
}

function firstField<T>(record: Record<string, unknown>, names: string[], read: (value: unknown) => T | undefined): T | undefined {
  for (const name of names) {
    const value = Object.hasOwn(record, name) ? read(record[name]) : undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A one-line value: a string, a number, strings in an array (joined with ", "), or an object's `name`. */
function asText(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // Only a level or two of nesting means anything; deeper is ignored (and cannot exhaust the stack).
  if (depth >= MAX_NESTING) return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((part) => asText(part, depth + 1)).filter((part): part is string => part !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (isRecord(value)) return asText(value.name, depth + 1);
  return undefined;
}

const MAX_NESTING = 2;

/** asText, with the field's markup and character references read (see fieldLine). */
function asLine(value: unknown): string | undefined {
  const text = asText(value);
  return text === undefined ? undefined : fieldLine(text);
}

/** A body: one string, or an array of strings (one or more paragraphs each). */
function asBody(value: unknown): string[] | undefined {
  const parts = (Array.isArray(value) ? value : [value]).filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  return parts.length > 0 ? parts : undefined;
}

/** Strings as written; numbers as a Unix time (seconds, or milliseconds when that large), shown as ISO 8601. */
function asDate(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const date = new Date(Math.abs(value) < 1e11 ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
