import { sanitizeForTerminal } from '../sanitize.js';

/**
 * Decoded file text → text with "\n" line ends, no tabs and nothing a terminal would act on.
 * Line breaks are unified before sanitising (a CR would otherwise be shown as `^M`); tabs are
 * expanded after it, so escape sequences the sanitiser removes do not shift the tab stops.
 */
export function normalizeText(text: string): string {
  return expandTabs(sanitizeForTerminal(unifyLineBreaks(text)));
}

/**
 * CRLF, CR, NEL and LINE SEPARATOR end a line; PARAGRAPH SEPARATOR and form feed (a page break in
 * old text files) end a paragraph.
 */
export function unifyLineBreaks(text: string): string {
  // includes() is several times faster than a character-class regex, and most text has none of them.
  const hasBreaks = ['\r', '\f', '\u0085', '\u2028', '\u2029'].some((c) => text.includes(c));
  if (!hasBreaks) return text;
  return text.replace(/\r\n?|\u0085|\u2028/g, '\n').replace(/[\f\u2029]/g, '\n\n');
}

/**
 * Tab stops every 8 columns: the terminal and POSIX default, so a table typed with tabs lines up
 * as it did in the author's editor and in `cat`/`less`. Columns count code points; the parsers
 * collapse whitespace inside paragraphs anyway, so this only matters where layout is kept.
 */
export const TAB_WIDTH = 8;

export function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let column = 0;
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x09) {
      const spaces = TAB_WIDTH - (column % TAB_WIDTH);
      out += text.slice(runStart, i) + ' '.repeat(spaces);
      column += spaces;
      runStart = i + 1;
    } else if (c === 0x0a) {
      column = 0;
    } else if (c < 0xdc00 || c > 0xdfff) {
      // The low half of a surrogate pair belongs to the column its high half already counted.
      column++;
    }
  }
  return out + text.slice(runStart);
}
