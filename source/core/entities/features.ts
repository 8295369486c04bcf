/**
 * Features of the entity tagger, shared by training (test/tools/train-entities.ts) and the app so
 * that the two can never drift apart. Each feature is an integer mix of a template id and word
 * hashes (hashing.ts), reduced to 2^bits buckets; each bucket holds one weight per label. What
 * does not depend on a word's neighbours is computed once per distinct word of a document.
 */
import { fnv1a, mix, phraseStep } from './hashing.js';
import { hasLetter, hasLowerLetter, hasUpperLetter, isAllCaps, startsWithLetter, startsWithUpper } from './letters.js';
import { T } from './templates.js';
import { clusterOf, findKey, keyIndex, TAGGER_LISTS, type ClusterTable, type GazetteerTable } from './lexicons.js';

export { fnv1a } from './hashing.js';
export const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC'] as const;
export const NUM_LABELS = LABELS.length;
export type TagType = 'PER' | 'LOC' | 'ORG' | 'MISC';
export const LABEL_TYPES: Array<TagType | null> = [null, 'PER', 'PER', 'LOC', 'LOC', 'ORG', 'ORG', 'MISC', 'MISC'];

/** I-X may only follow B-X or I-X. */
export function allowed(prev: number, label: number): boolean {
  if (label === 0 || label % 2 === 1) return true;
  return prev === label || prev === label - 1;
}

function charClass(c: number): string {
  if (c >= 65 && c <= 90) return 'X';
  if (c >= 97 && c <= 122) return 'x';
  if (c >= 48 && c <= 57) return 'd';
  if (c > 127) {
    const ch = String.fromCharCode(c);
    if (ch.toLowerCase() !== ch) return 'X';
    if (ch.toUpperCase() !== ch) return 'x';
    return 'o';
  }
  return String.fromCharCode(c);
}

/** Word shape with runs capped at 4 ("Xxxx", "dddd-dd-dd") and collapsed ("Xx", "d-d-d"). */
export function shapes(word: string): [string, string] {
  let long = '';
  let short = '';
  let prev = '';
  let run = 0;
  for (let i = 0; i < word.length && i < 24; i++) {
    const k = charClass(word.charCodeAt(i));
    if (k === prev) run++;
    else {
      run = 1;
      short += k;
    }
    if (run <= 4) long += k;
    prev = k;
  }
  return [long, short];
}

/** Per-document casing evidence for each lower-cased word: how it is written elsewhere. */
export type DocCasing = Map<string, string>;

/**
 * `sentences` are arrays of words. Flags: "T" written with an initial capital somewhere other
 * than the start of a mixed-case sentence, "L" written in lower case, "U" all caps in a
 * mixed-case sentence.
 */
export function docCasing(sentences: string[][]): DocCasing {
  // Bits of CASING_FLAGS per lower-cased word, in the order words are first flagged.
  const flags = new Map<string, number>();
  const add = (w: string, bit: number) => {
    const k = w.toLowerCase();
    flags.set(k, (flags.get(k) ?? 0) | bit);
  };
  for (const sent of sentences) {
    if (sentenceIsCaps(sent)) continue;
    for (let i = 0; i < sent.length; i++) {
      const w = sent[i]!;
      if (!hasLetter(w)) continue;
      if (isAllCaps(w)) {
        if (w.length > 1) add(w, U);
      } else if (startsWithUpper(w) && hasLowerLetter(w)) {
        if (i > 0 && !OPENERS.has(sent[i - 1]!)) add(w, T_);
      } else if (!hasUpperLetter(w)) add(w, L_);
    }
  }
  const out: DocCasing = new Map();
  for (const [k, bits] of flags) out.set(k, CASING_FLAGS[bits]!);
  return out;
}

/** A capitalised word right after one of these may be capitalised for them, not for itself. */
const OPENERS = new Set(['"', "'", '“', '‘', '(', '[']);
const L_ = 1;
const T_ = 2;
const U = 4;
/** The flags of each bit set, sorted as docCasing writes them. */
const CASING_FLAGS = ['', 'L', 'T', 'LT', 'U', 'LU', 'TU', 'LTU'];

