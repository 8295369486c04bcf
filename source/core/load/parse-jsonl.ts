import type { Article } from '../article.js';
import { articleFromRecord, isRecord } from './json-record.js';
import { NotAnArticleError } from './not-an-article.js';

/** How many bad line numbers a note lists before it just counts. */
const LISTED_LINES = 5;

/**
 * JSON Lines: one article object per line, id `path#N` with N the line number (so `sed -n Np`
 * finds it). A malformed line is skipped and counted in a note on every article of the file;
 * only a file with no readable line at all is skipped.
 */
export function parseJsonl(path: string, text: string): Article[] {
  const articles: Article[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNumber = index + 1;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      badLines.push(lineNumber);
      return;
    }
    const article = isRecord(record)
      ? articleFromRecord(record, { id: `${path}#${lineNumber}`, path, format: 'jsonl' })
      : undefined;
    if (article) articles.push(article);
    else badLines.push(lineNumber);
  });
  if (articles.length === 0) throw new NotAnArticleError(badLines.length === 0 ? 'empty' : 'no valid JSON lines');
  if (badLines.length > 0) {
    const note = `skipped ${describeLines(badLines)} that ${badLines.length === 1 ? 'was' : 'were'} not a JSON article`;
    for (const article of articles) article.notes.push(note);
  }
  return articles;
}

function describeLines(lines: number[]): string {
  const listed = lines.slice(0, LISTED_LINES).join(', ');
  const more = lines.length > LISTED_LINES ? ', …' : '';
  return `${lines.length} ${lines.length === 1 ? 'line' : 'lines'} (${listed}${more})`;
}
