import type { Article, ArticleFormat } from '../article.js';
import { readFrontMatter } from './front-matter.js';
import { looksLikeHtml } from './html/sniff-html.js';
import { parseJson } from './parse-json.js';
import { parseHtml } from './parse-html.js';
import { parseJsonl } from './parse-jsonl.js';
import { parseMarkdown } from './parse-markdown.js';
import { parseTxt } from './parse-txt.js';

export type FileFormat = Exclude<ArticleFormat, 'stdin'>;

const FORMAT_BY_EXTENSION: Record<string, FileFormat> = {
  txt: 'txt',
  md: 'md',
  markdown: 'md',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  html: 'html',
  htm: 'html',
};

/** The format a file's extension names (case-insensitive), or undefined when lede does not read it by default. */
export function formatForPath(path: string): FileFormat | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? undefined : FORMAT_BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
}

/**
 * Decoded text → articles. Throws NotAnArticleError when the whole file holds nothing to read.
 * A web page is read from its markup alone here; the loader has the page worker read it first
 * (see readArticlesFromBytes).
 */
export function parseArticles(path: string, text: string, format: FileFormat): Article[] {
  switch (format) {
    case 'txt':
      return parseTxt(path, text);
    case 'md':
      return parseMarkdown(path, text);
    case 'json':
      return parseJson(path, text);
    case 'jsonl':
      return parseJsonl(path, text);
    case 'html':
      return parseHtml(path, text);
  }
}

/**
 * The format of text with no trustworthy name (standard input, a file without a known extension):
 * JSON if it starts with `{` or `[` and parses (JSON Lines if only its lines do), a web page if it
 * starts as one (see looksLikeHtml), markdown if it has front matter or a `#` heading near the
 * top, else plain text.
 */
export function sniffFormat(text: string): FileFormat {
  if (looksLikeHtml(text)) return 'html';
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    if (parses(start)) return 'json';
    const firstLine = start.slice(0, start.indexOf('\n') === -1 ? undefined : start.indexOf('\n'));
    if (start.startsWith('{') && parses(firstLine)) return 'jsonl';
  }
  if (readFrontMatter(start) !== undefined) return 'md';
  const head = start.split('\n', SNIFF_LINES);
  if (head.some((line) => /^#{1,6} \S/.test(line))) return 'md';
  return 'txt';
}

const SNIFF_LINES = 40;

function parses(json: string): boolean {
  try {
    JSON.parse(json);
    return true;
  } catch {
    return false;
  }
}
