/**
 * A known town the tagger read as an organization is a place after a word of where it is: "taken
 * ashore at Grimsby", "residents in Hull". The 1996 tagger learnt many towns as the football clubs
 * of its results pages, and reads them so in any news; a place's preposition says otherwise. Not
 * "to" or "from" ("transferred to Milan", "signed from Hull": clubs come and go so), not a club's
 * own name ("Hull City"), nor a name the gazetteer knows as a company or organization too.
 * Measured: dev2 entities 0.871 -> 0.873 (no review 0.863 -> 0.865); with "to", "from" and
 * people too ("believe in God"), CoNLL validation lost up to 0.0008.
 */
import type { ResolveContext, TaggedSpan } from './context.js';

/** Prepositions of where something is. */
export const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'outside']);

/** Retypes (in place) such organization spans of the tagger's as places, fixed. */
export function retypeTownsAfterPrepositions(ctx: Pick<ResolveContext, 'tokens' | 'known'>, tagged: TaggedSpan[]): void {
  const { tokens, known } = ctx;
  for (const span of tagged) {
    if (span.type !== 'ORG' || span.fixed || !PLACE_PREPOSITIONS.has(tokens[span.start - 1]?.text ?? '')) continue;
    const words = tokens.slice(span.start, span.end).map((t) => t.text);
    if (!known.isPlace(words) || known.isOrganization(words) || (words.length === 1 && known.isCompany(words[0]!))) continue;
    span.type = 'LOC';
    span.fixed = true;
  }
}
