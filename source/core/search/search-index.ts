/**
 * The inverted index of a library: every folded word of every title and body, with where it
 * occurs (title, body, how often), built a slice at a time; plus each body's folded edges for
 * `^`/`$`, and extra words per article (entity names) that are searchable but not in the text.
 */
import { detached } from '../detached.js';
import { FNV_OFFSET, fnvStep } from '../hash.js';
import { fold, forEachToken, isWordUnit } from './fold.js';
import { POSTING_STRIDE, PostingStore } from './postings.js';
import { Vocabulary } from './vocabulary.js';
import { runSteps } from '../load/time-slices.js';

/**
 * Articles between two places where rebuilding the extra words may pause: at 256, a step (each
 * name folded and tokenised the first time it is met) took 7-58 ms at 2,000 articles, a key's
 * echo held up as long (latency --blocks).
 */
const EXTRA_DOCS_PER_STEP = 32;

export type Doc = { readonly title: string; readonly text: string };

export const TITLE = 1;
export const BODY = 2;
export const TF_MAX = 1023;
/** A posting: doc * DOC_STRIDE + flags * 1024 + min(tf, 1023) (the store keeps them compressed that way). */
export const DOC_STRIDE = POSTING_STRIDE;

/** Characters of each body's folded start and end kept for `^`/`$`; longer anchored terms read the body. */
export const EDGE = 48;

export class SearchIndex {
  private words = new Vocabulary();
  private lists = new PostingStore();
  readonly foldedTitles: string[] = [];
  /** Each body folded and trimmed, cut to its first and last EDGE characters: `^`/`$` read these, not the bodies. */
  readonly bodyHeads: string[] = [];
  readonly bodyTails: string[] = [];
  /** The extra words (entity names), indexed on their own: small, rebuilt whole when they change. */
  extraVocab = new Vocabulary();
  extraPostings = new PostingStore();
  /** Bumped whenever the extra words change: cached term results older than this are stale. */
  extraVersion = 0;
  /** How many articles are indexed (searchable) so far, from the first. */
  indexedCount = 0;
  private readonly extra = new Map<number, readonly string[]>();
  /** Per-term scratch for indexing one article: the article it was last seen in, and its flags/tf. */
  private seenIn = new Int32Array(1024).fill(-1);
  private local = new Int32Array(1024);
  private readonly touched: number[] = [];

  constructor(readonly docs: readonly Doc[]) {}

  /**
   * The body a phrase, a punctuated term or a long anchored term is checked against: the
   * article's text, unless `useBodyToMatch` gave another reading of it (the one-shot search's,
   * storedTextToCompare). Never what is shown: snippets and highlights read `docs[d].text`.
   */
  bodyToMatch(d: number): string {
    const doc = this.docs[d]!;
    return this.readBodyToMatch ? this.readBodyToMatch(doc) : doc.text;
  }

  private readBodyToMatch: ((doc: Doc) => string) | undefined;

  /** Has bodyToMatch read each body with `read` (which must give the text `doc.text` would). */
  useBodyToMatch(read: (doc: Doc) => string): void {
    this.readBodyToMatch = read;
  }

  /** Every word of the titles and bodies indexed so far. */
  get vocab(): Vocabulary {
    return this.words;
  }

  /** Each word's postings (a posting: doc * DOC_STRIDE + flags * 1024 + min(tf, 1023)). */
  get postings(): PostingStore {
    return this.lists;
  }

  /**
   * The whole index at once, from a saved one already checked (search-index-cache.ts): its words
   * and their postings, each article's folded title and body edges. Only into an empty index.
   */
  restore(saved: { vocab: Vocabulary; postings: PostingStore; foldedTitles: readonly string[]; bodyHeads: readonly string[]; bodyTails: readonly string[] }): void {
    if (this.indexedCount !== 0 || this.words.size !== 0) throw new Error('a saved index goes only into an empty one');
    this.words = saved.vocab;
    this.lists = saved.postings;
    // One by one: a spread of 100,000 strings would overflow the call stack.
    for (let doc = 0; doc < this.docs.length; doc++) {
      this.foldedTitles.push(saved.foldedTitles[doc]!);
      this.bodyHeads.push(saved.bodyHeads[doc]!);
      this.bodyTails.push(saved.bodyTails[doc]!);
    }
    this.indexedCount = this.docs.length;
  }

  /** All articles are indexed. */
  get ready(): boolean {
    return this.indexedCount >= this.docs.length;
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

  /**
   * Extra searchable words for articles (entity names), replacing any given before: they match like
   * body words, without a highlight (they are not in the text). The extra index is rebuilt once.
   */
  setManyExtraTerms(entries: Iterable<readonly [number, readonly string[]]>): void {
    runSteps(this.extraTermsInSteps(entries));
  }

  /**
   * The same, pausing every EXTRA_DOCS_PER_STEP articles (20,000 articles' entity names are a
   * second of work at the end of the entity pass): built aside, swapped in at the last step, so a
   * search meanwhile sees the extra words before or after, never half of them.
   */
  *extraTermsInSteps(entries: Iterable<readonly [number, readonly string[]]>): Generator<void, void> {
    const extra = new Map(this.extra);
    let given = 0;
    for (const [index, terms] of entries) {
      if (++given % (EXTRA_DOCS_PER_STEP * 8) === 0) yield;
      if (terms.length === 0) extra.delete(index);
      // Kept as given, not copied: the lists are the entity index's own (readonly), and a copy of
      // every article's was 35 MB more at 100,000 articles.
      else extra.set(index, terms);
    }
    // Rebuild the small extra index from scratch: entity lists are short.
    const vocab = new Vocabulary();
    const postings = new PostingStore();
    // Each name folded once: the same few thousand names recur across 20,000 articles' lists.
    const idsOf = new Map<string, number[]>();
    let docs = 0;
    for (const [doc, list] of extra) {
      if (++docs % EXTRA_DOCS_PER_STEP === 0) yield;
      const seen = new Set<number>();
      for (const term of list) {
        let ids = idsOf.get(term);
        if (!ids) {
          const folded = fold(term);
          const found: number[] = [];
          forEachToken(folded, (start, end) => void found.push(vocab.internRange(folded, start, end)));
          idsOf.set(term, (ids = found));
        }
        for (const id of ids) {
          if (!seen.has(id)) {
            seen.add(id);
            postings.add(id, doc * DOC_STRIDE + (BODY << 10) + 1);
          }
        }
      }
    }
    this.extra.clear();
    for (const [doc, list] of extra) this.extra.set(doc, list);
    this.extraVocab = vocab;
    this.extraPostings = postings;
    this.extraVersion++;
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
    for (const id of touched) this.lists.add(id, base + this.local[id]!);
  }

  /**
   * Every word of a folded title or body into `local` (flag and, for bodies, count). Finds words
   * and hashes them in one pass: this loop is most of the index build.
   */
  private indexWords(folded: string, doc: number, field: typeof TITLE | typeof BODY): void {
    const n = folded.length;
    let i = 0;
    while (i < n) {
      while (i < n && !isWordUnit(folded, i)) i++;
      if (i >= n) return;
      const start = i;
      let hash = FNV_OFFSET;
      for (; i < n && isWordUnit(folded, i); i++) hash = fnvStep(hash, folded.charCodeAt(i));
      const id = this.see(this.words.internRange(folded, start, i, hash | 0), doc);
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
}