/** A headline or table row written in capitals: case tells nothing there. */
export function sentenceIsCaps(words: string[]): boolean {
  let letters = 0;
  let caps = 0;
  for (const w of words) {
    if (!hasLetter(w)) continue;
    letters++;
    if (isAllCaps(w)) caps++;
  }
  return letters >= 2 && caps / letters > 0.8;
}

/**
 * A headline written in title case ("Netanyahu May Offer Putin US Sanctions Relief"): most longer
 * words start with a capital, so capitals say little.
 */
export function sentenceIsTitleCase(words: string[]): boolean {
  let long = 0;
  let caps = 0;
  for (const w of words) {
    if (w.length < 4 || !startsWithLetter(w)) continue;
    long++;
    if (startsWithUpper(w)) caps++;
  }
  return long >= 3 && caps / long >= 0.75;
}

/**
 * Every word of four letters or more capitalised (at least four of them), no digits, not all
 * caps, and no full stop at the end ("They met the National Farmers' Union on Monday." is prose).
 */
export function isHeadline(words: string[]): boolean {
  if (sentenceIsCaps(words) || !sentenceIsTitleCase(words) || words.some((x) => /\d/.test(x)) || words[words.length - 1] === '.') return false;
  const long = words.filter((x) => x.length >= 4 && /^\p{L}/u.test(x));
  return long.length >= 4 && long.every((x) => /^\p{Lu}/u.test(x));
}

/** Which optional feature groups a model was trained with (recorded in its weights module). */
export interface FeatureSet {
  /** Word clusters of the word and its neighbours. */
  clusters: boolean;
  /** Gazetteer matches (longest phrase per list). */
  gazetteer: boolean;
  /** How the same word was tagged earlier in the document. */
  nonLocal: boolean;
}

export const ALL_FEATURES: FeatureSet = { clusters: true, gazetteer: true, nonLocal: true };

/** What the features read besides the words. */
export interface FeatureModel {
  bits: number;
  features: FeatureSet;
  /**
   * Words that running text usually writes in lower case (learned from the training text, no
   * labels), so "Offer" in a headline looks like the verb it is.
   */
  lexicon?: ReadonlySet<string>;
  clusters?: ClusterTable;
  gazetteer?: GazetteerTable;
}

/** A word's features that do not depend on its neighbours, computed once per document. */
export interface WordInfo {
  lower: string;
  /** The lower-case word's hash in features (an "unseen word" marker in training's unseen copies). */
  lowerHash: number;
  /** The lower-case word's own hash: gazetteer phrases and the non-local memory. */
  nameHash: number;
  shortHash: number;
  /** 1 when the lexicon says running text writes it in lower case. */
  lex: number;
  /** Mid-granularity cluster (0 = unknown), for the neighbours' features. */
  cluster: number;
  /** Starts with an upper-case letter: the words whose earlier tags the non-local features recall. */
  capitalised: boolean;
  /** The word's own entry in the gazetteer (its index, -1 when none): looked up once per spelling, not per token. */
  gazetteerKey: number;
  /** Hashed static features, unmasked. */
  own: Uint32Array;
  /** The integer model's score vectors of this word (scoring.ts), filled when first scored, and whose they are. */
  scoreVectors: Int32Array | null;
  scoreVectorsOf: object | null;
  /** The last document's casing hash of this word (DocFeatures.casingHashOf), and which document (its serial: no reference keeps it alive). */
  casingHash: number;
  casingOf: number;
}

const UNSEEN_HASH = fnv1a('<unseen>');
/** What stands before a sentence's first word and after its last, for the neighbours' features. */
export const BOUNDARY_BEFORE: WordInfo = boundary('<s>');
export const BOUNDARY_AFTER: WordInfo = boundary('</s>');
function boundary(mark: string): WordInfo {
  const h = fnv1a(mark);
  return { lower: mark, lowerHash: h, nameHash: h, shortHash: h, lex: 2, cluster: 0, capitalised: false, gazetteerKey: -1, own: new Uint32Array(0), scoreVectors: null, scoreVectorsOf: null, casingHash: 0, casingOf: 0 };
}

/** Most words kept in a model's cache of static word features (cleared when full: bounded memory). */
const WORD_CACHE_LIMIT = 50_000;
const wordCaches = new WeakMap<FeatureModel, Map<string, WordInfo>>();

