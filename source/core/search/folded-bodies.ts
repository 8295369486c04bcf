/**
 * Folded article bodies with their words, kept for the articles read most recently. Every key of
 * a filter redraws a screenful of hits and re-reads the best PROXIMITY_POOL of them, mostly the
 * same articles as on the key before: folding a body and finding its words once, not on every key
 * and for every term, was most of what a key cost the search (the latency bench's profile).
 */
import { type FoldedText, foldWithMap, forEachToken } from './fold.js';

/** A folded text and its word tokens, found when first asked for. */
export interface WordedText extends FoldedText {
  /** [start, end) of every word token of `folded`, as consecutive pairs, in order. */
  words(): Int32Array;
}

/** The word tokens of a folded string as [start, end) pairs (forEachToken's, kept). */
export function wordBounds(folded: string): Int32Array {
  let out = new Int32Array(64);
  let n = 0;
  forEachToken(folded, (start, end) => {
    if (n + 2 > out.length) {
      const grown = new Int32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[n++] = start;
    out[n++] = end;
  });
  return out.subarray(0, n);
}

/** `f` with its words found on first use. */
export function worded(f: FoldedText): WordedText {
  let words: Int32Array | undefined;
  return { ...f, words: () => (words ??= wordBounds(f.folded)) };
}

/** foldWithMap, with the words. */
export function foldWords(s: string): WordedText {
  return worded(foldWithMap(s));
}

/** How many bodies are kept: the proximity pool and a screenful, with room for paging back and forth. */
export const FOLDED_BODIES_KEPT = 256;

/** The folded bodies of the articles read most recently, by article position, least recent dropped first. */
export class FoldedBodies {
  private readonly kept = new Map<number, WordedText>();

  constructor(private readonly limit = FOLDED_BODIES_KEPT) {}

  /** The folded body of article `d`, whose text `text()` gives (asked only when not kept). */
  get(d: number, text: () => string): WordedText {
    const had = this.kept.get(d);
    if (had) {
      // Kept in order of use: the Map's first key is the least recently used.
      this.kept.delete(d);
      this.kept.set(d, had);
      return had;
    }
    const made = foldWords(text());
    this.kept.set(d, made);
    if (this.kept.size > this.limit) this.kept.delete(this.kept.keys().next().value!);
    return made;
  }

  get size(): number {
    return this.kept.size;
  }
}
