/**
 * How hits are ranked. Scores — higher is better — are a sum over the query's positive terms; for
 * each term, in this order of weight:
 *   1. how it matched (matchLevel): the word itself (or a phrase, an exact substring) > a word it
 *      starts > inside a word > one typo > two typos: 10 points a level, so `war` as a word in the
 *      body outranks "warns" in the title;
 *   2. where, at that level: title +2, body +1 (both +3);
 *   3. the match quality itself (up to 1: a longer part of the word typed) and, in the body, how
 *      often (up to 0.09, saturating at 31 occurrences).
 * So one word term adds at most 60 + 3 + 1 + 0.09 = 64.09. An `@name` term keeps its own scale,
 * times 10: title mention 2 + q, body q + up to 0.09 for more mentions (entity-terms.ts).
 * In an OR group the alternatives that match all add up, so an article matching more terms
 * outranks one matching fewer. Negated terms add nothing. Then proximity.ts adds up to
 * PROXIMITY_MAX when the query's words stand close together. Ties: library order.
 */
import { firstIndexWhere } from '../sorted.js';
import type { QueryTerm } from './query.js';
import { Scratch } from './scratch.js';
import type { TermEval, TermScratch } from './term-evaluation.js';
import { isTypoQuality, matchLevel } from './vocabulary.js';

/** Points per match level (see matchLevel): more than everything below it in a term's score. */
export const LEVEL_POINTS = 10;
const TITLE_POINTS = 2;
const BODY_POINTS = 1;
const FREQUENCY_BONUS = 0.09;
const TF_SATURATION = 31;

/** The body-frequency bonus: 0 … 0.09, saturating at 31 occurrences. */
export function frequencyBonus(count: number): number {
  return FREQUENCY_BONUS * Math.min(1, Math.log(1 + count) / Math.log(1 + TF_SATURATION));
}

/** One term's score in one article, from its best title and body qualities and body count. */
export function termScore(kind: QueryTerm['kind'], title: number, body: number, bodyCount: number): number {
  if (kind === 'entity') {
    // How much the article is about the entity: title mention, then mentions (kept from before words had levels).
    return LEVEL_POINTS * ((title > 0 ? 2 + title : 0) + (body > 0 ? body + frequencyBonus(bodyCount) : 0));
  }
  const best = Math.max(title, body);
  if (best <= 0) return 0;
  let score = LEVEL_POINTS * (matchLevel(best) + 1) + best;
  if (title === best) score += TITLE_POINTS;
  if (body === best) score += BODY_POINTS + frequencyBonus(bodyCount);
  return score;
}

/** One OR group's matches: which articles, with what summed score. */
export interface GroupMatch {
  match: Uint8Array;
  score: Float64Array;
  /** 1 for an article the group matches only through typos (every term it matched, it matched so). */
  typoOnly: Uint8Array;
  docs: number[];
  count: number;
}

/** The arrays groups are scored in, one slot per group, reused from one search to the next. */
export class GroupScratch {
  readonly match = new Scratch((n) => new Uint8Array(n));
  readonly score = new Scratch((n) => new Float64Array(n));
  readonly exact = new Scratch((n) => new Uint8Array(n));
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
  // Reused as typoOnly once the group is summed.
  const exact = groups.exact.get(slot, n);
  for (const term of group) {
    const ev = evalTerm(term);
    if (term.negated) {
      // Matches every article the term does not match.
      const hit = terms.marks.get(0, n);
      for (const d of ev.docs) hit[d] = 1;
      for (let d = 0; d < n; d++) {
        if (!hit[d]) {
          match[d] = 1;
          exact[d] = 1;
        }
      }
    } else {
      for (let k = 0; k < ev.docs.length; k++) {
        const d = ev.docs[k]!;
        match[d] = 1;
        const t = ev.title[k]!;
        const b = ev.body[k]!;
        score[d]! += termScore(term.kind, t, b, ev.bodyCount[k]!);
        if (term.kind === 'entity' || !isTypoQuality(Math.max(t, b))) exact[d] = 1;
      }
    }
  }
  const docs: number[] = [];
  for (let d = 0; d < n; d++) {
    if (match[d]) docs.push(d);
    exact[d] = match[d] && !exact[d] ? 1 : 0;
  }
  return { match, score, typoOnly: exact, docs, count: docs.length };
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
