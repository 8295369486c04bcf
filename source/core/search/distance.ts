/**
 * Bounded edit distances for typo tolerance (optimal string alignment: insertions, deletions,
 * substitutions and adjacent transpositions each cost 1, so `shiogu` is one edit from `shoigu`).
 */

/** How many typos a plain word of this length may contain (the Meilisearch/Typesense rule of thumb). */
export function maxTypos(length: number): number {
  if (length >= 8) return 2;
  if (length >= 5) return 1;
  return 0;
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

function ensureRows(n: number): void {
  if (rowA.length > n) return;
  const size = Math.max(n + 1, rowA.length * 2);
  rowA = new Int32Array(size);
  rowB = new Int32Array(size);
  rowC = new Int32Array(size);
}

/**
 * Edit distance between `a` and `b` if it is ≤ `max`, else `max + 1`.
 * With `prefix`, the distance between `a` and the closest prefix of `b` (for words still being typed).
 */
export function boundedDistance(a: string, b: string, max: number, prefix = false): number {
  const n = a.length;
  const m = b.length;
  if (!prefix && Math.abs(n - m) > max) return max + 1;
  if (prefix && m < n - max) return max + 1;
  ensureRows(m);
  // prev2 = row i-2, prev = row i-1, cur = row i; rows indexed by j in 0..m.
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  let best = prefix ? n : max + 1; // distance of `a` against the empty prefix
  for (let i = 1; i <= n; i++) {
    const ca = a.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    // Only cells with |i - j| ≤ max can hold a value ≤ max (in full mode); in prefix mode j ≤ i + max.
    const jFrom = Math.max(1, i - max);
    const jTo = Math.min(m, i + max);
    if (jFrom > 1) cur[jFrom - 1] = max + 1;
    for (let j = jFrom; j <= jTo; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = prev[j - 1]! + (ca === cb ? 0 : 1);
      const del = prev[j]! + 1;
      if (del < v) v = del;
      const ins = cur[j - 1]! + 1;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const t = prev2[j - 2]! + 1;
        if (t < v) v = t;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (jTo < m) cur[jTo + 1] = max + 1;
    if (rowMin > max) return max + 1;
    const tmp = prev2;
    prev2 = prev;
    prev = cur;
    cur = tmp;
  }
  if (prefix) {
    for (let j = Math.max(0, n - max); j <= Math.min(m, n + max); j++) if (prev[j]! < best) best = prev[j]!;
    return best > max ? max + 1 : best;
  }
  const d = prev[m]!;
  return d > max ? max + 1 : d;
}

/** A 32-bit signature of the characters in a word: a–z one bit each, digits one bit, others hashed. */
export function charMask(s: string): number {
  let mask = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) mask |= 1 << (c - 97);
    else if (c >= 48 && c <= 57) mask |= 1 << 26;
    else mask |= 1 << (27 + (c % 5));
  }
  return mask;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
