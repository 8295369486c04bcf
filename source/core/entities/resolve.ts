/**
 * From tagged spans to clean, merged entities with every mention, in named stages (stages/):
 *
 * 1. clean (clean.ts): type rules from the words in and around a span, boundaries ("A and B",
 *    repeated words, a country after a person's name), titles and punctuation, non-entities.
 * 2. collect forms (forms.ts): each normalised name, its spellings and the tagger's votes.
 * 3. merge (merge.ts): the alias table, acronyms that fit their name, surnames with full names,
 *    a place's short form with its long form.
 * 4. re-scan (rescan.ts): every whole-token occurrence of every form is a candidate mention.
 * 5. resolve overlaps (overlaps.ts): longest first; shared surnames by position.
 * 6. vote types (vote.ts): one type per entity, from the tagger's scores at every mention.
 * 7. build (build.ts): display names, aliases, ids, order.
 */
import type { DocCasing } from './features.js';
import { buildEntities } from './stages/build.js';
import { cleanSpans } from './stages/clean.js';
import { makeContext, NO_KNOWN_NAMES, type KnownNames, type TaggedSpan } from './stages/context.js';
import { collectForms } from './stages/forms.js';
import { mergeForms } from './stages/merge.js';
import { resolveOverlaps } from './stages/overlaps.js';
import { rescanCandidates } from './stages/rescan.js';
import { addKnownCompanies } from './stages/companies.js';
import { addHeadedOrganizations } from './stages/headed.js';
import { retypeTownClubs, retypeClubTowns } from './stages/clubs.js';
import { cutTrailingNumbers } from './stages/trailing-numbers.js';
import { retypeTownsAfterPrepositions } from './stages/towns.js';
import { splitTrailingCountries } from './stages/trailing-country.js';
import { dropCommonWordPeople, retypeNamesNoPersonHas } from './stages/not-people.js';
import { applyPeopleLists } from './stages/lists.js';
import { retypeKnownOrganizations } from './stages/organizations.js';
import { typeListedNames } from './stages/coordination.js';
import { applyContextCues, decideType, retypeLoneCompanies, retypeLoneCountries, splitConfidentTypes, voteTypes } from './stages/vote.js';
import type { Candidate } from './stages/rescan.js';
import type { Token } from './tokenize.js';
import type { Entity } from './types.js';

export type { KnownNames, TaggedSpan } from './stages/context.js';
export { applyNameRules, cleanSpan, ORG_DESCRIPTORS, ORG_HEADS, TREATY_HEADS } from './stages/clean.js';

export function resolveEntities(
  text: string,
  tokens: Token[],
  sentences: Array<[number, number]>,
  tagged: TaggedSpan[],
  casing: DocCasing,
  starts?: Float32Array,
  known: KnownNames = NO_KNOWN_NAMES,
  ruled?: Set<string>,
): Entity[] {
  const ctx = makeContext(text, tokens, sentences, casing, starts, known);
  cutTrailingNumbers(ctx, tagged);
  addKnownCompanies(ctx, tagged);
  addHeadedOrganizations(ctx, tagged);
  retypeNamesNoPersonHas(ctx, tagged);
  retypeTownClubs(ctx, tagged);
  retypeClubTowns(ctx, tagged);
  retypeTownsAfterPrepositions(ctx, tagged);
  splitTrailingCountries(ctx, tagged);
  applyPeopleLists(ctx, tagged);
  const { spans, blockers } = cleanSpans(ctx, tagged);
  const { forms, spanForm } = collectForms(ctx, spans, blockers);
  const merged = mergeForms(ctx, forms, spans, blockers);
  const candidates = rescanCandidates(ctx, spans, spanForm, blockers, forms, merged);
  const accepted = resolveOverlaps(candidates, tokens.length, merged);
  const votes = voteTypes(accepted, starts);
  const decided = applyContextCues(ctx, accepted, votes);
  for (const root of new Set(merged.organizationForms.map((f) => merged.uf.find(f)))) decideType(votes, root, 'organization', decided);
  retypeKnownOrganizations(accepted, votes, decided, tokens, known);
  splitConfidentTypes(accepted, votes, starts, decided);
  retypeLoneCompanies(accepted, votes, tokens, known);
  typeListedNames(accepted, votes, tokens, known);
  retypeLoneCountries(accepted, votes, tokens, known);
  const kept = dropCommonWordPeople(accepted, votes, tokens, known);
  const entities = buildEntities(text, kept, votes, merged.groupVotes);
  if (ruled) for (const id of ruledEntities(entities, kept, decided)) ruled.add(id);
  return entities;
}

/**
 * The entities whose type a rule gave: a mention a rule fixed to that type, or a group a cue
 * decided. The review (review.ts) may drop such an entity but not retype it: it reads shape and
 * casing, which say less than "Crowley, the Florida-based firm" or "Punjab finished on 184".
 */
function ruledEntities(entities: Entity[], accepted: Candidate[], decided: ReadonlySet<string>): string[] {
  const byStart = new Map<number, Candidate>();
  for (const c of accepted) byStart.set(c.start, c);
  return entities
    .filter((e) =>
      e.mentions.some((m) => {
        const c = byStart.get(m.start);
        return c !== undefined && ((c.fixed === 'organization' && e.type === 'organization') || decided.has(c.group!));
      }),
    )
    .map((e) => e.id);
}
