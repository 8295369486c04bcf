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
