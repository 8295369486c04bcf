/**
 * The library's entities: every person, place and organization of the library under one identity
 * each (identity.ts), with the articles that mention it and how often — what the library screen,
 * "next article mentioning this entity", `@name` and search need, and nothing more (not the
 * mentions themselves: at 20,000 articles those are a million objects; an article's are read back
 * from the disk cache when needed).
 *
 * The pass's raw findings are kept (compactly), so that a correction rebuilds the index at once
 * without extracting anything again.
 */
import { type CorrectionSet, NO_CORRECTIONS } from './corrections.js';
import { EvidenceCollector } from './evidence.js';
import { runSteps, runStepsInSlices } from '../load/time-slices.js';
import { ARTICLES_PER_STEP, type Corrected, correct, KeyNumbering, type LibraryIdentity, libraryKey, libraryType, linkBareNamesInSteps, ownKey, resolveCorrected, TypeVote } from './identity.js';
import type { Entity, EntityType } from './types.js';
import { Findings, type Signature } from './library-findings.js';
import { type LibraryPostings, PositionMap, PostingsCollector } from './library-postings.js';

/** One entity of the library. */
export interface LibraryEntity {
  key: string;
  name: string;
  type: EntityType;
  /** The other names it goes by across the library. */
  aliases: string[];
  /** How many articles mention it, and how many mentions in all. */
  articles: number;
  mentions: number;
}

export interface LibraryEntityIndex {
  /** Article ids in library order. */
  order: string[];
  /** Every entity, most articles first (then most mentions, then name). */
  entities: LibraryEntity[];
  byKey: Map<string, LibraryEntity>;
  /**
   * Key -> the articles that mention it (library order), with the mentions in each and whether one
   * is in the title: views of `postings`, each worked out when asked for.
   */
  articlesByKey: ReadonlyMap<string, readonly string[]>;
  mentionsByKey: ReadonlyMap<string, Int32Array>;
  titleByKey: ReadonlyMap<string, Uint8Array>;
  /** Article id -> the keys of its entities (in `entities`' order), worked out when asked for. */
  keysByArticle: ReadonlyMap<string, readonly string[]>;
  /** Names and aliases of each article's entities (the list search's extra terms), strings shared across articles. */
  namesByArticle: ReadonlyMap<string, readonly string[]>;
  /** What the library decided about each entity of an article: applied to an opened article (library-view.ts). */
  identity: LibraryIdentity;
  /** Where the pass cached each article's entities, so they are read back when opened; null: nowhere. */
  cacheDir: string | null;
  /** The same postings as positions: in `order` for articles, in `entities` for entities (library-postings.ts). */
  postings: LibraryPostings;
  /** The same findings under other corrections (after the user made one). */
  withCorrections(corrections: CorrectionSet): LibraryEntityIndex;
  /** The same, built in slices of `sliceMs` (the end of a pass, under the corrections the user has). */
  withCorrectionsInSlices(corrections: CorrectionSet, sliceMs: number): Promise<LibraryEntityIndex>;
}

/** What the library pass keeps of an entity: not its mentions, which are most of its size. */
export interface EntitySummary {
  name: string;
  type: EntityType;
  aliases: readonly string[];
  mentions: number;
  inTitle: boolean;
}

/** The summary of an extracted entity (the worker sends these, not whole entities). */
export function summarize(entity: Entity): EntitySummary {
  return {
    name: entity.name,
    type: entity.type,
    aliases: entity.aliases,
    mentions: entity.mentions.length,
    inTitle: entity.mentions.some((m) => m.field === 'title'),
  };
}

const isSummary = (e: Entity | EntitySummary): e is EntitySummary => typeof (e as EntitySummary).mentions === 'number';

/** Builds the index as articles' entities arrive (the pass), then under any corrections (finish). */
export class LibraryIndexBuilder {
  private readonly found = new Findings();

  constructor(private readonly cacheDir: string | null = null) {}

  /** One article's entities (as extracted, or their summaries). */
  add(id: string, entities: readonly (Entity | EntitySummary)[]): void {
    this.found.add(
      id,
      entities.map((e) => (isSummary(e) ? e : summarize(e))),
    );
  }

  finish(order: string[], corrections: CorrectionSet = NO_CORRECTIONS): LibraryEntityIndex {
    return buildIndex(order, this.found, this.cacheDir, corrections);
  }

  /**
   * The same, built in slices of `sliceMs` with the event loop's turns between them: at the end
   * of a pass over thousands of articles the build is seconds of work on the UI thread.
   */
  finishInSlices(order: string[], sliceMs: number, corrections: CorrectionSet = NO_CORRECTIONS): Promise<LibraryEntityIndex> {
    return runStepsInSlices(buildIndexInSteps(order, this.found, this.cacheDir, corrections), sliceMs);
  }

