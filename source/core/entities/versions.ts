/**
 * The entity extractor's version, without loading the extractor: it names the entity cache's
 * entries and keys the saved library entity index. A second start checks that index before the
 * tagger's model module (megabytes of weights) is loaded, or without loading it at all; the
 * extractor carries the same string (createExtractor builds its version from these two), and a
 * test says so, so the two cannot drift apart.
 */

/** Bump when resolve.ts, the tokenizer or the features change behaviour (the cache key). */
export const RULES_VERSION = 70;

/**
 * The version of the model in model/weights.ts (its MODEL_VERSION): retraining writes a new one
 * there, and this must follow (versions.test.ts fails until it does).
 */
export const MODEL_VERSION = 'perceptron-18-280af44523ac';

/** The version of the review's model in model/review.ts (its REVIEW_VERSION), kept equal the same way. */
export const REVIEW_VERSION = 'review-c75ae59b2e0a';

/** The loaded extractor's `version`, as createExtractor makes it from its model's version (and its review's, when it has one). */
export function extractorVersion(modelVersion: string, reviewVersion?: string): string {
  return reviewVersion ? `${modelVersion}+${reviewVersion}+r${RULES_VERSION}` : `${modelVersion}+r${RULES_VERSION}`;
}

/** What the shipped extractor's `version` is: the entity cache's and the saved index's key. */
export const EXTRACTOR_VERSION = extractorVersion(MODEL_VERSION, REVIEW_VERSION);
