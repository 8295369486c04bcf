/**
 * Names no person has, whatever the tagger made of them. First, two words or more ending in "Center" or
 * "Centre" name a site ("Kennedy Space Center", "the Kennedy Center"), not a person. (They are
 * not among clean.ts's facility heads, which retype every span: in CoNLL-2003 train "Center" ends
 * organizations' names too, so only the tagger's people are retyped here.) A second rule, a name
 * whose first word is a common lower-case word and no one's name ("Random House"), was measured
 * and left out: modern-news dev unchanged, CoNLL held-out 0.9284 -> 0.9274.
 */
import type { Token } from '../tokenize.js';
import type { EntityType } from '../types.js';
import { majority, type KnownNames, type ResolveContext, type TaggedSpan } from './context.js';
import type { Candidate } from './rescan.js';

const SITE_HEADS = new Set(['Center', 'Centre']);

/** Retypes (in place) the tagger's person spans that are such names as places, fixed. */
export function retypeNamesNoPersonHas(ctx: Pick<ResolveContext, 'tokens'>, tagged: TaggedSpan[]): void {
  for (const span of tagged) {
    if (span.type !== 'PER' || span.end - span.start < 2 || !SITE_HEADS.has(ctx.tokens[span.end - 1]!.text)) continue;
    span.type = 'LOC';
    span.fixed = true;
  }
}

/**
 * A "person" the article names only by one word that running text writes in lower case and that
 * is no one's first name or surname ("Prize", "Lunar", "Basketball" cut from a longer name) is no
 * person and no entity: people are named by their names. Returns the candidates without such groups.
 */
export function dropCommonWordPeople(accepted: Candidate[], votes: ReadonlyMap<string, Map<EntityType, number>>, tokens: readonly Token[], known: Pick<KnownNames, 'isCommonWord' | 'isPersonName'>): Candidate[] {
  const lone = new Map<string, boolean>();
  for (const c of accepted) {
    const w = tokens[c.tokStart]!.text;
    const ok = c.tokEnd - c.tokStart === 1 && !c.fixed && !c.table && /^\p{Lu}\p{Ll}+$/u.test(w) && known.isCommonWord(w.toLowerCase()) && !known.isPersonName(w);
    lone.set(c.group!, (lone.get(c.group!) ?? true) && ok);
  }
  const drop = new Set([...lone].filter(([root, ok]) => ok && majority(votes.get(root) ?? new Map()) === 'person').map(([root]) => root));
  return drop.size === 0 ? accepted : accepted.filter((c) => !drop.has(c.group!));
}