  /** The index of the articles added so far, in the order they came: what is known while the pass runs. */
  snapshot(corrections: CorrectionSet = NO_CORRECTIONS): LibraryEntityIndex {
    return buildIndex(this.found.ids(), this.found.frozen(), this.cacheDir, corrections);
  }
}

/**
 * An entity after the corrections, as its signature (name, type, aliases) makes it in every
 * article that has it: one per signature rather than one per entity per article (at 100,000
 * articles, 2.7 million of them held through the build were most of its peak).
 */
interface Form {
  corrected: Corrected;
  renamed: boolean;
  /**
   * Hidden by the user. Still part of who is who (its name and key decide how the library names
   * its other forms, so "hide Golan Heights" hides the "Golan" of another article too), never shown.
   */
  hidden: boolean;
  /** A form the user split off: a summary does not count its mentions apart (one, never in the title). */
  split: boolean;
  /** Its type in the library and its own key under it, once the library's types are known (step 2). */
  libraryType?: EntityType;
  ownKey?: string;
}

/** The forms of an entity with the corrections applied (hidden ones marked, split forms their own). */
function formsOf(sig: Signature, corrections: CorrectionSet): Form[] {
  const result = correct(corrections, sig);
  if (!result) return [{ corrected: { name: sig.name, type: sig.type, fixedType: false, aliases: sig.aliases }, renamed: false, hidden: true, split: false }];
  const forms: Form[] = [{ corrected: result.entity, renamed: result.entity.name !== sig.name, hidden: false, split: false }];
  for (const split of result.split) forms.push({ corrected: split, renamed: false, hidden: false, split: true });
  return forms;
}

/**
 * Each article's entities after the corrections, visited without keeping them: the forms are
 * worked out once per signature, what an entity counted read from the findings each time.
 */
function correctedVisitor(found: Findings, corrections: CorrectionSet) {
  const formsBySignature: Form[][] = [];
  return (id: string, visit: (form: Form, mentions: number, inTitle: boolean) => void): void =>
    found.forEachOf(id, (signature, sig, mentions, inTitle) => {
      const forms = (formsBySignature[signature] ??= formsOf(sig, corrections));
      for (const form of forms) visit(form, form.split ? 1 : mentions, form.split ? false : inTitle);
    });
}

function buildIndex(order: string[], found: Findings, cacheDir: string | null, corrections: CorrectionSet): LibraryEntityIndex {
  return runSteps(buildIndexInSteps(order, found, cacheDir, corrections));
}

/** Whether the step over the `n`th article may pause. */
const mayPause = (n: number) => n % ARTICLES_PER_STEP === ARTICLES_PER_STEP - 1;

/**
 * The index, in steps over the articles. Nothing is kept per entity per article between the
 * steps but its own key (a string shared by every article with that form): each step reads the
 * findings again, and the last merges every article's resolved entities into the postings as it
 * goes.
 */
function* buildIndexInSteps(order: string[], found: Findings, cacheDir: string | null, corrections: CorrectionSet): Generator<void, LibraryEntityIndex> {
  const entitiesOf = correctedVisitor(found, corrections);
  // 1. What every article says about people and about each name's type.
  const evidence = new EvidenceCollector();
  const votes = new TypeVote();
  let n = 0;
  for (const id of order) {
    if (mayPause(n++)) yield;
    const here: Corrected[] = [];
    entitiesOf(id, (form, mentions) => {
      here.push(form.corrected);
      votes.add(form.corrected.name, form.corrected.type, mentions, form.corrected.fixedType);
    });
    evidence.add(here);
  }
  const typed = { corrections, evidence: evidence.finish(), typeByName: votes.finish() };
  // 2. Each entity's own key under those types; then bare surnames tied to full names by context.
  // Counted first, so the keys' runs are one array of their size.
  let total = 0;
  for (const id of order) {
    if (mayPause(n++)) yield;
    entitiesOf(id, () => total++);
  }
  const ownKeys = new KeyNumbering(total);
  for (const id of order) {
    if (mayPause(n++)) yield;
    entitiesOf(id, (form) => {
      form.libraryType ??= libraryType(typed, form.corrected);
      ownKeys.add((form.ownKey ??= ownKey(form.corrected.name, form.libraryType)));
    });
    ownKeys.endArticle(id);
  }
  const keyed = { ...typed, links: yield* linkBareNamesInSteps(ownKeys) };
  // 3. Each key's name: the one most of its articles use.
  const nameVotes = new Map<string, Map<string, number>>();
  for (const id of order) {
    if (mayPause(n++)) yield;
    entitiesOf(id, (form) => {
      const key = libraryKey(keyed, id, form.corrected, form.ownKey);
      let forKey = nameVotes.get(key);
      if (!forKey) nameVotes.set(key, (forKey = new Map()));
      forKey.set(form.corrected.name, (forKey.get(form.corrected.name) ?? 0) + 1);
    });
  }
  const identity: LibraryIdentity = { ...keyed, names: new Map([...nameVotes].map(([key, forKey]) => [key, bestName(forKey)])) };
  nameVotes.clear();
  // 4. Every entity as the library shows it (resolveCorrected, as an opened article's are), into the postings.
  return yield* assembleInSteps(order, identity, cacheDir, found, (id, visit) =>
    entitiesOf(id, (form, mentions, inTitle) => {
      if (form.hidden) return;
      const r = resolveCorrected(identity, id, form.corrected, form.renamed, form.libraryType, form.ownKey);
      if (!r.hidden) visit({ key: r.key, type: r.type, name: r.name, aliases: form.corrected.aliases, mentions, inTitle });
    }),
  );
}

