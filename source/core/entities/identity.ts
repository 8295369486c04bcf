/**
 * One identity per real-world entity across the library: which key, which type and which name an
 * entity of one article has in the whole library. Decided once, when the library pass finishes,
 * from every article's entities, and applied the same way to the library index (library-index.ts)
 * and to an opened article's entities (library-view.ts).
 *
 * - The user's corrections come first (corrections.ts): hidden, retyped, renamed, merged, split.
 * - Type: a name gets one type across the library — the one most of its mentions have, when
 *   they agree clearly (≥ 60 %, in two articles or more) — so "Warner Bros" is not a place in
 *   one article and a company in the others. A one-word name typed otherwise that is the surname
 *   of a person other articles name in full becomes a person (evidence.ts).
 * - Key: a person named in full is keyed by the full name, so Gordon Brown and Zoe Brown are two
 *   people. A bare surname ("Brown", "Putin") is tied to a person named in full elsewhere only
 *   when its own article ties it there: it shares at least one other entity with that person's
 *   articles, more than with any other person of that surname. Otherwise it stays a name of its
 *   own (`person:brown`), never silently the wrong person. Other names are keyed through the
 *   alias table (entityKey: "U.S." is the United States).
 */
import { type CorrectionSet, NO_CORRECTIONS } from './corrections.js';
import { runSteps } from '../load/time-slices.js';
import { type LibraryEvidence, NO_EVIDENCE, retypedByEvidence } from './evidence.js';
import { entityKey, normalizeName, surnameOf } from './normalize.js';
import type { EntityType } from './types.js';

