import stringWidth from 'string-width';

/**
 * Characters that take one column each and are each a grapheme of their own beside one another:
 * printable ASCII, Latin-1 but the soft hyphen, Latin Extended and the spacing modifier letters
 * (up to the combining marks at U+0300), and general punctuation from the dashes to before the
 * invisible operators (quotes, …, ‹ ›, ·), but not the line and paragraph separators nor the bidi
 * controls. Almost every line of news is made of them only, and so needs no segmenter and no
 * width table: wrapping a large article and each frame's rows stay fast. A test checks every one
 * of them, and every pair, against string-width and Intl.Segmenter.
 */
const SINGLE_COLUMN_CLASS = '\\x20-\\x7e\\xa0-\\xac\\xae-\\u02ff\\u2010-\\u2027\\u2030-\\u205e';
const SINGLE_COLUMN_RUN = new RegExp(`^[${SINGLE_COLUMN_CLASS}]*$`);

/** Whether the UTF-16 unit `code` is one of the single-column characters above. */
export function isSingleColumnUnit(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0x2ff && code !== 0xad) || (code >= 0x2010 && code <= 0x2027) || (code >= 0x2030 && code <= 0x205e);
}

/** Whether every character of `text` is a single-column one: its width is its length. */
export function isSingleColumnText(text: string): boolean {
  return SINGLE_COLUMN_RUN.test(text);
}

/**
 * Columns a string takes in a terminal (CJK and emoji count two, combining marks none). For text
 * that went through sanitizeForTerminal, as every article's does, this is exactly what the terminal
 * draws, grapheme by grapheme (test/core/layout/text-width-terminal.test.ts holds it to xterm.js);
 * Ink measures rows with the same string-width, so its layout and this count agree.
 */
export function displayWidth(text: string): number {
  return SINGLE_COLUMN_RUN.test(text) ? text.length : stringWidth(text);
}

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** User-perceived characters, so a split never cuts an emoji sequence or a combining mark. */
export function graphemes(text: string): string[] {
  if (SINGLE_COLUMN_RUN.test(text)) return text.split('');
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

/** Cuts `text` to at most `width` columns, ending in "…" when anything was cut. */
export function truncateToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  if (width === 1) return '…';
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = displayWidth(g);
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return `${out}…`;
}

/** Pads `text` with spaces on the right to exactly `width` columns (truncating if longer). */
export function padToWidth(text: string, width: number): string {
  const cut = truncateToWidth(text, width);
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

/**
 * The end of `text` that fits in `width` columns, starting with "…" when anything was cut: a
 * prompt keeps the end of a long query in view, where the typing happens.
 */
export function tailToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  const kept: string[] = [];
  let used = 1;
  const parts = graphemes(text);
  for (let i = parts.length - 1; i >= 0; i--) {
    const w = displayWidth(parts[i] as string);
    if (used + w > width) break;
    kept.push(parts[i] as string);
    used += w;
  }
  return `…${kept.reverse().join('')}`;
}
