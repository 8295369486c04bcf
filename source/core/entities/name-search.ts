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

export class EntityNames {
  private readonly vocab = new Vocabulary();
  /** Word id -> the positions in `entities` of the entities with that word in a name. */
  private readonly holders: number[][] = [];
  /** Each entity's names (its name and aliases) as wordsOf(…).join(' '). */
  private readonly wholeNames: ReadonlySet<string>[] = [];

  /** `indexed` false: empty, for inSteps to fill. */
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

  private *indexInSteps(): Generator<void, void> {
    for (const [position, entity] of this.entities.entries()) {
      if (position % NAMES_PER_STEP === NAMES_PER_STEP - 1) yield;
      const whole = new Set<string>();
      for (const name of [entity.name, ...entity.aliases]) {
        const words = wordsOf(name);
        whole.add(words.join(' '));
        for (const word of words) {
          const list = (this.holders[this.vocab.intern(word)] ??= []);
          if (list[list.length - 1] !== position) list.push(position);
        }
      }
      this.wholeNames.push(whole);
    }
  }

  /** Entities whose names hold every word of `name`, best first (then most articles, then name). */
  match(name: string): NameMatch[] {
    const words = wordsOf(name);
    if (words.length === 0) return [];
    let sums: Map<number, number> | undefined;
    for (const word of words) {
      const expansion = this.vocab.expand(word);
      const best = new Map<number, number>();
      for (let k = 0; k < expansion.ids.length; k++) {
        const quality = expansion.quality[k]!;
        for (const position of this.holders[expansion.ids[k]!] ?? []) {
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
      const whole = this.wholeNames[position]!.has(typed);
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
