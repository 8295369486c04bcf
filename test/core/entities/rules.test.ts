/**
 * The typing and merging mechanisms on top of the tagger, each tested on its own with hand-made
 * tagger output (so the test says what the rule does whatever the weights say), plus the
 * library-level surname evidence and the place keys used across articles.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docCasing } from '../../../source/core/entities/features.js';
import { EvidenceCollector } from '../../../source/core/entities/evidence.js';
import { entitiesAsShown } from '../../../source/core/entities/library-view.js';
import { libraryIndexOf, spanOf } from '../../helpers/entities.js';
import { entityKey } from '../../../source/core/entities/normalize.js';
import { applyNameRules, resolveEntities, type TaggedSpan } from '../../../source/core/entities/resolve.js';
import { sentenceRanges, tokenize, type Token } from '../../../source/core/entities/tokenize.js';
import type { Entity, EntityType } from '../../../source/core/entities/types.js';

function setup(text: string) {
  const tokens = tokenize(text);
  const sentences = sentenceRanges(text, tokens);
  const casing = docCasing(sentences.map(([s, e]) => tokens.slice(s, e).map((t) => t.text)));
  return { tokens, sentences, casing };
}

const surface = (text: string, tokens: Token[], s: TaggedSpan) => text.slice(tokens[s.start]!.start, tokens[s.end - 1]!.end);

/** Start scores (O, PER, LOC, ORG, MISC per token) that prefer `type` at `token` by `margin`. */
function prefer(starts: Float32Array, token: number, type: EntityType, margin: number): void {
  const k = { person: 1, place: 2, organization: 3 }[type];
  for (let l = 0; l < 5; l++) starts[token * 5 + l] = l === k ? margin : 0;
}

test('an organization word heading a name makes it an organization, with a possessive title before it', () => {
  const text = 'The statement came from the Prime Minister\'s Office on Monday.';
  const { tokens } = setup(text);
  const tagged = [spanOf(tokens, 'Office', 'PER')];
  applyNameRules(tokens, tagged);
  assert.equal(tagged.length, 1);
  assert.equal(tagged[0]!.type, 'ORG');
  assert.equal(surface(text, tokens, tagged[0]!), "Prime Minister's Office");
});

test('the possessive before an organization word is kept only after a title ("Israel\'s" stays out)', () => {
  const text = "Israel's Defense Ministry said so.";
  const { tokens } = setup(text);
  const tagged = [spanOf(tokens, 'Israel', 'LOC'), spanOf(tokens, 'Defense Ministry', 'PER')];
  applyNameRules(tokens, tagged);
  assert.deepEqual(
    tagged.map((s) => `${s.type}:${surface(text, tokens, s)}`),
    ['LOC:Israel', 'ORG:Defense Ministry'],
  );
});

test('"West Bank" is not an organization although it ends with "Bank"', () => {
  const text = 'Troops entered the West Bank on Friday.';
  const { tokens } = setup(text);
  const tagged = [spanOf(tokens, 'West Bank', 'LOC')];
  applyNameRules(tokens, tagged);
  assert.equal(tagged[0]!.type, 'LOC');
});

test('a name after an organization noun in apposition is an organization ("newspaper Il Giornale")', () => {
  const text = 'He told the Italian newspaper Il Giornale that talks went well.';
  const { tokens } = setup(text);
  const tagged = [spanOf(tokens, 'Il Giornale', 'LOC')];
  applyNameRules(tokens, tagged);
  assert.equal(tagged[0]!.type, 'ORG');
});

test('a quoted single name after a nationality is a group, not a person', () => {
  const text = 'They fought the Lebanese "Hezbollah" and others.';
  const { tokens } = setup(text);
  const tagged = [spanOf(tokens, 'Hezbollah', 'PER')];
  applyNameRules(tokens, tagged);
  assert.equal(tagged[0]!.type, 'ORG');
  // Without the quotes, the tagger's choice stands.
  const plain = 'They met the Lebanese Hariri yesterday.';
  const p = setup(plain);
  const t2 = [spanOf(p.tokens, 'Hariri', 'PER')];
  applyNameRules(p.tokens, t2);
  assert.equal(t2[0]!.type, 'PER');
});

