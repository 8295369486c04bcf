/**
 * The line of context the mentions list shows for each mention: a piece of its paragraph with the
 * mention about a third of the way in, so what leads up to it shows too, cut to the width.
 */
import { type Segment, segmentField } from '../layout/segments.js';
import { displayWidth, graphemes } from '../layout/text-width.js';

export interface MentionContext {
  /** One line of text ("…" first when it starts inside the paragraph), no newline or tab. */
  line: string;
  /** The mention's span in `line`. */
  start: number;
  end: number;
}

/**
 * Where the line around `text[start, end)` begins and what it holds. The lead-in before the
 * mention is at most a third of `width` columns (measured, so wide characters count twice) and
 * starts at a word when the lead-in has a space, else mid-word: it never starts after the
 * mention, however long the word before it (CJK, a URL) is. Only the text near the mention is
 * looked at, so a paragraph of megabytes costs no more than a short one.
 */
export function mentionContext(text: string, start: number, end: number, width: number): MentionContext {
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  const paragraphStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const paragraphEnd = newline === -1 ? text.length : newline;
  const leadColumns = Math.floor(Math.max(0, width) / 3);
  // Enough code units for the lead-in's columns (a column is at least one, bar combining marks).
  const windowStart = Math.max(paragraphStart, start - leadColumns * 4 - 8);
  let lead = start;
  let used = 0;
  const before = graphemes(text.slice(windowStart, start));
  for (let i = before.length - 1; i >= 0; i--) {
    const g = before[i]!;
    used += displayWidth(g);
    if (used > leadColumns) break;
    lead -= g.length;
  }
  let from = paragraphStart;
  if (lead > paragraphStart) {
    const space = text[lead - 1] === ' ' ? lead - 1 : text.indexOf(' ', lead);
    from = space !== -1 && space < start ? space + 1 : lead;
  }
  const prefix = from > paragraphStart ? '…' : '';
  // After the mention, no more than could be shown.
  const lineEnd = Math.min(paragraphEnd, end + Math.max(0, width) * 4 + 8);
  const line = prefix + text.slice(from, lineEnd).replace(/[\n\r\t]/g, ' ');
  const offset = prefix.length - from;
  return { line, start: start + offset, end: end + offset };
}

/** The context line cut to `width` columns as segments, the mention highlighted as `kind`. */
export function mentionContextSegments(text: string, start: number, end: number, width: number, kind: string): Segment[] {
  const context = mentionContext(text, start, end, width);
  return segmentField(context.line, [{ start: context.start, end: context.end, kind, priority: 1 }], width);
}
