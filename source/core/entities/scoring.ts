/**
 * The shipped (integer) model's scores, with most of the weights summed once per word instead of
 * once per token. sentenceFeatures (features.ts) lists every feature of a token and the tagger
 * adds their weights, ~45 scattered reads of a 4.7 MB table per token; but most of those
 * features depend on one word only: its own static features, and the features its neighbours
 * take from it ("the word before is X", "the shape two after is Xx"). Their weights are summed
 * once per word and model into a few vectors of 9 label scores, kept with the word's cached
 * features (WordInfo), so a token adds five of them (its own, its two neighbours' on each
 * side) and three small tables' rows, and reads only the 6 to 10 weights of the features that
 * pair two words or depend on the sentence. Label history works the same way: the two previous
 * labels' weights are one table, and the word's own history features after an O are in its
 * vectors. Measured (npm run bench -- extract): the tagger and its features went from 8.0 to
 * 4.0 CPU-seconds over 2,000 generated articles.
 *
 * The weights are integers (Int16), so the sums are exact whatever their order: the scores, and
 * so every label and every start score, are those of features.ts + tagger.ts's tagWithFeatures,
 * which training still uses (test/core/entities/scoring.test.ts checks the two agree on the
 * seeds, the fixture sets, generated news and random sentences). A feature added to
 * sentenceFeatures or historyFeatures must be added here too.
 */
import { allowed, BOUNDARY_AFTER, BOUNDARY_BEFORE, GAZETTEER_BITS, gazetteerTags, NUM_LABELS, sentenceIsCaps, sentenceIsTitleCase, type DocFeatures, type FeatureModel, type WordInfo } from './features.js';
import { mix } from './hashing.js';
import { T } from './templates.js';

const L = NUM_LABELS;
/** A word's vectors, L scores each: its own features; as the word 1 before, 1 after, 2 before, 2 after a token; its history features after an O. */
const OWN = 0;
const AS_M1 = L;
const AS_P1 = 2 * L;
const AS_M2 = 3 * L;
const AS_P2 = 4 * L;
const AFTER_O = 5 * L;
const VECTORS = 6 * L;

/** Summed weights of one model (built once per model: a few kB besides the words' vectors). */
export class ScoreTables {
  private readonly mask: number;
  private readonly clusters: boolean;
  /** LexNeighbours by (lex before) * 3 + (lex after): lex is 0, 1 or 2 (a sentence boundary). */
  private readonly lexPairs = new Int32Array(9 * L);
  /** Prev + Prev2 by (prev + 1) * 10 + (prev2 + 1). */
  private readonly labelPairs = new Int32Array(100 * L);
  /** Casing, CapsCasing, TitleCasing by the document's casing hash (docCasing has a few values). */
  private readonly casing = new Map<number, Int32Array>();
  /** The boundaries' vectors (their WordInfo is shared by every model). */
  private readonly before: Int32Array;
  private readonly after: Int32Array;
  /** One sentence's scores and gazetteer tags at a time (tag() is not re-entered). */
  private readonly scores = new Int32Array(L);
  private gazetteerScratch = new Uint8Array(0);

