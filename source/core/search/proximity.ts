/**
 * Proximity: the query's words standing together ("Iraq war") rank above the same words scattered
 * over an article. The index keeps no word positions (they would cost 4 bytes a word), so the best
 * PROXIMITY_POOL hits by term scores are re-read: each one's title and folded body, the closest
 * window that holds a match of every group of the query, measured in words between them.
 */
import { forEachToken } from './fold.js';
import { foldedRanges, type TermMatcher } from './highlight.js';
import { firstIndexWhere } from '../sorted.js';

/** The bonus for the query's words side by side, in their order or not: less than a match level (ranking.ts). */
export const PROXIMITY_MAX = 8;
/** How many of the best hits are re-read for proximity: a screenful many times over, a few ms of folding. */
export const PROXIMITY_POOL = 200;

interface Occurrence {
  /** Index of the word the match starts in. */
  word: number;
  slot: number;
}

/** Every match of every slot in a folded text, by the word it starts in, in text order. */
function occurrences(folded: string, slots: readonly (readonly TermMatcher[])[]): Occurrence[] {
  const ends: number[] = [];
  forEachToken(folded, (_, end) => ends.push(end));
  const out: Occurrence[] = [];
  slots.forEach((matchers, slot) => {
    for (const m of matchers) {
      for (const range of foldedRanges(folded, m)) out.push({ word: firstIndexWhere(ends.length, (k) => ends[k]! > range.start), slot });
    }
  });
  return out.sort((a, b) => a.word - b.word || a.slot - b.slot);
}

/**
 * The fewest words between matches of all `slots` in the folded text (0: side by side), or
 * Infinity when some slot has no match in it. The classic smallest window over the occurrences.
 */
export function smallestGap(folded: string, slots: readonly (readonly TermMatcher[])[]): number {
  const k = slots.length;
  const found = occurrences(folded, slots);
  const inWindow = new Int32Array(k);
  let covered = 0;
  let best = Infinity;
  let left = 0;
  for (const right of found) {
    if (inWindow[right.slot]!++ === 0) covered++;
    while (covered === k) {
      const first = found[left]!;
      best = Math.min(best, Math.max(0, right.word - first.word - (k - 1)));
      if (--inWindow[first.slot]! === 0) covered--;
      left++;
    }
  }
  return best;
}

/** The proximity bonus of an article: PROXIMITY_MAX for the words side by side, less the more words between them. */
export function proximityBonus(foldedTitle: string, foldedBody: () => string, slots: readonly (readonly TermMatcher[])[]): number {
  if (slots.length < 2) return 0;
  const inTitle = smallestGap(foldedTitle, slots);
  // A title with the words side by side needs no body read.
  const gap = inTitle === 0 ? 0 : Math.min(inTitle, smallestGap(foldedBody(), slots));
  return gap === Infinity ? 0 : PROXIMITY_MAX / (1 + gap);
}
