/**
 * Highlight ranges and snippets for one article, computed only when a hit is displayed.
 */
import type { Span } from '../article.js';
import { foldWithMap, forEachToken, isWordAt, mapRange, type FoldedText } from './fold.js';
import type { TermKind } from './query.js';

export interface FieldMatch {
  field: 'title' | 'text';
  start: number;
  end: number;
}

export interface Snippet {
  text: string;
  highlights: Span[];
}

export type TermMatcher =
  | { kind: 'fuzzy'; q: string; typos: ReadonlySet<string> }
  | { kind: Exclude<TermKind, 'fuzzy' | 'entity'>; q: string };

/** Ranges (in folded coordinates) where `m` matches the folded text. */
export function foldedRanges(folded: string, m: TermMatcher): Span[] {
  const out: Span[] = [];
  const q = m.q;
  if (q.length === 0) return out;
  switch (m.kind) {
    case 'fuzzy': {
      forEachToken(folded, (start, end) => {
        if (folded.startsWith(q, start) && end - start >= q.length) out.push({ start, end: start + q.length });
        else if (m.typos.size > 0 && m.typos.has(folded.slice(start, end))) out.push({ start, end });
      });
      return out;
    }
    case 'exact': {
      for (let at = folded.indexOf(q); at >= 0; at = folded.indexOf(q, at + q.length)) out.push({ start: at, end: at + q.length });
      return out;
    }
    case 'boundary': {
      for (let at = folded.indexOf(q); at >= 0; at = folded.indexOf(q, at + 1)) {
        const beforeOk = !isWordAt(q, 0) || !isWordAt(folded, at - 1);
        const afterOk = !isWordAt(q, q.length - 1) || !isWordAt(folded, at + q.length);
        if (beforeOk && afterOk) {
          out.push({ start: at, end: at + q.length });
          at += q.length - 1;
        }
      }
      return out;
    }
    case 'prefix':
    case 'suffix':
    case 'equal': {
      const lead = folded.length - folded.trimStart().length;
      const tail = folded.trimEnd().length;
      const core = folded.slice(lead, tail);
      if (m.kind === 'prefix' && core.startsWith(q)) out.push({ start: lead, end: lead + q.length });
      if (m.kind === 'suffix' && core.endsWith(q)) out.push({ start: tail - q.length, end: tail });
      if (m.kind === 'equal' && core === q) out.push({ start: lead, end: tail });
      return out;
    }
  }
}

function fieldMatches(field: 'title' | 'text', f: FoldedText, matchers: readonly TermMatcher[], extra: readonly FieldMatch[], out: FieldMatch[]): void {
  const ranges: Span[] = [];
  for (const m of matchers) for (const r of foldedRanges(f.folded, m)) ranges.push(mapRange(f, r.start, r.end));
  for (const r of extra) if (r.field === field && r.start < r.end && r.end <= f.original.length) ranges.push({ start: r.start, end: r.end });
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  let reached = -1;
  for (const r of ranges) {
    if (r.start < reached) continue; // overlaps a range already kept
    out.push({ field, start: r.start, end: r.end });
    reached = r.end;
  }
}

/**
 * Every match of the positive terms in the title and the body, with `extra` ranges found otherwise
 * (an entity's mentions): sorted, non-overlapping per field.
 */
export function computeMatches(
  doc: { readonly title: string; readonly text: string },
  matchers: readonly TermMatcher[],
  extra: readonly FieldMatch[] = [],
): FieldMatch[] {
  const out: FieldMatch[] = [];
  if (matchers.length === 0 && extra.length === 0) return out;
  fieldMatches('title', foldWithMap(doc.title), matchers, extra, out);
  fieldMatches('text', foldWithMap(doc.text), matchers, extra, out);
  return out;
}

const ELLIPSIS = '…';

/**
 * One line of body context: the paragraph window (about `length` units) that holds the most body
 * matches, starting a little before the first of them, cut at spaces, with `…` where cut; or, given
 * `prefer` (a body range: an entity's first mention), the window around that range.
 */
export function computeSnippet(text: string, matches: readonly FieldMatch[], length: number, prefer?: FieldMatch): Snippet {
  const body = matches.filter((m) => m.field === 'text');
  const width = Math.max(16, length);
  let anchor: FieldMatch | undefined = prefer?.field === 'text' && prefer.end <= text.length ? prefer : undefined;
  let bestCount = anchor ? Infinity : 0;
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
  const at = anchor ? anchor.start : 0;
  const sep = text.lastIndexOf('\n\n', at - 1);
  const ps = at === 0 ? 0 : sep < 0 ? 0 : sep + 2;
  let pe = text.indexOf('\n\n', anchor ? anchor.end : 0);
  if (pe < 0) pe = text.length;
  if (!anchor) {
    // No body match: the beginning of the first paragraph.
    pe = text.indexOf('\n\n');
    if (pe < 0) pe = text.length;
  }
  let start = anchor ? Math.max(ps, at - Math.floor(width / 4)) : ps;
  if (start > ps) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < at ? space + 1 : at;
  }
  if (anchor && pe - width + 2 < start) {
    // Near the end of the paragraph: show more of what comes before instead of blank space.
    let earlier = Math.max(ps, pe - width + 2);
    if (earlier > ps) {
      const space = text.indexOf(' ', earlier);
      earlier = space >= 0 && space < at ? space + 1 : earlier;
    }
    if (earlier < start) start = earlier;
  }
  let end = Math.min(pe, start + width - (start > ps ? 1 : 0) - 1);
  if (end < pe) {
    const space = text.lastIndexOf(' ', end);
    const minEnd = anchor ? anchor.end : start + 1;
    if (space > start && space >= minEnd) end = space;
  } else end = pe;
  if (end < start) end = start;
  start = alignStart(text, start);
  end = alignEnd(text, end);
  const prefix = start > ps ? ELLIPSIS : '';
  const suffix = end < pe ? ELLIPSIS : '';
  const highlights: Span[] = [];
  for (const m of body) {
    if (m.end <= start || m.start >= end) continue;
    highlights.push({ start: Math.max(m.start, start) - start + prefix.length, end: Math.min(m.end, end) - start + prefix.length });
  }
  return { text: prefix + text.slice(start, end) + suffix, highlights };
}

/** Does not start a slice on the second half of a surrogate pair. */
function alignStart(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return i > 0 && c >= 0xdc00 && c <= 0xdfff ? i + 1 : i;
}

function alignEnd(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  return i > 0 && i < text.length && c >= 0xd800 && c <= 0xdbff ? i + 1 : i;
}
