/**
 * What lede's and fzf's screens say, read off the emulator: the query the prompt shows, the result
 * counter, lede's background notes. These are what a person looks at to know a key has landed.
 */
import type { TimedTerminal } from './timed-terminal.js';

/** lede's library prompt, `/query▏ … 12 of 2,000`: the query left of the inverse cursor cell, the note right of it. */
export interface LedePrompt {
  query: string;
  note: string;
}

/** "12 of 2,000 articles match", and whether the ellipsis says it is still the result of an older query. */
export interface Counter {
  matched: number;
  total: number;
  pending: boolean;
}

const number = (text: string): number => Number(text.replaceAll(',', ''));

export function parseCounter(note: string): Counter | null {
  // The list's note: "12 of 2,000 articles match (with typos)…" (the ellipsis: an older query's count).
  const m = /(\d[\d,]*) of (\d[\d,]*) articles? match(?:es)?(?: \(with typos\))?(…)?/.exec(note);
  return m ? { matched: number(m[1]!), total: number(m[2]!), pending: m[3] !== undefined } : null;
}

/** The prompt line is the frame's last line (lede draws one row short of the terminal). */
export function ledePrompt(term: TimedTerminal): LedePrompt | null {
  const { y, text } = term.lastLine();
  if (!text.startsWith('/')) return null;
  const split = term.splitAtInverse(y);
  return split ? { query: split.before.slice(1), note: split.after } : null;
}

/** The status line (the frame's last line) when no prompt is open. */
export function ledeStatus(term: TimedTerminal): string {
  return term.lastLine().text;
}

export const isIndexing = (status: string): boolean => /\bindexing \d+%/.test(status);
export const isFindingEntities = (status: string): boolean => /\bfinding entities \d+%/.test(status);

/**
 * The list's first row shows `title` (its selected-row marker, then the title's start). Only
 * the title's first characters are compared: the row is cut to the terminal's width.
 */
export function showsFirstTitle(term: TimedTerminal, title: string): boolean {
  const start = title.slice(0, 20).trim();
  for (let y = 0; y < Math.min(4, term.term.rows); y++) {
    const line = term.line(y);
    if (line.startsWith('› ') && line.includes(start)) return true;
  }
  return false;
}

/**
 * fzf's default layout: the prompt `> query` on the bottom row, the info line (`  12/2000`) above.
 * The query is read up to the cursor, so a typed trailing space counts.
 */
export function fzfQuery(term: TimedTerminal): string | null {
  const y = term.term.rows - 1;
  const line = term.line(y); // trailing spaces trimmed: an empty prompt reads ">"
  if (line !== '>' && !line.startsWith('> ')) return null;
  const cursor = term.cursor();
  return cursor.y === y && cursor.x >= 2 ? line.padEnd(cursor.x).slice(2, cursor.x) : line.slice(2);
}

/** fzf's match counter `matched/total`, and whether its spinner says it is still reading or matching. */
export function fzfCounter(term: TimedTerminal): { matched: number; total: number } | null {
  const m = /(\d+)\/(\d+)/.exec(term.line(term.term.rows - 2));
  return m ? { matched: Number(m[1]), total: Number(m[2]) } : null;
}

/** What a frame holds: rows with text, runs of underlined cells (lede underlines every match), and style runs. */
export interface FrameCensus {
  rows: number;
  highlights: number;
  styleRuns: number;
}

export function frameCensus(term: TimedTerminal): FrameCensus {
  const buffer = term.term.buffer.active;
  const cell = buffer.getNullCell();
  let rows = 0;
  let highlights = 0;
  let styleRuns = 0;
  for (let y = 0; y < term.term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    if (!line || line.translateToString(true) === '') continue;
    rows++;
    let lastStyle = '';
    let underlined = false;
    for (let x = 0; x < term.term.cols; x++) {
      if (!line.getCell(x, cell)) break;
      const style = `${cell.getFgColorMode()},${cell.getFgColor()},${cell.getBgColorMode()},${cell.getBgColor()},${cell.isInverse()},${cell.isBold()},${cell.isUnderline()}`;
      if (style !== lastStyle) styleRuns++;
      lastStyle = style;
      if (cell.isUnderline() && !underlined) highlights++;
      underlined = Boolean(cell.isUnderline());
    }
  }
  return { rows, highlights, styleRuns };
}