function wordCacheOf(model: FeatureModel): Map<string, WordInfo> {
  let cache = wordCaches.get(model);
  if (!cache) wordCaches.set(model, (cache = new Map()));
  return cache;
}

/** A word's static features, built once per model and spelling (documents share them). */
function staticWord(model: FeatureModel, cache: Map<string, WordInfo>, w: string, unseen: boolean): WordInfo {
  const key = unseen ? '\u0000' + w : w;
  let info = cache.get(key);
  if (!info) {
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    info = buildWord(model, w, unseen);
    cache.set(key, info);
  }
  return info;
}

function buildWord(model: FeatureModel, w: string, unseen: boolean): WordInfo {
  const lower = w.toLowerCase();
  const [shape, short] = shapes(w);
  const nameHash = fnv1a(lower);
  const lowerHash = unseen ? UNSEEN_HASH : nameHash;
  const shortHash = fnv1a(short);
  const lex = model.lexicon?.has(lower) ? 1 : 0;
  const own: number[] = [mix(T.Bias, 0), mix(T.Word, lowerHash), mix(T.Shape, fnv1a(shape)), mix(T.Short, shortHash), mix(T.LexShort, lex, shortHash)];
  for (let k = 1; k <= 4 && k <= lower.length; k++) {
    if (!unseen) own.push(mix(T.Prefix, k, fnv1a(lower.slice(0, k))));
    own.push(mix(T.Suffix, k, fnv1a(lower.slice(-k))));
  }
  if (lower.length === 1) own.push(mix(T.Len1, 0));
  let cluster = 0;
  if (model.features.clusters && model.clusters) {
    const ids = clusterOf(model.clusters, w, lower);
    ids.forEach((id, level) => {
      own.push(mix(T.Cluster, level, id));
      if (level === 0) own.push(mix(T.ClusterShort, id, shortHash));
    });
    cluster = ids[Math.min(1, ids.length - 1)] ?? 0;
  }
  const capitalised = startsWithUpper(w);
  const gazetteerKey = model.gazetteer ? findKey(model.gazetteer.keys, phraseStep(0, nameHash)) : -1;
  return { lower, lowerHash, nameHash, shortHash, lex, cluster, capitalised, gazetteerKey, own: Uint32Array.from(own), scoreVectors: null, scoreVectorsOf: null, casingHash: 0, casingOf: 0 };
}

let documentSerials = 0;

/**
 * Per-document feature state: the casing evidence (hashed once per word), and for the non-local
 * features how each capitalised word has been tagged so far. Words' static features come from
 * the model's shared cache.
 */
export class DocFeatures {
  private casingHashes = new Map<string, number>();
  /** lower-case hash -> counts of the entity types (O, PER, LOC, ORG, MISC) it was tagged with. */
  private history = new Map<number, Uint16Array>();
  /** The model's word cache (looked up once per document, not per token). */
  private readonly words: Map<string, WordInfo>;
  /** This document's number (from 1), for what its words remember of it. */
  private readonly serial = ++documentSerials;
  constructor(
    readonly model: FeatureModel,
    readonly casing: DocCasing,
  ) {
    this.words = wordCacheOf(model);
  }

  word(w: string): WordInfo {
    return this.words.get(w) ?? staticWord(this.model, this.words, w, false);
  }

  /**
   * The word as if the training text had never shown it (its identity and prefixes hidden; shape,
   * suffixes, clusters and lists kept): training's unseen-name copies teach the tagger to type a
   * new name from what is left, as it must for today's names.
   */
  unseen(w: string): WordInfo {
    return staticWord(this.model, this.words, w, true);
  }

  /** casingHash(t.lower), remembered on the word until another document asks (a field, not a lookup, per token). */
  casingHashOf(t: WordInfo): number {
    if (t.casingOf !== this.serial) {
      t.casingHash = this.casingHash(t.lower);
      t.casingOf = this.serial;
    }
    return t.casingHash;
  }

  /** The hash of how the document writes this word elsewhere (docCasing's flags). */
  casingHash(lower: string): number {
    let h = this.casingHashes.get(lower);
    if (h === undefined) {
      h = fnv1a(this.casing.get(lower) ?? '-');
      this.casingHashes.set(lower, h);
    }
    return h;
  }

