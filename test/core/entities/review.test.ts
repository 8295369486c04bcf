import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeReviewModel, REVIEW_CLASSES, reviewEntities, reviewFeatures, reviewScores, reviewVerdict, type ReviewDocument } from '../../../source/core/entities/review.js';
import { NO_KNOWN_NAMES } from '../../../source/core/entities/stages/context.js';
import { START_LABELS } from '../../../source/core/entities/tagger.js';
import { tokenize } from '../../../source/core/entities/tokenize.js';
import type { Entity, EntityType } from '../../../source/core/entities/types.js';

/** A document whose tagger scores favour `tag` (0 O, 1 PER, 2 LOC, 3 ORG, 4 MISC) at every token. */
function documentOf(text: string, bodyStart = 0, tag = 1, lower: string[] = []): ReviewDocument {
  const tokens = tokenize(text);
  const starts = new Float32Array(tokens.length * START_LABELS.length);
  for (let i = 0; i < tokens.length; i++) starts[i * START_LABELS.length + tag] = 5;
  return { text, tokens, starts, bodyStart, known: { ...NO_KNOWN_NAMES, isCommonWord: (w) => w === 'winter' || w === 'us' }, writtenLower: (w) => lower.includes(w) };
}

function entityAt(doc: ReviewDocument, name: string, type: EntityType): Entity {
  const mentions = [];
  for (let at = doc.text.indexOf(name); at >= 0; at = doc.text.indexOf(name, at + 1)) mentions.push({ field: 'text' as const, start: at, end: at + name.length, text: name });
  return { id: `${type}:${name.toLowerCase()}`, name, type, aliases: [], mentions };
}

/** A model whose only weights are `weights` (feature → one weight per class), with the given thresholds. */
function modelOf(weights: Record<string, number[]>, dropAt = 0.6, retypeAt = 0.7) {
  const text = [`${dropAt} ${retypeAt}`, ...Object.entries(weights).map(([f, w]) => `${f} ${w.join(' ')}`)].join('\n');
  return decodeReviewModel(text);
}

describe('the review reads an entity whole', () => {
  test('its features: the rules type, the tagger at each mention, the words around, its shape', () => {
    const doc = documentOf('Shares in Acme rose. Acme said on Monday it would cut jobs.');
    const f = reviewFeatures(entityAt(doc, 'Acme', 'person'), doc);
    assert.equal(f.get('rule:person'), 1);
    assert.equal(f.get('mentions:2'), 1);
    assert.equal(f.get('tagger:PER'), 1, 'the share of mentions whose start the tagger scores highest as PER');
    assert.equal(f.get('before:in'), 0.5);
    assert.equal(f.get('before:.'), 0.5);
    assert.equal(f.get('after:rose'), 0.5);
    assert.equal(f.get('after:said'), 0.5);
    assert.equal(f.get('word:Acme'), 1);
  });

  test('a title mention sees no word of the body before or after it, and a title-only name says so', () => {
    const title = 'Winter';
    const text = `${title}\n\nThe season ended.`;
    const doc = documentOf(text, title.length + 2, 1, ['winter']);
    const f = reviewFeatures(entityAt(doc, 'Winter', 'person'), doc);
    assert.equal(f.get('before:<start>'), 1);
    assert.equal(f.get('after:<end>'), 1);
    assert.equal(f.get('title-only'), 1);
    assert.equal(f.get('lexicon:common-word'), 1);
    assert.equal(f.get('text:written-lower'), 1);
  });

  test('an acronym is not its lower-case word: "US" is not the common word "us"', () => {
    const doc = documentOf('Sanctions on US firms hurt us.', 0, 1, ['us']);
    const f = reviewFeatures(entityAt(doc, 'US', 'place'), doc);
    assert.equal(f.get('lexicon:common-word'), undefined);
    assert.equal(f.get('text:written-lower'), undefined);
    assert.equal(f.get('word:US'), 1);
  });

  test('probabilities sum to one whatever the weights', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 4, maxLength: 4 }), fc.double({ min: 0, max: 3, noNaN: true }), (w, value) => {
        const scores = reviewScores(modelOf({ bias: w }), new Map([['bias', value]]));
        assert.ok(Math.abs(scores.reduce((a, b) => a + b, 0) - 1) < 1e-9);
      }),
    );
  });
});