interface ResolvedEntry {
  key: string;
  type: EntityType;
  name: string;
  aliases: readonly string[];
  mentions: number;
  inTitle: boolean;
}

/** The name most articles use, the longer (more words, then more letters) on a tie. */
function bestName(votes: ReadonlyMap<string, number>): string {
  return [...votes.entries()].sort((a, b) => b[1] - a[1] || b[0].split(' ').length - a[0].split(' ').length || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0]![0];
}

function* assembleInSteps(
  order: string[],
  identity: LibraryIdentity,
  cacheDir: string | null,
  found: Findings,
  resolvedOf: (id: string, visit: (r: ResolvedEntry) => void) => void,
): Generator<void, LibraryEntityIndex> {
  const byKey = new Map<string, LibraryEntity & { slot: number; typeVotes: Map<EntityType, number>; aliasSet: Set<string> }>();
  const namesByArticle = new Map<string, readonly string[]>();
  const collected = new PostingsCollector();
  let n = 0;
  for (const [doc, id] of order.entries()) {
    if (mayPause(n++)) yield;
    const here = new Map<string, { mentions: number; inTitle: boolean }>();
    const terms = new Set<string>();
    resolvedOf(id, (r) => {
      let entity = byKey.get(r.key);
      if (!entity) {
        entity = { key: r.key, name: identity.names.get(r.key) ?? r.name, type: r.type, aliases: [], articles: 0, mentions: 0, slot: byKey.size, typeVotes: new Map(), aliasSet: new Set() };
        byKey.set(r.key, entity);
      }
      entity.typeVotes.set(r.type, (entity.typeVotes.get(r.type) ?? 0) + r.mentions);
      for (const form of [r.name, ...r.aliases]) entity.aliasSet.add(form);
      const seen = here.get(r.key) ?? { mentions: 0, inTitle: false };
      seen.mentions += r.mentions;
      seen.inTitle ||= r.inTitle;
      here.set(r.key, seen);
      terms.add(r.name);
      for (const alias of r.aliases) terms.add(alias);
    });
    for (const [key, seen] of here) {
      const entity = byKey.get(key)!;
      entity.articles++;
      entity.mentions += seen.mentions;
      collected.add(entity.slot, doc, seen.mentions, seen.inTitle);
    }
    if (terms.size > 0) namesByArticle.set(id, [...terms]);
  }
  const entities: LibraryEntity[] = [];
  const slotOf = new Map<LibraryEntity, number>();
  for (const e of byKey.values()) {
    const type = [...e.typeVotes.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const entity = { key: e.key, name: e.name, type, aliases: [...e.aliasSet].filter((a) => a !== e.name), articles: e.articles, mentions: e.mentions };
    entities.push(entity);
    slotOf.set(entity, e.slot);
  }
  byKey.clear();
  entities.sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || a.name.localeCompare(b.name));
  const postings = collected.postings(order.length, entities, (p) => slotOf.get(entities[p]!)!);
  return indexFromParts({ order, entities, postings, namesByArticle, identity, cacheDir }, () => found);
}

/**
 * What an index is made of; the rest of it (byKey, the maps by key and by article) is worked out
 * from these (indexFromParts). What a saved index holds (library-index-file.ts).
 */
export interface IndexParts {
  order: string[];
  entities: LibraryEntity[];
  postings: LibraryPostings;
  namesByArticle: ReadonlyMap<string, readonly string[]>;
  identity: LibraryIdentity;
  cacheDir: string | null;
}

