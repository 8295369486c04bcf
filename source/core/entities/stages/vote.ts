/**
 * Stage 6 of resolveEntities, "vote types": one type per entity. Every mention votes with the
 * tagger's own preference at its position (a softmax over its start scores), so a name tagged
 * once as a place and twice, more confidently, as a person is a person; mentions whose type a
 * rule decided (title, organization and place words, surnames) vote outright, and so does the
 * alias table for its groups.
 */
import { aliasGroupOf } from '../normalize.js';
import type { EntityType } from '../types.js';
import { majority, type KnownNames, type ResolveContext } from './context.js';
import { cueAt, type CueType } from './cues.js';
import type { Token } from '../tokenize.js';
import type { Candidate } from './rescan.js';

/** Softmax temperature over the tagger's start scores when voting on an entity's type. */
export const VOTE_TEMPERATURE = 150;
/** A mention the tagger did not tag itself (found by re-scan) votes with this weight. */
const RESCAN_VOTE = 1;

export function voteTypes(accepted: Candidate[], starts: Float32Array | undefined): Map<string, Map<EntityType, number>> {
  const votes = new Map<string, Map<EntityType, number>>();
  const voteFor = (root: string, type: EntityType, w: number) => {
    let v = votes.get(root);
    if (!v) votes.set(root, (v = new Map()));
    v.set(type, (v.get(type) ?? 0) + w);
  };
  for (const c of accepted) {
    const root = c.group!;
    const w = c.tagger ? 1 : RESCAN_VOTE;
    if (c.fixed) voteFor(root, c.fixed, w);
    else if (starts) {
      const base = c.tokStart * 5;
      const sc = [starts[base + 1]!, starts[base + 2]!, starts[base + 3]!];
      const max = Math.max(...sc);
      const ex = sc.map((x) => Math.exp((x - max) / VOTE_TEMPERATURE));
      const sum = ex[0]! + ex[1]! + ex[2]!;
      voteFor(root, 'person', (w * ex[0]!) / sum);
      voteFor(root, 'place', (w * ex[1]!) / sum);
      voteFor(root, 'organization', (w * ex[2]!) / sum);
    }
  }
  for (const root of votes.keys()) {
    if (!root.startsWith('table:')) continue;
    const table = aliasGroupOf(root.slice('table:'.length));
    if (table) voteFor(root, table.type, 1);
  }
  return votes;
}

/** A mention the tagger gives this probability or more for a type other than its entity's keeps it. */
export const CONFIDENT_TYPE = 0.97;

/**
 * One name, two things: where the tagger itself tagged a mention and is sure of a type other
 * than its entity's (the team "NEW YORK" beside the city), those mentions become an entity of
 * that type. Rule-fixed and re-scanned mentions follow their entity. Changes `accepted`'s
 * groups and adds the new groups' votes.
 */
export function splitConfidentTypes(accepted: Candidate[], votes: Map<string, Map<EntityType, number>>, starts: Float32Array | undefined, decided: ReadonlySet<string> = new Set()): void {
  if (!starts) return;
  const TYPES: EntityType[] = ['person', 'place', 'organization'];
  for (const c of accepted) {
    if (!c.tagger || c.fixed || c.ambiguous || decided.has(c.group!)) continue;
    const root = c.group!;
    const own = majority(votes.get(root) ?? new Map());
    const base = c.tokStart * 5;
    const sc = [starts[base + 1]!, starts[base + 2]!, starts[base + 3]!];
    const max = Math.max(...sc);
    const ex = sc.map((x) => Math.exp((x - max) / VOTE_TEMPERATURE));
    const sum = ex[0]! + ex[1]! + ex[2]!;
    const k = ex.indexOf(1);
    const type = TYPES[k]!;
    if (!own || type === own || ex[k]! / sum < CONFIDENT_TYPE) continue;
    const key = `${root}\u0000${type}`;
    c.group = key;
    if (!votes.has(key)) votes.set(key, new Map([[type, 1]]));
  }
}


/** Records in `every` whether what holds of each of a group's mentions so far still holds with `c`'s. */
function holdsForEvery(every: Map<string, boolean>, c: Candidate, holds: boolean): void {
  every.set(c.group!, (every.get(c.group!) ?? true) && holds);
}

/**
 * A "person" the article names by one word only, a word on the company or organization list and
 * on no list of people's names ("Netflix said", "Ryanair cut", "Nasa"), is that company: people in the news are named
 * in full at least once. So is such a "place" on no list of places that the article never writes
 * after "the" ("Tesla", "Alphabet", "Tencent"; "the Pacific" and "the Caribbean" are on the
 * spelling list the company list comes from, and stay places). Changes `votes` of such groups.
 */