test('a treaty name is MISC (not in the panel), including the "X of" before it', () => {
  const text = 'Both must abide by the 1974 Separation of Forces Agreement, he said.';
  const { tokens, sentences, casing } = setup(text);
  const tagged = [spanOf(tokens, 'Separation', 'ORG'), spanOf(tokens, 'Forces Agreement', 'ORG')];
  applyNameRules(tokens, tagged);
  assert.equal(tagged.length, 1);
  assert.equal(tagged[0]!.type, 'MISC');
  assert.equal(surface(text, tokens, tagged[0]!), 'Separation of Forces Agreement');
  assert.deepEqual(resolveEntities(text, tokens, sentences, tagged, casing), []);
});

test('one type per entity: mentions vote with the tagger\'s scores, so confident mentions outvote a weak one', () => {
  const text = 'Talks with Kovac began. Kovac said little. Later Kovac left.';
  const { tokens, sentences, casing } = setup(text);
  const starts = new Float32Array(tokens.length * 5);
  const first = spanOf(tokens, 'Kovac', 'LOC', 0);
  prefer(starts, first.start, 'place', 20); // a coin flip the tagger called a place
  prefer(starts, spanOf(tokens, 'Kovac', 'PER', 1).start, 'person', 900); // re-scan finds the others
  prefer(starts, spanOf(tokens, 'Kovac', 'PER', 2).start, 'person', 900);
  const entities = resolveEntities(text, tokens, sentences, [{ ...first }], casing, starts);
  assert.equal(entities.length, 1);
  assert.equal(entities[0]!.type, 'person');
  assert.equal(entities[0]!.mentions.length, 3);
  // The same spans with the scores the other way round stay a place: the votes decide.
  const other = new Float32Array(tokens.length * 5);
  for (let n = 0; n < 3; n++) prefer(other, spanOf(tokens, 'Kovac', 'LOC', n).start, 'place', 900);
  assert.equal(resolveEntities(text, tokens, sentences, [{ ...first }], casing, other)[0]!.type, 'place');
});

test('a bare surname of a person named in full in the article is that person, whatever the tagger said', () => {
  const text = 'Vladimir Putin spoke on Monday. On Tuesday the envoy had a meeting with Putin in Moscow.';
  const { tokens, sentences, casing } = setup(text);
  const tagged = [spanOf(tokens, 'Vladimir Putin', 'PER'), spanOf(tokens, 'Putin', 'LOC', 1), spanOf(tokens, 'Moscow', 'LOC')];
  const starts = new Float32Array(tokens.length * 5);
  prefer(starts, tagged[1]!.start, 'place', 300);
  const entities = resolveEntities(text, tokens, sentences, tagged, casing, starts);
  const putin = entities.filter((e) => /Putin/.test(e.name));
  assert.equal(putin.length, 1);
  assert.equal(putin[0]!.type, 'person');
  assert.equal(putin[0]!.mentions.length, 2);
});

test('a place\'s short form joins its long form in the article ("Golan" = "Golan Heights"), but not across a river', () => {
  const text = 'Rockets hit the Golan Heights. The Golan is quiet now. Water from the Jordan River reached Jordan.';
  const { tokens, sentences, casing } = setup(text);
  const tagged = [
    spanOf(tokens, 'Golan Heights', 'LOC'),
    spanOf(tokens, 'Golan', 'LOC', 1),
    spanOf(tokens, 'Jordan River', 'LOC'),
    spanOf(tokens, 'Jordan', 'LOC', 1),
  ];
  const entities = resolveEntities(text, tokens, sentences, tagged, casing);
  const golan = entities.filter((e) => /Golan/.test(e.name));
  assert.equal(golan.length, 1);
  assert.equal(golan[0]!.name, 'Golan Heights');
  assert.deepEqual(golan[0]!.aliases, ['Golan']);
  assert.equal(entities.filter((e) => /Jordan/.test(e.name)).length, 2);
});

test('across articles, a place and its short form share a key; a river does not', () => {
  assert.equal(entityKey({ name: 'Golan Heights', type: 'place' }), entityKey({ name: 'Golan', type: 'place' }));
  assert.equal(entityKey({ name: 'Gaza Strip', type: 'place' }), entityKey({ name: 'Gaza', type: 'place' }));
  assert.notEqual(entityKey({ name: 'Jordan River', type: 'place' }), entityKey({ name: 'Jordan', type: 'place' }));
  assert.notEqual(entityKey({ name: 'Golan Heights', type: 'organization' }), entityKey({ name: 'Golan', type: 'organization' }));
});