/**
 * The index of `parts`: the one way an index is put together, built or loaded, so that both
 * answer alike. `findings` gives what it was built from, for a rebuild under other corrections
 * (a loaded index reads them from the disk only then); undefined: they cannot be had, and the
 * index stays as it is.
 */
export function indexFromParts(parts: IndexParts, findings: () => Findings | undefined): LibraryEntityIndex {
  const { order, entities, postings, namesByArticle, identity, cacheDir } = parts;
  const { positionOf, docStart, docs, mentions, inTitle, entityStart, entitiesOfDoc } = postings;
  const docOf = new Map(order.map((id, d) => [id, d]));
  const articlesByKey = new PositionMap(positionOf, (p) => Array.from(docs.subarray(docStart[p], docStart[p + 1]), (d) => order[d]!));
  const keysByArticle = new PositionMap(
    docOf,
    (d) => Array.from(entitiesOfDoc.subarray(entityStart[d], entityStart[d + 1]), (p) => entities[p]!.key),
    (d) => entityStart[d]! < entityStart[d + 1]!,
  );
  const corrections = identity.corrections;
  // Through findingsOf, not `findings`: once saved they are read from disk (findingsReadFrom).
  const rebuilt = (next: CorrectionSet) => {
    const found = findingsOf.get(index)?.();
    return found && buildIndexInSteps(order, found, cacheDir, next);
  };
  const index: LibraryEntityIndex = {
    order,
    entities,
    byKey: new Map(entities.map((e) => [e.key, e])),
    articlesByKey,
    // Views of the postings' flat arrays: one backing store, not two per entity.
    mentionsByKey: new PositionMap(positionOf, (p) => mentions.subarray(docStart[p], docStart[p + 1])),
    titleByKey: new PositionMap(positionOf, (p) => inTitle.subarray(docStart[p], docStart[p + 1])),
    postings,
    keysByArticle,
    namesByArticle,
    identity,
    cacheDir,
    withCorrections: (next) => {
      const steps = sameCorrections(next, corrections) ? undefined : rebuilt(next);
      return steps ? runSteps(steps) : index;
    },
    withCorrectionsInSlices: async (next, sliceMs) => {
      if (sameCorrections(next, corrections)) return index;
      // The one place corrections are applied, its output kept between runs: a start under the
      // same corrections loads it (at 20,000 articles a rebuild is seconds of CPU).
      const store = correctedStores.get(index);
      const saved = next.size > 0 ? await store?.load(next) : undefined;
      if (saved) return keptIn(saved, store);
      const steps = rebuilt(next);
      if (!steps) return index;
      const result = await runStepsInSlices(steps, sliceMs);
      // Saved once it is handed back: at 20,000 articles writing it is most of a second, and the
      // screens get it first (as the index under none is saved after a pass has handed it over).
      if (next.size > 0 && store) setImmediate(() => store.save(result));
      return keptIn(result, store);
    },
  };
  findingsOf.set(index, findings);
  return index;
}

/**
 * Where an index's versions under the user's corrections are kept between runs (saved beside the
 * library cache, saved-library-index.ts): what withCorrectionsInSlices makes, cached.
 */
export interface CorrectedIndexStore {
  /** The index under `corrections` a run before saved, if it is there and right (under exactly that set). */
  load(corrections: CorrectionSet): Promise<LibraryEntityIndex | undefined>;
  /** Keeps `index`, under the corrections it was built with, for the next run (a turn of the event loop after it is made); a failure is told, never thrown. */
  save(index: LibraryEntityIndex): void;
}

const correctedStores = new WeakMap<LibraryEntityIndex, CorrectedIndexStore>();

/** `index`, its versions under corrections made from now on loaded from and saved in `store`. */
export function keptIn(index: LibraryEntityIndex, store: CorrectedIndexStore | undefined): LibraryEntityIndex {
  if (store) correctedStores.set(index, store);
  return index;
}

/**
 * Whether an index built under `built` is already the index under `next`: the same set, or none
 * at all under an empty one (a loaded index, a pass's, when the user has no corrections). Never
 * by comparing lists: a set's list may be an array its maker changes afterwards.
 */
function sameCorrections(next: CorrectionSet, built: CorrectionSet): boolean {
  return next === built || (built === NO_CORRECTIONS && next.size === 0);
}

/** Each index's findings (see indexFindings). */
const findingsOf = new WeakMap<LibraryEntityIndex, () => Findings | undefined>();

