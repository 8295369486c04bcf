/** FNV-1a, the one string hash lede uses (the search vocabulary's table, duplicates, the tagger's word hashes). */

export const FNV_OFFSET = 0x811c9dc5;

/** One more UTF-16 unit into an FNV-1a hash (32-bit, as a signed or unsigned integer: callers mask or `| 0`). */
export function fnvStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193);
}

/** FNV-1a over the UTF-16 units of s[start, end), unsigned 32-bit. */
export function fnv1a(s: string, start = 0, end = s.length): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = fnvStep(hash, s.charCodeAt(i));
  return hash >>> 0;
}
