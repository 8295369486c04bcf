// Slow tier: the fast tagger checked against the plain one on every fixture, 120 generated articles and random sentences, ~5 s of CPU.
/**
 * The shipped model's summed score tables (scoring.ts) answer exactly as the features one by one
 * (sentenceFeatures + tagWithFeatures, training's path): the same entities and mentions, byte
 * for byte, on the seeds, every fixture set and generated news, and the same labels and start
 * scores on random sentences, with every optional feature group on or off.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { createExtractor, modelFromModule } from '../../../source/core/entities/extractor.js';
import { DocFeatures, docCasing, sentenceFeatures, type FeatureSet } from '../../../source/core/entities/features.js';
import * as weightsModule from '../../../source/core/entities/model/weights.js';
import { START_LABELS, tagSentence, tagWithFeatures, type TaggerWeights } from '../../../source/core/entities/tagger.js';
import { loadLibrary } from '../../../source/core/load/index.js';
import { generateArticles } from '../../bench/generate-corpus.js';
import { readGold, readSeed, root } from './helpers.js';

const shipped = modelFromModule(weightsModule);
const fast = createExtractor(shipped.model, shipped.version, shipped.known);
/** The same weights as floats: tagSentence takes them feature by feature. */
const plainModel: TaggerWeights = { ...shipped.model, weights: Float64Array.from(shipped.model.weights) };
const plain = createExtractor(plainModel, shipped.version, shipped.known);

async function fixtureArticles(set: string): Promise<Array<{ id: string; title: string; text: string }>> {
  const dir = join(root, 'test/fixtures', set);
  const out = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    const a = (await loadLibrary([join(dir, f)])).articles[0];
    if (a) out.push({ id: `${set}/${f}`, title: a.title, text: a.text });
  }
  return out;
}

function assertSameEntities(docs: Array<{ id: string; title?: string; text: string }>): void {
  assert.ok(docs.length > 0);
  for (const d of docs) {
    const a = fast.extract(d.text, d.title);
    assert.ok(a.length > 0, `${d.id}: some entities`);
    assert.equal(JSON.stringify(a), JSON.stringify(plain.extract(d.text, d.title)), d.id);
  }
}

test('the integer model goes through the summed tables, float weights through the features', () => {
  // Both extractors tag every fixture alike (below); this says they take different paths.
  const doc = () => new DocFeatures(shipped.model, new Map());
  const words = ['Gordon', 'Brown', 'visited', 'Paris', '.'];
  assert.deepEqual(tagSentence(shipped.model, words, doc()), tagWithFeatures(shipped.model.weights, sentenceFeatures(words, doc()), doc()));
  assert.ok(shipped.model.weights instanceof Int16Array);
});

test('the seeds: the same entities and mentions, titles included', () => {
  assertSameEntities(readGold().map((a) => ({ id: a.path, ...readSeed(a.path) })));
});

test('every fixture set: the same entities and mentions', async () => {
  for (const set of ['modern-news', 'modern-news-dev', 'modern-news-heldout']) assertSameEntities(await fixtureArticles(set));
});

test('generated news: the same entities and mentions', () => {
  assertSameEntities([...generateArticles(120, 7)].map((a) => ({ id: a.name, title: a.title, text: a.body })));
});

// Random sentences: words of news in every casing, digits, punctuation, non-Latin letters, and
// names the gazetteer and clusters know, so every feature group's every branch is taken.
const VOCABULARY = [
  'the', 'of', 'said', 'on', 'May', 'will', 'Offer', 'talks', 'in', 'and', 'a', 'to', 'with', 'over',
  'Gordon', 'Brown', 'Vladimir', 'Putin', 'Netanyahu', 'Angela', 'Merkel', 'Zoe', 'Wes',
  'London', 'Paris', 'New', 'York', 'St.', 'Louis', 'United', 'Kingdom', 'Ireland', 'Texas', 'Kyiv',
  'General', 'Motors', 'Google', 'Sony', 'Nokia', 'Aer', 'Lingus', 'Goldman', 'Sachs', 'Reuters', 'Labour', 'Party',
  'U.S.', 'EU', 'NATO', 'GM', 'IBM', 'BBC', 'UN', 'PC', 'TV', 'ÉCOLE', 'Zürich', 'São', 'Paulo', 'Łódź', 'Ørsted', 'İstanbul',
  'al-Assad', "O'Brien", "'s", '1,600', '2025', '3.5', '12', 'x', 'A', 'I', '.', ',', '"', '(', ')', '-', '—', '?', '...',
  'LONDON', 'REUTERS', 'PRESIDENT', 'mcdonald', 'iPhone', 'eBay', 'McDonald', 'MacArthur', '😀', 'Ω', 'ß',
];

const sentenceArb = fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 40 });
const featureSetArb = fc.record<FeatureSet>({ clusters: fc.boolean(), gazetteer: fc.boolean(), nonLocal: fc.boolean() });

test('random sentences and feature sets: the same labels and start scores, sentence after sentence', () => {
  fc.assert(
    fc.property(fc.array(sentenceArb, { minLength: 1, maxLength: 6 }), featureSetArb, (sentences, features) => {
      // A model per feature set (its words' caches and tables are its own).
      const model: TaggerWeights = { ...shipped.model, features };
      const casing = docCasing(sentences);
      const fastDoc = new DocFeatures(model, casing);
      const plainDoc = new DocFeatures(model, casing);
      const tokens = sentences.reduce((n, s) => n + s.length, 0);
      const fastStarts = new Float32Array(tokens * START_LABELS.length);
      const plainStarts = new Float32Array(tokens * START_LABELS.length);
      let offset = 0;
      for (const words of sentences) {
        // Later sentences read the earlier ones' labels (non-local features): both must stay in step.
        const a = tagSentence(model, words, fastDoc, fastStarts, offset);
        const b = tagWithFeatures(model.weights, sentenceFeatures(words, plainDoc), plainDoc, plainStarts, offset);
        assert.deepEqual(a, b, words.join(' '));
        offset += words.length;
      }
      assert.deepEqual(fastStarts, plainStarts);
    }),
    { numRuns: 300 },
  );
});
