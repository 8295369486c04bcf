/**
 * An article's entities as the library shows them: the one place where what the whole library
 * knows is applied to what one article's extraction found. Every path that shows entities (the
 * panel, `lede entities`, the monkey) goes through here.
 */
import { applyEvidence } from './evidence.js';
import type { LibraryEntityIndex } from './library-index.js';
import type { Entity } from './types.js';

/** `extracted` as the library shows it; without an index (the pass has not finished), as extracted. */
export function entitiesAsShown(extracted: Entity[], index: Pick<LibraryEntityIndex, 'evidence'> | null): Entity[] {
  return index ? applyEvidence(index.evidence, extracted) : extracted;
}