  constructor(
    readonly weights: Int16Array,
    readonly model: FeatureModel,
  ) {
    this.mask = (1 << model.bits) - 1;
    this.clusters = model.features.clusters && !!model.clusters;
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) this.add(this.lexPairs, (a * 3 + b) * L, mix(T.LexNeighbours, a, b));
    for (let prev = -1; prev < L; prev++) {
      for (let prev2 = -1; prev2 < L; prev2++) {
        const at = ((prev + 1) * 10 + prev2 + 1) * L;
        this.add(this.labelPairs, at, mix(T.Prev, prev + 1));
        this.add(this.labelPairs, at, mix(T.Prev2, prev2 + 1, prev + 1));
      }
    }
    this.before = this.buildVectors(BOUNDARY_BEFORE);
    this.after = this.buildVectors(BOUNDARY_AFTER);
  }

  /** Adds the weights of feature `hash` to out[at, at + L). */
  private add(out: Int32Array, at: number, hash: number): void {
    const base = (hash & this.mask) * L;
    const w = this.weights;
    for (let l = 0; l < L; l++) out[at + l]! += w[base + l]!;
  }

  private buildVectors(t: WordInfo): Int32Array {
    const v = new Int32Array(VECTORS);
    for (let k = 0; k < t.own.length; k++) this.add(v, OWN, t.own[k]!);
    this.add(v, AS_M1, mix(T.WordM1, t.lowerHash));
    this.add(v, AS_M1, mix(T.ShortM1, t.shortHash));
    this.add(v, AS_P1, mix(T.WordP1, t.lowerHash));
    this.add(v, AS_P1, mix(T.ShortP1, t.shortHash));
    this.add(v, AS_M2, mix(T.WordM2, t.lowerHash));
    this.add(v, AS_M2, mix(T.ShortM2, t.shortHash));
    this.add(v, AS_P2, mix(T.WordP2, t.lowerHash));
    this.add(v, AS_P2, mix(T.ShortP2, t.shortHash));
    if (this.clusters) {
      this.add(v, AS_M1, mix(T.ClusterM1, t.cluster));
      this.add(v, AS_P1, mix(T.ClusterP1, t.cluster));
    }
    // History after an O (prev = 0: the template's value is prev + 1).
    this.add(v, AFTER_O, mix(T.PrevWord, 1, t.lowerHash));
    this.add(v, AFTER_O, mix(T.PrevShort, 1, t.shortHash));
    return v;
  }

  vectorsOf(t: WordInfo): Int32Array {
    if (t === BOUNDARY_BEFORE) return this.before;
    if (t === BOUNDARY_AFTER) return this.after;
    if (t.scoreVectorsOf !== this || !t.scoreVectors) {
      t.scoreVectors = this.buildVectors(t);
      t.scoreVectorsOf = this;
    }
    return t.scoreVectors;
  }

  private casingVectors(casingHash: number): Int32Array {
    let v = this.casing.get(casingHash);
    if (!v) {
      v = new Int32Array(3 * L);
      this.add(v, 0, mix(T.Casing, casingHash));
      this.add(v, L, mix(T.CapsCasing, casingHash));
      this.add(v, 2 * L, mix(T.TitleCasing, casingHash));
      this.casing.set(casingHash, v);
    }
    return v;
  }

  /**
   * Tags one sentence as tagWithFeatures(weights, sentenceFeatures(words, doc), doc, starts,
   * offset) does, label for label and score for score.
   */
  tag(words: string[], doc: DocFeatures, starts: Float32Array | undefined, offset: number, startLabels: readonly number[]): number[] {
    const { model } = this;
    const n = words.length;
    const info = words.map((w) => doc.word(w));
    const vectors = info.map((t) => this.vectorsOf(t));
    const caps = sentenceIsCaps(words);
    const title = !caps && sentenceIsTitleCase(words);
    if (this.gazetteerScratch.length < n * GAZETTEER_BITS) this.gazetteerScratch = new Uint8Array(2 * n * GAZETTEER_BITS);
    const gaz = model.features.gazetteer && model.gazetteer ? gazetteerTags(model.gazetteer, info, GAZETTEER_BITS, this.gazetteerScratch) : null;
    const nonLocal = model.features.nonLocal;
    const vec = (i: number): Int32Array => (i < 0 ? this.before : i >= n ? this.after : vectors[i]!);
    const scores = this.scores;
    const out: number[] = [];
    let prev = -1;
    let prev2 = -1;
    for (let i = 0; i < n; i++) {
      const t = info[i]!;
      const own = vectors[i]!;
      const p1 = i > 0 ? info[i - 1]! : BOUNDARY_BEFORE;
      const n1 = i + 1 < n ? info[i + 1]! : BOUNDARY_AFTER;
      const vp1 = vec(i - 1);
      const vn1 = vec(i + 1);
      const vp2 = vec(i - 2);
      const vn2 = vec(i + 2);
      const casingHash = doc.casingHashOf(t);
      const cv = this.casingVectors(casingHash);
      const lex = (p1.lex * 3 + n1.lex) * L;
      const history = ((prev + 1) * 10 + prev2 + 1) * L;
      for (let l = 0; l < L; l++) {
        scores[l] = own[OWN + l]! + vp1[AS_M1 + l]! + vn1[AS_P1 + l]! + vp2[AS_M2 + l]! + vn2[AS_P2 + l]! + this.lexPairs[lex + l]! + cv[l]! + this.labelPairs[history + l]!;
      }
      this.add(scores, 0, mix(T.WordPairM, p1.lowerHash, t.lowerHash));
      this.add(scores, 0, mix(T.WordPairP, t.lowerHash, n1.lowerHash));
      this.add(scores, 0, mix(T.Short3, mix(0, p1.shortHash, t.shortHash), n1.shortHash));
      this.add(scores, 0, mix(T.WordM1Short, p1.lowerHash, t.shortHash));
      this.add(scores, 0, mix(T.ShortWordP1, t.shortHash, n1.lowerHash));
      this.add(scores, 0, mix(T.CasingShort, casingHash, t.shortHash));
      if (i === 0) {
        this.add(scores, 0, mix(T.FirstShort, t.shortHash));
        this.add(scores, 0, mix(T.FirstWord, t.lowerHash));
        this.add(scores, 0, mix(T.FirstLex, t.lex));
      }
      if (caps) {
        for (let l = 0; l < L; l++) scores[l]! += cv[L + l]!;
        this.add(scores, 0, mix(T.CapsWord, t.lowerHash));
      }
      if (title) {
        this.add(scores, 0, mix(T.TitleLex, t.lex));
        this.add(scores, 0, mix(T.TitleWord, t.lowerHash));
        for (let l = 0; l < L; l++) scores[l]! += cv[2 * L + l]!;
      }
      if (gaz) {
        for (let g = 0; g < GAZETTEER_BITS; g++) {
          const tag = gaz[i * GAZETTEER_BITS + g]!;
          if (tag === 0) continue;
          this.add(scores, 0, mix(T.Gazetteer, g, tag));
          this.add(scores, 0, mix(T.GazetteerShort, g * 4 + tag, t.shortHash));
        }
      }
      if (prev === 0) for (let l = 0; l < L; l++) scores[l]! += own[AFTER_O + l]!;
      else {
        this.add(scores, 0, mix(T.PrevWord, prev + 1, t.lowerHash));
        this.add(scores, 0, mix(T.PrevShort, prev + 1, t.shortHash));
      }
      if (nonLocal && t.capitalised) {
        const seen = doc.recall(t);
        this.add(scores, 0, mix(T.NonLocal, seen));
        this.add(scores, 0, mix(T.NonLocalShort, seen, t.shortHash));
      }
      let label = 0;
      let best = -Infinity;
      for (let l = 0; l < L; l++) {
        if (scores[l]! > best && allowed(prev, l)) {
          best = scores[l]!;
          label = l;
        }
      }
      if (starts) for (let k = 0; k < startLabels.length; k++) starts[(offset + i) * startLabels.length + k] = scores[startLabels[k]!]!;
      out.push(label);
      prev2 = prev;
      prev = label;
    }
    for (let i = 0; i < n; i++) doc.remember(info[i]!, out[i]!);
    return out;
  }
}
