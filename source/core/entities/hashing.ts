/**
 * The tagger's hashing, shared by training and the app. Words are hashed once (FNV-1a over the
 * string); every feature is then an integer mix of a template id and one or two such hashes, so
 * no feature string is ever built per token. The word hash is lede's one FNV-1a.
 */
export { fnv1a } from '../hash.js';

/** A 32-bit mix of a template id and up to two values (murmur3's finaliser steps). */
export function mix(template: number, a: number, b = 0): number {
  let h = Math.imul(template ^ 0x5bd1e995, 0x9e3779b1) ^ a;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The hash of a phrase from its words' lower-case hashes, folded left to right (gazetteer keys). */
export function phraseStep(previous: number, wordHash: number): number {
  return mix(0x67617a, previous, wordHash);
}
