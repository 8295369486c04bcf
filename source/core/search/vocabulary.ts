/**
 * The vocabulary of folded word tokens, and expansion of a typed word into the vocabulary terms it
 * matches: itself, words it starts (`netan` → netanyahu), and typos of it within `maxTypos`
 * (`netanyhau` → netanyahu). Expansions are cached, and a word that extends a cached one is
 * expanded from the cached list when that is exact.
 */
import { detached } from '../detached.js';
import { fnv1a } from '../hash.js';
import { boundedDistance, charMask, maxTypos, popcount } from './distance.js';

/** Match quality of a vocabulary term for a typed word, from 1 (the same word) down. */
export const QUALITY = {
  word: 1,
  /** Typed word is a prefix of the term: 0.8–0.9, closer to 0.9 the more of the term was typed. */
  prefix: 0.8,
  typo1: 0.6,
  typo2: 0.45,
  /** A typo in a word still being typed (`netanyh` → netanyahu), only used when nothing else matches. */
  typoPrefix: 0.3,
  /** `'rain` inside another word (`drain`) — exact substring, not at the start. */
  infix: 0.7,
} as const;

/**
 * How a match quality ranks: 5 the word itself (or an exact substring, a phrase), 4 a word it
 * starts, 3 inside a word, 2 one typo, 1 two typos, 0 a typo in an unfinished word.
 */
export function matchLevel(quality: number): number {
  if (quality >= QUALITY.word) return 5;
  if (quality >= QUALITY.prefix) return 4;
  if (quality >= QUALITY.infix) return 3;
  if (quality >= QUALITY.typo1) return 2;
  if (quality >= QUALITY.typo2) return 1;
  return 0;
}

/** A match quality below which the match forgives typos (see matchLevel). */
export function isTypoQuality(quality: number): boolean {
  return quality > 0 && quality < QUALITY.infix;
}

export type ExpansionKind = 'word' | 'prefix' | 'typo' | 'typoPrefix' | 'infix';

export interface Expansion {
  ids: number[];
  quality: number[];
  kinds: ExpansionKind[];
}

const EMPTY: Expansion = { ids: [], quality: [], kinds: [] };

export class Vocabulary {
  /** Each term, by id. */
  readonly terms: string[];

  /** An empty vocabulary, or (ofDistinct) one holding `terms` as given, not yet hashed. */
  constructor(terms?: readonly string[]) {
    this.terms = terms ? terms.slice() : [];
  }

  /**
   * Open-addressing hash table of term ids + 1 (0: empty slot), keyed by hashUnits. Not a Map:
   * indexing looks up every word of every article, and a Map needs each word cut out as a string
   * first; this compares the units in place and cuts a string only for a new word.
   */
  private table = new Int32Array(1 << 10);
  private readonly hashes: number[] = [];
  private readonly masks: number[] = [];
  private readonly byFirst = new Map<number, number[]>();
  private readonly byLength: number[][] = [];
  private readonly cache = new Map<string, Expansion>();
  private readonly cacheLimit = 512;
  /** Bumped whenever a term is added; cached expansions of an older version are stale. */
  private version = 0;
  private cacheVersion = 0;

  get size(): number {
    return this.terms.length;
  }

  /**
   * A vocabulary of `terms` as given, each term's id its place (a saved index's), or undefined when
   * two are alike. Its lookup table, letter masks and buckets are made when first needed: a
   * one-shot `'ceasefire` reads only `terms`, and never pays for 44,000 terms' hashes and buckets
   * (2,000 articles). The reader interns a saved vocabulary term by term instead, so no key waits.
   */
  static ofDistinct(terms: readonly string[]): Vocabulary | undefined {
    if (new Set(terms).size !== terms.length) return undefined;
    // Copied whole (slice, not a spread, which would overflow the call stack at 100,000 strings):
    // pushed one by one, 44,000 terms cost 6 ms before V8 optimised the loop.
    const vocab = new Vocabulary(terms);
    vocab.version++;
    return vocab;
  }

