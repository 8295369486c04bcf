/**
 * How hits are ranked. Scores — higher is better, a sum over the query's positive terms of:
 *   title match: 2 + q          (so any title hit outranks any body-only hit of the same term)
 *   body match:  q + up to 0.09 (more occurrences, slightly higher)
 * where q is the match quality: 1 the word itself or an exact substring, 0.8–0.9 a word it
 * starts, 0.7 an exact substring inside a word, 0.6 one typo, 0.45 two typos, 0.3 a typo in an
 * unfinished word. A term matched in both title and body adds both parts, so one term adds at
 * most 2 + 1 + 1.09 = 4.09. In an OR group the alternatives that match all add up, so an article
 * matching more terms outranks one matching fewer. Negated terms add nothing. Ties: library order.
 */
import { firstIndexWhere } from '../sorted.js';
import type { QueryTerm } from './query.js';
import { Scratch } from './scratch.js';
import type { TermEval, TermScratch } from './term-evaluation.js';

/** One OR group's matches: which articles, with what summed score. */
export interface GroupMatch {
  match: Uint8Array;
  score: Float64Array;
  docs: number[];
  count: number;
}

/** The arrays groups are scored in, one slot per group, reused from one search to the next. */
export class GroupScratch {
  readonly match = new Scratch((n) => new Uint8Array(n));
  readonly score = new Scratch((n) => new Float64Array(n));
}

/** One OR group's matches and summed scores, in the arrays of scratch slot `slot`. */
export function evalGroup(
  group: readonly QueryTerm[],
  n: number,
  slot: number,
  evalTerm: (term: QueryTerm) => TermEval,
  groups: GroupScratch,
  terms: TermScratch,
): GroupMatch {
  const match = groups.match.get(slot, n);
  const score = groups.score.get(slot, n);
  for (const term of group) {
    const ev = evalTerm(term);
    if (term.negated) {
      // Matches every article the term does not match.
      const hit = terms.marks.get(0, n);
      for (const d of ev.docs) hit[d] = 1;
      for (let d = 0; d < n; d++) if (!hit[d]) match[d] = 1;
    } else {
      for (let k = 0; k < ev.docs.length; k++) {
        const d = ev.docs[k]!;
        match[d] = 1;
        const t = ev.title[k]!;
        const b = ev.body[k]!;
        score[d]! += (t > 0 ? 2 + t : 0) + b;
      }
    }
  }
  const docs: number[] = [];
  for (let d = 0; d < n; d++) if (match[d]) docs.push(d);
  return { match, score, docs, count: docs.length };
}

/** The `limit` best articles by score (desc), ties by index (asc). */
export function selectTop(docs: number[], scores: Float64Array, limit: number): number[] {
  const cmp = (a: number, b: number): number => scores[b]! - scores[a]! || a - b;
  if (docs.length <= limit * 4 || limit === 0) return docs.sort(cmp).slice(0, limit);
  // Keep a sorted buffer of the best `limit`; most candidates fail the threshold test.
  const best = docs.slice(0, limit).sort(cmp);
  for (let i = limit; i < docs.length; i++) {
    const d = docs[i]!;
    if (cmp(d, best[limit - 1]!) >= 0) continue;
    best.splice(
      firstIndexWhere(limit - 1, (k) => cmp(d, best[k]!) < 0),
      0,
      d,
    );
    best.pop();
  }
  return best;
}
