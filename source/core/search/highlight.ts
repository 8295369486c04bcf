/**
 * Highlight ranges and snippets for one article, computed only when a hit is displayed.
 */
import type { Span } from '../article.js';
import { isWordAt, mapRange } from './fold.js';
import { foldWords, type WordedText } from './folded-bodies.js';
import type { TermKind } from './query.js';

export interface FieldMatch {
  field: 'title' | 'text';
  start: number;
  end: number;
}

export type TermMatcher =
  | { kind: 'fuzzy'; q: string; typos: ReadonlySet<string> }
  | { kind: Exclude<TermKind, 'fuzzy' | 'entity'>; q: string };

/** A folded text and its words: what matching needs of it. */
export type FoldedWords = Pick<WordedText, 'folded' | 'words'>;

/** Ranges (in folded coordinates) where `m` matches the folded text. */
export function foldedRanges(text: FoldedWords, m: TermMatcher): Span[] {
  const out: Span[] = [];
  const q = m.q;
  if (q.length === 0) return out;
  const folded = text.folded;
  switch (m.kind) {
    case 'fuzzy': {
      fuzzyRanges(text, m, out);
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

type FuzzyMatcher = Extract<TermMatcher, { kind: 'fuzzy' }>;

/** How a fuzzy term is looked for: the same in every text, so decided once per term. */
interface FuzzyPlan {
  /** By indexOf (the term and its few typos are words), or word by word. */
  find: boolean;
  /** The shortest and longest typo: only a word of a length between can be one. */
  shortest: number;
  longest: number;
}

const fuzzyPlans = new WeakMap<FuzzyMatcher, FuzzyPlan>();

function fuzzyPlan(m: FuzzyMatcher): FuzzyPlan {
  let plan = fuzzyPlans.get(m);
  if (!plan) {
    let shortest = Infinity;
    let longest = 0;
    for (const typo of m.typos) {
      shortest = Math.min(shortest, typo.length);
      longest = Math.max(longest, typo.length);
    }
    plan = { find: m.typos.size <= FEW_TYPOS && isAllWord(m.q) && [...m.typos].every(isAllWord), shortest, longest };
    fuzzyPlans.set(m, plan);
  }
  return plan;
}

/** Words that start with the term (that much of them), and words that are one of its typos (whole). */
function fuzzyRanges(text: FoldedWords, m: FuzzyMatcher, out: Span[]): void {
  const plan = fuzzyPlan(m);
  if (plan.find) findFuzzy(text.folded, m.q, m.typos, out);
  else scanFuzzy(text, m.q, m.typos, plan, out);
}

/** Typos few enough to look for one by one. */
const FEW_TYPOS = 16;

function isAllWord(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isWordAt(s, i)) return false;
  return s.length > 0;
}

/**
 * fuzzyRanges by searching the text for `q` and each typo (native indexOf, most of the text never
 * looked at in JS), keeping the places where a word starts (and, for a typo, ends): the same
 * ranges as reading word by word when `q` and the typos are words.
 */
function findFuzzy(folded: string, q: string, typos: ReadonlySet<string>, out: Span[]): void {
  const found: Span[] = [];
  for (let at = folded.indexOf(q); at >= 0; at = folded.indexOf(q, at + 1)) {
    if (!isWordAt(folded, at - 1)) found.push({ start: at, end: at + q.length });
  }
  for (const typo of typos) {
    for (let at = folded.indexOf(typo); at >= 0; at = folded.indexOf(typo, at + 1)) {
      const end = at + typo.length;
      // A word that starts with q is already there, as q's match.
      if (!isWordAt(folded, at - 1) && !isWordAt(folded, end) && !folded.startsWith(q, at)) found.push({ start: at, end });
    }
  }
  if (typos.size > 0) found.sort((x, y) => x.start - y.start);
  for (const span of found) out.push(span);
}

/** fuzzyRanges word by word. */
function scanFuzzy(text: FoldedWords, q: string, typos: ReadonlySet<string>, plan: FuzzyPlan, out: Span[]): void {
  const { folded } = text;
  const words = text.words();
  // Only a word as long as some typo can be one: most words are not sliced out to be looked up.
  const { shortest, longest } = plan;
  for (let k = 0; k < words.length; k += 2) {
    const start = words[k]!;
    const end = words[k + 1]!;
    const length = end - start;
    if (length >= q.length && folded.startsWith(q, start)) out.push({ start, end: start + q.length });
    else if (length >= shortest && length <= longest && typos.has(folded.slice(start, end))) out.push({ start, end });
  }
}

function fieldMatches(field: 'title' | 'text', f: WordedText, matchers: readonly TermMatcher[], extra: readonly FieldMatch[], out: FieldMatch[]): void {
  const ranges: Span[] = [];
  for (const m of matchers) for (const r of foldedRanges(f, m)) ranges.push(mapRange(f, r.start, r.end));
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
 * (an entity's mentions): sorted, non-overlapping per field. `foldedBody` is `doc.text` folded, when
 * the caller keeps it (FoldedBodies).
 */
export function computeMatches(
  doc: { readonly title: string; readonly text: string },
  matchers: readonly TermMatcher[],
  extra: readonly FieldMatch[] = [],
  foldedBody?: WordedText,
): FieldMatch[] {
  const out: FieldMatch[] = [];
  if (matchers.length === 0 && extra.length === 0) return out;
  fieldMatches('title', foldWords(doc.title), matchers, extra, out);
  fieldMatches('text', foldedBody ?? foldWords(doc.text), matchers, extra, out);
  return out;
}
