import { type Article, paragraphSpans } from '../core/article';
import { displayWidth } from '../core/layout/text-width';
import { wrapText } from '../core/layout/wrap';
import { toJson } from './json';

export function showJson(article: Article): string {
  const { id, path, title, text, words, format, date, source, author, url, notes, duplicates } = article;
  return toJson({
      path,
      id,
      title,
      format,
      ...(date ? { date } : {}),
      ...(source ? { source } : {}),
      ...(author ? { author } : {}),
      ...(url ? { url } : {}),
      words,
      notes,
      ...(duplicates ? { duplicates } : {}),
      text,
      paragraphs: paragraphSpans(text).map((p) => text.slice(p.start, p.end)),
  });
}

/** The article as a reader would print it: title, a rule, metadata, then the text wrapped. */
export function showPlain(article: Article, width: number): string {
  const out: string[] = [];
  for (const line of wrapText(article.title, width)) out.push(article.title.slice(line.start, line.end));
  const widest = out.reduce((max, line) => Math.max(max, displayWidth(line)), 1);
  out.push('='.repeat(Math.min(width, widest)));
  const meta = [article.date, article.source, article.author, article.url].filter(Boolean).join(' · ');
  if (meta) out.push(meta);
  for (const note of article.notes) out.push(`[${note}]`);
  out.push('');
  for (const line of wrapText(article.text, width)) out.push(line.blank ? '' : article.text.slice(line.start, line.end));
  return out.join('\n');
}