export function retypeLoneCompanies(accepted: Candidate[], votes: Map<string, Map<EntityType, number>>, tokens: readonly Token[], known: KnownNames): void {
  const lone = new Map<string, boolean>();
  const placeLike = new Set<string>();
  for (const c of accepted) {
    const words = tokens.slice(c.tokStart, c.tokEnd).map((t) => t.text);
    const ok = words.length === 1 && c.fixed !== 'person' && (known.isCompany(words[0]!) || known.isOrganization(words)) && !known.isPersonName(words[0]!);
    holdsForEvery(lone, c, ok);
    // A place some rule saw ("the city of X", a dateline), after "the", or known, stays one.
    if (c.fixed === 'place' || /^the$/i.test(tokens[c.tokStart - 1]?.text ?? '') || known.isPlace(words)) placeLike.add(c.group!);
  }
  for (const [root, ok] of lone) {
    const v = votes.get(root);
    if (!ok || !v) continue;
    const type = majority(v);
    if (type === 'person' || (type === 'place' && !placeLike.has(root))) {
      v.set('organization', (v.get(type) ?? 0) + (v.get('organization') ?? 0));
    }
  }
}

/**
 * A country named alone is a place: CoNLL-2003, and so lede, type a country as a place even where
 * it acts ("China said", "France beat Italy"), so an entity every mention of which is exactly a
 * known country name is a place whatever the tagger preferred ("Russian Federation and China as
 * parties to the treaty"), unless a rule fixed a mention's type otherwise. The gazetteer seeds
 * the vote the issue asks for; "China Daily" or "Bank of France" are other names.
 */
export function retypeLoneCountries(accepted: Candidate[], votes: Map<string, Map<EntityType, number>>, tokens: readonly Token[], known: KnownNames): void {
  const allCountry = new Map<string, boolean>();
  for (const c of accepted) holdsForEvery(allCountry, c, (c.fixed === undefined || c.fixed === 'place') && known.isCountry(tokens.slice(c.tokStart, c.tokEnd).map((t) => t.text)));
  for (const [root, ok] of allCountry) {
    const v = votes.get(root);
    if (ok && v && majority(v) !== 'place') v.set('place', [...v.values()].reduce((a, b) => a + b, 0));
  }
}

/**
 * Context cues decide an entity's type (cues.ts): an entity some of whose mentions stand where
 * news writes only organizations ("shares in X", "X, a research firm") is one, and likewise for
 * places, when no mention cues another type. A person the article names in full keeps its type
 * ("Bill Ford" stays a person whatever "Ford's shares" says). Changes `votes`; returns the groups
 * it decided (whose mentions are no longer split by splitConfidentTypes).
 */
export function applyContextCues(ctx: Pick<ResolveContext, 'tokens' | 'known'>, accepted: Candidate[], votes: Map<string, Map<EntityType, number>>): Set<string> {
  const decided = new Set<string>();
  const cues = new Map<string, Set<CueType>>();
  const namedInFull = new Set<string>();
  const apposed = new Set<string>();
  for (const c of accepted) {
    if (c.tokEnd - c.tokStart >= 2 && majority(votes.get(c.group!) ?? new Map()) === 'person') namedInFull.add(c.group!);
    const cue = cueAt(ctx, c.tokStart, c.tokEnd);
    if (!cue) continue;
    let s = cues.get(c.group!);
    if (!s) cues.set(c.group!, (s = new Set()));
    s.add(cue[0]);
    // An apposition says what the name is, even one that looks like a person's ("Jonathan Cape, an imprint of").
    if (cue[1].startsWith('apposition')) apposed.add(c.group!);
  }
  for (const [root, said] of cues) {
    const v = votes.get(root);
    if (!v || (namedInFull.has(root) && !apposed.has(root))) continue;
    const types = [...said].filter((t): t is EntityType => t !== 'not-person');
    if (types.length > 1) continue;
    if (types.length === 0) {
      // Only "no person" ("Ryanair said it had"): a place the tagger clearly prefers to an
      // organization ("Britain said it"), else an organization (87% of "said it" on CoNLL train).
      if (majority(v) !== 'person') continue;
      v.delete('person');
      decideType(votes, root, (v.get('place') ?? 0) > PLACE_OVER_ORGANIZATION * (v.get('organization') ?? 0) ? 'place' : 'organization', decided);
      continue;
    }
    decideType(votes, root, types[0]!, decided);
  }
  return decided;
}

/** How much more a place than an organization the tagger must find a "said it" name to keep it a place. */
const PLACE_OVER_ORGANIZATION = 4;

/** A rule decides group `root`'s type: it outvotes every mention, and the group is not split. */
export function decideType(votes: Map<string, Map<EntityType, number>>, root: string, type: EntityType, decided: Set<string>): void {
  const v = votes.get(root);
  if (!v) return;
  let total = 0;
  for (const n of v.values()) total += n;
  v.set(type, total + (v.get(type) ?? 0));
  decided.add(root);
}
