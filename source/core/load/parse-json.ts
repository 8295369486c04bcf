import type { Article } from '../article.js';
import { articleFromRecord, isRecord } from './json-record.js';
import { NotAnArticleError } from './not-an-article.js';
import { parseJsonl } from './parse-jsonl.js';

/**
 * A `.json` file: one article object (id = path), an array of them, or `{articles: [...]}`
 * (ids `path#N`, N the record's position from 1). Records that are not articles are skipped and
 * counted in a note. A file that is really JSON Lines is read as such.
 */
export function parseJson(path: string, text: string): Article[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    if (looksLikeJsonLines(text)) return parseJsonl(path, text);
    throw new NotAnArticleError('invalid JSON');
  }
  const records = isRecord(data) && Array.isArray(data.articles) ? data.articles : data;
  if (!Array.isArray(records)) {
    const article = isRecord(records) ? articleFromRecord(records, { id: path, path, format: 'json' }) : undefined;
    if (!article) throw new NotAnArticleError('no article in JSON (needs title or text)');
    return [article];
  }
  const articles: Article[] = [];
  let notArticles = 0;
  records.forEach((record, index) => {
    const article = isRecord(record)
      ? articleFromRecord(record, { id: `${path}#${index + 1}`, path, format: 'json' })
      : undefined;
    if (article) articles.push(article);
    else notArticles++;
  });
  if (articles.length === 0) throw new NotAnArticleError(records.length === 0 ? 'empty' : 'no articles in JSON (need title or text)');
  if (notArticles > 0) {
    const note = `${notArticles} of ${records.length} records in this file were not articles and were skipped`;
    for (const article of articles) article.notes.push(note);
  }
  return articles;
}

function looksLikeJsonLines(text: string): boolean {
  const lines = text.split('\n', 3).map((line) => line.trim());
  return lines.length >= 2 && lines[0]!.startsWith('{') && lines[1]!.startsWith('{');
}