const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** A name's key as the library knows it, before any bare surname is tied to a full name. */
export function ownKey(name: string, type: EntityType): string {
  if (type !== 'person') return entityKey({ name, type });
  const words = normalizeName(name).replace(/,/g, ' ').split(' ').filter(Boolean);
  while (words.length > 1 && NAME_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return `person:${words.join(' ')}`;
}

/** Whether a person's key is a bare name (one word), which only its article's context can tie to someone. */
export function isBareKey(key: string): boolean {
  return key.startsWith('person:') && !key.includes(' ');
}

/** A person key's surname ("person:vladimir putin" → "putin"). */
export function surnameOfKey(key: string): string {
  return surnameOf(key.slice('person:'.length).split(' '));
}

/** What the library decided, to be applied to one article's entity. */
export interface LibraryIdentity {
  corrections: CorrectionSet;
  evidence: LibraryEvidence;
  /** Normalised name -> the type the library gives it (only where that differs from some article's). */
  typeByName: ReadonlyMap<string, EntityType>;
  /** Article id -> bare surname key -> the full name's key its context ties it to. */
  links: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Key -> the name the library shows it by. */
  names: ReadonlyMap<string, string>;
}

export const NO_IDENTITY: LibraryIdentity = {
  corrections: NO_CORRECTIONS,
  evidence: NO_EVIDENCE,
  typeByName: new Map(),
  links: new Map(),
  names: new Map(),
};

/** An entity of one article after the user's corrections: what the library's identity decides on. */
export interface Corrected {
  name: string;
  type: EntityType;
  /** The user gave the type: no vote changes it. */
  fixedType: boolean;
  aliases: readonly string[];
  /** The form, as its article has it, this entity was split off as (a split correction): never tied back to a full name. */
  splitOff?: string;
}

/**
 * The user's corrections applied to an entity, by the name its article gives it: null when it is
 * hidden; else its name and type as corrected, its other forms, and the forms split off it (each
 * corrected in turn, as an entity of its own).
 */
export function correct(corrections: CorrectionSet, entity: { name: string; type: EntityType; aliases: readonly string[] }): { entity: Corrected; split: Corrected[] } | null {
  const verdict = corrections.verdict([entity.name]);
  if (!verdict) return { entity: { name: entity.name, type: entity.type, fixedType: false, aliases: entity.aliases }, split: [] };
  if (verdict.hidden) return null;
  const splitForms = entity.aliases.filter((a) => verdict.splits.has(normalizeName(a)));
  const split: Corrected[] = [];
  for (const form of splitForms) {
    const own = correct(corrections, { name: form, type: verdict.type ?? entity.type, aliases: [] });
    if (own) split.push({ ...own.entity, splitOff: form });
  }
  return {
    entity: {
      name: verdict.name ?? entity.name,
      type: verdict.type ?? entity.type,
      fixedType: verdict.type !== undefined,
      aliases: splitForms.length > 0 ? entity.aliases.filter((a) => !splitForms.includes(a)) : entity.aliases,
    },
    split,
  };
}

/** The type a corrected entity has in the library: the user's, else the library's vote on the name, else the surname evidence, else its own. */
export function libraryType(identity: Pick<LibraryIdentity, 'typeByName' | 'evidence'>, entity: Corrected): EntityType {
  if (entity.fixedType) return entity.type;
  const voted = identity.typeByName.get(normalizeName(entity.name));
  if (voted) return voted;
  return retypedByEvidence(identity.evidence, entity) ? 'person' : entity.type;
}

/**
 * The key of a corrected entity of article `articleId`: its own, or the full name its bare surname
 * is tied to. `own` is its own key under the library's type, when the caller has it already (the
 * index build works it out once per form, not once per article).
 */
export function libraryKey(
  identity: Pick<LibraryIdentity, 'typeByName' | 'evidence' | 'links'>,
  articleId: string,
  entity: Corrected,
  own = ownKey(entity.name, libraryType(identity, entity)),
): string {
  return isBareKey(own) && entity.splitOff === undefined ? (identity.links.get(articleId)?.get(own) ?? own) : own;
}

/** What an entity is in the library: hidden, or its type, key and the name shown. */
export type Resolved = { hidden: true } | { hidden: false; type: EntityType; key: string; name: string };

/**
 * Where a corrected entity of article `articleId` stands in the library. It is shown by the name
 * the library knows its key by (a bare "Putin" tied to Vladimir Putin shows as him), unless the
 * user named it; and the corrections about that name apply too ("hide Vladimir Putin" hides the
 * tied "Putin" as well). `type` and `own` (its library type and own key under it) are given by a
 * caller that has them already, as libraryKey's `own`.
 */
export function resolveCorrected(
  identity: LibraryIdentity,
  articleId: string,
  entity: Corrected,
  renamedByUser: boolean,
  type = libraryType(identity, entity),
  own = ownKey(entity.name, type),
): Resolved {
  const key = libraryKey(identity, articleId, entity, own);
  const shown = renamedByUser ? entity.name : (identity.names.get(key) ?? entity.name);
  const after = shown !== entity.name ? identity.corrections.verdict([shown]) : undefined;
  if (after?.hidden) return { hidden: true };
  return { hidden: false, type: after?.type ?? type, key, name: after?.name ?? shown };
}

/** Share of a name's mentions its most common type needs to become the name's type everywhere. */
export const TYPE_AGREEMENT = 0.6;

/**
 * The library's type per name from every article's (corrected) entities: counts mentions per
 * type; where one type has at least TYPE_AGREEMENT of them across two articles or more, that is
 * the name's type. A type the user gave is the name's type outright.
 */
export class TypeVote {
  private readonly votes = new Map<string, { counts: [number, number, number]; articles: number; fixed?: EntityType }>();

  add(name: string, type: EntityType, mentions: number, fixed: boolean): void {
    const key = normalizeName(name);
    let vote = this.votes.get(key);
    if (!vote) this.votes.set(key, (vote = { counts: [0, 0, 0], articles: 0 }));
    vote.articles++;
    vote.counts[TYPE_INDEX[type]] += Math.max(1, mentions);
    if (fixed) vote.fixed = type;
  }

  finish(): Map<string, EntityType> {
    const out = new Map<string, EntityType>();
    for (const [name, vote] of this.votes) {
      if (vote.fixed) {
        out.set(name, vote.fixed);
        continue;
      }
      const total = vote.counts[0] + vote.counts[1] + vote.counts[2];
      const best = vote.counts.indexOf(Math.max(...vote.counts));
      // Only names that more than one type claimed need a verdict.
      const types = vote.counts.filter((c) => c > 0).length;
      if (types > 1 && vote.articles >= 2 && vote.counts[best]! >= TYPE_AGREEMENT * total) out.set(name, TYPES[best]!);
    }
    return out;
  }
}

const TYPES: readonly EntityType[] = ['person', 'place', 'organization'];
const TYPE_INDEX: Record<EntityType, 0 | 1 | 2> = { person: 0, place: 1, organization: 2 };

/**
 * Ties each article's bare surnames to a person named in full elsewhere, by context: the
 * candidate (same surname) whose articles share the most other entities with this article, if
 * that is at least one and no other candidate shares as many.
 */
export function linkBareNames(keysByArticle: ReadonlyMap<string, readonly string[]>): Map<string, Map<string, string>> {
  return runSteps(linkBareNamesInSteps(KeyNumbering.of(keysByArticle)));
}

/** Articles between two places where the library-wide steps below may pause. */
export const ARTICLES_PER_STEP = 32;

/**
 * The library's keys as numbers, each article's as a run of them (article `a`'s are
 * `keys[starts[a]]` up to `keys[starts[a + 1]]`), with what the tying below asks of each key: the
 * counting that follows looks up numbers in typed arrays, not strings in maps (at 100,000 articles,
 * hashing 4 million key strings a few times over was most of the step).
 */
interface NumberedKeys {
  names: string[];
  starts: Int32Array;
  keys: Int32Array;
  /** The surname (by number) of a person named in full, and of a bare name whose surname some full name has; -1 otherwise. */
  surnameOf: Int32Array;
  bare: Uint8Array;
}

/**
 * The library's keys numbered as each article's are given (an article at a time, in library
 * order), kept as the numbered runs alone: the build gives them as it works each one out, so no
 * article's key strings are held for the tying (at 100,000 articles a map of them was 70 MB).
 */
export class KeyNumbering {
  private readonly numberOf = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly ids: string[] = [];
  private readonly starts: number[] = [0];
  private keys: Int32Array;
  private used = 0;

  /** `total`: how many keys all the articles have, if known (the runs are then one array of that size). */
  constructor(total = 1024) {
    this.keys = new Int32Array(Math.max(total, 16));
  }

  /** Every article's keys at once, in the map's order. */
  static of(keysByArticle: ReadonlyMap<string, readonly string[]>): KeyNumbering {
    const numbering = new KeyNumbering();
    for (const [id, keys] of keysByArticle) {
      for (const key of keys) numbering.add(key);
      numbering.endArticle(id);
    }
    return numbering;
  }

  /** The next article's key (call add for each, then endArticle). */
  add(key: string): void {
    let n = this.numberOf.get(key);
    if (n === undefined) this.numberOf.set(key, (n = this.names.push(key) - 1));
    if (this.used === this.keys.length) {
      const grown = new Int32Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[this.used++] = n;
  }

  endArticle(id: string): void {
    this.ids.push(id);
    this.starts.push(this.used);
  }

  /** The articles' ids, and what the tying asks of each key. */
  finish(): { ids: string[]; numbered: NumberedKeys } {
    const { names } = this;
    const surnames = new Map<string, number>();
    const surnameOf = new Int32Array(names.length).fill(-1);
    const bare = new Uint8Array(names.length);
    for (const [n, key] of names.entries()) {
      if (!key.startsWith('person:')) continue;
      if (isBareKey(key)) bare[n] = 1;
      else {
        const surname = surnameOfKey(key);
        let s = surnames.get(surname);
        if (s === undefined) surnames.set(surname, (s = surnames.size));
        surnameOf[n] = s;
      }
    }
    for (const [n, key] of names.entries()) if (bare[n]) surnameOf[n] = surnames.get(key.slice('person:'.length)) ?? -1;
    this.numberOf.clear();
    return { ids: this.ids, numbered: { names, starts: Int32Array.from(this.starts), keys: this.keys.subarray(0, this.used), surnameOf, bare } };
  }
}

/** Stands for a bare name's link until its surname's context decides it (or leaves it untied). */
const UNDECIDED = -1;

/**
 * linkBareNames, pausing every ARTICLES_PER_STEP articles' worth of work (the end of a pass runs
 * it on the UI thread). A bare name with a full name of its surname in its own article is decided
 * there; the others wait, by surname, and each surname's shared context is then counted for only
 * the entities those waiting articles have, and dropped once they are decided: at 100,000
 * articles, keeping every surname's context at once was the end of the pass's peak.
 */
export function* linkBareNamesInSteps(keys: KeyNumbering): Generator<void, Map<string, Map<string, string>>> {
  const { ids, numbered } = keys.finish();
  yield;
  return yield* linkNumberedInSteps(ids, numbered);
}

function* linkNumberedInSteps(ids: readonly string[], numbered: NumberedKeys): Generator<void, Map<string, Map<string, string>>> {
  const { names, starts, keys, surnameOf, bare } = numbered;
  // Each surname's full names (in the order they first come), and each full name's articles.
  const candidatesOf: number[][] = [];
  const articlesOf: number[][] = [];
  for (let article = 0; article < ids.length; article++) {
    if ((article + 1) % ARTICLES_PER_STEP === 0) yield;
    for (let k = starts[article]!; k < starts[article + 1]!; k++) {
      const key = keys[k]!;
      if (bare[key] || surnameOf[key]! < 0) continue;
      let list = articlesOf[key];
      if (!list) {
        articlesOf[key] = list = [];
        (candidatesOf[surnameOf[key]!] ??= []).push(key);
      }
      if (list[list.length - 1] !== article) list.push(article);
    }
  }
  // Links in the order the articles and their names come (UNDECIDED for now where context decides).
  const links = new Map<number, Map<number, number>>();
  const waitingBySurname = new Map<number, number[]>();
  for (let article = 0; article < ids.length; article++) {
    if ((article + 1) % ARTICLES_PER_STEP === 0) yield;
    const [from, to] = [starts[article]!, starts[article + 1]!];
    for (let k = from; k < to; k++) {
      const key = keys[k]!;
      const surname = surnameOf[key]!;
      if (!bare[key] || surname < 0) continue;
      // A full name in this very article is the tie (the extractor usually merged them already);
      // two there (or one twice) tie it to neither.
      let [here, found] = [UNDECIDED, 0];
      for (let j = from; j < to; j++) {
        const other = keys[j]!;
        if (!bare[other] && surnameOf[other] === surname) [here, found] = [other, found + 1];
      }
      if (found > 1) continue;
      let forArticle = links.get(article);
      if (!forArticle) links.set(article, (forArticle = new Map()));
      if (forArticle.has(key)) continue;
      forArticle.set(key, here);
      if (found === 0) {
        let waiting = waitingBySurname.get(key);
        if (!waiting) waitingBySurname.set(key, (waiting = []));
        waiting.push(article);
      }
    }
  }
  const work = { done: 0 };
  const scratch = new ContextScratch(names.length);
  for (const [bareKey, waiting] of waitingBySurname) {
    const context = yield* surnameContext(bareKey, waiting, candidatesOf[surnameOf[bareKey]!]!, articlesOf, numbered, scratch, work);
    for (const at of waiting) {
      if (++work.done % ARTICLES_PER_STEP === 0) yield;
      const chosen = mostSharedContext(bareKey, keys, starts[at]!, starts[at + 1]!, context, scratch);
      if (chosen !== undefined) links.get(at)!.set(bareKey, chosen);
    }
    scratch.forget(context);
    waitingBySurname.delete(bareKey);
  }
  // What context left untied is no link.
  const named = new Map<string, Map<string, string>>();
  for (const [article, forArticle] of links) {
    const tied = new Map<string, string>();
    for (const [key, chosen] of forArticle) if (chosen !== UNDECIDED) tied.set(names[key]!, names[chosen]!);
    if (tied.size > 0) named.set(ids[article]!, tied);
  }
  return named;
}

/**
 * Arrays the size of the library's keys, kept across surnames: a key's number in the current
 * surname's context (-1: not in it), and a mark for the keys of the article being counted.
 */
class ContextScratch {
  readonly local: Int32Array;
  readonly seen: Int32Array;
  mark = 0;

  constructor(keys: number) {
    this.local = new Int32Array(keys).fill(-1);
    this.seen = new Int32Array(keys);
  }

  /** Clears what a surname's context numbered. */
  forget(context: SurnameContext): void {
    for (const key of context.members) this.local[key] = -1;
  }
}

/**
 * A surname's candidates, and for each entity its waiting articles have (its number in
 * `members`) the positions of the candidates it appears with: those of entity i are
 * `positions[starts[i]]` up to `positions[starts[i + 1]]`. `counts` is scratch.
 */
interface SurnameContext {
  candidates: readonly number[];
  members: readonly number[];
  starts: Int32Array;
  positions: Int32Array;
  counts: Int32Array;
}

/**
 * The context of the articles waiting on bare name `bare`: which candidates (full names of that
 * surname) each of their entities appears with somewhere. Entities no waiting article has are
 * never counted; the pairs go in one typed array, counted in a first walk over the candidates'
 * articles and written in a second, so nothing grows as it goes.
 */
function* surnameContext(
  bare: number,
  waiting: readonly number[],
  candidates: readonly number[],
  articlesOf: readonly (readonly number[] | undefined)[],
  { starts: keyStarts, keys }: NumberedKeys,
  { local }: ContextScratch,
  work: { done: number },
): Generator<void, SurnameContext> {
  const members: number[] = [];
  for (const at of waiting) {
    for (let k = keyStarts[at]!; k < keyStarts[at + 1]!; k++) {
      const key = keys[k]!;
      if (key !== bare && local[key] === -1) local[key] = members.push(key) - 1;
    }
  }
  // Each pair once, however many articles the entity and the candidate share.
  const lastPosition = new Int32Array(members.length).fill(-1);
  const eachPair = function* (visit: (id: number, position: number) => void): Generator<void> {
    lastPosition.fill(-1);
    for (let position = 0; position < candidates.length; position++) {
      const candidate = candidates[position]!;
      for (const at of articlesOf[candidate] ?? []) {
        if (++work.done % ARTICLES_PER_STEP === 0) yield;
        for (let k = keyStarts[at]!; k < keyStarts[at + 1]!; k++) {
          const other = keys[k]!;
          const id = local[other]!;
          if (id < 0 || other === candidate || lastPosition[id] === position) continue;
          lastPosition[id] = position;
          visit(id, position);
        }
      }
    }
  };
  const starts = new Int32Array(members.length + 1);
  yield* eachPair((id) => starts[id + 1]!++);
  for (let i = 0; i < members.length; i++) starts[i + 1]! += starts[i]!;
  const positions = new Int32Array(starts[members.length]!);
  const filled = starts.slice(0, members.length);
  yield* eachPair((id, position) => (positions[filled[id]!++] = position));
  return { candidates, members, starts, positions, counts: new Int32Array(candidates.length) };
}

/**
 * The candidate sharing the most of the article's other entities (`keys[from]` up to `keys[to]`),
 * if one shares more than any other (and at least one).
 */
function mostSharedContext(bare: number, keys: Int32Array, from: number, to: number, context: SurnameContext, scratch: ContextScratch): number | undefined {
  const { counts, starts, positions } = context;
  const { local, seen } = scratch;
  const mark = ++scratch.mark;
  const touched: number[] = [];
  for (let j = from; j < to; j++) {
    const other = keys[j]!;
    // Each of the article's entities once.
    if (other === bare || seen[other] === mark) continue;
    seen[other] = mark;
    const id = local[other]!;
    if (id < 0) continue;
    for (let k = starts[id]!; k < starts[id + 1]!; k++) {
      const position = positions[k]!;
      if (counts[position] === 0) touched.push(position);
      counts[position]! += 1;
    }
  }
  let best = 0;
  let chosen = -1;
  let tie = false;
  for (const position of touched) {
    const count = counts[position]!;
    counts[position] = 0;
    if (count > best) {
      best = count;
      chosen = position;
      tie = false;
    } else if (count === best) tie = true;
  }
  return tie || chosen < 0 ? undefined : context.candidates[chosen];
}
