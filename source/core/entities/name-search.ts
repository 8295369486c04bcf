/**
 * Finding the library's entities by name — `@name` in a query and the library screen's filter —
 * with the same rule as the search's plain words (one rule, one place): each word of the name
 * typed is a word of the entity's name or of one of its other names, a word it starts, or a typo
 * of one within the search's budget (distance.ts). The name comes already parsed out of the query
 * (core/search/query.ts reads `@`, `_` and quotes).
 */
import { fold, forEachToken } from '../search/fold.js';
import { Vocabulary } from '../search/vocabulary.js';
import { runSteps, runStepsInSlices } from '../load/time-slices.js';
import type { LibraryEntity, LibraryEntityIndex } from './library-index.js';

export interface NameMatch {
  entity: LibraryEntity;
  /**
   * How well the typed name matches, in (0, 1]: 1 when it is the entity's name or one of its other
   * names; else the mean over the typed words of their best quality (1 a word of a name, 0.8–0.9 a
   * word it starts, 0.6 or 0.45 a typo: vocabulary.ts), times WORD_OF_NAME.
   */
  quality: number;
}

/**
 * A name that holds the typed words but is not the typed name ("Tony Blair" for `blair`) ranks a
 * little below one that is ("Blair"): by less than the most mentions add (0.09, term-evaluation.ts),
 * so an article that mentions the one many times can still come before one naming the other once.
 */
export const WORD_OF_NAME = 0.95;

/** A name's words, folded, one space apart: how two names are compared whole. */
function wordsOf(name: string): string[] {
  const f = fold(name);
  const words: string[] = [];
  forEachToken(f, (start, end) => words.push(f.slice(start, end)));
  return words;
}

/**
 * Bump when what the name index holds of a name changes (which words it is under). Folding and
 * tokenising are the search's, versioned by SEARCH_INDEX_VERSION: a saved name index carries both
 * (library-index-file.ts), and is built again, not loaded, when either differs.
 */
export const NAME_INDEX_VERSION = 1;

/** What a name index is, to be saved and loaded (library-index-file.ts) rather than built again. */
export interface SavedEntityNames {
  /** Every word of every name, folded, by id (ids as the build gives them: first seen first). */
  terms: readonly string[];
  /** The entities with term `t` in a name: holder[holderStart[t] .. holderStart[t + 1]), positions in the entities, ascending. */
  holderStart: Int32Array;
  holder: Int32Array;
}

export class EntityNames {
  private vocab = new Vocabulary();
  /** Word id -> the positions in `entities` of the entities with that word in a name (CSR: see SavedEntityNames). */
  private holderStart: Int32Array = new Int32Array(1);
  private holder: Int32Array = new Int32Array(0);
  /**
   * Each entity's names (its name and aliases) as wordsOf(…).join(' '), made when first needed:
   * only for an entity every typed word is a word of (a quarter of the build at 20,000 articles).
   */
  private readonly wholeNames: (ReadonlySet<string> | undefined)[] = [];

  /** `indexed` false: empty, for inSteps (or fromSaved) to fill. */
  constructor(
    private readonly entities: readonly LibraryEntity[],
    indexed = true,
  ) {
    if (indexed) runSteps(this.indexInSteps());
  }

  /** The index over `entities`, built a slice at a time (a pause every NAMES_PER_STEP entities). */
  static *inSteps(entities: readonly LibraryEntity[]): Generator<void, EntityNames> {
    const names = new EntityNames(entities, false);
    yield* names.indexInSteps();
    return names;
  }

  /**
   * The index over `entities` that `saved` is (checked by its loader: holders inside `entities`
   * and ascending), or undefined when two of its terms are alike. Nothing is built but the
   * vocabulary's buckets are made here (a few milliseconds at 20,000 articles), not at the first
   * name asked (a key).
   */
  static fromSaved(entities: readonly LibraryEntity[], saved: SavedEntityNames): EntityNames | undefined {
    const vocab = Vocabulary.ofDistinct(saved.terms);
    if (!vocab || saved.holderStart.length !== saved.terms.length + 1) return undefined;
    vocab.prepareExpansion();
    const names = new EntityNames(entities, false);
    names.vocab = vocab;
    names.holderStart = saved.holderStart;
    names.holder = saved.holder;
    return names;
  }

  /** The index as it is saved. */
  saved(): SavedEntityNames {
    return { terms: this.vocab.terms, holderStart: this.holderStart, holder: this.holder };
  }

  private *indexInSteps(): Generator<void, void> {
    const lists: number[][] = [];
    for (const [position, entity] of this.entities.entries()) {
      if (position % NAMES_PER_STEP === NAMES_PER_STEP - 1) yield;
      const add = (name: string) => {
        const f = fold(name);
        forEachToken(f, (start, end) => {
          const list = (lists[this.vocab.internRange(f, start, end)] ??= []);
          if (list[list.length - 1] !== position) list.push(position);
        });
      };
      add(entity.name);
      for (const alias of entity.aliases) add(alias);
    }
    const holderStart = new Int32Array(lists.length + 1);
    for (let t = 0; t < lists.length; t++) holderStart[t + 1] = holderStart[t]! + lists[t]!.length;
    const holder = new Int32Array(holderStart[lists.length]!);
    for (let t = 0; t < lists.length; t++) holder.set(lists[t]!, holderStart[t]!);
    this.holderStart = holderStart;
    this.holder = holder;
  }

