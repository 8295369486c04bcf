/**
 * The modern training set as the tagger's trainer reads it (test/tools/modern-training.ts): the
 * article as lede reads it, BIO labels on the app's tokens from the gold spans.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LABELS } from '../../../source/core/entities/features.js';
import { labelledDocument, readModernTraining, type GoldEntity } from '../../tools/modern-training.js';
import { root } from './helpers.js';

const tagged = (doc: ReturnType<typeof labelledDocument>) => doc.map((s) => s.words.map((w, i) => `${w}/${LABELS[s.labels[i]!]}`).join(' '));

test('labels: title and text spans become BIO on whole tokens; a possessive is outside the name', () => {
  const title = 'Nvidia Beats Forecasts';
  const text = "Jensen Huang said Nvidia's Blackwell chips sold out. Investors cheered.";
  const entities: GoldEntity[] = [
    { type: 'organization', mentions: [{ field: 'title', start: 0, end: 6 }, { field: 'text', start: 18, end: 24 }] },
    { type: 'person', mentions: [{ field: 'text', start: 0, end: 12 }] },
    { type: 'misc', mentions: [{ field: 'text', start: 27, end: 36 }] },
  ];
  assert.deepEqual(tagged(labelledDocument(title, text, entities, new Set(['beats', 'forecasts']))), [
    // The headline's common words in lower case, as the extractor reads a title-case headline.
    'Nvidia/B-ORG beats/O forecasts/O',
    "Jensen/B-PER Huang/I-PER said/O Nvidia/B-ORG 's/O Blackwell/B-MISC chips/O sold/O out/O ./O",
    'Investors/O cheered/O ./O',
  ]);
});

test('labels: two names side by side stay two (B after B), a place is LOC', () => {
  const text = 'Talks in Paris Tuesday. Apple Google deal.';
  const entities: GoldEntity[] = [
    { type: 'place', mentions: [{ field: 'text', start: 9, end: 14 }] },
    { type: 'organization', mentions: [{ field: 'text', start: 24, end: 29 }] },
    { type: 'organization', mentions: [{ field: 'text', start: 30, end: 36 }] },
  ];
  assert.deepEqual(tagged(labelledDocument('', text, entities, new Set())), ['Talks/O in/O Paris/B-LOC Tuesday/O ./O', 'Apple/B-ORG Google/B-ORG deal/O ./O']);
});

test('labels: a mention inside a token labels nothing and is counted; an unknown type is an error', () => {
  const cut = { count: 0 };
  const doc = labelledDocument('', 'The Indianapolis-based firm grew.', [{ type: 'place', mentions: [{ field: 'text', start: 4, end: 16 }] }], new Set(), cut);
  assert.deepEqual(tagged(doc), ['The/O Indianapolis-based/O firm/O grew/O ./O']);
  assert.equal(cut.count, 1);
  assert.throws(() => labelledDocument('', 'Acme rose.', [{ type: 'company', mentions: [{ field: 'text', start: 0, end: 4 }] }], new Set()), /unknown entity type/);
});

test('the committed training set reads whole: every article, every gold mention on whole tokens but a few', async () => {
  const dir = join(root, 'test/fixtures/modern-news-train');
  // gold-a.json, and gold-b.json where the other writer's half is in.
  const articles = readdirSync(dir)
    .filter((n) => /^gold.*\.json$/.test(n))
    .flatMap((n) => (JSON.parse(readFileSync(join(dir, n), 'utf8')) as { articles: Array<{ entities: GoldEntity[] }> }).articles);
  const { docs, cut } = await readModernTraining(dir, new Set());
  assert.equal(docs.length, articles.length, 'every article is a document');
  const mentions = articles.reduce((n, a) => n + a.entities.reduce((k, e) => k + e.mentions.length, 0), 0);
  const begins = docs.flat().reduce((n, s) => n + s.labels.filter((l) => LABELS[l]!.startsWith('B-')).length, 0);
  assert.ok(cut <= 0.02 * mentions, `${cut} of ${mentions} mentions fall inside a token`);
  assert.ok(begins >= mentions - cut, 'each gold mention begins a name');
});
