import type { Article } from '../article.js';
import { buildArticle, TITLE_MAX_CHARS } from './build-article.js';
import { normalizeText } from './normalize.js';
import { splitParagraphs } from './paragraphs.js';

/**
 * A plain-text article: the first non-empty line is the title, the rest is the body. A first line
 * too long to be a headline (a file with no line breaks) stays in the body and the title is cut from it.
 */
export function parseTxt(path: string, text: string): Article[] {
  const normalized = normalizeText(text);
  const titleStart = normalized.search(/\S/);
  if (titleStart === -1) return [];
  const lineEnd = normalized.indexOf('\n', titleStart);
  const titleEnd = lineEnd === -1 ? normalized.length : lineEnd;
  const firstLine = normalized.slice(titleStart, titleEnd).trim();
  const isHeadline = firstLine.length <= TITLE_MAX_CHARS;
  const body = isHeadline ? normalized.slice(titleEnd) : normalized.slice(titleStart);
  return [
    buildArticle({
      id: path,
      path,
      format: 'txt',
      ...(isHeadline ? { title: firstLine } : {}),
      paragraphs: splitParagraphs(body),
    }),
  ];
}
