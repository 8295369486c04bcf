/**
 * The line of context under a search hit: a window of one paragraph, as wide as the place it is
 * drawn in, that always holds its anchor match whole when the match fits (with `…` where cut).
 * Widths are measured by the caller's `measure` (terminal columns in the list, UTF-16 units for
 * `--json`), so the window is cut to the width it is shown at, never cut again to a narrower one.
 */
import type { Span } from '../article.js';
import { graphemeSegmenter } from '../layout/grapheme-segmenter.js';
import { isSingleColumnUnit } from '../layout/single-column.js';
import type { FieldMatch } from './highlight.js';

export interface Snippet {
  text: string;
  highlights: Span[];
}

/** How wide a piece of text is where it is shown. */
export type Measure = (text: string) => number;

const ELLIPSIS = '…';
const unitLength: Measure = (text) => text.length;
/** Context kept before the anchor match, as a share of the width. */
const LEAD = 1 / 4;
const MARK = /\p{M}/u;

/** The code point ending just before `i` starts at… */
function previousBoundary(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  return i >= 2 && c >= 0xdc00 && c <= 0xdfff && isHigh(text.charCodeAt(i - 2)) ? i - 2 : i - 1;
}

function nextBoundary(text: string, i: number): number {
  return isHigh(text.charCodeAt(i)) && i + 1 < text.length ? i + 2 : i + 1;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** A cut never leaves a combining mark at the start of a piece: it moves past the marks. */
function skipMarks(text: string, i: number, limit: number): number {
  while (i < limit && MARK.test(text[i]!)) i++;
  return i;
}

/** Units segmented at first to find one grapheme: longer clusters (a pile of marks) double it. */
const PIECE = 32;

/**
 * The end of the grapheme that starts at `i` (a boundary), looking no further than `limit`. A
 * single-column character followed by another (or by `limit`) is a grapheme by itself, which is
 * almost every character of news: only the others are segmented, a short piece at a time.
 */
function graphemeEnd(text: string, i: number, limit: number): number {
  if (isSingleColumnUnit(text.charCodeAt(i)) && (i + 1 >= limit || isSingleColumnUnit(text.charCodeAt(i + 1)))) return i + 1;
  for (let size = PIECE; ; size *= 2) {
    const to = Math.min(limit, i + size);
    const first = graphemeSegmenter().segment(text.slice(i, to))[Symbol.iterator]().next().value!.segment;
    // A cluster that fills the piece may go on past it, unless the piece ends at the limit.
    if (i + first.length < to || to === limit) return i + first.length;
  }
}

/** The start of the grapheme that ends at `i` (a boundary), looking no further back than `limit`. */
function graphemeStart(text: string, i: number, limit: number): number {
  if (isSingleColumnUnit(text.charCodeAt(i - 1)) && (i - 1 <= limit || isSingleColumnUnit(text.charCodeAt(i - 2)))) return i - 1;
  for (let size = PIECE; ; size *= 2) {
    const from = Math.max(limit, i - size);
    let last = '';
    for (const { segment } of graphemeSegmenter().segment(text.slice(from, i))) last = segment;
    // The piece may start inside a cluster: its last grapheme is whole unless it is also its first.
    if (i - last.length > from || from === limit) return i - last.length;
  }
}

/** The furthest end ≤ limit such that text[from, end) takes at most `budget`, a grapheme at a time. */
function advance(text: string, from: number, limit: number, budget: number, measure: Measure): number {
  let used = 0;
  let i = from;
  while (i < limit) {
    const end = graphemeEnd(text, i, limit);
    const w = measure(text.slice(i, end));
    if (used + w > budget) return i;
    used += w;
    i = end;
  }
  return i;
}

/** The furthest start ≥ limit such that text[start, to) takes at most `budget`, a grapheme at a time. */
function retreat(text: string, to: number, limit: number, budget: number, measure: Measure): number {
  let used = 0;
  let i = to;
  while (i > limit) {
    const start = graphemeStart(text, i, limit);
    const w = measure(text.slice(start, i));
    if (used + w > budget) return i;
    used += w;
    i = start;
  }
  return i;
}

/** The body match the window is built around: the first of the densest run of matches, or `prefer`. */
function anchorMatch(text: string, body: readonly FieldMatch[], width: number, prefer?: FieldMatch): FieldMatch | undefined {
  if (prefer?.field === 'text' && prefer.end <= text.length) return prefer;
  let anchor: FieldMatch | undefined;
  let bestCount = 0;
  const consider = Math.min(body.length, 200);
  for (let i = 0, j = 0; i < consider; i++) {
    const from = body[i]!.start;
    if (j < i) j = i;
    while (j + 1 < body.length && body[j + 1]!.end <= from + width * 0.75) j++;
    if (j - i + 1 > bestCount) {
      bestCount = j - i + 1;
      anchor = body[i];
    }
  }
  return anchor;
}

/** [start, end) of the window in text: the paragraph around the anchor, cut to `width` with room for the ellipses. */
function windowAround(text: string, anchor: FieldMatch | undefined, width: number, measure: Measure): { ps: number; pe: number; start: number; end: number } {
  const at = anchor ? anchor.start : 0;
  const sep = at === 0 ? -1 : text.lastIndexOf('\n\n', at - 1);
  const ps = sep < 0 ? 0 : sep + 2;
  let pe = text.indexOf('\n\n', anchor ? anchor.end : 0);
  if (pe < 0) pe = text.length;
  const ell = measure(ELLIPSIS);
  const fitsWhole = (from: number) => measure(text.slice(from, pe)) + (from > ps ? ell : 0) <= width;
  if (!anchor) {
    // No body match: the beginning of the first paragraph.
    return { ps, pe, start: ps, end: fitsWhole(ps) ? pe : advance(text, ps, pe, width - ell, measure) };
  }
  const room = (from: number) => width - (from > ps ? ell : 0) - ell;
  if (fitsWhole(ps)) return { ps, pe, start: ps, end: pe };
  if (measure(text.slice(anchor.start, anchor.end)) > room(anchor.start)) {
    // A match wider than the window: as much of it as fits, from its start.
    const start = anchor.start;
    return { ps, pe, start, end: fitsWhole(start) ? pe : advance(text, start, pe, room(start), measure) };
  }
  // Context before the match, snapped forward to a word start when one is near.
  let start = retreat(text, anchor.start, ps, Math.floor(width * LEAD), measure);
  const wordStart = (from: number) => {
    const space = from > ps ? text.indexOf(' ', from) : -1;
    return space >= 0 && space < anchor.start ? space + 1 : from;
  };
  start = wordStart(start);
  if (fitsWhole(start)) {
    // The paragraph ends inside the window: show more of what comes before instead of blank space.
    const earlier = fitsWhole(ps) ? ps : wordStart(retreat(text, pe, ps, width - ell, measure));
    return { ps, pe, start: Math.min(start, earlier), end: pe };
  }
  let end = advance(text, start, pe, room(start), measure);
  if (end < anchor.end) {
    // Too much context before a long match: start so that the match ends the window.
    start = Math.min(anchor.start, wordStart(retreat(text, anchor.end, ps, width - 2 * ell, measure)));
    end = advance(text, start, pe, room(start), measure);
  }
  // Cut at a space after the match when there is one.
  const space = text.lastIndexOf(' ', end);
  if (space > start && space >= anchor.end) end = space;
  return { ps, pe, start, end };
}

/**
 * One line of body context at most `width` wide (by `measure`, UTF-16 units by default): the
 * paragraph window that holds the most body matches, starting a little before the first of them,
 * cut at spaces, with `…` where cut; or, given `prefer` (a body range: an entity's first mention),
 * the window around that range. The anchor match is always in it, whole when it fits the width.
 */
export function computeSnippet(text: string, matches: readonly FieldMatch[], width: number, prefer?: FieldMatch, measure: Measure = unitLength): Snippet {
  const body = matches.filter((m) => m.field === 'text' && m.end <= text.length);
  const columns = Math.max(2, Math.floor(width));
  const anchor = anchorMatch(text, body, columns, prefer);
  const window = windowAround(text, anchor, columns, measure);
  const { ps, pe } = window;
  let { start, end } = window;
  start = skipMarks(text, start, end);
  if (end < pe) end = skipMarks(text, end, pe);
  let prefix = start > ps ? ELLIPSIS : '';
  let suffix = end < pe ? ELLIPSIS : '';
  // Widths of pieces measured one code point at a time can differ from the whole (a ZWJ emoji): cut to fit.
  while (end > start && measure(prefix + text.slice(start, end) + suffix) > columns) {
    end = previousBoundary(text, end);
    suffix = ELLIPSIS;
  }
  if (end === start && start < pe) {
    // Too narrow for an ellipsis and a character: the text alone, so the match still shows.
    prefix = suffix = '';
    end = Math.max(advance(text, start, pe, columns, measure), Math.min(pe, nextBoundary(text, start)));
    while (end > nextBoundary(text, start) && measure(text.slice(start, end)) > columns) end = previousBoundary(text, end);
  }
  const highlights: Span[] = [];
  for (const m of body) {
    if (m.end <= start || m.start >= end) continue;
    highlights.push({ start: Math.max(m.start, start) - start + prefix.length, end: Math.min(m.end, end) - start + prefix.length });
  }
  return { text: prefix + text.slice(start, end) + suffix, highlights };
}
