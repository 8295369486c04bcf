/**
 * In-article search (the reader's `/`): every case- and diacritics-insensitive occurrence of the
 * query, in order; when there is none, the places where the query's words appear with typos.
 */
import { boundedDistance, maxTypos } from './distance.js';
import { type FoldedText, fold, foldWithMap, forEachToken, mapRange, tokens } from './fold.js';

export interface TextMatch {
  start: number;
  end: number;
  /** True for a typo match (only returned when there is no exact one). */
  fuzzy: boolean;
}

/** A searched text folded once, with its words found on first need (for typo matches). */
interface SearchedText {
  text: string;
  folded: FoldedText;
  words?: Words;
}

/** The folded text's word tokens: folded offsets, and each word's id in `vocab` (its distinct words). */
interface Words {
  starts: Int32Array;
  ends: Int32Array;
  ids: Int32Array;
  vocab: string[];
}

/**
 * The last text searched. The reader searches the same article on every key typed at its `/`
 * prompt, and folding it (with the offset map) is what cost: ~30 ms a megabyte, where the scan
 * itself takes a few. One entry, so at most one article's folded copy (about 9 bytes a character,
 * plus its words once a typo search needed them) stays alive.
 */
let last: SearchedText | undefined;

function searched(text: string): SearchedText {
  // The same string object is an O(1) check; an equal copy costs one comparison, still cheap.
  if (last?.text !== text) last = { text, folded: foldWithMap(text) };
  return last;
}

function wordsOf(s: SearchedText): Words {
  if (!s.words) {
    const folded = s.folded.folded;
    const starts: number[] = [];
    const ends: number[] = [];
    const ids: number[] = [];
    const vocab: string[] = [];
    const idOf = new Map<string, number>();
    forEachToken(folded, (start, end) => {
      const w = folded.slice(start, end);
      let id = idOf.get(w);
      if (id === undefined) {
        id = vocab.length;
        vocab.push(w);
        idOf.set(w, id);
      }
      starts.push(start);
      ends.push(end);
      ids.push(id);
    });
    s.words = { starts: Int32Array.from(starts), ends: Int32Array.from(ends), ids: Int32Array.from(ids), vocab };
  }
  return s.words;
}

/** For every distinct word of the text: 1 when it is `qw` or within `qw`'s typo budget. */
function typoMatches(vocab: readonly string[], qw: string): Uint8Array {
  const budget = maxTypos(qw.length);
  const ok = new Uint8Array(vocab.length);
  for (let id = 0; id < vocab.length; id++) {
    const w = vocab[id]!;
    if (w === qw || (budget > 0 && boundedDistance(qw, w, budget) <= budget)) ok[id] = 1;
  }
  return ok;
}

export function findInText(text: string, query: string): TextMatch[] {
  const q = fold(query).trim().replace(/\s+/g, ' ');
  if (q.length === 0 || text.length === 0) return [];
  const s = searched(text);
  const { folded } = s.folded;
  const out: TextMatch[] = [];
  for (let at = folded.indexOf(q); at >= 0; at = folded.indexOf(q, at + q.length)) {
    const { start, end } = mapRange(s.folded, at, at + q.length);
    // Two folded matches can come from one character (ẞ → "ss" holds "s" twice): report it once.
    const prev = out[out.length - 1];
    if (prev && start < prev.end) prev.end = Math.max(prev.end, end);
    else out.push({ start, end, fuzzy: false });
  }
  if (out.length > 0) return out;

  // Fuzzy: a run of consecutive words (within one paragraph) matching the query's words in order,
  // each within its typo budget (so `prime minster` finds "Prime Minister", and `prime minister`
  // finds "prime-minister").
  const qWords = tokens(q);
  if (qWords.length === 0) return [];
  const k = qWords.length;
  if (k === 1 && maxTypos(qWords[0]!.length) === 0) return [];
  const { starts: wStarts, ends: wEnds, ids, vocab } = wordsOf(s);
  // Each distinct word is compared once per query word, not once per occurrence.
  const ok = qWords.map((qw) => typoMatches(vocab, qw));
  for (let i = 0; i + k <= ids.length; i++) {
    let all = true;
    for (let j = 0; j < k && all; j++) {
      if (j > 0 && folded.slice(wEnds[i + j - 1]!, wStarts[i + j]!).includes('\n\n')) all = false;
      else all = ok[j]![ids[i + j]!] === 1;
    }
    if (!all) continue;
    out.push({ ...mapRange(s.folded, wStarts[i]!, wEnds[i + k - 1]!), fuzzy: true });
    i += k - 1; // non-overlapping
  }
  return out;
}
