/**
 * Stage 5 of resolveEntities, "resolve overlaps": candidates are taken longest first (ties: see
 * rank) where their tokens are
 * still free; then each bare surname shared by several people goes to the full name mentioned
 * most recently before it (else it stays its own entity).
 */
import type { Merged } from './merge.js';
import type { Candidate } from './rescan.js';

/**
 * Who wins a tie of equal length: the alias table's forms (well-known names), then blockers (the
 * tagger's MISC, non-entities, MISC acronyms), then the tagger's own names, then re-scanned ones.
 */
const rank = (c: Candidate) => (c.table ? 3 : c.group === null ? 2 : c.tagger ? 1 : 0);

export function resolveOverlaps(candidates: Candidate[], tokenCount: number, merged: Pick<Merged, 'uf' | 'ambiguousSurnames'>): Candidate[] {
  const sorted = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || rank(b) - rank(a) || a.start - b.start,
  );
  const taken = new Uint8Array(tokenCount);
  const accepted: Candidate[] = [];
  for (const c of sorted) {
    let free = true;
    for (let i = c.tokStart; i < c.tokEnd && free; i++) free = !taken[i];
    if (!free) continue;
    taken.fill(1, c.tokStart, c.tokEnd);
    if (c.group !== null) accepted.push(c);
  }
  accepted.sort((a, b) => a.start - b.start);

  const { uf, ambiguousSurnames } = merged;
  const lastSeen = new Map<string, number>(); // group root -> last full-name mention start
  const candidateRoots = new Set<string>();
  for (const list of ambiguousSurnames.values()) for (const k of list) candidateRoots.add(uf.find(k));
  for (const c of accepted) {
    if (c.ambiguous) {
      let best: string | null = null;
      let bestPos = -1;
      for (const k of c.ambiguous) {
        const root = uf.find(k);
        const pos = lastSeen.get(root);
        if (pos !== undefined && pos > bestPos) {
          best = root;
          bestPos = pos;
        }
      }
      if (best) c.group = best;
    } else if (c.group && candidateRoots.has(c.group)) lastSeen.set(c.group, c.start);
  }
  return accepted;
}
