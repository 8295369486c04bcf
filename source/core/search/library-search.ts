/**
 * Corpus-wide search: an inverted index of folded word tokens with typo-tolerant term expansion.
 *
 * How a query runs: the query is parsed (fzf syntax, see query.ts); every term is evaluated to a
 * per-article score array from the posting lists of the vocabulary terms it expands to (cached
 * per term, so typing one more character only re-evaluates the last term); the groups are
 * intersected; the survivors are ranked. Highlights and snippets are computed lazily, only for
 * the hits whose `matches` or `snippet` is read (a screenful), so a keystroke never folds bodies.
 *
 * Scores — higher is better, a sum over the query's positive terms of:
 *   title match: 2 + q          (so any title hit outranks any body-only hit of the same term)
 *   body match:  q + up to 0.09 (more occurrences, slightly higher)
 * where q is the match quality: 1 the word itself or an exact substring, 0.8–0.9 a word it
 * starts, 0.7 an exact substring inside a word, 0.6 one typo, 0.45 two typos, 0.3 a typo in an
 * unfinished word. A term matched in both title and body adds both parts, so one term adds at
 * most 2 + 1 + 1.09 = 4.09. In an OR group the alternatives that match all add up, so an article
 * matching more terms outranks one matching fewer. Negated terms add nothing. Ties: library order.
 */
import { detached } from '../detached.js';
import { fold, forEachToken, isWordUnit } from './fold.js';
import { PostingStore } from './postings.js';
import { Scratch } from './scratch.js';
import { isSingleWord, parseQuery, type ParsedQuery, type QueryTerm } from './query.js';
import { HASH_START, hashStep, QUALITY, Vocabulary, type Expansion } from './vocabulary.js';
import { computeMatches, computeSnippet, type FieldMatch, type Snippet, type TermMatcher } from './highlight.js';

export type { FieldMatch, Snippet };

export interface SearchHit {
  /** Position in the articles array given to LibrarySearch. */
  index: number;
  /** Higher is better; see the scale at the top of library-search.ts. */
  score: number;
  /** Every match of a positive term, sorted by field (title first) then offset, non-overlapping. */
  matches: FieldMatch[];
  /** One line of body context around the best body match; highlights are offsets into `snippet.text`. */
  snippet: Snippet;
}

export interface SearchOptions {
  /** Most hits to return (default 50); `total` still counts them all. */
  limit?: number;
  /** Only articles for which this returns true are considered. */
  filter?: (index: number) => boolean;
  /** Snippet length in UTF-16 units (default 120), ellipses included. */
  snippetLength?: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Number of matching articles (after `filter`), not just the returned ones. */
  total: number;
}

export interface BuildOptions {
  /** Called after every slice with the number of articles indexed so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Most articles per slice (default 500). */
  chunkSize?: number;
  /** Yield to the event loop after this many milliseconds of work (default 8). */
  sliceMs?: number;
  signal?: AbortSignal;
}

type Doc = { readonly title: string; readonly text: string };

const TITLE = 1;
const BODY = 2;
const TF_MAX = 1023;
const DOC_STRIDE = 4096; // posting = doc * 4096 + flags * 1024 + min(tf, 1023)

/** Characters of each body's folded start and end kept for `^`/`$`; longer anchored terms read the body. */
const EDGE = 48;

const TF_BONUS = 0.09;
/** Body-frequency bonus by term count: 0 … 0.09, saturating at 31 occurrences. */
const TF_TABLE = Float32Array.from({ length: TF_MAX + 1 }, (_, tf) => TF_BONUS * Math.min(1, Math.log(1 + tf) / Math.log(32)));

/** Per-term evaluation: the articles matched, ascending, and for each the best title and body match quality (0 = none). */
interface TermEval {
  docs: Int32Array;
  /** title[k] and body[k] are the qualities of article docs[k]. */
  title: Float32Array;
  body: Float32Array;
}

interface CacheEntry {
  indexed: number;
  extraVersion: number;
  value: TermEval;
}

