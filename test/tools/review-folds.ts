/**
 * The folds of the review's training (train-review.ts): the review must learn what the pipeline
 * makes of text its tagger never saw, so each fold's tagger is trained without one K-th of the
 * documents (train-entities --leave-out k/K) and read on that K-th only. Both tools use this
 * one assignment, per list (CoNLL documents, modern articles), by index.
 */
export interface Fold {
  index: number;
  count: number;
}

export function parseFold(spec: string): Fold {
  const [index, count] = spec.split('/').map(Number);
  if (!Number.isInteger(index) || !Number.isInteger(count) || count! < 2 || index! < 0 || index! >= count!) throw new Error(`--leave-out ${spec}: k/K with 0 <= k < K, K >= 2`);
  return { index: index!, count: count! };
}

/** Whether the document at `i` of its list belongs to `fold`. */
export const inFold = (i: number, fold: Fold) => i % fold.count === fold.index;
