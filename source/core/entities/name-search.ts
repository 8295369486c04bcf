/**
 * Finding the library's entities by name — `@name` in a query and the library screen's filter —
 * with the same rule as the search's plain words (one rule, one place): each word of the name
 * typed is a word of the entity's name or of one of its other names, a word it starts, or a typo
 * of one within the search's budget (distance.ts).
 */
import { fold, forEachToken } from '../search/fold.js';
import { Vocabulary } from '../search/vocabulary.js';
import type { LibraryEntity, LibraryEntityIndex } from './library-index.js';

export interface NameMatch {
  entity: LibraryEntity;
  /** Higher is better: the sum over the typed words of their best match quality, plus 1 for the whole name. */
  score: number;
}

export class EntityNames {
  private readonly vocab = new Vocabulary();
  /** Word id -> the positions in `entities` of the entities with that word in a name. */
  private readonly holders: number[][] = [];
  private readonly folded: string[];

  constructor(private readonly entities: readonly LibraryEntity[]) {
    this.folded = entities.map((e) => fold(e.name));
    entities.forEach((entity, position) => {
      for (const name of [entity.name, ...entity.aliases]) {
        const f = fold(name);
        forEachToken(f, (start, end) => {
          const id = this.vocab.internRange(f, start, end);
          const list = (this.holders[id] ??= []);
          if (list[list.length - 1] !== position) list.push(position);
        });
      }
    });
  }

  /** Entities whose names hold every word of `query`, best first (then most articles). */
  match(query: string): NameMatch[] {
    const q = fold(query.replace(/_/g, ' ')).trim();
    const words: string[] = [];
    forEachToken(q, (start, end) => words.push(q.slice(start, end)));
    if (words.length === 0) return [];
    let scores: Map<number, number> | undefined;
    for (const word of words) {
      const expansion = this.vocab.expand(word);
      const best = new Map<number, number>();
      for (let k = 0; k < expansion.ids.length; k++) {
        const quality = expansion.quality[k]!;
        for (const position of this.holders[expansion.ids[k]!] ?? []) {
          if ((best.get(position) ?? 0) < quality) best.set(position, quality);
        }
      }
      if (!scores) scores = best;
      else {
        const both = new Map<number, number>();
        for (const [position, score] of scores) {
          const more = best.get(position);
          if (more !== undefined) both.set(position, score + more);
        }
        scores = both;
      }
      if (scores.size === 0) return [];
    }
    const matches: NameMatch[] = [];
    for (const [position, score] of scores ?? []) {
      matches.push({ entity: this.entities[position]!, score: score + (this.folded[position] === q ? 1 : 0) });
    }
    return matches.sort((a, b) => b.score - a.score || b.entity.articles - a.entity.articles || a.entity.name.localeCompare(b.entity.name));
  }
}

const namesOf = new WeakMap<LibraryEntityIndex, EntityNames>();

/** The name index of a library's entities, built on first need. */
export function entityNames(index: LibraryEntityIndex): EntityNames {
  let names = namesOf.get(index);
  if (!names) {
    names = new EntityNames(index.entities);
    namesOf.set(index, names);
  }
  return names;
}

/** Article ids (library order) mentioning an entity `name` matches. */
export function articlesMatching(index: LibraryEntityIndex, name: string): string[] {
  const hit = new Set(entityNames(index).match(name.replace(/^@/, '')).flatMap((m) => index.articlesByKey.get(m.entity.key) ?? []));
  return index.order.filter((id) => hit.has(id));
}

/** Article ids (library order) that match every one of `terms`: `@a @b`, an AND like the words of a query. */
export function articlesMatchingAll(index: LibraryEntityIndex, terms: readonly string[]): string[] {
  if (terms.length === 0) return [...index.order];
  const sets = terms.map((term) => new Set(articlesMatching(index, term)));
  return index.order.filter((id) => sets.every((set) => set.has(id)));
}
