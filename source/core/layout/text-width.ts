import stringWidth from 'string-width';
import { graphemeSegmenter } from './grapheme-segmenter.js';
import { isSingleColumnText } from './single-column.js';

/**
 * Columns a string takes in a terminal (CJK and emoji count two, combining marks none). For text
 * that went through sanitizeForTerminal, as every article's does, this is exactly what the terminal
 * draws, grapheme by grapheme (test/core/layout/text-width-terminal.test.ts holds it to xterm.js);
 * Ink measures rows with the same string-width, so its layout and this count agree.
 */
export function displayWidth(text: string): number {
  return isSingleColumnText(text) ? text.length : stringWidth(text);
}

/** User-perceived characters, so a split never cuts an emoji sequence or a combining mark. */
export function graphemes(text: string): string[] {
  if (isSingleColumnText(text)) return text.split('');
  return Array.from(graphemeSegmenter().segment(text), (s) => s.segment);
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
