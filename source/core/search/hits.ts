/** A search hit as the list shows it: its matches and snippet, computed only when read (a screenful). */
import { computeMatches, type FieldMatch, type TermMatcher } from './highlight.js';
import type { ParsedQuery } from './query.js';
import type { Doc } from './search-index.js';
import { computeSnippet, type Measure, type Snippet } from './snippet.js';
import type { Vocabulary } from './vocabulary.js';

export interface SearchHit {
  /** Position in the articles array given to LibrarySearch. */
  index: number;
  /** Higher is better; see ranking.ts. */
  score: number;
  /** Every match of a positive term, sorted by field (title first) then offset, non-overlapping. */
  matches: FieldMatch[];
  /** One line of body context around the best body match, SNIPPET_LENGTH units; highlights are offsets into `snippet.text`. */
  snippet: Snippet;
  /** The same line cut to `width` as `measure` counts it (the list: terminal columns), the match kept whole. */
  snippetAt(width: number, measure: Measure): Snippet;
}

/** Snippet length in UTF-16 units, ellipses included. */
export const SNIPPET_LENGTH = 120;

/**
 * A hit whose `matches` and `snippet` are computed when first read (the body is decoded once for
 * both). `entityRanges` gives where the query's @name terms match in it (their mentions): they are
 * highlighted with the rest, and the snippet is the first body one.
 */
export function makeHit(
  doc: Doc,
  index: number,
  score: number,
  matchers: readonly TermMatcher[],
  entityRanges?: (body: string) => FieldMatch[],
): SearchHit {
  let matches: FieldMatch[] | undefined;
  let snippet: Snippet | undefined;
  let entities: FieldMatch[] | undefined;
  const hit = { index, score } as SearchHit;
  let text: string | undefined;
  const body = (): string => (text ??= doc.text);
  const ofEntities = (): FieldMatch[] => (entities ??= entityRanges ? entityRanges(body()) : []);
  const getMatches = (): FieldMatch[] => (matches ??= computeMatches({ title: doc.title, text: body() }, matchers, ofEntities()));
  Object.defineProperty(hit, 'matches', { enumerable: true, configurable: true, get: getMatches });
  const snippetOf = (width: number, measure?: Measure) => computeSnippet(body(), getMatches(), width, ofEntities().find((m) => m.field === 'text'), measure);
  Object.defineProperty(hit, 'snippet', {
    enumerable: true,
    configurable: true,
    get: () => (snippet ??= snippetOf(SNIPPET_LENGTH)),
  });
  // The list draws a hit at one width until a resize: the last one is kept.
  let sized: { width: number; measure: Measure; snippet: Snippet } | undefined;
  hit.snippetAt = (width, measure) => {
    if (sized?.width !== width || sized.measure !== measure) sized = { width, measure, snippet: snippetOf(width, measure) };
    return sized.snippet;
  };
  return hit;
}

/**
 * How each positive term of a query is found in a text, for highlights and proximity (typos as the
 * vocabularies expand them): one list per OR group, empty for a group of only negated or @name terms.
 */
export function groupMatchers(parsed: ParsedQuery, vocabularies: readonly Vocabulary[]): TermMatcher[][] {
  return parsed.groups.map((group) => {
    const matchers: TermMatcher[] = [];
    for (const term of group) {
      // An entity's mentions are found from the article's entities, not by matching text (entity-terms.ts).
      if (term.negated || term.kind === 'entity') continue;
      if (term.kind === 'fuzzy') {
        const typos = new Set<string>();
        for (const vocab of vocabularies) {
          const e = vocab.expand(term.folded);
          for (let k = 0; k < e.ids.length; k++) if (e.kinds[k] === 'typo' || e.kinds[k] === 'typoPrefix') typos.add(vocab.terms[e.ids[k]!]!);
        }
        matchers.push({ kind: 'fuzzy', q: term.folded, typos });
      } else {
        matchers.push({ kind: term.kind, q: term.folded });
      }
    }
    return matchers;
  });
}
