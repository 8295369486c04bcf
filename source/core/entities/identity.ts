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

/** The key of a corrected entity of article `articleId`: its own, or the full name its bare surname is tied to. */
export function libraryKey(identity: Pick<LibraryIdentity, 'typeByName' | 'evidence' | 'links'>, articleId: string, entity: Corrected): string {
  const key = ownKey(entity.name, libraryType(identity, entity));
  return isBareKey(key) && entity.splitOff === undefined ? (identity.links.get(articleId)?.get(key) ?? key) : key;
}

/** What an entity is in the library: hidden, or its type, key and the name shown. */
export type Resolved = { hidden: true } | { hidden: false; type: EntityType; key: string; name: string };

/**
 * Where a corrected entity of article `articleId` stands in the library. It is shown by the name
 * the library knows its key by (a bare "Putin" tied to Vladimir Putin shows as him), unless the
 * user named it; and the corrections about that name apply too ("hide Vladimir Putin" hides the
 * tied "Putin" as well).
 */
export function resolveCorrected(identity: LibraryIdentity, articleId: string, entity: Corrected, renamedByUser: boolean): Resolved {
  const type = libraryType(identity, entity);
  const key = libraryKey(identity, articleId, entity);
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
  return runSteps(linkBareNamesInSteps(keysByArticle));
}

/** Articles between two places where the library-wide steps below may pause. */
export const ARTICLES_PER_STEP = 32;

/** Stands for a bare name's link until its surname's context decides it (or leaves it untied). */
const UNDECIDED = '';

/**
 * linkBareNames, pausing every ARTICLES_PER_STEP articles' worth of work (the end of a pass runs
 * it on the UI thread). A bare name with a full name of its surname in its own article is decided
 * there; the others wait, by surname, and each surname's shared context is then counted for only
 * the entities those waiting articles have, and dropped once they are decided: at 100,000
 * articles, keeping every surname's context at once was the end of the pass's peak.
 */
export function* linkBareNamesInSteps(keysByArticle: ReadonlyMap<string, readonly string[]>): Generator<void, Map<string, Map<string, string>>> {
  const keysOf = [...keysByArticle.values()];
  const fullBySurname = new Map<string, Set<string>>();
  const articlesOf = new Map<string, number[]>();
  keysOf.forEach((keys, article) => {
    for (const key of keys) {
      if (!key.startsWith('person:') || isBareKey(key)) continue;
      const surname = surnameOfKey(key);
      let set = fullBySurname.get(surname);
      if (!set) fullBySurname.set(surname, (set = new Set()));
      set.add(key);
      let list = articlesOf.get(key);
      if (!list) articlesOf.set(key, (list = []));
      if (list[list.length - 1] !== article) list.push(article);
    }
  });
  // Links in the order the articles and their names come (UNDECIDED for now where context decides).
  const links = new Map<string, Map<string, string>>();
  const waitingBySurname = new Map<string, number[]>();
  let article = 0;
  for (const [id, keys] of keysByArticle) {
    if (++article % ARTICLES_PER_STEP === 0) yield;
    for (const key of keys) {
      if (!isBareKey(key)) continue;
      const surname = key.slice('person:'.length);
      const candidates = fullBySurname.get(surname);
      if (!candidates) continue;
      // A full name in this very article is the tie (the extractor usually merged them already).
      const here = keys.filter((k) => candidates.has(k));
      if (here.length > 1) continue;
      let forArticle = links.get(id);
      if (!forArticle) links.set(id, (forArticle = new Map()));
      if (forArticle.has(key)) continue;
      forArticle.set(key, here[0] ?? UNDECIDED);
      if (here.length === 0) {
        let waiting = waitingBySurname.get(surname);
        if (!waiting) waitingBySurname.set(surname, (waiting = []));
        waiting.push(article - 1);
      }
    }
  }
  const ids = [...keysByArticle.keys()];
  const work = { done: 0 };
  for (const [surname, waiting] of waitingBySurname) {
    const context = yield* surnameContext(`person:${surname}`, waiting, fullBySurname.get(surname)!, articlesOf, keysOf, work);
    for (const at of waiting) {
      if (++work.done % ARTICLES_PER_STEP === 0) yield;
      const chosen = mostSharedContext(`person:${surname}`, keysOf[at]!, context);
      if (chosen) links.get(ids[at]!)!.set(`person:${surname}`, chosen);
    }
    waitingBySurname.delete(surname);
  }
  // What context left untied is no link.
  for (const [id, forArticle] of links) {
    for (const [key, chosen] of forArticle) if (chosen === UNDECIDED) forArticle.delete(key);
    if (forArticle.size === 0) links.delete(id);
  }
  return links;
}

/**
 * A surname's candidates, and for each entity its waiting articles have (by its place in `ids`)
 * the positions of the candidates it appears with: those of entity i are
 * `positions[starts[i]]` up to `positions[starts[i + 1]]`. `counts` is scratch.
 */
interface SurnameContext {
  names: readonly string[];
  ids: ReadonlyMap<string, number>;
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
  bare: string,
  waiting: readonly number[],
  candidates: ReadonlySet<string>,
  articlesOf: ReadonlyMap<string, readonly number[]>,
  keysOf: readonly (readonly string[])[],
  work: { done: number },
): Generator<void, SurnameContext> {
  const ids = new Map<string, number>();
  for (const at of waiting) for (const key of keysOf[at]!) if (key !== bare && !ids.has(key)) ids.set(key, ids.size);
  const names = [...candidates];
  // Each pair once, however many articles the entity and the candidate share.
  const lastPosition = new Int32Array(ids.size).fill(-1);
  const eachPair = function* (visit: (id: number, position: number) => void): Generator<void> {
    lastPosition.fill(-1);
    for (let position = 0; position < names.length; position++) {
      const candidate = names[position]!;
      for (const at of articlesOf.get(candidate) ?? []) {
        if (++work.done % ARTICLES_PER_STEP === 0) yield;
        for (const other of keysOf[at]!) {
          const id = ids.get(other);
          if (id === undefined || other === candidate || lastPosition[id] === position) continue;
          lastPosition[id] = position;
          visit(id, position);
        }
      }
    }
  };
  const starts = new Int32Array(ids.size + 1);
  yield* eachPair((id) => starts[id + 1]!++);
  for (let i = 0; i < ids.size; i++) starts[i + 1]! += starts[i]!;
  const positions = new Int32Array(starts[ids.size]!);
  const filled = starts.slice(0, ids.size);
  yield* eachPair((id, position) => (positions[filled[id]!++] = position));
  return { names, ids, starts, positions, counts: new Int32Array(names.length) };
}

/** The candidate sharing the most of the article's other entities, if one shares more than any other (and at least one). */
function mostSharedContext(bare: string, keys: readonly string[], context: SurnameContext): string | undefined {
  const { counts, starts, positions } = context;
  const touched: number[] = [];
  for (const other of new Set(keys)) {
    if (other === bare) continue;
    const id = context.ids.get(other);
    if (id === undefined) continue;
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
  return tie || chosen < 0 ? undefined : context.names[chosen];
}
