/**
 * Organizations the shipped list knows (the gazetteer's organization list: brands, operators and
 * companies from npm data packages): an entity named somewhere in the article by a name of two or
 * more words that is on the list ("Caledonian MacBrayne", "Deutsche Telekom") is an organization,
 * whatever the 1996 tagger made of its words, unless every word is a person's name ("David
 * Jones", "Raymond James" are people as often as firms). One word on the list decides nothing
 * here: the list holds brands named for people and places ("Next", "Boots", "Dell"); the lone-word
 * vote (vote.ts) retypes only an article's one-word "person" that is on no list of people's names.
 */
import type { EntityType } from '../types.js';
import type { Token } from '../tokenize.js';
import type { KnownNames } from './context.js';
import { decideType } from './vote.js';
import type { Candidate } from './rescan.js';

/** Decides such groups as organizations (not those a context cue already decided). Changes `votes` and `decided`. */
export function retypeKnownOrganizations(accepted: readonly Candidate[], votes: Map<string, Map<EntityType, number>>, decided: Set<string>, tokens: readonly Token[], known: Pick<KnownNames, 'isOrganization' | 'isPersonName'>): void {
  const listed = new Set<string>();
  for (const c of accepted) {
    if (!c.group || c.fixed || decided.has(c.group) || listed.has(c.group) || c.tokEnd - c.tokStart < 2) continue;
    const words = tokens.slice(c.tokStart, c.tokEnd).map((t) => t.text);
    // A name all of whose words are people's names is a person's as often as a firm's ("David Jones", "Raymond James").
    if (words.every((w) => known.isPersonName(w))) continue;
    if (known.isOrganization(words)) listed.add(c.group);
  }
  for (const root of listed) decideType(votes, root, 'organization', decided);
}