test('the alias table is looked for even where the tagger found nothing ("US" in a headline)', () => {
  const text = 'Talks Stall As US Envoy Leaves';
  const { tokens, sentences, casing } = setup(text);
  const entities = resolveEntities(text, tokens, sentences, [], casing);
  const us = entities.find((e) => e.mentions.some((m) => m.text === 'US'));
  assert.ok(us, JSON.stringify(entities));
  assert.equal(us.type, 'place');
  assert.equal(us.mentions[0]!.start, text.indexOf('US'));
});

const entity = (name: string, type: EntityType, start = 0): Entity => ({
  id: `${type}:${name.toLowerCase()}`,
  name,
  type,
  aliases: [],
  mentions: [{ start, end: start + name.length, text: name }],
});

test('library evidence: a one-word "place" that another article names in full as a person is that person', () => {
  const byArticle = new Map<string, Entity[]>([
    ['a', [entity('Vladimir Putin', 'person'), entity('Moscow', 'place', 40)]],
    ['b', [entity('Putin', 'place'), entity('Moscow', 'place', 40)]],
  ]);
  const index = libraryIndexOf(['a', 'b'], byArticle);
  assert.deepEqual([...index.identity.evidence.surnames], ['putin']);
  // Shown in article b, the bare "Putin" is the library's Vladimir Putin; the extraction is kept.
  const b = entitiesAsShown(byArticle.get('b')!, index, 'b');
  const putin = b.find((e) => e.mentions[0]?.text === 'Putin')!;
  assert.equal(putin.type, 'person');
  assert.equal(putin.id, 'person:vladimir putin');
  assert.equal(byArticle.get('b')![0]!.type, 'place');
  // In the library, the bare "Putin" of b (which shares Moscow with a) is Vladimir Putin.
  assert.deepEqual(index.articlesByKey.get('person:vladimir putin'), ['a', 'b']);
  assert.equal(index.articlesByKey.get('place:putin'), undefined);
  assert.equal(index.byKey.get('person:vladimir putin')?.type, 'person');
  // Moscow is nobody's surname: untouched; an article with nothing to change is the same list.
  assert.equal(b.find((e) => e.name === 'Moscow')!.type, 'place');
  assert.deepEqual(entitiesAsShown(byArticle.get('a')!, index, 'a').map((e) => [e.name, e.type]), [['Moscow', 'place'], ['Vladimir Putin', 'person']]);
});

test('library evidence: collected an article at a time, the same as over the whole library at once', () => {
  const lists = [
    [entity('Vladimir Putin', 'person')],
    [entity('Putin', 'place'), entity('Jordan', 'place')],
    [entity('Michael Jordan', 'person')],
    [entity('Jordan', 'place')],
    [entity('Putin', 'organization')],
  ];
  const collector = new EvidenceCollector();
  for (const list of lists) collector.add(list);
  // Putin: 1 article in full vs 2 bare (no); Jordan: 1 vs 2 (no) — then one more full Putin tips it.
  assert.deepEqual([...collector.finish().surnames], []);
  collector.add([entity('Vladimir Putin', 'person')]);
  assert.deepEqual([...collector.finish().surnames], ['putin']);
  const ids = [...lists, []].map((_, i) => String(i));
  const whole = libraryIndexOf(ids, new Map([...lists, [entity('Vladimir Putin', 'person')]].map((list, i) => [String(i), list])));
  assert.deepEqual(whole.identity.evidence, collector.finish());
});

test('library evidence: a place most articles agree on stays a place beside one person of that surname', () => {
  const byArticle = new Map<string, Entity[]>([
    ['a', [entity('Michael Jordan', 'person')]],
    ['b', [entity('Jordan', 'place')]],
    ['c', [entity('Jordan', 'place')]],
  ]);
  const index = libraryIndexOf(['a', 'b', 'c'], byArticle);
  assert.deepEqual([...index.identity.evidence.surnames], []);
  assert.deepEqual(entitiesAsShown(byArticle.get('b')!, index, 'b').map((e) => [e.name, e.type]), [['Jordan', 'place']], 'Jordan stays a place');
});
