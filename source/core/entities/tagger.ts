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

export function tagWithFeatures(model: TaggerWeights, info: TokenInfo[], feats: Int32Array[]): number[] {
  const mask = (1 << model.bits) - 1;
  const out: number[] = [];
  const scores = new Float64Array(NUM_LABELS);
  let prev = -1;
  let prev2 = -1;
  for (let i = 0; i < info.length; i++) {
    scoreToken(model.weights, feats[i]!, historyFeatures(prev, prev2, info[i]!, mask), scores);
    const label = bestLabel(scores, prev);
    out.push(label);
    prev2 = prev;
    prev = label;
  }
  return out;
}

export function tagSentence(model: TaggerWeights, words: string[], casing: DocCasing): number[] {
  const { info, feats } = sentenceFeatures(words, casing, (1 << model.bits) - 1, model.lexicon);
  return tagWithFeatures(model, info, feats);
}