describe('the review overrules the rules only when sure', () => {
  const none = REVIEW_CLASSES.indexOf('none');
  const place = REVIEW_CLASSES.indexOf('place');
  const scoresWith = (k: number, p: number) => Float64Array.from(REVIEW_CLASSES, (_, i) => (i === k ? p : (1 - p) / 3));

  test('none at or above dropAt drops the entity; below it, the rules type stands', () => {
    const model = modelOf({}, 0.6, 0.7);
    assert.equal(reviewVerdict(model, 'person', scoresWith(none, 0.6)), null);
    assert.equal(reviewVerdict(model, 'person', scoresWith(none, 0.55)), 'person');
  });

  test('another type at or above retypeAt retypes it; below it, the rules type stands', () => {
    const model = modelOf({}, 0.6, 0.7);
    assert.equal(reviewVerdict(model, 'person', scoresWith(place, 0.7)), 'place');
    assert.equal(reviewVerdict(model, 'person', scoresWith(place, 0.65)), 'person');
  });

  test('a dropped entity leaves, a retyped one gets an id of its type, the rest are untouched', () => {
    const doc = documentOf('Flesh won. Szalay wrote Flesh in Hungary.');
    const entities = [entityAt(doc, 'Flesh', 'person'), entityAt(doc, 'Szalay', 'person'), entityAt(doc, 'Hungary', 'organization')];
    // "word:Flesh" says none; "word:Hungary" says place; Szalay has neither.
    const model = modelOf({ 'word:Flesh': [0, 0, 0, 9], 'word:Hungary': [0, 9, 0, 0] });
    const seen: string[] = [];
    const kept = reviewEntities(entities, doc, model, (e) => seen.push(e.name));
    assert.deepEqual(
      kept.map((e) => [e.id, e.type]),
      [
        ['person:szalay', 'person'],
        ['place:hungary', 'place'],
      ],
    );
    assert.deepEqual(seen, ['Flesh', 'Szalay', 'Hungary'], 'the observer is told every entity');
    assert.equal(kept[0], entities[1], 'an entity the review agrees with is the same object');
  });

  test('a name only the headline gives stays when the review says none (it may still be retyped); one the body gives too leaves', () => {
    const title = 'Putin Meets Flesh';
    const doc = documentOf(`${title}\n\nFlesh was there. Talks went on.`, title.length + 2);
    const entities = [entityAt(doc, 'Putin', 'person'), entityAt(doc, 'Flesh', 'person'), entityAt(doc, 'Meets', 'place')];
    const model = modelOf({ 'word:Putin': [0, 0, 0, 9], 'word:Flesh': [0, 0, 0, 9], 'word:Meets': [0, 0, 9, 0] });
    assert.deepEqual(
      reviewEntities(entities, doc, model).map((e) => [e.name, e.type]),
      [
        ['Putin', 'person'],
        ['Meets', 'organization'],
      ],
    );
  });

  test('an entity whose type a rule gave may be dropped, never retyped ("Crowley, the Florida-based firm")', () => {
    const doc = { ...documentOf('Crowley, the firm, said. Flesh won.'), ruled: new Set(['organization:crowley', 'person:flesh']) };
    const entities = [entityAt(doc, 'Crowley', 'organization'), entityAt(doc, 'Flesh', 'person')];
    const model = modelOf({ 'word:Crowley': [9, 0, 0, 0], 'word:Flesh': [0, 0, 0, 9] });
    assert.deepEqual(
      reviewEntities(entities, doc, model).map((e) => [e.name, e.type]),
      [['Crowley', 'organization']],
    );
  });

  test('without a model or an observer, the entities pass through as they are', () => {
    const doc = documentOf('Acme said.');
    const entities = [entityAt(doc, 'Acme', 'organization')];
    assert.equal(reviewEntities(entities, doc, undefined), entities);
  });

  test('a model with thresholds out of (0, 1] is refused', () => {
    assert.throws(() => decodeReviewModel('0 0.7'));
    assert.throws(() => decodeReviewModel('0.6 1.5'));
  });
});
