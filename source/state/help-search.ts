/**
 * `/` in help: the lines that hold the query as typed come first, in page order; then, through
 * fuse.js, the lines that hold something close to it ("bokmark" finds the bookmark line), best
 * first. Fuzzy matching starts at three characters: under that nearly every line is "close".
 */
import Fuse from 'fuse.js';

export interface HelpMatch {
  line: number;
  /** What to highlight in the line. */
  spans: readonly { start: number; end: number }[];
  /** Found through typo tolerance rather than as typed. */
  typos: boolean;
}

const FUZZY_FROM = 3;
/** fuse.js's 0 (exact) to 1 (anything): 0.3 lets a word of 7 letters have one or two typos. */
const THRESHOLD = 0.3;
/** A fuzzy highlight shorter than this is noise (fuse.js reports every character it lined up). */
const SPAN_AT_LEAST = 2;

function substringSpans(text: string, query: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(query); at >= 0; at = lower.indexOf(query, at + query.length)) spans.push({ start: at, end: at + query.length });
  return spans;
}

const fuseFor = new WeakMap<readonly string[], Fuse<string>>();

/** The lines of `texts` (a page's lines, kept by the caller) that match `query`, exact ones first. */
export function searchHelpLines(texts: readonly string[], query: string): HelpMatch[] {
  const q = query.toLowerCase();
  if (!q.trim()) return [];
  const exact: HelpMatch[] = [];
  texts.forEach((text, line) => {
    const spans = substringSpans(text, q);
    if (spans.length > 0) exact.push({ line, spans, typos: false });
  });
  if (q.trim().length < FUZZY_FROM) return exact;
  let fuse = fuseFor.get(texts);
  if (!fuse) {
    fuse = new Fuse([...texts], { includeScore: true, includeMatches: true, ignoreLocation: true, threshold: THRESHOLD, minMatchCharLength: SPAN_AT_LEAST });
    fuseFor.set(texts, fuse);
  }
  const already = new Set(exact.map((m) => m.line));
  const fuzzy = fuse
    .search(q.trim())
    .filter((result) => !already.has(result.refIndex))
    .map((result) => ({
      line: result.refIndex,
      spans: (result.matches ?? []).flatMap((m) => m.indices.filter(([s, e]) => e - s + 1 >= SPAN_AT_LEAST).map(([s, e]) => ({ start: s, end: e + 1 }))),
      typos: true,
    }));
  return [...exact, ...fuzzy];
}
