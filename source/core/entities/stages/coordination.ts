/**
 * Names in one list are things of one kind: "OpenAI, Google and Anthropic", "Ford, GM and
 * Stellantis". A one-word "person" listed only with organizations, on no list of people's names
 * and never the last word of a full name in the article, is an organization too: a tagger that
 * has never seen a new company's name guesses a person ("Anthropic"), while a person in the news is
 * named in full, and listed surnames stand with people ("Muralitharan, Dharmasena and Vaas").
 */
import type { Token } from '../tokenize.js';
import type { EntityType } from '../types.js';
import { majority, type KnownNames } from './context.js';
import type { Candidate } from './rescan.js';

/** What may stand between two names of one list: ",", "and", "or", ", and". */
function joinsList(tokens: readonly Token[], from: number, to: number): boolean {
  const between = tokens.slice(from, to).map((t) => t.text.toLowerCase());
  return between.length >= 1 && between.length <= 2 && between.every((w, k) => (w === ',' && k === 0) || ((w === 'and' || w === 'or') && k === between.length - 1));
}

/** Changes `votes` of such groups. `accepted` is in text order. */
export function typeListedNames(accepted: readonly Candidate[], votes: Map<string, Map<EntityType, number>>, tokens: readonly Token[], known: KnownNames): void {
  const fullNameEnds = new Set<string>();
  for (const c of accepted) if (c.group && c.tokEnd - c.tokStart >= 2) fullNameEnds.add(tokens[c.tokEnd - 1]!.text);
  const named = accepted.filter((c) => c.group);
  const retype = new Set<string>();
  for (let i = 0; i < named.length; ) {
    let j = i;
    while (j + 1 < named.length && joinsList(tokens, named[j]!.tokEnd, named[j + 1]!.tokStart)) j++;
    const list = named.slice(i, j + 1);
    i = j + 1;
    if (list.length < 2) continue;
    const typeOf = (c: Candidate) => majority(votes.get(c.group!) ?? new Map());
    for (const c of list) {
      const others = list.filter((o) => o.group !== c.group);
      const word = tokens[c.tokStart]!.text;
      if (others.length === 0 || c.tokEnd - c.tokStart !== 1 || c.fixed === 'person' || typeOf(c) !== 'person') continue;
      if (known.isPersonName(word) || fullNameEnds.has(word)) continue;
      if (others.every((o) => typeOf(o) === 'organization')) retype.add(c.group!);
    }
  }
  for (const root of retype) {
    const v = votes.get(root)!;
    v.set('organization', (v.get('person') ?? 0) + (v.get('organization') ?? 0));
  }
}
