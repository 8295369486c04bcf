import { normalizeText } from '../normalize.js';
import { splitFieldParagraphs } from '../paragraphs.js';
import { decodeCharacterReferences } from './character-references.js';
import { markupToParagraphs } from './markup-paragraphs.js';

/**
 * JSON fields scraped from web pages often carry the page's markup: `"<p>S&#227;o Paulo…</p>"`.
 * The rule, one for every text field of a JSON record:
 * - A field holding a tag of a common HTML text element (`<p>`, `<br/>`, `<div class="x">`,
 *   `</li>`, `<a href=…>`, `<b>`, `<em>`, `<span>`, `<img …>`, headings, lists, tables…) is markup:
 *   its tags are dropped, block tags end paragraphs and whitespace collapses (markupToParagraphs).
 * - Any other field is text as before, with its character references decoded (`&amp;`, `&#227;`,
 *   `&nbsp;`: a name from HTML's table or a number, closed by `;`).
 * Plain `.txt` files are never decoded: there `&amp;` is what the author wrote.
 */
const MARKUP_TAG =
  /<\/?(?:p|br|div|span|a|b|i|u|s|em|strong|small|sub|sup|mark|cite|q|abbr|code|time|img|figure|figcaption|blockquote|pre|ul|ol|li|dl|dt|dd|h[1-6]|hr|table|thead|tbody|tr|td|th|section|article|header|footer)(?:\s[^<>]*)?\/?>/i;

export function holdsMarkup(field: string): boolean {
  return field.includes('<') && MARKUP_TAG.test(field);
}

/** A body field → its paragraphs (raw: the article builder sanitises them). */
export function fieldParagraphs(field: string): string[] {
  if (holdsMarkup(field)) return markupToParagraphs(field);
  return splitFieldParagraphs(normalizeText(decodeCharacterReferences(field)));
}

/** A one-line field (title, author, source, URL) → its text, on one line; undefined when nothing is left. */
export function fieldLine(field: string): string | undefined {
  const line = holdsMarkup(field) ? markupToParagraphs(field).join(' ') : decodeCharacterReferences(field);
  return line.trim() === '' ? undefined : line;
}