  /** The majority type the word was tagged with earlier in the document (5: never seen capitalised). */
  recall(info: WordInfo): number {
    const counts = this.history.get(info.nameHash);
    if (!counts) return 5;
    let best = 0;
    for (let k = 1; k < 5; k++) if (counts[k]! > counts[best]!) best = k;
    return best;
  }

  /** Records the label the tagger chose for a word (only capitalised words are recalled). */
  remember(info: WordInfo, label: number): void {
    if (!info.capitalised) return;
    let counts = this.history.get(info.nameHash);
    if (!counts) this.history.set(info.nameHash, (counts = new Uint16Array(5)));
    const type = label === 0 ? 0 : (label + 1) >> 1;
    if (counts[type]! < 65535) counts[type]!++;
  }
}

/** The static features of one sentence: token i's are flat[offsets[i] .. offsets[i + 1]), masked. */
export interface SentenceFeatures {
  info: WordInfo[];
  flat: Int32Array;
  offsets: Int32Array;
}

/**
 * Gazetteer tags of a sentence: for each list, the longest phrases on it (starting at a word on a
 * list), left to right, as
 * tags[i * lists + g] = 1 (begins a phrase) or 2 (inside one) or 3 (a one-word phrase).
 */
export function gazetteerTags(table: GazetteerTable, info: WordInfo[], lists: number, scratch?: Uint8Array): Uint8Array {
  const n = info.length;
  // A caller's scratch buffer, when large enough, is reused (zeroed): one sentence's tags at a time.
  const tags = scratch && scratch.length >= n * lists ? scratch.fill(0, 0, n * lists) : new Uint8Array(n * lists);
  const coveredUntil = new Int32Array(lists);
  // bitsByLength[len]: the lists of the phrase of `len` words starting here (0: none).
  const bitsByLength = new Uint8Array(table.maxTokens + 1);
  const listMask = (1 << lists) - 1;
  const index = keyIndex(table.keys);
  for (let i = 0; i < n; i++) {
    // A word on none of these lists starts no phrase (the loop below would stop at its first word).
    const first = info[i]!.gazetteerKey;
    if (first < 0 || (table.bits[first]! & listMask) === 0) continue;
    let h = 0;
    const max = Math.min(table.maxTokens, n - i);
    bitsByLength.fill(0);
    for (let len = 1; len <= max; len++) {
      h = phraseStep(h, info[i + len - 1]!.nameHash);
      // A word's own entry was looked up when its features were built (the model's table, this one).
      const k = len === 1 ? first : index.find(h);
      // A phrase on none of the tagger's lists (only on a later one) is no phrase to it.
      const bits = k >= 0 ? table.bits[k]! & listMask : 0;
      if (bits !== 0) bitsByLength[len] = bits;
      // Longer phrases are looked for only after a first word that is on a list itself. Looking
      // for every phrase (the gazetteer marking each phrase's prefixes) was measured worse: dev
      // 0.9134 -> 0.9122, modern news 0.822 -> 0.814.
      else if (len === 1) break;
    }
    for (let len = max; len >= 1; len--) {
      const bits = bitsByLength[len]!;
      if (bits === 0) continue;
      for (let g = 0; g < lists; g++) {
        if (!(bits & (1 << g)) || coveredUntil[g]! > i) continue;
        coveredUntil[g] = i + len;
        if (len === 1) tags[i * lists + g] = 3;
        else {
          tags[i * lists + g] = 1;
          for (let j = i + 1; j < i + len; j++) tags[j * lists + g] = 2;
        }
      }
    }
  }
  return tags;
}

export const GAZETTEER_BITS = TAGGER_LISTS;