/**
 * From now on what `index` was built from is read from `findings` when a rebuild needs it (the
 * saved inputs, read back from disk), not kept: at 100,000 articles the findings were 80 MB of
 * heap held for a correction that may never come. A warm start's index reads them the same way.
 */
export function findingsReadFrom(index: LibraryEntityIndex, findings: () => Findings | undefined): void {
  findingsOf.set(index, findings);
}

/**
 * What the pass found in each article of `index`, before any correction, in library order: what
 * an index is built from (LibraryIndexBuilder.add), for saving it. Undefined when they cannot be had.
 */
export function indexFindings(index: LibraryEntityIndex): ReadonlyMap<string, EntitySummary[]> | undefined {
  const found = findingsOf.get(index)?.();
  if (!found) return undefined;
  const { order } = index;
  // An article's summaries made when asked for (the saved inputs are written an article at a
  // time): all of them at once were an object per entity per article, 2.7 million at 100,000.
  const summariesAt = (d: number): EntitySummary[] => found.get(order[d]!).map(({ sig, mentions, inTitle }) => ({ name: sig.name, type: sig.type, aliases: sig.aliases, mentions, inTitle }));
  return new PositionMap(new Map(order.map((id, d) => [id, d])), summariesAt);
}

/** Findings as the pass gives them (saved ones read back), for an index to be rebuilt from. */
export function findingsFrom(order: readonly string[], summaries: ReadonlyMap<string, readonly EntitySummary[]>): Findings {
  const found = new Findings();
  for (const id of order) found.add(id, summaries.get(id) ?? []);
  return found;
}

/**
 * The next (direction 1) or previous (-1) article after `currentArticleId` in library order that
 * mentions the entity, wrapping around; null when no other article mentions it.
 */
export function nextArticleWith(index: LibraryEntityIndex, key: string, currentArticleId: string, direction: 1 | -1): string | null {
  const ids = index.articlesByKey.get(key);
  if (!ids || ids.length === 0) return null;
  const n = index.order.length;
  const here = index.order.indexOf(currentArticleId);
  if (here === -1) return direction === 1 ? ids[0]! : ids[ids.length - 1]!;
  const mentioning = new Set(ids);
  for (let step = 1; step < n; step++) {
    const id = index.order[(((here + direction * step) % n) + n) % n]!;
    if (mentioning.has(id)) return id;
  }
  return null;
}

/** The entities that share the most articles with `key`, with how many: the library screen's "appears with". */
export function appearsWith(index: LibraryEntityIndex, key: string, limit = 10): { entity: LibraryEntity; articles: number }[] {
  if (limit <= 0) return [];
  const { positionOf, docStart, docs, entityStart, entitiesOfDoc } = index.postings;
  const self = positionOf.get(key);
  if (self === undefined) return [];
  // Counted in a typed array by entity position: an entity in every article of 20,000 shares
  // some with thousands, and a map of their keys was most of a second on the UI thread. One
  // array for every call, cleared where it was touched: `lede entities --library` asks this of
  // each of 33,786 entities at 20,000 articles, and a new array each time was 4.5 GB to zero.
  const shared = sharedCounts(index.entities.length);
  const touched: number[] = [];
  for (let k = docStart[self]!; k < docStart[self + 1]!; k++) {
    const doc = docs[k]!;
    for (let j = entityStart[doc]!; j < entityStart[doc + 1]!; j++) {
      const other = entitiesOfDoc[j]!;
      if (other === self) continue;
      if (shared[other] === 0) touched.push(other);
      shared[other]! += 1;
    }
  }
  // Most shared articles, then the more frequent entity, then by key: the first `limit` of that
  // order, kept as they come rather than sorting them all (`lede entities --library` asks this of
  // every entity).
  const entity = (p: number) => index.entities[p]!;
  const before = (a: number, b: number) => shared[a]! - shared[b]! || entity(a).articles - entity(b).articles || entity(b).key.localeCompare(entity(a).key);
  const top: number[] = [];
  for (const other of touched) {
    if (top.length === limit && before(other, top[top.length - 1]!) <= 0) continue;
    let at = top.length;
    while (at > 0 && before(other, top[at - 1]!) > 0) at--;
    top.splice(at, 0, other);
    if (top.length > limit) top.pop();
  }
  const result = top.map((p) => ({ entity: entity(p), articles: shared[p]! }));
  for (const p of touched) shared[p] = 0;
  return result;
}

let counts = new Int32Array(0);

/** appearsWith's counting array, all zeros, at least `length` long. */
function sharedCounts(length: number): Int32Array {
  if (counts.length < length) counts = new Int32Array(length);
  return counts;
}
