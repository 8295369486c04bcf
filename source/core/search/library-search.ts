/**
 * Corpus-wide search: the fzf query language with typo tolerance, over the library's inverted
 * index (search-index.ts).
 *
 * How a query runs: the query is parsed (query.ts); every term is evaluated to the articles it
 * matches with their title and body match quality (term-evaluation.ts), cached per term, so
 * typing one more character only re-evaluates the last term; the groups are intersected and
 * ranked (ranking.ts). Highlights and snippets are computed lazily, only for the hits whose
 * `matches` or `snippet` is read (a screenful, hits.ts), so a keystroke never folds bodies.
 * `@name` terms are evaluated from the library's entities (entity-terms.ts), once they are given
 * (`setEntities`); until then they match nothing, and the result says it is waiting for them.
 */
import { type EntityTermEval, type EntityTermSource, entityRanges, evalEntityTerm } from './entity-terms.js';
import type { FieldMatch, TermMatcher } from './highlight.js';
import type { Measure, Snippet } from './snippet.js';
import { FoldedBodies, type WordedText } from './folded-bodies.js';
import { groupMatchers, makeHit, type SearchHit } from './hits.js';
import { PROXIMITY_POOL, proximityBonus } from './proximity.js';
import { parseQuery, type ParsedQuery, type QueryTerm } from './query.js';
import { evalGroup, GroupScratch, selectTop } from './ranking.js';
import { Scratch } from './scratch.js';
import { type Doc, SearchIndex } from './search-index.js';
import { TimeSlices } from '../load/time-slices.js';
import { type TermEval, TermScratch, termSteps } from './term-evaluation.js';

export type { FieldMatch, Measure, SearchHit, Snippet };

export interface SearchOptions {
  /** Most hits to return (default 50); `total` still counts them all. */
  limit?: number;
  /** Only articles for which this returns true are considered. */
  filter?: (index: number) => boolean;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Number of matching articles (after `filter`), not just the returned ones. */
  total: number;
  /** How many of `total` match only with typos forgiven (a plain word within its typo budget); absent: none. */
  withTypos?: number;
  /** The query has @name terms and the library's entities are not known yet: they matched nothing. */
  waitingForEntities?: true;
}

export interface BuildOptions {
  /** Called after every slice with the number of articles indexed so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Most articles per slice (default 500). */
  chunkSize?: number;
  /** Yield to the event loop after this many milliseconds of work (default 8). */
  sliceMs?: number;
  signal?: AbortSignal;
  /** Puts a saved index in place of the build, or says it cannot (search-index-cache.ts); tried once, before the first slice. */
  restore?: (index: SearchIndex) => Promise<boolean>;
  /** How a phrase or punctuated term reads a candidate's body to test it (SearchIndex.bodyToMatch); default: its text. */
  bodyToMatch?: (doc: Doc) => string;
}

interface CacheEntry {
  indexed: number;
  extraVersion: number;
  value: TermEval;
}

/** Terms whose results are kept between keystrokes. */
const TERM_CACHE_SIZE = 48;
/** How the term cache's keys (`kind:folded`) of entity terms start. */
const ENTITY_KEY = 'entity:';

export class LibrarySearch {
  private readonly index: SearchIndex;
  private readonly termCache = new Map<string, CacheEntry>();
  /** Bumped by every search; a searchInSlices that finds it changed stops. */
  private searchRun = 0;
  /** searchInSlices calls under way, and the background work waiting for them to end. */
  private slicedSearches = 0;
  private readonly afterSlicedSearches: Array<() => void> = [];
  // Arrays the size of the library, reused from one search to the next (see scratch.ts).
  private readonly terms = new TermScratch();
  private readonly groups = new GroupScratch();
  private readonly totals = new Scratch((n) => new Float64Array(n));
  private matcherCache: { parsed: ParsedQuery; groups: TermMatcher[][]; matchers: TermMatcher[] } | undefined;
  private entities: EntityTermSource | null = null;
  /** Bodies read for hits and proximity, folded once for the keys that read them again. */
  private readonly bodies = new FoldedBodies();

  /** Builds the whole index now (synchronously). For a large library use `LibrarySearch.start`. */
  constructor(articles: readonly Doc[], options: { defer?: boolean } = {}) {
    this.index = new SearchIndex(articles);
    if (!options.defer) this.index.indexSome(Infinity, Infinity);
  }

