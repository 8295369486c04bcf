/**
 * One query term against the index: which articles it matches, and how well in the title and in
 * the body. Word terms read posting lists; phrase and punctuated terms check candidate bodies one
 * by one, yielding now and then so the caller can let the event loop run (searchInSlices).
 */
import { fold, forEachToken, isWordAt } from './fold.js';
import type { PostingStore } from './postings.js';
import { isSingleWord, type QueryTerm } from './query.js';
import { Scratch } from './scratch.js';
import { BODY, DOC_STRIDE, EDGE, type SearchIndex, TF_MAX, TITLE } from './search-index.js';
import { type Expansion, QUALITY } from './vocabulary.js';

/**
 * Per-term evaluation: the articles matched, ascending, and for each the best title and body match
 * quality (0 = none; see QUALITY) and how often the body holds its best match.
 */
export interface TermEval {
  docs: Int32Array;
  /** title[k], body[k] and bodyCount[k] are those of article docs[k]. */
  title: Float32Array;
  body: Float32Array;
  bodyCount: Uint16Array;
}

/** Arrays the size of the library, reused from one term to the next (see scratch.ts). */
export class TermScratch {
  /** Slot 0: title qualities, slot 1: body qualities, slot 2: body counts. */
  readonly quality = new Scratch((n) => new Float32Array(n));
  /** Article marks: candidates, and the articles a negated term matches. */
  readonly marks = new Scratch((n) => new Uint8Array(n));
}

/** The arrays one term is evaluated into: title and body qualities, body counts (zeroed). */
export function termArrays(scratch: TermScratch, n: number): { title: Float32Array; body: Float32Array; count: Float32Array } {
  return { title: scratch.quality.get(0, n), body: scratch.quality.get(1, n), count: scratch.quality.get(2, n) };
}

/** Keeps in article `doc`'s body the better match: higher quality, or as good and more frequent. */
export function keepBodyMatch(body: Float32Array, count: Float32Array, doc: number, quality: number, occurrences: number): void {
  if (quality > body[doc]! || (quality === body[doc]! && occurrences > count[doc]!)) {
    body[doc] = quality;
    count[doc] = occurrences;
  }
}

/**
 * Evaluates a term over the first n articles, yielding now and then while it checks candidate
 * bodies one by one (phrase and punctuated terms).
 */
export function* termSteps(index: SearchIndex, scratch: TermScratch, term: QueryTerm, n: number): Generator<void, TermEval, void> {
  const { title, body, count } = termArrays(scratch, n);
  const q = term.folded;
  const word = isSingleWord(q);
  switch (term.kind) {
    case 'fuzzy':
      accumulate(index.vocab.expand(q), index.postings, title, body, count, n);
      accumulate(index.extraVocab.expand(q), index.extraPostings, title, body, count, n);
      break;
    case 'exact':
      if (word) {
        accumulate(index.vocab.containing(q), index.postings, title, body, count, n);
        accumulate(index.extraVocab.containing(q), index.extraPostings, title, body, count, n);
      } else {
        yield* verify(index, scratch, q, n, title, body, count, (text) => text.includes(q), /^[\x00-\x7f]*$/.test(q));
      }
      break;
    case 'boundary':
      if (word) {
        const exact = (ids: number[]): Expansion => ({ ids, quality: ids.map(() => QUALITY.word), kinds: ids.map(() => 'word' as const) });
        const id = index.vocab.id(q);
        if (id !== undefined) accumulate(exact([id]), index.postings, title, body, count, n);
        const extraId = index.extraVocab.id(q);
        if (extraId !== undefined) accumulate(exact([extraId]), index.extraPostings, title, body, count, n);
      } else {
        yield* verify(index, scratch, q, n, title, body, count, (text) => findBoundary(text, q, 0) >= 0);
      }
      break;
    case 'prefix':
    case 'suffix':
    case 'equal':
      anchored(index, scratch, term.kind, q, n, title, body, count);
      break;
    case 'entity':
      // Not in the index: LibrarySearch evaluates it from the library's entities (entity-terms.ts).
      break;
  }
  return compact(title, body, count, n);
}

/** The term's result kept (in the term cache) only for the articles matched, not as arrays the size of the library. */
export function compact(title: Float32Array, body: Float32Array, count: Float32Array, n: number): TermEval {
  let matched = 0;
  for (let d = 0; d < n; d++) if (title[d]! > 0 || body[d]! > 0) matched++;
  const result = { docs: new Int32Array(matched), title: new Float32Array(matched), body: new Float32Array(matched), bodyCount: new Uint16Array(matched) };
  for (let d = 0, k = 0; d < n; d++) {
    if (title[d]! > 0 || body[d]! > 0) {
      result.docs[k] = d;
      result.title[k] = title[d]!;
      result.body[k] = body[d]!;
      result.bodyCount[k] = Math.min(0xffff, count[d]!);
      k++;
    }
  }
  return result;
}

