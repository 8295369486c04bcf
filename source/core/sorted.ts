/**
 * Binary search, written once: every sorted list lede looks things up in (mentions, wrapped lines,
 * highlight spans, the best search hits) uses this.
 */

/**
 * The first index in [0, length) at which `isPast` holds, or `length` when it holds nowhere.
 * `isPast` must be monotone: false for a prefix of the indices, true for the rest.
 */
export function firstIndexWhere(length: number, isPast: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isPast(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