  /**
   * Builds the index in slices, yielding to the event loop between them (setImmediate), so a UI can
   * render its first frame and keep echoing keys while a large library is indexed. The instance is
   * given at once and can be searched at any time: until `done`, results cover the articles
   * indexed so far.
   */
  static start(articles: readonly Doc[], options: BuildOptions = {}): { search: LibrarySearch; done: Promise<LibrarySearch> } {
    const search = new LibrarySearch(articles, { defer: true });
    if (options.bodyToMatch) search.index.useBodyToMatch(options.bodyToMatch);
    const chunk = options.chunkSize ?? 500;
    const sliceMs = options.sliceMs ?? 8;
    const done = new Promise<LibrarySearch>((resolve, reject) => {
      const step = (): void => {
        if (options.signal?.aborted) {
          reject(options.signal.reason ?? new Error('aborted'));
          return;
        }
        try {
          search.index.indexSome(chunk, sliceMs);
        } catch (error) {
          reject(error);
          return;
        }
        options.onProgress?.(search.index.indexedCount, articles.length);
        if (search.ready) resolve(search);
        else setImmediate(step);
      };
      const restored = options.restore?.(search.index).catch(() => false) ?? Promise.resolve(false);
      void restored.then(() => setImmediate(step));
    });
    return { search, done };
  }

  /** The index, once complete: what search-index-cache.ts saves. */
  get completeIndex(): SearchIndex | undefined {
    return this.index.ready ? this.index : undefined;
  }

  /** All articles are indexed. */
  get ready(): boolean {
    return this.index.ready;
  }

  /** Number of distinct words in the index. */
  get vocabularySize(): number {
    return this.index.vocab.size;
  }

  /** Extra searchable words per article (entity names), replacing any given before; see SearchIndex. */
  setManyExtraTerms(entries: Iterable<readonly [number, readonly string[]]>): void {
    this.index.setManyExtraTerms(entries);
  }

  /** The same in slices of `sliceMs`, with turns for the event loop between them; aborted: nothing changes. */
  async setManyExtraTermsInSlices(entries: Iterable<readonly [number, readonly string[]]>, sliceMs: number, signal?: AbortSignal): Promise<void> {
    const slices = new TimeSlices(sliceMs);
    const steps = this.index.extraTermsInSteps(entries);
    for (let step = steps.next(); !step.done; step = steps.next()) {
      await slices.pauseIfDue();
      // A key's search goes first: each step changes the index, which would supersede a sliced
      // search paused between its slices (its key then answered only once every name had joined).
      while (this.slicedSearches > 0) await new Promise<void>((resolve) => this.afterSlicedSearches.push(resolve));
      signal?.throwIfAborted();
    }
  }

  /**
   * The library's entities, for `@name` terms (null: not known); replaces any given before, and
   * no result computed with those is used again.
   */
  setEntities(source: EntityTermSource | null): void {
    this.entities = source;
    // Dropped rather than only ignored: they hold on to the old entities' arrays.
    for (const key of [...this.termCache.keys()]) if (key.startsWith(ENTITY_KEY)) this.termCache.delete(key);
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    // A searchInSlices paused between slices must not go on: this search reuses its arrays.
    this.searchRun++;
    const parsed = parseQuery(query);
    const limit = Math.max(0, options.limit ?? 50);
    const filter = options.filter;
    const n = this.index.indexedCount;
    const hit = this.hitMaker(parsed, n);
    const waiting = !this.entities && parsed.groups.some((group) => group.some((term) => term.kind === 'entity'));
    const done = (result: SearchResult): SearchResult => (waiting ? { ...result, waitingForEntities: true } : result);

    if (parsed.groups.length === 0) {
      // An empty query matches everything, in library order.
      const hits: SearchHit[] = [];
      let total = 0;
      for (let d = 0; d < n; d++) {
        if (filter && !filter(d)) continue;
        total++;
        if (hits.length < limit) hits.push(hit(d, 0));
      }
      return { hits, total, withTypos: 0 };
    }

    // Evaluate each group: match flags and summed scores.
    const groups = parsed.groups.map((group, slot) => evalGroup(group, n, slot, (term) => this.evalTerm(term, n), this.groups, this.terms));
    groups.sort((a, b) => a.count - b.count);
    const scored: number[] = [];
    const scores = this.totals.get(0, n);
    const first = groups[0]!;
    let withTypos = 0;
    for (const d of first.docs) {
      let ok = true;
      let score = first.score[d]!;
      let typo = first.typoOnly[d]!;
      for (let g = 1; g < groups.length; g++) {
        const group = groups[g]!;
        if (!group.match[d]) {
          ok = false;
          break;
        }
        score += group.score[d]!;
        typo |= group.typoOnly[d]!;
      }
      if (!ok || (filter && !filter(d))) continue;
      scores[d] = score;
      scored.push(d);
      withTypos += typo;
    }
    this.addProximity(parsed, scored, scores);
    const top = selectTop(scored, scores, limit);
    return done({ hits: top.map((d) => hit(d, scores[d]!)), total: scored.length, withTypos });
  }

  /** Adds to the scores of the best PROXIMITY_POOL articles how close together the query's words stand in them. */
  private addProximity(parsed: ParsedQuery, scored: number[], scores: Float64Array): void {
    const slots = this.matchersFor(parsed).groups.filter((matchers) => matchers.length > 0);
    if (slots.length < 2) return;
    for (const d of selectTop(scored.slice(), scores, PROXIMITY_POOL)) {
      scores[d]! += proximityBonus(this.index.foldedTitles[d]!, () => this.foldedBody(d), slots);
    }
  }

