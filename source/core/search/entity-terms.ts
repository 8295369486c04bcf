/**
 * `@name` terms: what the search needs of the library's entities, and how an entity term is
 * evaluated and highlighted. The search knows nothing of how entities are found: it is given an
 * EntityTermSource (core/entities/entity-term-source.ts makes one from the library's entities).
 *
 * Ranked like a word (ranking.ts), with the entity's mentions for occurrences: a mention in the
 * title is a title match, the body match adds the frequency bonus of its mentions, and the match
 * quality is how well the typed name matches the entity's (its name or another name it goes by,
 * a word of it, a word it starts, a typo: the search's own word rule).
 */
import { firstIndexWhere } from '../sorted.js';
import { fold } from './fold.js';
import { computeMatches, type FieldMatch } from './highlight.js';
import type { QueryTerm } from './query.js';
import { compact, keepBodyMatch, type TermEval, termArrays, type TermScratch } from './term-evaluation.js';

/** One entity a typed name matches, with the articles that mention it. */
export interface EntityMatch {
  /** The library's key of the entity. */
  key: string;
  /** How well the typed name matches it, in (0, 1]: 1 for its name or another name it goes by. */
  quality: number;
  /** Its name and other names: highlighted where its mentions cannot be read. */
  names: readonly string[];
  /** Positions in the library of the articles that mention it, ascending. */
  docs: Int32Array;
  /** mentions[k]: how often article docs[k] mentions it (title included). */
  mentions: Int32Array;
  /** inTitle[k]: 1 when article docs[k] mentions it in its title. */
  inTitle: Uint8Array;
}

export interface EntityTermSource {
  /** The entities a typed name (folded) matches, each with the articles mentioning it. */
  match(name: string): EntityMatch[];
  /**
   * The mentions in article `doc` of the entities with these keys, title first, each field by
   * start; undefined when the article's entities cannot be read now, without waiting.
   */
  mentionsOf(doc: number, keys: ReadonlySet<string>): FieldMatch[] | undefined;
}

/** An entity term's evaluation, with the entities it matched (for highlights). */
export interface EntityTermEval extends TermEval {
  matches: EntityMatch[];
}

const NOTHING: EntityMatch[] = [];

/** The articles among the first n that mention an entity the term's name matches, with their title and body qualities. */
export function evalEntityTerm(source: EntityTermSource | null, term: QueryTerm, n: number, scratch: TermScratch): EntityTermEval {
  const { title, body, count } = termArrays(scratch, n);
  const matches = source ? source.match(term.folded) : NOTHING;
  for (const m of matches) {
    for (let k = 0; k < m.docs.length; k++) {
      const d = m.docs[k]!;
      if (d >= n) break;
      const inTitle = m.inTitle[k] === 1;
      if (inTitle && m.quality > title[d]!) title[d] = m.quality;
      // A title mention is counted in `mentions`: the body's are the rest.
      const bodyMentions = m.mentions[k]! - (inTitle ? 1 : 0);
      if (bodyMentions > 0) keepBodyMatch(body, count, d, m.quality, bodyMentions);
    }
  }
  return { ...compact(title, body, count, n), matches };
}

/** The keys of the entities the evaluations matched: made once per evaluation (cached per term) or query, not per hit. */
const keysOf = new WeakMap<object, ReadonlySet<string>>();

function matchedKeys(evals: readonly EntityTermEval[]): ReadonlySet<string> {
  const owner = evals.length === 1 ? evals[0]! : evals;
  let keys = keysOf.get(owner);
  if (!keys) keysOf.set(owner, (keys = new Set(evals.flatMap((ev) => ev.matches.map((m) => m.key)))));
  return keys;
}

/**
 * Where the query's entity terms match in article `doc`: the mentions of the entities they matched
 * (the source picks them out of the article's own few entities), or, when the article's entities
 * cannot be read now, those entities' names found in its title and text as words.
 */
export function entityRanges(
  source: EntityTermSource,
  evals: readonly EntityTermEval[],
  doc: number,
  article: { readonly title: string; readonly text: string },
): FieldMatch[] {
  if (evals.length === 0) return [];
  const mentions = source.mentionsOf(doc, matchedKeys(evals));
  if (mentions) return mentions;
  const names = new Set<string>();
  for (const ev of evals) {
    for (const m of ev.matches) {
      const at = firstIndexWhere(m.docs.length, (k) => m.docs[k]! >= doc);
      if (m.docs[at] === doc) for (const name of m.names) names.add(fold(name));
    }
  }
  return names.size === 0 ? [] : computeMatches(article, [...names].map((name) => ({ kind: 'boundary', q: name })));
}
