/**
 * Greedy left-to-right decoding of the averaged-perceptron tagger over BIO labels.
 * `weights` is any numeric array laid out as [bucket * NUM_LABELS + label] (Float32 while
 * training, Int8 once quantised for shipping: only the argmax matters).
 */
import { allowed, historyFeatures, NUM_LABELS, sentenceFeatures, type DocCasing, type TokenInfo } from './features.js';

export interface TaggerWeights {
  bits: number;
  weights: ArrayLike<number>;
  lexicon?: ReadonlySet<string>;
}

export function scoreToken(weights: ArrayLike<number>, feats: ArrayLike<number>, hist: ArrayLike<number>, scores: Float64Array): void {
  scores.fill(0);
  for (let k = 0; k < feats.length; k++) {
    const base = feats[k]! * NUM_LABELS;
    for (let l = 0; l < NUM_LABELS; l++) scores[l]! += weights[base + l]!;
  }
  for (let k = 0; k < hist.length; k++) {
    const base = hist[k]! * NUM_LABELS;
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
 * `starts`, when given, receives for each token i the scores of START_LABELS at
 * [(offset + i) * 5 ...]: how much the tagger would like an entity of each type to begin there,
 * whatever it chose (used to vote on an entity's type over all its mentions).
 */
export function tagWithFeatures(model: TaggerWeights, info: TokenInfo[], feats: Int32Array[], starts?: Float32Array, offset = 0): number[] {
  const mask = (1 << model.bits) - 1;
  const out: number[] = [];
  const scores = new Float64Array(NUM_LABELS);
  let prev = -1;
  let prev2 = -1;
  for (let i = 0; i < info.length; i++) {
    scoreToken(model.weights, feats[i]!, historyFeatures(prev, prev2, info[i]!, mask), scores);
    const label = bestLabel(scores, prev);
    if (starts) for (let k = 0; k < START_LABELS.length; k++) starts[(offset + i) * START_LABELS.length + k] = scores[START_LABELS[k]!]!;
    out.push(label);
    prev2 = prev;
    prev = label;
  }
  return out;
}

export function tagSentence(model: TaggerWeights, words: string[], casing: DocCasing, starts?: Float32Array, offset = 0): number[] {
  const { info, feats } = sentenceFeatures(words, casing, (1 << model.bits) - 1, model.lexicon);
  return tagWithFeatures(model, info, feats, starts, offset);
}
