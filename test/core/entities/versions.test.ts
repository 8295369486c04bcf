import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXTRACTOR_VERSION, MODEL_VERSION, REVIEW_VERSION, RULES_VERSION } from '../../../source/core/entities/versions.js';
import * as review from '../../../source/core/entities/model/review.js';
import { loadEntityExtractor } from '../../../source/core/entities/index.js';
import * as weights from '../../../source/core/entities/model/weights.js';

// A second start keys the saved entity index by EXTRACTOR_VERSION before (or without) loading the
// extractor, and the pass's worker caches entities under the loaded one's version: were they to
// differ, every second start would miss the saved index, or use one another model built.
test('the version module says what the shipped model and rules carry', async () => {
  assert.equal(MODEL_VERSION, weights.MODEL_VERSION, 'retrained: copy model/weights.ts MODEL_VERSION into versions.ts');
  assert.equal(REVIEW_VERSION, review.REVIEW_VERSION, 'review retrained: copy model/review.ts REVIEW_VERSION into versions.ts');
  const extractor = await loadEntityExtractor();
  assert.equal(extractor.version, EXTRACTOR_VERSION);
  assert.ok(extractor.version.endsWith(`+r${RULES_VERSION}`));
});