export class LibrarySearch {
  private readonly docs: readonly Doc[];
  private readonly vocab = new Vocabulary();
  private readonly postings = new PostingStore();
  /** Per-term scratch for indexing one article: the article it was last seen in, and its flags/tf. */
  private seenIn = new Int32Array(1024).fill(-1);
  private local = new Int32Array(1024);
  private readonly touched: number[] = [];
  private readonly foldedTitles: string[] = [];
  /** Each body folded and trimmed, cut to its first and last EDGE characters: `^`/`$` read these, not the bodies. */
  private readonly bodyHeads: string[] = [];
  private readonly bodyTails: string[] = [];
  private indexedCount = 0;
  private readonly termCache = new Map<string, CacheEntry>();
  private readonly termCacheLimit = 48;
  private readonly extra = new Map<number, string[]>();
  private extraVocab = new Vocabulary();
  private extraPostings = new PostingStore();
  private extraVersion = 0;
  /** Bumped by every search; a searchInSlices that finds it changed stops. */
  private searchRun = 0;
  // Arrays the size of the library, reused from one search to the next (see scratch.ts).
  private readonly groupMatch = new Scratch((n) => new Uint8Array(n));
  private readonly groupScore = new Scratch((n) => new Float64Array(n));
  private readonly docMarks = new Scratch((n) => new Uint8Array(n));
  private readonly termQuality = new Scratch((n) => new Float32Array(n));
  private readonly totals = new Scratch((n) => new Float64Array(n));

  /** Builds the whole index now (synchronously). For a large library use `LibrarySearch.build`. */
  constructor(articles: readonly Doc[], options: { defer?: boolean } = {}) {
    this.docs = articles;
    if (!options.defer) this.indexSome(Infinity, Infinity);
  }

  /**
   * Builds the index in slices, yielding to the event loop between them (setImmediate), so a UI can
   * render its first frame and keep echoing keys while a large library is indexed. The returned
   * instance can be searched at any time; until `ready`, results cover the articles indexed so far.
   * Returns the instance right away in `started`, and a promise that resolves when it is complete.
   */
  static build(articles: readonly Doc[], options: BuildOptions = {}): Promise<LibrarySearch> {
    return LibrarySearch.start(articles, options).done;
  }

  /** Like `build`, but gives the (not yet complete) instance at once, so it can be searched early. */
  static start(articles: readonly Doc[], options: BuildOptions = {}): { search: LibrarySearch; done: Promise<LibrarySearch> } {
    const search = new LibrarySearch(articles, { defer: true });
    const chunk = options.chunkSize ?? 500;
    const sliceMs = options.sliceMs ?? 8;
    const done = new Promise<LibrarySearch>((resolve, reject) => {
      const step = (): void => {
        if (options.signal?.aborted) {
          reject(options.signal.reason ?? new Error('aborted'));
          return;
        }
        try {
          search.indexSome(chunk, sliceMs);
        } catch (error) {
          reject(error);
          return;
        }
        options.onProgress?.(search.indexedCount, articles.length);
        if (search.ready) resolve(search);
        else setImmediate(step);
      };
      setImmediate(step);
    });
    return { search, done };
  }

  /** All articles are indexed. */
  get ready(): boolean {
    return this.indexedCount >= this.docs.length;
  }

  /** How many articles are indexed (searchable) so far. */
  get indexed(): number {
    return this.indexedCount;
  }

  /** Number of distinct words in the index. */
  get vocabularySize(): number {
    return this.vocab.size;
  }

  /** Indexes up to `maxDocs` more articles, stopping early after `maxMs`. Returns true when done. */
  indexSome(maxDocs: number, maxMs: number): boolean {
    const deadline = maxMs === Infinity ? Infinity : performance.now() + maxMs;
    const end = Math.min(this.docs.length, this.indexedCount + maxDocs);
    while (this.indexedCount < end) {
      this.addDoc(this.indexedCount);
      this.indexedCount++;
      if ((this.indexedCount & 15) === 0 && performance.now() >= deadline) break;
    }
    return this.ready;
  }

