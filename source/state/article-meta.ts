/** What an article says of itself, as the reader shows it under the title: one safe line each. */
import type { Article } from '../core/article';
import { displayWidth } from '../core/layout/text-width';
import { safeHttpUrl } from '../core/osc';
import { sanitizeSingleLine } from '../core/sanitize';

/** "2018-05-10 · Reuters · Jane Doe": what the article says of itself, each field one safe line. */
export function metadataText(article: Article): string {
  return [article.date, article.source, article.author]
    .map((field) => (field === undefined ? '' : sanitizeSingleLine(field).trim()))
    .filter(Boolean)
    .join(' · ');
}

/** The article's URL when it is one lede can link to and open (http or https, clean), else null. */
export function articleUrl(article: Article): string | null {
  return safeHttpUrl(article.url);
}


/** The metadata as the reader lays it out at a measure: the URL after the rest when it fits, else on a line of its own. */
export interface MetadataLayout {
  meta: string;
  url: string | null;
  /** Lines under the title: 0, 1, or 2 when the URL goes on its own line. */
  lines: number;
  urlOwnLine: boolean;
}

const SEPARATOR_WIDTH = 3;

export function metadataLayout(article: Article, measure: number): MetadataLayout {
  const meta = metadataText(article);
  const url = articleUrl(article);
  if (!url) return { meta, url, lines: meta ? 1 : 0, urlOwnLine: false };
  const fits = !meta || displayWidth(meta) + SEPARATOR_WIDTH + displayWidth(url) <= measure;
  return { meta, url, lines: fits ? 1 : 2, urlOwnLine: !fits };
}