/** Folds into `title`/`body`/`count` the best match per article over the postings of `expansion`. */
function accumulate(expansion: Expansion, postings: PostingStore, title: Float32Array, body: Float32Array, count: Float32Array, n: number): void {
  const { ids, quality } = expansion;
  for (let k = 0; k < ids.length; k++) {
    const q = quality[k]!;
    postings.forEach(ids[k]!, (p) => {
      const doc = Math.floor(p / DOC_STRIDE);
      if (doc >= n) return;
      const v = p - doc * DOC_STRIDE;
      if (v & (TITLE << 10) && q > title[doc]!) title[doc] = q;
      if (v & (BODY << 10)) keepBodyMatch(body, count, doc, q, v & TF_MAX);
    });
  }
}

/** Marks in `into` every article holding one of the vocabulary terms `ids`. */
export function markDocs(index: SearchIndex, ids: number[], n: number, into: Uint8Array): void {
  for (const id of ids) {
    index.postings.forEach(id, (p) => {
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
function* verify(
  index: SearchIndex,
  scratch: TermScratch,
  q: string,
  n: number,
  title: Float32Array,
  body: Float32Array,
  count: Float32Array,
  test: (text: string) => boolean,
  asciiSubstring = false,
): Generator<void, void, void> {
  let candidates: Uint8Array | undefined;
  // Half a surrogate pair at an edge of the term may be half of a letter in the text: there
  // the word boundaries of the term say nothing, so any word containing a run is a candidate.
  const loose = /[\ud800-\udfff]/.test(q);
  forEachToken(q, (start, end) => {
    const run = q.slice(start, end);
    const first = start === 0;
    const last = end === q.length;
    let ids: number[];
    if (loose || (first && last)) ids = index.vocab.containing(run).ids;
    else if (first) ids = index.vocab.where((t) => t.endsWith(run));
    else if (last) ids = index.vocab.where((t) => t.startsWith(run));
    else ids = [index.vocab.id(run) ?? -1].filter((id) => id >= 0);
    const hit = scratch.marks.get(candidates ? 1 : 0, n);
    markDocs(index, ids, n, hit);
    if (candidates) for (let d = 0; d < n; d++) candidates[d]! &= hit[d]!;
    else candidates = hit;
  });
  for (let d = 0; d < n; d++) {
    if ((d & 63) === 63) yield;
    if (candidates && !candidates[d]) continue;
    if (test(index.foldedTitles[d]!)) title[d] = QUALITY.word;
    const text = index.bodyToMatch(d);
    // An ASCII substring found in the lower-cased body is in the folded body too (folding only
    // changes non-ASCII characters), and lower-casing is several times cheaper than folding.
    if ((asciiSubstring && test(text.toLowerCase())) || test(fold(text))) keepBodyMatch(body, count, d, QUALITY.word, 1);
  }
}

/** `^q`, `q$`, `^q$`: the title or body (ignoring surrounding whitespace) starts/ends with/is q. */
function anchored(
  index: SearchIndex,
  scratch: TermScratch,
  kind: 'prefix' | 'suffix' | 'equal',
  q: string,
  n: number,
  title: Float32Array,
  body: Float32Array,
  count: Float32Array,
): void {
  // Candidates from the vocabulary when the term's first (for ^) or last (for $) run is a word piece.
  let candidates: Uint8Array | undefined;
  const runs: string[] = [];
  forEachToken(q, (start, end) => runs.push(q.slice(start, end)));
  if (runs.length > 0) {
    const startsWithWord = isWordAt(q, 0);
    const endsWithWord = isWordAt(q, q.length - 1);
    let test: ((t: string) => boolean) | undefined;
    const firstRun = runs[0]!;
    const lastRun = runs[runs.length - 1]!;
    if (kind !== 'suffix' && startsWithWord) test = (t) => t.startsWith(firstRun);
    else if (kind === 'suffix' && endsWithWord) test = (t) => t.endsWith(lastRun);
    if (runs.length === 1 && kind === 'equal' && startsWithWord && endsWithWord) test = (t) => t === firstRun;
    if (test) {
      candidates = scratch.marks.get(0, n);
      markDocs(index, index.vocab.where(test), n, candidates);
    }
  }
  for (let d = 0; d < n; d++) {
    if (candidates && !candidates[d]) continue;
    if (anchoredMatch(kind, index.foldedTitles[d]!, q)) title[d] = QUALITY.word;
    if (bodyAnchored(index, kind, d, q)) keepBodyMatch(body, count, d, QUALITY.word, 1);
  }
}

/** Whether article d's body starts with, ends with or is `q`, from its stored edges when they are long enough. */
function bodyAnchored(index: SearchIndex, kind: 'prefix' | 'suffix' | 'equal', d: number, q: string): boolean {
  if (q.length > EDGE) return anchoredMatch(kind, foldEdge(index.bodyToMatch(d), kind, q.length), q);
  const head = index.bodyHeads[d]!;
  if (kind === 'prefix') return head.startsWith(q);
  const tail = index.bodyTails[d]!;
  if (kind === 'suffix') return tail.endsWith(q);
  // q is at most EDGE long, and a head that long or shorter is the whole body.
  return head === q;
}

/** First occurrence of q in text at or after `from` with no word character glued to either side. */
export function findBoundary(text: string, q: string, from: number): number {
  let at = text.indexOf(q, from);
  while (at >= 0) {
    const beforeOk = !isWordAt(q, 0) || !isWordAt(text, at - 1);
    const afterOk = !isWordAt(q, q.length - 1) || !isWordAt(text, at + q.length);
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
