/**
 * lede's search core (pure TypeScript, no terminal): corpus-wide search with fzf operators and typo
 * tolerance (`LibrarySearch`, with `@name` terms answered by an `EntityTermSource`), query parsing
 * (`parseQuery`) and in-article search (`findInText`).
 */
export { LibrarySearch, type SearchHit, type SearchOptions, type SearchResult, type BuildOptions, type FieldMatch, type Measure, type Snippet } from './library-search.js';
export { hasEntityTerms, parseQuery, type ParsedQuery, type QueryTerm, type TermKind } from './query.js';
export { findInText, type TextMatch } from './find-in-text.js';
export { fold, foldWithMap } from './fold.js';
export { maxTypos } from './distance.js';
export type { EntityMatch, EntityTermSource } from './entity-terms.js';