  private addDoc(doc: number): void {
    const article = this.docs[doc]!;
    const touched = this.touched;
    touched.length = 0;
    const title = fold(article.title);
    this.foldedTitles.push(title);
    this.indexWords(title, doc, TITLE);
    const body = fold(article.text);
    const trimmed = body.trim();
    // One character more at the head: a head no longer than EDGE is then the whole body (for `^q$`).
    this.bodyHeads.push(detached(trimmed.slice(0, EDGE + 1)));
    this.bodyTails.push(detached(trimmed.slice(-EDGE)));
    this.indexWords(body, doc, BODY);
    const base = doc * DOC_STRIDE;
    for (const id of touched) this.postings.add(id, base + this.local[id]!);
  }

  /**
   * Every word of a folded title or body into `local` (flag and, for bodies, count). Finds words
   * and hashes them in one pass: this loop is most of the index build.
   */
  private indexWords(folded: string, doc: number, field: typeof TITLE | typeof BODY): void {
    const n = folded.length;
    let i = 0;
    while (i < n) {
      while (i < n && !isWordAt(folded, i)) i++;
      if (i >= n) return;
      const start = i;
      let hash = HASH_START;
      for (; i < n && isWordAt(folded, i); i++) hash = hashStep(hash, folded.charCodeAt(i));
      const id = this.see(this.vocab.internRange(folded, start, i, hash | 0), doc);
      const v = this.local[id]!;
      if (field === TITLE) this.local[id] = v | (TITLE << 10);
      else this.local[id] = (v | (BODY << 10)) + ((v & TF_MAX) < TF_MAX ? 1 : 0);
    }
  }

  /** Marks term `id` as seen in `doc`. */
  private see(id: number, doc: number): number {
    if (id >= this.seenIn.length) {
      const size = Math.max(id + 1, this.seenIn.length * 2);
      const seen = new Int32Array(size).fill(-1);
      seen.set(this.seenIn);
      this.seenIn = seen;
      const local = new Int32Array(size);
      local.set(this.local);
      this.local = local;
    }
    if (this.seenIn[id] !== doc) {
      this.seenIn[id] = doc;
      this.local[id] = 0;
      this.touched.push(id);
    }
    return id;
  }

  /**
   * Adds extra searchable words for an article (entity names), replacing any given before. They
   * match like body words (no highlight range, since they are not in the text).
   */
  setExtraTerms(index: number, terms: string[]): void {
    this.setManyExtraTerms([[index, terms]]);
  }

  /** Like `setExtraTerms` for many articles at once: the extra index is rebuilt once, not per article. */
  setManyExtraTerms(entries: Iterable<readonly [number, readonly string[]]>): void {
    for (const [index, terms] of entries) {
      if (terms.length === 0) this.extra.delete(index);
      else this.extra.set(index, terms.slice());
    }
    // Rebuild the small extra index from scratch: entity lists are short.
    this.extraVocab = new Vocabulary();
    this.extraPostings = new PostingStore();
    for (const [doc, list] of this.extra) {
      const seen = new Set<number>();
      for (const term of list) {
        forEachWord(fold(term), (word) => {
          const id = this.extraVocab.intern(word);
          if (!seen.has(id)) {
            seen.add(id);
            this.extraPostings.add(id, doc * DOC_STRIDE + (BODY << 10) + 1);
          }
        });
      }
    }
    this.extraVersion++;
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    // A searchInSlices paused between slices must not go on: this search reuses its arrays.
    this.searchRun++;
    const parsed = parseQuery(query);
    const limit = Math.max(0, options.limit ?? 50);
    const filter = options.filter;
    const n = this.indexedCount;
    const snippetLength = options.snippetLength ?? 120;

    if (parsed.groups.length === 0) {
      // An empty query matches everything, in library order.
      const hits: SearchHit[] = [];
      let total = 0;
      for (let d = 0; d < n; d++) {
        if (filter && !filter(d)) continue;
        total++;
        if (hits.length < limit) hits.push(this.makeHit(d, 0, parsed, snippetLength));
      }
      return { hits, total };
    }

    // Evaluate each group: match flags and summed scores.
    const groups = parsed.groups.map((group, slot) => this.evalGroup(group, n, slot));
    groups.sort((a, b) => a.count - b.count);
    const scored: number[] = [];
    const scores = this.totals.get(0, n);
    const first = groups[0]!;
    for (const d of first.docs) {
      let ok = true;
      let score = first.score[d]!;
      for (let g = 1; g < groups.length; g++) {
        const group = groups[g]!;
        if (!group.match[d]) {
          ok = false;
          break;
        }
        score += group.score[d]!;
      }
      if (!ok || (filter && !filter(d))) continue;
      scores[d] = score;
      scored.push(d);
    }
    const total = scored.length;
    const top = selectTop(scored, scores, limit);
    return { hits: top.map((d) => this.makeHit(d, scores[d]!, parsed, snippetLength)), total };
  }

