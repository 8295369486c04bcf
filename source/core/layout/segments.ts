import { truncateToWidth } from './text-width';
import type { WrappedLine } from './wrap';

/** A highlighted span of the source text; a higher `priority` wins where spans overlap. */
export interface Highlight {
  start: number;
  end: number;
  kind: string;
  priority: number;
}

export interface Segment {
  text: string;
  kind?: string;
}

/**
 * Cuts a wrapped line into runs of plain and highlighted text, so a view only has to colour
 * each run. `highlights` must be sorted by start.
 */
export function segmentLine(text: string, line: WrappedLine, highlights: readonly Highlight[]): Segment[] {
  if (line.blank) return [];
  const touching = highlights.filter((h) => h.end > line.start && h.start < line.end && h.end > h.start);
  if (touching.length === 0) return [{ text: text.slice(line.start, line.end) }];
  const cuts = new Set<number>([line.start, line.end]);
  for (const h of touching) {
    cuts.add(Math.max(line.start, h.start));
    cuts.add(Math.min(line.end, h.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const from = points[k] as number;
    const to = points[k + 1] as number;
    let best: Highlight | undefined;
    for (const h of touching) {
      if (h.start <= from && h.end >= to && (!best || h.priority > best.priority)) best = h;
    }
    const piece = text.slice(from, to);
    const last = segments[segments.length - 1];
    if (last && last.kind === best?.kind) last.text += piece;
    else segments.push(best ? { text: piece, kind: best.kind } : { text: piece });
  }
  return segments;
}

/**
 * Segments of a one-line field (a title, a snippet) cut to `width` columns with "…", keeping
 * the highlights that fall inside what is shown.
 */
export function segmentField(text: string, highlights: readonly Highlight[], width: number): Segment[] {
  const shown = truncateToWidth(text, width);
  const cut = shown === text ? text.length : shown.length - 1;
  const segments = segmentLine(text, { start: 0, end: cut, paragraph: 0 }, highlights);
  if (shown !== text) segments.push({ text: '…' });
  return segments;
}
