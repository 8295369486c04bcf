/**
 * Greedy left-to-right decoding of the averaged-perceptron tagger over BIO labels.
 * `weights` is any numeric array laid out as [bucket * NUM_LABELS + label] (Float32 while
 * training, Int16 once quantised for shipping: only the argmax matters).
 */
import { ScoreTables } from './scoring.js';
import { allowed, DocFeatures, HISTORY_FEATURES, historyFeatures, NUM_LABELS, sentenceFeatures, type FeatureModel, type SentenceFeatures } from './features.js';

export interface TaggerWeights extends FeatureModel {
  weights: ArrayLike<number>;
}

/** Adds the weights of features[from, to) to `scores` (which the caller zeroes). */
export function addScores(weights: ArrayLike<number>, features: ArrayLike<number>, from: number, to: number, scores: Float64Array): void {
  for (let k = from; k < to; k++) {
    const base = features[k]! * NUM_LABELS;
    for (let l = 0; l < NUM_LABELS; l++) scores[l]! += weights[base + l]!;
  }
}

export function bestLabel(scores: Float64Array, prev: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let l = 0; l < NUM_LABELS; l++) {
    if (!allowed(prev, l)) continue;
    if (scores[l]! > bestScore) {
      bestScore = scores[l]!;
      best = l;
    }
  }
  return best;
}

/** Labels whose scores are kept per token for type voting: O, B-PER, B-LOC, B-ORG, B-MISC. */
export const START_LABELS = [0, 1, 3, 5, 7] as const;

/**
 * Tags one sentence, recording each chosen label in `doc` (the non-local features' memory).
 * `starts`, when given, receives for each token i the scores of START_LABELS at
 * [(offset + i) * 5 ...]: how much the tagger would like an entity of each type to begin there,
 * whatever it chose (used to vote on an entity's type over all its mentions).
 */
export function tagWithFeatures(weights: ArrayLike<number>, sentence: SentenceFeatures, doc: DocFeatures, starts?: Float32Array, offset = 0): number[] {
  const { info, flat, offsets } = sentence;
  const out: number[] = [];
  const scores = new Float64Array(NUM_LABELS);
  const hist = new Int32Array(HISTORY_FEATURES);
  let prev = -1;
  let prev2 = -1;
  for (let i = 0; i < info.length; i++) {
    scores.fill(0);
    addScores(weights, flat, offsets[i]!, offsets[i + 1]!, scores);
    const nh = historyFeatures(prev, prev2, info[i]!, doc, hist);
    addScores(weights, hist, 0, nh, scores);
    const label = bestLabel(scores, prev);
    if (starts) for (let k = 0; k < START_LABELS.length; k++) starts[(offset + i) * START_LABELS.length + k] = scores[START_LABELS[k]!]!;
    out.push(label);
    prev2 = prev;
    prev = label;
  }
  info.forEach((t, i) => doc.remember(t, out[i]!));
  return out;
}

const tables = new WeakMap<TaggerWeights, ScoreTables>();

/**
 * Tags one sentence of a document. The shipped model's integer weights go through its summed
 * tables (scoring.ts: the same labels and scores, half the CPU); other weights (a model
 * being trained) through the features one by one.
 */
export function tagSentence(model: TaggerWeights, words: string[], doc: DocFeatures, starts?: Float32Array, offset = 0): number[] {
  if (!(model.weights instanceof Int16Array)) return tagWithFeatures(model.weights, sentenceFeatures(words, doc), doc, starts, offset);
  let t = tables.get(model);
  if (!t || t.weights !== model.weights) tables.set(model, (t = new ScoreTables(model.weights, model)));
  return t.tag(words, doc, starts, offset, START_LABELS);
}