  /**
   * `search`, with the slow part (checking candidate bodies for phrase and punctuated terms, up to
   * a second a key at 20,000 articles) done in slices of `sliceMs`, between which the event loop
   * runs: keys typed meanwhile are echoed, and aborting `signal` (a newer query) stops the work.
   * Rejects when aborted, when another search ran meanwhile (they share work arrays), or when
   * articles or extra terms were indexed meanwhile (a newer search is then due anyway).
   */
  async searchInSlices(query: string, options: SearchOptions & { signal?: AbortSignal; sliceMs?: number } = {}): Promise<SearchResult> {
    const run = ++this.searchRun;
    const sliceMs = options.sliceMs ?? 8;
    const n = this.indexedCount;
    const version = this.extraVersion;
    for (const group of parseQuery(query).groups) {
      for (const term of group) {
        if (this.cachedTerm(term, n)) continue;
        const steps = this.termSteps(term, n);
        let deadline = performance.now() + sliceMs;
        let step = steps.next();
        while (!step.done) {
          if (performance.now() >= deadline) {
            await new Promise((resolve) => setImmediate(resolve));
            if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
            // Another search reused the work arrays, or the index changed under this one.
            if (run !== this.searchRun || n !== this.indexedCount || version !== this.extraVersion) throw new Error('superseded');
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

  /** One OR group's matches and summed scores, in the arrays of scratch slot `slot`. */
  private evalGroup(group: QueryTerm[], n: number, slot: number): { match: Uint8Array; score: Float64Array; docs: number[]; count: number } {
    const match = this.groupMatch.get(slot, n);
    const score = this.groupScore.get(slot, n);
    for (const term of group) {
      const ev = this.evalTerm(term, n);
      if (term.negated) {
        // Matches every article the term does not match.
        const hit = this.docMarks.get(0, n);
        for (const d of ev.docs) hit[d] = 1;
        for (let d = 0; d < n; d++) if (!hit[d]) match[d] = 1;
      } else {
        for (let k = 0; k < ev.docs.length; k++) {
          const d = ev.docs[k]!;
          match[d] = 1;
          const t = ev.title[k]!;
          const b = ev.body[k]!;
          score[d]! += (t > 0 ? 2 + t : 0) + b;
        }
      }
    }
    const docs: number[] = [];
    for (let d = 0; d < n; d++) if (match[d]) docs.push(d);
    return { match, score, docs, count: docs.length };
  }

  private evalTerm(term: QueryTerm, n: number): TermEval {
    const cached = this.cachedTerm(term, n);
    if (cached) return cached;
    const value = this.computeTerm(term, n);
    this.cacheTerm(term, n, value);
    return value;
  }

  /** The term's evaluation over the first n articles, if cached (and then the most recently used). */
  private cachedTerm(term: QueryTerm, n: number): TermEval | undefined {
    const key = `${term.kind}:${term.folded}`;
    const cached = this.termCache.get(key);
    if (!cached || cached.indexed !== n || cached.extraVersion !== this.extraVersion) return undefined;
    this.termCache.delete(key);
    this.termCache.set(key, cached);
    return cached.value;
  }

  private cacheTerm(term: QueryTerm, n: number, value: TermEval): void {
    this.termCache.set(`${term.kind}:${term.folded}`, { indexed: n, extraVersion: this.extraVersion, value });
    if (this.termCache.size > this.termCacheLimit) this.termCache.delete(this.termCache.keys().next().value as string);
  }

  /** Evaluates a term at once. */
  private computeTerm(term: QueryTerm, n: number): TermEval {
    const steps = this.termSteps(term, n);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Evaluates a term, yielding now and then while it checks candidate bodies one by one (phrase
   * and punctuated terms), so that searchInSlices can let the event loop run in between.
   */
  private *termSteps(term: QueryTerm, n: number): Generator<void, TermEval, void> {
    const title = this.termQuality.get(0, n);
    const body = this.termQuality.get(1, n);
    const q = term.folded;
    const word = isSingleWord(q);
    switch (term.kind) {
      case 'fuzzy':
        this.accumulate(this.vocab.expand(q), this.postings, title, body, n);
        this.accumulate(this.extraVocab.expand(q), this.extraPostings, title, body, n);
        break;
      case 'exact':
        if (word) {
          this.accumulate(this.vocab.containing(q), this.postings, title, body, n);
          this.accumulate(this.extraVocab.containing(q), this.extraPostings, title, body, n);
        } else {
          yield* this.verify(q, n, title, body, (text) => text.includes(q), /^[\x00-\x7f]*$/.test(q));
        }
        break;
      case 'boundary':
        if (word) {
          const id = this.vocab.id(q);
          const exact = (ids: number[]): Expansion => ({ ids, quality: ids.map(() => QUALITY.word), kinds: ids.map(() => 'word' as const) });
          if (id !== undefined) this.accumulate(exact([id]), this.postings, title, body, n);
          const extraId = this.extraVocab.id(q);
          if (extraId !== undefined) this.accumulate(exact([extraId]), this.extraPostings, title, body, n);
        } else {
          yield* this.verify(q, n, title, body, (text) => findBoundary(text, q, 0) >= 0);
        }
        break;
      case 'prefix':
      case 'suffix':
      case 'equal':
        this.anchored(term.kind, q, n, title, body);
        break;
    }
    // Kept (in the term cache) only for the articles matched, not as arrays the size of the library.
    let count = 0;
    for (let d = 0; d < n; d++) if (title[d]! > 0 || body[d]! > 0) count++;
    const result = { docs: new Int32Array(count), title: new Float32Array(count), body: new Float32Array(count) };
    for (let d = 0, k = 0; d < n; d++) {
      if (title[d]! > 0 || body[d]! > 0) {
        result.docs[k] = d;
        result.title[k] = title[d]!;
        result.body[k] = body[d]!;
        k++;
      }
    }
    return result;
  }

  /** Folds into `title`/`body` the best quality per article over the postings of `expansion`. */
  private accumulate(expansion: Expansion, postings: PostingStore, title: Float32Array, body: Float32Array, n: number): void {
    const { ids, quality } = expansion;
    for (let k = 0; k < ids.length; k++) {
      const q = quality[k]!;
      postings.forEach(ids[k]!, (p) => {
        const doc = Math.floor(p / DOC_STRIDE);
        if (doc >= n) return;
        const v = p - doc * DOC_STRIDE;
        if (v & (TITLE << 10) && q > title[doc]!) title[doc] = q;
        if (v & (BODY << 10)) {
          const s = q + TF_TABLE[v & TF_MAX]!;
          if (s > body[doc]!) body[doc] = s;
        }
      });
    }
  }

  private markDocs(ids: number[], n: number, into: Uint8Array): void {
    for (const id of ids) {
      this.postings.forEach(id, (p) => {
        const doc = Math.floor(p / DOC_STRIDE);
        if (doc < n) into[doc] = 1;
      });
    }
  }

  /**
   * Exact multi-word or punctuated terms: candidates are the articles holding, for each word-run
   * of the term, a word it can be part of where the term occurs: a word ending with the first run
   * ("al" of `al-assad`: "al", "general"), a word starting with the last ("assad", "assads"), the
   * very word for a run in between. Each candidate's folded title and body are then checked; a
   * looser filter (any word containing each run) left thousands of bodies to fold a key.
   * `asciiSubstring`: `test` is a plain substring test of an ASCII q.
   */
  private *verify(q: string, n: number, title: Float32Array, body: Float32Array, test: (text: string) => boolean, asciiSubstring = false): Generator<void, void, void> {
    let candidates: Uint8Array | undefined;
    // Half a surrogate pair at an edge of the term may be half of a letter in the text: there
    // the word boundaries of the term say nothing, so any word containing a run is a candidate.
    const loose = /[\ud800-\udfff]/.test(q);
    forEachWord(q, (run, start) => {
      const first = start === 0;
      const last = start + run.length === q.length;
      let ids: number[];
      if (loose || (first && last)) ids = this.vocab.containing(run).ids;
      else if (first) ids = this.vocab.where((t) => t.endsWith(run));
      else if (last) ids = this.vocab.where((t) => t.startsWith(run));
      else ids = [this.vocab.id(run) ?? -1].filter((id) => id >= 0);
      const hit = this.docMarks.get(candidates ? 1 : 0, n);
      this.markDocs(ids, n, hit);
      if (candidates) for (let d = 0; d < n; d++) candidates[d]! &= hit[d]!;
      else candidates = hit;
    });
    for (let d = 0; d < n; d++) {
      if ((d & 63) === 63) yield;
      if (candidates && !candidates[d]) continue;
      if (test(this.foldedTitles[d]!)) title[d] = QUALITY.word;
      const text = this.docs[d]!.text;
      // An ASCII substring found in the lower-cased body is in the folded body too (folding only
      // changes non-ASCII characters), and lower-casing is several times cheaper than folding.
      if ((asciiSubstring && test(text.toLowerCase())) || test(fold(text))) body[d] = QUALITY.word;
    }
  }

  /** `^q`, `q$`, `^q$`: the title or body (ignoring surrounding whitespace) starts/ends with/is q. */
  private anchored(kind: 'prefix' | 'suffix' | 'equal', q: string, n: number, title: Float32Array, body: Float32Array): void {
    // Candidates from the vocabulary when the term's first (for ^) or last (for $) run is a word piece.
    let candidates: Uint8Array | undefined;
    const runs: string[] = [];
    forEachWord(q, (w) => runs.push(w));
    if (runs.length > 0) {
      const startsWithWord = isWordChar(q, 0);
      const endsWithWord = isWordChar(q, q.length - 1);
      let test: ((t: string) => boolean) | undefined;
      const firstRun = runs[0]!;
      const lastRun = runs[runs.length - 1]!;
      if (kind !== 'suffix' && startsWithWord) test = (t) => t.startsWith(firstRun);
      else if (kind === 'suffix' && endsWithWord) test = (t) => t.endsWith(lastRun);
      if (runs.length === 1 && kind === 'equal' && startsWithWord && endsWithWord) test = (t) => t === firstRun;
      if (test) {
        candidates = this.docMarks.get(0, n);
        this.markDocs(this.vocab.where(test), n, candidates);
      }
    }
    for (let d = 0; d < n; d++) {
      if (candidates && !candidates[d]) continue;
      if (anchoredMatch(kind, this.foldedTitles[d]!, q)) title[d] = QUALITY.word;
      if (this.bodyAnchored(kind, d, q)) body[d] = QUALITY.word;
    }
  }

  /** Whether article d's body starts with, ends with or is `q`, from its stored edges when they are long enough. */
  private bodyAnchored(kind: 'prefix' | 'suffix' | 'equal', d: number, q: string): boolean {
    if (q.length > EDGE) return anchoredMatch(kind, foldEdge(this.docs[d]!.text, kind, q.length), q);
    const head = this.bodyHeads[d]!;
    if (kind === 'prefix') return head.startsWith(q);
    const tail = this.bodyTails[d]!;
    if (kind === 'suffix') return tail.endsWith(q);
    // q is at most EDGE long, and a head that long or shorter is the whole body.
    return head === q;
  }

  private makeHit(index: number, score: number, parsed: ParsedQuery, snippetLength: number): SearchHit {
    const doc = this.docs[index]!;
    const matchers = this.matchersFor(parsed);
    let matches: FieldMatch[] | undefined;
    let snippet: Snippet | undefined;
    const hit = { index, score } as SearchHit;
    // The body is read (decoded, see text-store.ts) once for both.
    let text: string | undefined;
    const body = (): string => (text ??= doc.text);
    const getMatches = (): FieldMatch[] => (matches ??= computeMatches({ title: doc.title, text: body() }, matchers));
    Object.defineProperty(hit, 'matches', { enumerable: true, configurable: true, get: getMatches });
    Object.defineProperty(hit, 'snippet', {
      enumerable: true,
      configurable: true,
      get: () => (snippet ??= computeSnippet(body(), getMatches(), snippetLength)),
    });
    return hit;
  }

  private matcherCache: { parsed: ParsedQuery; matchers: TermMatcher[] } | undefined;

  /** How each positive term is found in a text, for highlights. */
  private matchersFor(parsed: ParsedQuery): TermMatcher[] {
    if (this.matcherCache?.parsed === parsed) return this.matcherCache.matchers;
    const matchers: TermMatcher[] = [];
    for (const group of parsed.groups) {
      for (const term of group) {
        if (term.negated) continue;
        if (term.kind === 'fuzzy') {
          const typos = new Set<string>();
          for (const [vocab] of [[this.vocab], [this.extraVocab]] as const) {
            const e = vocab.expand(term.folded);
            for (let k = 0; k < e.ids.length; k++) if (e.kinds[k] === 'typo' || e.kinds[k] === 'typoPrefix') typos.add(vocab.terms[e.ids[k]!]!);
          }
          matchers.push({ kind: 'fuzzy', q: term.folded, typos });
        } else {
          matchers.push({ kind: term.kind, q: term.folded });
        }
      }
    }
    this.matcherCache = { parsed, matchers };
    return matchers;
  }
}

/** Calls `onWord` for every word token (maximal run of letters and digits) of a folded string. */
export function forEachWord(folded: string, onWord: (word: string, start: number) => void): void {
  forEachToken(folded, (start, end) => onWord(folded.slice(start, end), start));
}

/** isWordUnit with the ASCII case inlined: called for every character indexed. */
function isWordAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c < 0x80 ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) : isWordUnit(s, i);
}

function isWordChar(s: string, i: number): boolean {
  const c = s.codePointAt(i);
  if (c === undefined) return false;
  // The last unit may be a low surrogate: look at its pair.
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) return /[\p{L}\p{N}]/u.test(s.slice(i - 1, i + 1));
  return /[\p{L}\p{N}]/u.test(String.fromCodePoint(c));
}

/** First occurrence of q in text at or after `from` with no word character glued to either side. */
export function findBoundary(text: string, q: string, from: number): number {
  let at = text.indexOf(q, from);
  while (at >= 0) {
    const beforeOk = at === 0 || !isWordChar(q, 0) || !isWordChar(text, at - 1);
    const afterOk = at + q.length >= text.length || !isWordChar(q, q.length - 1) || !isWordChar(text, at + q.length);
    if (beforeOk && afterOk) return at;
    at = text.indexOf(q, at + 1);
  }
  return -1;
}

export function anchoredMatch(kind: 'prefix' | 'suffix' | 'equal', folded: string, q: string): boolean {
  const t = folded.trim();
  if (kind === 'prefix') return t.startsWith(q);
  if (kind === 'suffix') return t.endsWith(q);
  return t === q;
}

/** The folded start (for ^) or end (for $) of a long text: enough of it to compare with a term. */
function foldEdge(text: string, kind: 'prefix' | 'suffix' | 'equal', qLength: number): string {
  if (kind === 'equal') return text.length > qLength * 4 + 64 ? '' : fold(text);
  let take = qLength * 2 + 32;
  for (;;) {
    if (take >= text.length) return fold(text);
    const piece = kind === 'prefix' ? text.trimStart().slice(0, take) : text.trimEnd().slice(-take);
    const folded = fold(piece);
    if (folded.trim().length >= qLength + 1) return kind === 'prefix' ? folded.trimStart() : folded.trimEnd();
    take *= 2;
  }
}

/** The `limit` best articles by score (desc), ties by index (asc). */
function selectTop(docs: number[], scores: Float64Array, limit: number): number[] {
  const cmp = (a: number, b: number): number => scores[b]! - scores[a]! || a - b;
  if (docs.length <= limit * 4 || limit === 0) return docs.sort(cmp).slice(0, limit);
  // Keep a sorted buffer of the best `limit`; most candidates fail the threshold test.
  const best = docs.slice(0, limit).sort(cmp);
  for (let i = limit; i < docs.length; i++) {
    const d = docs[i]!;
    if (cmp(d, best[limit - 1]!) >= 0) continue;
    let lo = 0;
    let hi = limit - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(d, best[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, d);
    best.pop();
  }
  return best;
}

export { fold };
