/**
 * In-article search (the reader's `/`): every case- and diacritics-insensitive occurrence of the
 * query, in order; when there is none, the places where the query's words appear with typos.
 */
import { boundedDistance, maxTypos } from './distance.js';
import { fold, foldWithMap, forEachToken, mapRange, tokens } from './fold.js';

export interface TextMatch {
  start: number;
  end: number;
  /** True for a typo match (only returned when there is no exact one). */
  fuzzy: boolean;
}


export function findInText(text: string, query: string): TextMatch[] {
  const q = fold(query).trim().replace(/\s+/g, ' ');
  if (q.length === 0 || text.length === 0) return [];
  const f = foldWithMap(text);
  const folded = f.folded;
  const out: TextMatch[] = [];
  for (let at = folded.indexOf(q); at >= 0; at = folded.indexOf(q, at + q.length)) {
    const range = mapRange(f, at, at + q.length);
    // Two folded matches can come from one character (ẞ → "ss" holds "s" twice): report it once.
    const last = out[out.length - 1];
    if (last && range.start < last.end) last.end = Math.max(last.end, range.end);
    else out.push({ ...range, fuzzy: false });
  }
  if (out.length > 0) return out;

  // Fuzzy: a run of consecutive words (within one paragraph) matching the query's words in order,
  // each within its typo budget (so `prime minster` finds "Prime Minister", and `prime minister`
  // finds "prime-minister").
  const qWords = tokens(q);
  if (qWords.length === 0) return [];
  const words: { w: string; start: number; end: number }[] = [];
  forEachToken(folded, (start, end) => words.push({ w: folded.slice(start, end), start, end }));
  const k = qWords.length;
  if (k === 1 && maxTypos(qWords[0]!.length) === 0) return [];
  for (let i = 0; i + k <= words.length; i++) {
    let ok = true;
    for (let j = 0; j < k && ok; j++) {
      const word = words[i + j]!;
      if (j > 0 && folded.slice(words[i + j - 1]!.end, word.start).includes('\n\n')) ok = false;
      else {
        const qw = qWords[j]!;
        const budget = maxTypos(qw.length);
        ok = word.w === qw || (budget > 0 && boundedDistance(qw, word.w, budget) <= budget);
      }
    }
    if (!ok) continue;
    const range = mapRange(f, words[i]!.start, words[i + k - 1]!.end);
    out.push({ ...range, fuzzy: true });
    i += k - 1; // non-overlapping
  }
  return out;
}