  id(term: string): number | undefined {
    const id = this.find(term, 0, term.length, hashUnits(term, 0, term.length));
    return id < 0 ? undefined : id;
  }

  intern(term: string): number {
    return this.internRange(term, 0, term.length);
  }

  /** The id of `s.slice(start, end)`, added if new; the slice is only made for a new term. */
  internRange(s: string, start: number, end: number, hash = hashUnits(s, start, end)): number {
    const found = this.find(s, start, end, hash);
    if (found >= 0) return found;
    // A token sliced out of a folded body would keep the whole body alive.
    return this.add(detached(s.slice(start, end)), hash);
  }

  /** The id of the term equal to `s.slice(start, end)`, or -1. */
  private find(s: string, start: number, end: number, hash: number): number {
    if (this.hashes.length < this.terms.length) this.hashNewTerms();
    const mask = this.table.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot]!;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.hashes[id] !== hash) continue;
      const term = this.terms[id]!;
      if (term.length !== length) continue;
      let k = 0;
      while (k < length && term.charCodeAt(k) === s.charCodeAt(start + k)) k++;
      if (k === length) return id;
    }
  }

  private place(id: number): void {
    const mask = this.table.length - 1;
    let slot = this.hashes[id]! & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = id + 1;
  }

  /** Hashes of the terms given whole (ofDistinct) and not yet looked up, put in the table. */
  private hashNewTerms(): void {
    const from = this.hashes.length;
    for (let id = from; id < this.terms.length; id++) this.hashes.push(hashUnits(this.terms[id]!, 0, this.terms[id]!.length));
    let size = this.table.length;
    // Kept at most half full, so probes stay short.
    while (this.terms.length * 2 > size) size *= 2;
    if (size === this.table.length) {
      for (let id = from; id < this.terms.length; id++) this.place(id);
      return;
    }
    this.table = new Int32Array(size);
    for (let id = 0; id < this.terms.length; id++) this.place(id);
  }

  private add(term: string, hash: number): number {
    const id = this.terms.length;
    this.terms.push(term);
    this.hashes.push(hash);
    if (this.terms.length * 2 > this.table.length) {
      // Kept at most half full, so probes stay short.
      this.table = new Int32Array(this.table.length * 2);
      for (let k = 0; k < this.terms.length; k++) this.place(k);
    } else {
      this.place(id);
    }
    this.bucketNewTerms();
    this.version++;
    return id;
  }

  /** Makes what `expand` reads now rather than at the first word expanded (a key, for a saved vocabulary: ofDistinct). */
  prepareExpansion(): void {
    this.bucketNewTerms();
  }

  /** Letter masks and first-letter and length buckets (what `expand` reads) of the terms added since they were last made. */
  private bucketNewTerms(): void {
    for (let id = this.masks.length; id < this.terms.length; id++) {
      const term = this.terms[id]!;
      this.masks.push(charMask(term));
      const first = term.charCodeAt(0);
      let bucket = this.byFirst.get(first);
      if (!bucket) this.byFirst.set(first, (bucket = []));
      bucket.push(id);
      const len = Math.min(term.length, 64);
      while (this.byLength.length <= len) this.byLength.push([]);
      this.byLength[len]!.push(id);
    }
  }

  /** Terms matched by the typed (folded, single-word) `q`: the word itself, words it starts, typos. */
  expand(q: string): Expansion {
    if (q.length === 0) return EMPTY;
    if (this.cacheVersion !== this.version) {
      this.cache.clear();
      this.cacheVersion = this.version;
    }
    const cached = this.cache.get(q);
    if (cached) {
      // Refresh recency.
      this.cache.delete(q);
      this.cache.set(q, cached);
      return cached;
    }
    const result = this.computeExpansion(q);
    this.cache.set(q, result);
    if (this.cache.size > this.cacheLimit) this.cache.delete(this.cache.keys().next().value as string);
    return result;
  }

  private computeExpansion(q: string): Expansion {
    this.bucketNewTerms();
    const ids: number[] = [];
    const quality: number[] = [];
    const kinds: ExpansionKind[] = [];
    const n = q.length;
    const seen = new Set<number>();
    // Exact word and prefix matches: from the cached expansion of a shorter prefix of q when there
    // is one (every term starting with q starts with it too), else from the terms with q's first letter.
    let source: readonly number[] | undefined;
    for (let k = n - 1; k >= 1 && !source; k--) {
      const prev = this.cache.get(q.slice(0, k));
      if (prev) source = prev.ids.filter((_, i) => prev.kinds[i] === 'word' || prev.kinds[i] === 'prefix');
    }
    source ??= this.byFirst.get(q.charCodeAt(0)) ?? [];
    for (const id of source) {
      const t = this.terms[id]!;
      if (t.length >= n && t.startsWith(q)) {
        ids.push(id);
        if (t.length === n) {
          quality.push(QUALITY.word);
          kinds.push('word');
        } else {
          quality.push(QUALITY.prefix + 0.1 * (n / t.length));
          kinds.push('prefix');
        }
        seen.add(id);
      }
    }
    const typos = maxTypos(n);
    if (typos === 0) return { ids, quality, kinds };
    const qMask = charMask(q);
    for (let len = Math.max(1, n - typos); len <= n + typos && len < this.byLength.length; len++) {
      for (const id of this.byLength[len]!) {
        if (seen.has(id) || popcount(qMask ^ this.masks[id]!) > 2 * typos) continue;
        const d = boundedDistance(q, this.terms[id]!, typos);
        if (d > 0 && d <= typos) {
          ids.push(id);
          quality.push(d === 1 ? QUALITY.typo1 : QUALITY.typo2);
          kinds.push('typo');
          seen.add(id);
        }
      }
    }
    if (ids.length > 0) return { ids, quality, kinds };
    // Nothing yet: maybe a typo in a word not finished yet.
    for (let id = 0; id < this.terms.length; id++) {
      const t = this.terms[id]!;
      if (t.length < n || popcount(qMask & ~this.masks[id]!) > typos) continue;
      if (boundedDistance(q, t, typos, true) <= typos) {
        ids.push(id);
        quality.push(QUALITY.typoPrefix);
        kinds.push('typoPrefix');
      }
    }
    return { ids, quality, kinds };
  }

  /** Terms containing `q` (exact substring): for `'q` terms. Not cached here (the caller caches results). */
  containing(q: string): Expansion {
    const ids: number[] = [];
    const quality: number[] = [];
    const kinds: ExpansionKind[] = [];
    for (let id = 0; id < this.terms.length; id++) {
      const t = this.terms[id]!;
      const at = t.length < q.length ? -1 : t.indexOf(q);
      if (at < 0) continue;
      ids.push(id);
      if (t.length === q.length) {
        quality.push(QUALITY.word);
        kinds.push('word');
      } else if (at === 0) {
        quality.push(QUALITY.prefix + 0.1 * (q.length / t.length));
        kinds.push('prefix');
      } else {
        quality.push(QUALITY.infix);
        kinds.push('infix');
      }
    }
    return { ids, quality, kinds };
  }

  /** Terms for which `test` holds (for `^q`, `q$` candidate lookups). */
  where(test: (term: string) => boolean): number[] {
    const out: number[] = [];
    for (let id = 0; id < this.terms.length; id++) if (test(this.terms[id]!)) out.push(id);
    return out;
  }
}

/** FNV-1a over the UTF-16 units of s[start, end), as a signed 32-bit integer (the hash internRange takes). */
export function hashUnits(s: string, start: number, end: number): number {
  return fnv1a(s, start, end) | 0;
}