  /** Makes the hits of a query: lazily highlighted, @name terms by the mentions of what they matched. */
  private hitMaker(parsed: ParsedQuery, n: number): (d: number, score: number) => SearchHit {
    const { matchers } = this.matchersFor(parsed);
    const source = this.entities;
    const evals: EntityTermEval[] = [];
    if (source) {
      for (const group of parsed.groups) {
        for (const term of group) if (term.kind === 'entity' && !term.negated) evals.push(this.evalTerm(term, n) as EntityTermEval);
      }
    }
    return (d, score) => {
      const doc = this.index.docs[d]!;
      const ranges = source && evals.length > 0 ? (text: string) => entityRanges(source, evals, d, { title: doc.title, text }) : undefined;
      return makeHit(doc, d, score, matchers, ranges, () => this.foldedBody(d));
    };
  }

  private foldedBody(d: number): WordedText {
    return this.bodies.get(d, () => this.index.docs[d]!.text);
  }

  /**
   * `search`, with the slow part (checking candidate bodies for phrase and punctuated terms, up to
   * a second a key at 20,000 articles) done in slices of `sliceMs`, between which the event loop
   * runs: keys typed meanwhile are echoed, and aborting `signal` (a newer query) stops the work.
   * Rejects when aborted, when another search ran meanwhile (they share work arrays), or when
   * articles or extra terms were indexed meanwhile (a newer search is then due anyway).
   */
  async searchInSlices(query: string, options: SearchOptions & { signal?: AbortSignal; sliceMs?: number } = {}): Promise<SearchResult> {
    this.slicedSearches++;
    try {
      return await this.searchInSlicesNow(query, options);
    } finally {
      if (--this.slicedSearches === 0) for (const resume of this.afterSlicedSearches.splice(0)) resume();
    }
  }

  private async searchInSlicesNow(query: string, options: SearchOptions & { signal?: AbortSignal; sliceMs?: number }): Promise<SearchResult> {
    const run = ++this.searchRun;
    const sliceMs = options.sliceMs ?? 8;
    const n = this.index.indexedCount;
    const version = this.index.extraVersion;
    for (const group of parseQuery(query).groups) {
      for (const term of group) {
        // An entity term reads no bodies: search() evaluates it at once.
        if (term.kind === 'entity' || this.cachedTerm(term, n)) continue;
        const steps = termSteps(this.index, this.terms, term, n);
        let deadline = performance.now() + sliceMs;
        let step = steps.next();
        while (!step.done) {
          if (performance.now() >= deadline) {
            await new Promise((resolve) => setImmediate(resolve));
            if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
            // Another search reused the work arrays, or the index changed under this one.
            if (run !== this.searchRun || n !== this.index.indexedCount || version !== this.index.extraVersion) throw new Error('superseded');
            deadline = performance.now() + sliceMs;
          }
          step = steps.next();
        }
        this.cacheTerm(term, n, step.value);
      }
    }
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
    return this.search(query, options);
  }

  private evalTerm(term: QueryTerm, n: number): TermEval {
    const cached = this.cachedTerm(term, n);
    if (cached) return cached;
    if (term.kind === 'entity') {
      const value = evalEntityTerm(this.entities, term, n, this.terms);
      this.cacheTerm(term, n, value);
      return value;
    }
    const steps = termSteps(this.index, this.terms, term, n);
    let step = steps.next();
    while (!step.done) step = steps.next();
    this.cacheTerm(term, n, step.value);
    return step.value;
  }

  /** The term's evaluation over the first n articles, if cached (and then the most recently used). */
  private cachedTerm(term: QueryTerm, n: number): TermEval | undefined {
    const key = `${term.kind}:${term.folded}`;
    const cached = this.termCache.get(key);
    if (!cached || cached.indexed !== n || cached.extraVersion !== this.index.extraVersion) return undefined;
    this.termCache.delete(key);
    this.termCache.set(key, cached);
    return cached.value;
  }

  private cacheTerm(term: QueryTerm, n: number, value: TermEval): void {
    this.termCache.set(`${term.kind}:${term.folded}`, { indexed: n, extraVersion: this.index.extraVersion, value });
    if (this.termCache.size > TERM_CACHE_SIZE) this.termCache.delete(this.termCache.keys().next().value as string);
  }

  /** How each positive term is found in a text, for highlights (all of them) and proximity (by group). */
  private matchersFor(parsed: ParsedQuery): { groups: TermMatcher[][]; matchers: TermMatcher[] } {
    if (this.matcherCache?.parsed !== parsed) {
      const groups = groupMatchers(parsed, [this.index.vocab, this.index.extraVocab]);
      this.matcherCache = { parsed, groups, matchers: groups.flat() };
    }
    return this.matcherCache;
  }
}