  /** The names of the entity at `position`, each as its folded words one space apart. */
  private wholeNamesOf(position: number): ReadonlySet<string> {
    let whole = this.wholeNames[position];
    if (!whole) {
      const entity = this.entities[position]!;
      whole = new Set([entity.name, ...entity.aliases].map((name) => wordsOf(name).join(' ')));
      this.wholeNames[position] = whole;
    }
    return whole;
  }

  /** Entities whose names hold every word of `name`, best first (then most articles, then name). */
  match(name: string): NameMatch[] {
    const words = wordsOf(name);
    if (words.length === 0) return [];
    const { holderStart, holder } = this;
    let sums: Map<number, number> | undefined;
    for (const word of words) {
      const expansion = this.vocab.expand(word);
      const best = new Map<number, number>();
      for (let k = 0; k < expansion.ids.length; k++) {
        const quality = expansion.quality[k]!;
        const id = expansion.ids[k]!;
        for (let h = holderStart[id]!; h < holderStart[id + 1]!; h++) {
          const position = holder[h]!;
          if ((best.get(position) ?? 0) < quality) best.set(position, quality);
        }
      }
      if (!sums) sums = best;
      else {
        const both = new Map<number, number>();
        for (const [position, sum] of sums) {
          const more = best.get(position);
          if (more !== undefined) both.set(position, sum + more);
        }
        sums = both;
      }
      if (sums.size === 0) return [];
    }
    const typed = words.join(' ');
    const matches: NameMatch[] = [];
    for (const [position, sum] of sums ?? []) {
      // A name that is the typed one has every typed word as a word of it (quality 1 each): only
      // such an entity's names are compared whole.
      const whole = sum === words.length && this.wholeNamesOf(position).has(typed);
      matches.push({ entity: this.entities[position]!, quality: whole ? 1 : WORD_OF_NAME * (sum / words.length) });
    }
    return matches.sort((a, b) => b.quality - a.quality || b.entity.articles - a.entity.articles || a.entity.name.localeCompare(b.entity.name));
  }
}

const namesOf = new WeakMap<LibraryEntityIndex, EntityNames>();
/** The build in slices of an index's name index while it runs: a caller that needs it at once finishes it. */
const building = new WeakMap<LibraryEntityIndex, { steps: Generator<void, EntityNames>; finished: Promise<EntityNames> }>();

/** Entities between two places where building the name index may pause. */
const NAMES_PER_STEP = 512;

/** The name index of a library's entities, built on first need (or before: entityNamesInSlices). */
export function entityNames(index: LibraryEntityIndex): EntityNames {
  let names = namesOf.get(index);
  if (!names) {
    // Its build in slices finished here rather than begun again: a filter key typed while it runs
    // pays only what is left (at 20,000 articles the whole build is 150-250 ms).
    const started = building.get(index);
    building.delete(index);
    names = started ? runSteps(started.steps) : new EntityNames(index.entities);
    namesOf.set(index, names);
  }
  return names;
}

/**
 * The same, built in slices of `sliceMs` with turns for the event loop between them and kept for
 * `index`: at 20,000 articles (34,000 entities) it is too long for the key that first needs it.
 */
export function entityNamesInSlices(index: LibraryEntityIndex, sliceMs: number): Promise<EntityNames> {
  const known = namesOf.get(index);
  if (known) return Promise.resolve(known);
  const running = building.get(index);
  if (running) return running.finished;
  const steps = EntityNames.inSteps(index.entities);
  const finished = (async () => {
    const names = await runStepsInSlices(untilBuiltAtOnce(index, steps), sliceMs);
    building.delete(index);
    // Another caller may have needed it meanwhile and finished it at once: one index, one name index.
    const first = namesOf.get(index) ?? names!;
    namesOf.set(index, first);
    return first;
  })();
  building.set(index, { steps, finished });
  return finished;
}

/** Keeps `names` (loaded with `index`, library-index-file.ts) as the name index of `index`: nothing is built for it. */
export function keepEntityNames(index: LibraryEntityIndex, names: EntityNames): void {
  namesOf.set(index, names);
}

/** Whether the name index of `index` is built (a filter or an `@name` asked now does not build it). */
export function hasEntityNames(index: LibraryEntityIndex): boolean {
  return namesOf.has(index);
}

/** The steps of `build`, given up (undefined) as soon as a caller finished the name index of `index` at once. */
function* untilBuiltAtOnce(index: LibraryEntityIndex, build: Generator<void, EntityNames>): Generator<void, EntityNames | undefined> {
  for (;;) {
    if (namesOf.has(index)) return undefined;
    const step = build.next();
    if (step.done) return step.value;
    yield;
  }
}
