import { decodeCharacterReferences } from './character-references.js';
import { markupToParagraphs } from './markup-paragraphs.js';
import type { PageContent } from './page-content.js';

/** Where a page's `<title>` is looked for. */
const TITLE_WINDOW = 64 * 1024;

/**
 * A page read from its markup alone, without a DOM or the reader view: its `<title>`, and the
 * text of every element but scripts, styles and the like (see markupToParagraphs). Linear in the
 * page whatever it holds; menus and other chrome stay in.
 */
export function readMarkupOnly(markup: string, why?: string): PageContent {
  const title = /<title\b[^>]*>([^<]*)<\/title/i.exec(markup.slice(0, TITLE_WINDOW))?.[1];
  const decoded = title === undefined ? '' : decodeCharacterReferences(title).trim();
  return { title: decoded || undefined, paragraphs: markupToParagraphs(markup), wholePage: why };
}
