/**
 * Public API of lede's entity extraction. Importing this module is cheap: the tagger and its
 * weights load only when loadEntityExtractor() is first called (dynamic import), so nothing NLP
 * runs before the first frame.
 */
import type { EntityExtractor } from './types.js';

export type { Entity, EntityExtractor, EntityType, Mention } from './types.js';
export { entityKey, normalizeName } from './normalize.js';
export { tokenize, sentenceRanges, type Token } from './tokenize.js';
export { fieldOf, mentionIndexAt, mentionsIn, readingPosition, TITLE_START, type MentionField } from './mention-order.js';

let pending: Promise<EntityExtractor> | null = null;

/** Loads (once) and returns the extractor. */
export function loadEntityExtractor(): Promise<EntityExtractor> {
  if (!pending) {
    pending = Promise.all([import('./extractor.js'), import('./model/weights.js'), import('./model/review.js')]).then(([ex, weights, review]) => ex.extractorFromModule(weights, review));
    pending.catch(() => {
      pending = null;
    });
  }
  return pending;
}
