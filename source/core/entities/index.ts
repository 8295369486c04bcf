/**
 * Public API of lede's entity extraction. Importing this module is cheap: the tagger and its
 * weights load only when loadEntityExtractor() is first called (dynamic import), so nothing NLP
 * runs before the first frame.
 */
import { firstIndexWhere } from '../sorted.js';
import type { EntityExtractor, Mention } from './types.js';

export type { Entity, EntityExtractor, EntityType, Mention } from './types.js';
export { entityKey, normalizeName } from './normalize.js';
export { tokenize, sentenceRanges, type Token } from './tokenize.js';

let pending: Promise<EntityExtractor> | null = null;

/** Loads (once) and returns the extractor. */
export function loadEntityExtractor(): Promise<EntityExtractor> {
  if (!pending) {
    pending = Promise.all([import('./extractor.js'), import('./model/weights.js')]).then(([ex, weights]) => ex.extractorFromModule(weights));
    pending.catch(() => {
      pending = null;
    });
  }
  return pending;
}

/**
 * Index of the next mention that starts after `offset` (direction 1) or the previous one that
 * starts before it (direction -1), wrapping around at either end; -1 when there are none.
 * `mentions` must be sorted by start.
 */
export function mentionIndexAt(mentions: Mention[], offset: number, direction: 1 | -1): number {
  const n = mentions.length;
  if (n === 0) return -1;
  if (direction === 1) {
    const after = firstIndexWhere(n, (i) => mentions[i]!.start > offset);
    return after < n ? after : 0;
  }
  const notBefore = firstIndexWhere(n, (i) => mentions[i]!.start >= offset);
  return notBefore > 0 ? notBefore - 1 : n - 1;
}
