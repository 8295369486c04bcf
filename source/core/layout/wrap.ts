import { paragraphSpans } from '../article';
import { firstIndexWhere } from '../sorted';
import { displayWidth, graphemes } from './text-width';

/**
 * One screen line of a wrapped text: the span [start, end) of the source text it shows.
 * A blank line (between paragraphs) has start === end and `blank` set.
 */
export interface WrappedLine {
  start: number;
  end: number;
  paragraph: number;
  blank?: boolean;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10;
}

/**
 * Wraps `text` (paragraphs separated by "\n\n") to `width` columns. Lines break at spaces only;
 * a word is split only when it is wider than a whole line, and then between graphemes.
 * The spaces at a break are dropped, so lines never start or end with a space.
 */
export function wrapText(text: string, width: number): WrappedLine[] {
  const columns = Math.max(1, Math.floor(width));
  const lines: WrappedLine[] = [];
  paragraphSpans(text).forEach((span, paragraph) => {
    if (paragraph > 0) lines.push({ start: span.start, end: span.start, paragraph, blank: true });
    wrapParagraph(text, span.start, span.end, columns, paragraph, lines);
  });
  return lines;
}

function wrapParagraph(
  text: string,
  from: number,
  to: number,
  width: number,
  paragraph: number,
  out: WrappedLine[],
): void {
  let lineStart = -1;
  let lineEnd = -1;
  let lineWidth = 0;
  const flush = () => {
    if (lineStart >= 0) out.push({ start: lineStart, end: lineEnd, paragraph });
    lineStart = -1;
    lineWidth = 0;
  };
  let i = from;
  while (i < to) {
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    if (i >= to) break;
    let j = i;
    while (j < to && !isSpace(text.charCodeAt(j))) j++;
    const wordWidth = displayWidth(text.slice(i, j));
    const gap = lineStart >= 0 ? displayWidth(text.slice(lineEnd, i)) : 0;
    if (lineStart >= 0 && lineWidth + gap + wordWidth <= width) {
      lineEnd = j;
      lineWidth += gap + wordWidth;
    } else {
      flush();
      if (wordWidth <= width) {
        lineStart = i;
        lineEnd = j;
        lineWidth = wordWidth;
      } else {
        // Only a word wider than the whole line is split; its last piece starts a new line.
        let pieceStart = i;
        let pieceWidth = 0;
        let offset = i;
        for (const g of graphemes(text.slice(i, j))) {
          const w = displayWidth(g);
          if (pieceWidth + w > width && offset > pieceStart) {
            out.push({ start: pieceStart, end: offset, paragraph });
            pieceStart = offset;
            pieceWidth = 0;
          }
          pieceWidth += w;
          offset += g.length;
        }
        lineStart = pieceStart;
        lineEnd = j;
        lineWidth = pieceWidth;
      }
    }
    i = j;
  }
  flush();
}

/** Index of the line that shows `offset`: the last line starting at or before it (0 when none does). */
export function lineIndexAt(lines: readonly WrappedLine[], offset: number): number {
  return Math.max(0, firstIndexWhere(lines.length, (i) => lines[i]!.start > offset) - 1);
}