/** Hashed static (label-history-free) features of every token of one sentence. */
export function sentenceFeatures(words: string[], doc: DocFeatures, unseen?: readonly boolean[]): SentenceFeatures {
  const { model } = doc;
  const mask = (1 << model.bits) - 1;
  const info = words.map((w, i) => (unseen?.[i] ? doc.unseen(w) : doc.word(w)));
  const caps = sentenceIsCaps(words);
  const title = !caps && sentenceIsTitleCase(words);
  const gaz = model.features.gazetteer && model.gazetteer ? gazetteerTags(model.gazetteer, info, GAZETTEER_BITS) : null;
  const useClusters = model.features.clusters && !!model.clusters;
  const n = words.length;
  const at = (i: number): WordInfo => (i < 0 ? BOUNDARY_BEFORE : i >= n ? BOUNDARY_AFTER : info[i]!);
  let size = 0;
  // Context features per token: at most 14 + 2 + 3 + 2 + 3 + 2 + 2 * GAZETTEER_BITS = 36.
  for (const t of info) size += t.own.length + 40;
  const flat = new Int32Array(size);
  const offsets = new Int32Array(n + 1);
  let o = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = o;
    const t = info[i]!;
    for (let k = 0; k < t.own.length; k++) flat[o++] = t.own[k]! & mask;
    const casingHash = doc.casingHash(t.lower);
    const p1 = at(i - 1);
    const p2 = at(i - 2);
    const n1 = at(i + 1);
    const n2 = at(i + 2);
    const push = (h: number) => {
      flat[o++] = h & mask;
    };
    push(mix(T.WordM1, p1.lowerHash));
    push(mix(T.WordP1, n1.lowerHash));
    push(mix(T.WordM2, p2.lowerHash));
    push(mix(T.WordP2, n2.lowerHash));
    push(mix(T.ShortM1, p1.shortHash));
    push(mix(T.ShortP1, n1.shortHash));
    push(mix(T.ShortM2, p2.shortHash));
    push(mix(T.ShortP2, n2.shortHash));
    push(mix(T.WordPairM, p1.lowerHash, t.lowerHash));
    push(mix(T.WordPairP, t.lowerHash, n1.lowerHash));
    push(mix(T.Short3, mix(0, p1.shortHash, t.shortHash), n1.shortHash));
    push(mix(T.WordM1Short, p1.lowerHash, t.shortHash));
    push(mix(T.ShortWordP1, t.shortHash, n1.lowerHash));
    push(mix(T.LexNeighbours, p1.lex, n1.lex));
    push(mix(T.Casing, casingHash));
    push(mix(T.CasingShort, casingHash, t.shortHash));
    if (i === 0) {
      push(mix(T.FirstShort, t.shortHash));
      push(mix(T.FirstWord, t.lowerHash));
      push(mix(T.FirstLex, t.lex));
    }
    if (caps) {
      push(mix(T.CapsCasing, casingHash));
      push(mix(T.CapsWord, t.lowerHash));
    }
    if (title) {
      push(mix(T.TitleLex, t.lex));
      push(mix(T.TitleWord, t.lowerHash));
      push(mix(T.TitleCasing, casingHash));
    }
    if (useClusters) {
      push(mix(T.ClusterM1, p1.cluster));
      push(mix(T.ClusterP1, n1.cluster));
    }
    if (gaz) {
      for (let g = 0; g < GAZETTEER_BITS; g++) {
        const tag = gaz[i * GAZETTEER_BITS + g]!;
        if (tag === 0) continue;
        push(mix(T.Gazetteer, g, tag));
        push(mix(T.GazetteerShort, g * 4 + tag, t.shortHash));
      }
    }
  }
  offsets[n] = o;
  return { info, flat, offsets };
}

/** Number of features historyFeatures writes. */
export const HISTORY_FEATURES = 6;

/**
 * Hashed features that depend on the labels already chosen: the two previous labels, and (with
 * non-local features) how the same word was tagged earlier in the document. Written to `out`.
 * Returns how many were written.
 */
export function historyFeatures(prev: number, prev2: number, t: WordInfo, doc: DocFeatures, out: Int32Array): number {
  const mask = (1 << doc.model.bits) - 1;
  const p = prev + 1;
  out[0] = mix(T.Prev, p) & mask;
  out[1] = mix(T.Prev2, prev2 + 1, p) & mask;
  out[2] = mix(T.PrevWord, p, t.lowerHash) & mask;
  out[3] = mix(T.PrevShort, p, t.shortHash) & mask;
  if (!doc.model.features.nonLocal || !t.capitalised) return 4;
  const seen = doc.recall(t);
  out[4] = mix(T.NonLocal, seen) & mask;
  out[5] = mix(T.NonLocalShort, seen, t.shortHash) & mask;
  return 6;
}
