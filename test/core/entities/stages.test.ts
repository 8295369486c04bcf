/**
 * resolveEntities' stages one at a time, without the model: hand-made tagger spans, a small
 * hand-made gazetteer (KnownNames), hand-made start scores. Each test says what a rule does
 * whatever the weights say.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { docCasing, type TagType } from '../../../source/core/entities/features.js';
import { isDemonymOf, isNonEntity, modifierAcronyms, trailingProductWords } from '../../../source/core/entities/non-entities.js';
import { resolveEntities } from '../../../source/core/entities/resolve.js';
import { buildEntities } from '../../../source/core/entities/stages/build.js';
import { cleanSpan, cleanSpans, joinLeadingCapital, joinNamesakeHeads, splitSpans } from '../../../source/core/entities/stages/clean.js';
import { majority, makeContext, type KnownNames, type TaggedSpan } from '../../../source/core/entities/stages/context.js';
import { collectForms } from '../../../source/core/entities/stages/forms.js';
import { acronymFits, mergeForms } from '../../../source/core/entities/stages/merge.js';
import { resolveOverlaps } from '../../../source/core/entities/stages/overlaps.js';
import type { Candidate } from '../../../source/core/entities/stages/rescan.js';
import { typeListedNames } from '../../../source/core/entities/stages/coordination.js';
import { CONFIDENT_TYPE, retypeLoneCompanies, retypeLoneCountries, splitConfidentTypes, voteTypes } from '../../../source/core/entities/stages/vote.js';
import { retypeKnownOrganizations } from '../../../source/core/entities/stages/organizations.js';
import { addHeadedOrganizations } from '../../../source/core/entities/stages/headed.js';
import { retypeClubTowns, retypeTownClubs } from '../../../source/core/entities/stages/clubs.js';
import { cutTrailingNumbers } from '../../../source/core/entities/stages/trailing-numbers.js';
import { retypeTownsAfterPrepositions } from '../../../source/core/entities/stages/towns.js';
import { splitTrailingCountries } from '../../../source/core/entities/stages/trailing-country.js';
import { dropCommonWordPeople, retypeNamesNoPersonHas } from '../../../source/core/entities/stages/not-people.js';
import { sentenceRanges, tokenize, type Token } from '../../../source/core/entities/tokenize.js';
import type { EntityType } from '../../../source/core/entities/types.js';
import { spanOf } from '../../helpers/entities.js';

/** A tiny gazetteer: what the shipped one says about these words. */
const PLACES = new Set(['st. louis', 'ireland', 'china', 'europe', 'syria', 'ukraine', 'israel', 'pakistan', 'bosnia and herzegovina', 'the hague', 'adria']);
const COUNTRIES = new Set(['ireland', 'china', 'europe', 'syria', 'ukraine', 'israel', 'pakistan']);
const NAMES = new Set(['james', 'tony', 'dennis', 'selma', 'scott', 'john', 'adrian', 'king', 'peter', 'raymond']);
/** The organization list: brands, operators, universities (exact words). */
const ORGANIZATIONS = new Set(['Caledonian MacBrayne', 'Raymond James', 'Nasa', 'Peter']);
const known: KnownNames = {
  isPlace: (words) => PLACES.has(words.join(' ').toLowerCase()),
  isCountry: (words) => COUNTRIES.has(words.join(' ').toLowerCase()),
  isPersonName: (word) => NAMES.has(word.toLowerCase()),
  isCommonWord: (lower) => ['speaks', 'talks', 'in'].includes(lower),
  isCompany: (word) => ['Netflix', 'Ford'].includes(word),
  isOrganization: (words) => ORGANIZATIONS.has(words.join(' ')),
};

function context(text: string, starts?: Float32Array) {
  const tokens = tokenize(text);
  const sentences = sentenceRanges(text, tokens);
  const casing = docCasing(sentences.map(([s, e]) => tokens.slice(s, e).map((t) => t.text)));
  return makeContext(text, tokens, sentences, casing, starts, known);
}

const text = (ctx: { text: string; tokens: Token[] }, s: { start: number; end: number }) => ctx.text.slice(ctx.tokens[s.start]!.start, ctx.tokens[s.end - 1]!.end);
const named = (ctx: ReturnType<typeof context>, spans: TaggedSpan[]) => spans.map((s) => `${s.type}:${text(ctx, s)}`);

/** Start scores (O, PER, LOC, ORG, MISC) preferring `type` at `token` by `margin`. */
function prefer(starts: Float32Array, token: number, type: 'PER' | 'LOC' | 'ORG', margin: number): void {
  const k = { PER: 1, LOC: 2, ORG: 3 }[type];
  for (let l = 0; l < 5; l++) starts[token * 5 + l] = l === k ? margin : 0;
}

// --- headed organizations ---

test('headed: capitalised words ending in an organization head are one organization, where the tagger missed it or read a part as MISC', () => {
  const ctx = context('The Financial Conduct Authority is due to decide. An astronaut from the Canadian Space Agency flew. He spoke to the US Senate Banking Committee. Officers of Kent Police said.');
  const tagged: TaggedSpan[] = [spanOf(ctx.tokens, 'Canadian', 'MISC'), spanOf(ctx.tokens, 'US', 'LOC')];
  addHeadedOrganizations(ctx, tagged);
  assert.deepEqual(named(ctx, tagged), ['ORG:Financial Conduct Authority', 'ORG:Canadian Space Agency', 'ORG:US Senate Banking Committee', 'ORG:Kent Police']);
  assert.ok(tagged.every((t) => t.fixed));
});

test('headed: not a region ("West Bank"), a known place, a lone head, a person, a run the tagger has as one organization, a headline or a sentence in capitals', () => {
  const ctx = context('Settlers in the West Bank protested. The Board met. Officers of the Detroit Police said. Chief Executive Jo Vaas Group said. Shares in Lloyds Banking Group fell.');
  const lloyds = spanOf(ctx.tokens, 'Lloyds Banking Group', 'ORG');
  const tagged: TaggedSpan[] = [spanOf(ctx.tokens, 'Jo Vaas', 'PER'), lloyds];
  const knownHere = { ...ctx, known: { ...known, isPlace: (w: readonly string[]) => w.join(' ') === 'Detroit Police' } };
  addHeadedOrganizations(knownHere, tagged);
  assert.deepEqual(named(ctx, tagged), ['PER:Jo Vaas', 'ORG:Lloyds Banking Group']);
  assert.equal(tagged[1], lloyds);
  for (const headline of ['Regulators At The Financial Conduct Authority Weigh Motor Finance Payouts', 'THE FINANCIAL CONDUCT AUTHORITY IS DUE TO DECIDE.']) {
    const h = context(headline);
    const none: TaggedSpan[] = [];
    addHeadedOrganizations(h, none);
    assert.deepEqual(none, [], headline);
  }
});

test('not people: a person of two words or more ending in "Center" or "Centre" is a site; one word, or another type, is left alone', () => {
  const ctx = context('Crowds at the Kennedy Space Center cheered. The Barbican Centre shut. Center spoke. The Lincoln Center Trust met.');
  const tagged: TaggedSpan[] = [spanOf(ctx.tokens, 'Kennedy Space Center', 'PER'), spanOf(ctx.tokens, 'Barbican Centre', 'PER'), spanOf(ctx.tokens, 'Center', 'PER', 2), spanOf(ctx.tokens, 'Lincoln Center', 'ORG')];
  retypeNamesNoPersonHas(ctx, tagged);
  assert.deepEqual(named(ctx, tagged), ['LOC:Kennedy Space Center', 'LOC:Barbican Centre', 'PER:Center', 'ORG:Lincoln Center']);
  assert.deepEqual(tagged.map((t) => t.fixed === true), [true, true, false, false]);
});

test('not people: a "person" named only by a common word that is no one\'s name is no entity; a name, a fixed type, another type or a longer form stay', () => {
  const ctx = context('Disease spread. Talks went on. King spoke. Disease Control acted. Plague hit.');
  const cand = (word: string, group: string, extra: Partial<Candidate> = {}): Candidate => {
    const s = spanOf(ctx.tokens, word, 'PER');
    return { start: ctx.tokens[s.start]!.start, end: ctx.tokens[s.end - 1]!.end, tokStart: s.start, tokEnd: s.end, group, tagger: true, ...extra };
  };
  const accepted = [cand('Disease', 'disease'), cand('Talks', 'talks'), cand('King', 'king'), cand('Disease Control', 'control'), cand('Plague', 'plague', { fixed: 'person' })];
  const commonWords = new Set(['disease', 'talks', 'king', 'plague']);
  const knownHere: KnownNames = { ...known, isCommonWord: (w) => commonWords.has(w) };
  const votes = new Map(accepted.map((c) => [c.group!, new Map([['person', 1]] as Array<[EntityType, number]>)]));
  votes.set('talks', new Map([['organization', 1]]));
  assert.deepEqual(dropCommonWordPeople(accepted, votes, ctx.tokens, knownHere).map((c) => c.group), ['talks', 'king', 'control', 'plague']);
});

test('towns: a known town the tagger read as an organization is a place after "in", "at", "near" or "outside"; not after "to" or "from", not a name that is no known place (Nasa), not a person', () => {
  const ctx = context('Crews went ashore at Ireland and then in China. Lentini moved to Syria from Israel. Staff at Nasa and in Pakistan met.');
  const tagged = [
    spanOf(ctx.tokens, 'Ireland', 'ORG'),
    spanOf(ctx.tokens, 'China', 'ORG'),
    spanOf(ctx.tokens, 'Syria', 'ORG'),
    spanOf(ctx.tokens, 'Israel', 'ORG'),
    spanOf(ctx.tokens, 'Nasa', 'ORG'),
    spanOf(ctx.tokens, 'Pakistan', 'PER'),
  ];
  retypeTownsAfterPrepositions(ctx, tagged);
  assert.deepEqual(named(ctx, tagged), ['LOC:Ireland', 'LOC:China', 'ORG:Syria', 'ORG:Israel', 'ORG:Nasa', 'PER:Pakistan']);
  assert.deepEqual(tagged.map((t) => t.fixed === true), [true, true, false, false, false, false]);
});

test('trailing country: a place run on into its country splits ("in Aleppo Syria", "al Hajar al-Aswad Syria"); not a known place whole, a country\'s longer name, one unknown word, or a person', () => {
  const ctx = context(
    'Rubble in al Hajar al-Aswad Syria. Shelling near Aleppo Syria. Bosnia and Herzegovina voted. Talks in North Ireland. The Republic of Ireland won. Markets in Mainland China. Visitors in Kamal Syria. James Ireland spoke.',
  );
  const knownHere: KnownNames = { ...known, isPlace: (w) => known.isPlace(w) || w.join(' ') === 'Aleppo' };
  const tagged = [
    spanOf(ctx.tokens, 'al Hajar al-Aswad Syria', 'LOC'),
    spanOf(ctx.tokens, 'Aleppo Syria', 'LOC'),
    spanOf(ctx.tokens, 'Bosnia and Herzegovina', 'LOC'),
    spanOf(ctx.tokens, 'North Ireland', 'LOC'),
    spanOf(ctx.tokens, 'Republic of Ireland', 'LOC'),
    spanOf(ctx.tokens, 'Mainland China', 'LOC'),
    spanOf(ctx.tokens, 'Kamal Syria', 'LOC'),
    spanOf(ctx.tokens, 'James Ireland', 'PER'),
  ];
  splitTrailingCountries({ tokens: ctx.tokens, known: knownHere }, tagged);
  assert.deepEqual(named(ctx, tagged), [
    'LOC:al Hajar al-Aswad',
    'LOC:Syria',
    'LOC:Aleppo',
    'LOC:Syria',
    'LOC:Bosnia and Herzegovina',
    'LOC:North Ireland',
    'LOC:Republic of Ireland',
    'LOC:Mainland China',
    'LOC:Kamal Syria',
    'PER:James Ireland',
  ]);
  assert.deepEqual(tagged.filter((t) => t.fixed).length, 2, 'the countries split off are fixed places');
});

test('clubs: a known place and a plural nickname read as a place is a team ("Kansas City Chiefs"); not a plural of places, a known place whole, or after a first name', () => {
  const ctx = context('The China Eagles beat the Ireland Chiefs. The China Islands lie east. Ireland Adams spoke. The Syria Kings won.');
  const tagged = [
    spanOf(ctx.tokens, 'China Eagles', 'LOC'),
    spanOf(ctx.tokens, 'Ireland Chiefs', 'LOC'),
    spanOf(ctx.tokens, 'China Islands', 'LOC'),
    spanOf(ctx.tokens, 'Ireland Adams', 'LOC'),
    spanOf(ctx.tokens, 'Syria Kings', 'PER'),
  ];
  retypeTownClubs(ctx, tagged.slice(0, 3));
  assert.deepEqual(named(ctx, tagged.slice(0, 3)), ['ORG:China Eagles', 'ORG:Ireland Chiefs', 'LOC:China Islands']);
  // A place that is a first name too ("Jordan Adams"), and a span the tagger read as a person, are left alone.
  retypeTownClubs({ ...ctx, known: { ...known, isPersonName: (w) => w === 'Ireland' } }, tagged.slice(3));
  assert.deepEqual(named(ctx, tagged.slice(3)), ['LOC:Ireland Adams', 'PER:Syria Kings']);
});

test('clubs: a known place and a club word is a club ("Detroit City"), not when the whole is a place, the first word no place, or the word no club\'s', () => {
  const ctx = context('Detroit City won. Adria City is a port. Vaas United lost. Detroit Zoo opened.');
  const knownHere: KnownNames = { ...known, isPlace: (w) => ['Detroit', 'Adria', 'Adria City'].includes(w.join(' ')) };
  const tagged: TaggedSpan[] = [spanOf(ctx.tokens, 'Detroit City', 'LOC'), spanOf(ctx.tokens, 'Adria City', 'LOC'), spanOf(ctx.tokens, 'Vaas United', 'PER'), spanOf(ctx.tokens, 'Detroit Zoo', 'LOC')];
  retypeTownClubs({ tokens: ctx.tokens, known: knownHere }, tagged);
  assert.deepEqual(named(ctx, tagged), ['ORG:Detroit City', 'LOC:Adria City', 'PER:Vaas United', 'LOC:Detroit Zoo']);
  assert.equal(tagged[0]!.fixed, true);
});

test('clubs: a town the article names a club by is the team where a team\'s word stands beside it, a place elsewhere', () => {
  const t = 'The Syria Kings beat Adria City. Syria made 190, Syria finished on 184 and Syria’s coach spoke. Adria, led by Jo, lost. Fans in Syria cheered. Ireland won. China lost.';
  const ctx = context(t);
  const knownHere: KnownNames = { ...known, isPlace: (w) => ['Syria', 'Adria', 'Ireland', 'China'].includes(w.join(' ')), isCountry: (w) => w.join(' ') === 'China' };
  const tagged: TaggedSpan[] = [
    spanOf(ctx.tokens, 'Syria Kings', 'ORG'),
    spanOf(ctx.tokens, 'Syria', 'LOC', 1),
    spanOf(ctx.tokens, 'Syria', 'LOC', 2),
    spanOf(ctx.tokens, 'Syria', 'LOC', 3),
    spanOf(ctx.tokens, 'Adria', 'LOC', 1),
    spanOf(ctx.tokens, 'Syria', 'LOC', 4),
    spanOf(ctx.tokens, 'Ireland', 'LOC'),
  ];
  retypeClubTowns({ tokens: ctx.tokens, known: knownHere }, tagged);
  // "Adria City" is no club the tagger or a rule gave (LOC here), "Ireland" names no club, "Syria" in "Fans in Syria" has no team's word.
  assert.deepEqual(named(ctx, tagged), ['ORG:Syria Kings', 'ORG:Syria', 'ORG:Syria', 'ORG:Syria', 'LOC:Adria', 'LOC:Syria', 'LOC:Ireland']);
  // A country is left alone: a national side is a place by CoNLL's convention.
  const ctx2 = context('The China Kings played. China lost.');
  const tagged2: TaggedSpan[] = [spanOf(ctx2.tokens, 'China Kings', 'ORG'), spanOf(ctx2.tokens, 'China', 'LOC', 1)];
  retypeClubTowns({ tokens: ctx2.tokens, known: knownHere }, tagged2);
  assert.deepEqual(named(ctx2, tagged2), ['ORG:China Kings', 'LOC:China']);
});

test('trailing numbers: a score leaves any name, a number a person\'s ("Jo Vaas 18", "Adria Kings 103-91"); "Windows 95" keeps its own', () => {
  const ctx = context('Adria Kings 103-91 won and Jo Vaas 18, with Windows 95 and 42 aboard.');
  const tagged: TaggedSpan[] = [spanOf(ctx.tokens, 'Adria Kings 103-91', 'ORG'), spanOf(ctx.tokens, 'Jo Vaas 18', 'PER'), spanOf(ctx.tokens, 'Windows 95', 'MISC'), spanOf(ctx.tokens, '42', 'PER')];
  cutTrailingNumbers(ctx, tagged);
  assert.deepEqual(named(ctx, tagged), ['ORG:Adria Kings', 'PER:Jo Vaas', 'MISC:Windows 95', 'PER:42']);
});

// --- clean ---

test('clean: a title is stripped only where it is a title ("General Motors", "St. Louis" stay whole)', () => {
  for (const [sentence, phrase, type, want, wantType] of [
    ['Shares of General Motors fell.', 'General Motors', 'PER', 'General Motors', 'ORG'],
    ['He flew to St. Louis today.', 'St. Louis', 'PER', 'St. Louis', 'LOC'],
    ['Prime Minister Tony Blair spoke.', 'Prime Minister Tony Blair', 'PER', 'Tony Blair', 'PER'],
    ['General Wesley Clark spoke.', 'General Wesley Clark', 'PER', 'Wesley Clark', 'PER'],
    ['Lord Goldsmith spoke.', 'Lord Goldsmith', 'PER', 'Goldsmith', 'PER'],
    ['The General Assembly met.', 'General Assembly', 'ORG', 'General Assembly', 'ORG'],
  ] as const) {
    const ctx = context(sentence);
    const span = spanOf(ctx.tokens, phrase, type);
    assert.ok(cleanSpan(ctx.tokens, span, known), sentence);
    assert.equal(text(ctx, span), want, sentence);
    assert.equal(span.type, wantType, sentence);
  }
});

test('clean: a MISC span written as a person the article names is no blocker ("the Assad regime"); other MISC spans still are', () => {
  const t = 'Bashar Assad spoke. Assad met envoys. They backed the Assad regime and the Baathist party.';
  const ctx = context(t);
  const tagged = [spanOf(ctx.tokens, 'Bashar Assad', 'PER'), spanOf(ctx.tokens, 'Assad met', 'PER'), spanOf(ctx.tokens, 'Assad regime', 'MISC'), spanOf(ctx.tokens, 'Baathist', 'MISC')];
  tagged[1]!.end--; // "Assad" alone
  tagged[2]!.end--;
  const { blockers } = cleanSpans(ctx, tagged);
  assert.deepEqual(blockers.map((b) => text(ctx, b)), ['Baathist']);
  const entities = resolveEntities(t, ctx.tokens, ctx.sentences, tagged, ctx.casing, undefined, known);
  const assad = entities.find((e) => e.name === 'Bashar Assad');
  assert.equal(assad?.mentions.length, 3, JSON.stringify(entities.map((e) => [e.name, e.mentions.length])));
});

test('clean: a place or organization span written as a person the article names, before "regime" or "administration", is that person', () => {
  const t = 'Bashar Assad spoke. Assad met envoys. They backed the Assad regime. Damascus government troops moved.';
  const ctx = context(t);
  const tagged = [spanOf(ctx.tokens, 'Bashar Assad', 'PER'), spanOf(ctx.tokens, 'Assad met', 'PER'), spanOf(ctx.tokens, 'Assad regime', 'LOC'), spanOf(ctx.tokens, 'Damascus', 'LOC')];
  tagged[1]!.end--;
  tagged[2]!.end--;
  const { spans } = cleanSpans(ctx, tagged);
  assert.deepEqual(spans.map((s) => [text(ctx, s), s.type]), [['Bashar Assad', 'PER'], ['Assad', 'PER'], ['Assad', 'PER'], ['Damascus', 'LOC']]);
});

test('clean: "the" is kept only in a known place\'s name ("The Hague"); a title alone is no name', () => {
  const ctx = context('Talks in The Hague and the Oval. The President spoke. King said no.');
  const hague = spanOf(ctx.tokens, 'The Hague', 'LOC');
  assert.ok(cleanSpan(ctx.tokens, hague, known));
  assert.equal(text(ctx, hague), 'The Hague');
  const oval = spanOf(ctx.tokens, 'the Oval', 'LOC');
  assert.ok(cleanSpan(ctx.tokens, oval, known));
  assert.equal(text(ctx, oval), 'Oval');
  assert.equal(cleanSpan(ctx.tokens, spanOf(ctx.tokens, 'President', 'PER'), known), false);
  // "King" is a surname too, and no "the" comes before it.
  assert.ok(cleanSpan(ctx.tokens, spanOf(ctx.tokens, 'King', 'PER'), known));
});

test('clean: "A and B" splits when both sides are names, a known place whole stays', () => {
  const ctx = context('Selma Blair and Dennis Quaid came. Labour and Tony Blair won. Russian Federation and China signed. Bosnia and Herzegovina voted. Marks and Spencer sold.');
  const tagged = [
    spanOf(ctx.tokens, 'Selma Blair and Dennis Quaid', 'PER'),
    spanOf(ctx.tokens, 'Labour and Tony Blair', 'ORG'),
    spanOf(ctx.tokens, 'Federation and China', 'ORG'),
    spanOf(ctx.tokens, 'Bosnia and Herzegovina', 'LOC'),
    spanOf(ctx.tokens, 'Marks and Spencer', 'ORG'),
  ];
  assert.deepEqual(named(ctx, splitSpans(ctx, tagged)), [
    'PER:Selma Blair',
    'PER:Dennis Quaid',
    'ORG:Labour',
    'PER:Tony Blair',
    'ORG:Federation',
    'LOC:China',
    'LOC:Bosnia and Herzegovina',
    'ORG:Marks and Spencer',
  ]);
});

test('clean: "A and B" splits when the article names each side on its own too ("Barclays and Lloyds"), not otherwise ("Marks and Spencer")', () => {
  const ctx = context('Barclays and Lloyds rose. Barclays said profit rose. Lloyds, the lender, cut jobs. Marks and Spencer sold. Marks rose.');
  const tagged = [
    spanOf(ctx.tokens, 'Barclays and Lloyds', 'ORG'),
    spanOf(ctx.tokens, 'Barclays', 'ORG', 1),
    spanOf(ctx.tokens, 'Lloyds', 'ORG', 1),
    spanOf(ctx.tokens, 'Marks and Spencer', 'ORG'),
    spanOf(ctx.tokens, 'Marks', 'ORG', 1),
  ];
  assert.deepEqual(named(ctx, splitSpans(ctx, tagged)), ['ORG:Barclays', 'ORG:Lloyds', 'ORG:Barclays', 'ORG:Lloyds', 'ORG:Marks and Spencer', 'ORG:Marks']);
});

test('clean: "A and B" of organizations splits when the left is a known organization and the right one too or headed as one', () => {
  const ctx = context('Nasa and Lloyds Banking Group rose. Nasa and Caledonian MacBrayne rose. Marks and Spencer Group sold.');
  const tagged = [
    spanOf(ctx.tokens, 'Nasa and Lloyds Banking Group', 'ORG'),
    spanOf(ctx.tokens, 'Nasa and Caledonian MacBrayne', 'ORG'),
    spanOf(ctx.tokens, 'Marks and Spencer Group', 'ORG'),
  ];
  assert.deepEqual(named(ctx, splitSpans(ctx, tagged)), ['ORG:Nasa', 'ORG:Lloyds Banking Group', 'ORG:Nasa', 'ORG:Caledonian MacBrayne', 'ORG:Marks and Spencer Group']);
});

test('clean: "A and B" splits when a side is the surname of a person named in full, or both sides begin with one head word', () => {
  const ctx = context('Ursula von der Leyen met Keir Starmer. Talks between der Leyen and Starmer went on, as Starmer and European Commission staff met. The University of Warwick and University College London led it. Marks and Spencer rose.');
  const tagged = [
    spanOf(ctx.tokens, 'Ursula von der Leyen', 'PER'),
    spanOf(ctx.tokens, 'Keir Starmer', 'PER'),
    spanOf(ctx.tokens, 'der Leyen and Starmer', 'ORG'),
    spanOf(ctx.tokens, 'Starmer and European Commission', 'ORG'),
    spanOf(ctx.tokens, 'University of Warwick and University College London', 'ORG'),
    spanOf(ctx.tokens, 'Marks and Spencer', 'ORG'),
  ];
  assert.deepEqual(named(ctx, splitSpans(ctx, tagged)), [
    'PER:Ursula von der Leyen',
    'PER:Keir Starmer',
    'PER:der Leyen',
    'PER:Starmer',
    'PER:Starmer',
    'ORG:European Commission',
    'ORG:University of Warwick',
    'ORG:University College London',
    'ORG:Marks and Spencer',
  ]);
});

test('clean: a possessive inside a name splits it: a person after it is a person, a person\'s thing after it no name ("UK’s Nigel Farage", "Susan Choi’s Flashlight"; not "Republican People’s Party")', () => {
  const ctx = context('Reform UK’s John Farage spoke. The list had Susan Choi’s Flashlight and Tony Blair’s Chancellor. The Republican People’s Party met.');
  const tagged = [
    spanOf(ctx.tokens, 'UK’s John Farage', 'ORG'),
    spanOf(ctx.tokens, 'Susan Choi’s Flashlight', 'PER'),
    spanOf(ctx.tokens, 'Tony Blair’s Chancellor', 'PER'),
    spanOf(ctx.tokens, 'Republican People’s Party', 'ORG'),
  ];
  const split = splitSpans(ctx, tagged);
  assert.deepEqual(named(ctx, split), ['ORG:UK', 'PER:John Farage', 'PER:Susan Choi', 'MISC:Flashlight', 'PER:Tony Blair', 'MISC:Chancellor', 'ORG:Republican People’s Party']);
  assert.equal(split[1]!.fixed, true);
  const { spans } = cleanSpans(ctx, tagged);
  assert.deepEqual(named(ctx, spans), ['ORG:UK', 'PER:John Farage', 'PER:Susan Choi', 'PER:Tony Blair', 'ORG:Republican People’s Party']);
});

test('clean: a title, "for" or "of", a portfolio and a person\'s name give the person; the portfolio only when a known place ("Minister for Transport John O’Brien"; not "MP for Birmingham Perry Barr")', () => {
  const ctx = context('The Minister for Transport John O’Brien spoke. The Secretary of Health Peter Smith spoke. The Minister for Ireland Tony Blair spoke. The MP for Birmingham James Barr spoke.');
  const tagged = [
    spanOf(ctx.tokens, 'Transport John O’Brien', 'ORG'),
    spanOf(ctx.tokens, 'Health Peter Smith', 'ORG'),
    spanOf(ctx.tokens, 'Ireland Tony Blair', 'ORG'),
    spanOf(ctx.tokens, 'Birmingham James Barr', 'LOC'),
  ];
  const split = splitSpans(ctx, tagged);
  assert.deepEqual(named(ctx, split), ['PER:John O’Brien', 'PER:Peter Smith', 'LOC:Ireland', 'PER:Tony Blair', 'LOC:Birmingham James Barr']);
  assert.deepEqual(split.map((s) => s.fixed === true), [true, true, false, true, false]);
});

test('clean: a portfolio of common words and its title is a job, no name ("the Transport Secretary"); "Labour MP" loses MP; a person is left alone', () => {
  const ctx = context('The Transport Secretary spoke. The Treasury Secretary spoke. A Labour MP spoke. Ms Transport Secretary spoke.');
  const common = { ...ctx, known: { ...known, isCommonWord: (w: string) => w === 'transport' || w === 'labour' } };
  const tagged = [
    spanOf(ctx.tokens, 'Transport Secretary', 'ORG'),
    spanOf(ctx.tokens, 'Treasury Secretary', 'ORG'),
    spanOf(ctx.tokens, 'Labour MP', 'ORG'),
    spanOf(ctx.tokens, 'Transport Secretary', 'PER', 1),
  ];
  assert.deepEqual(named(ctx, splitSpans(common, tagged)), ['ORG:Treasury Secretary', 'ORG:Labour', 'PER:Transport Secretary']);
});

test('clean: a known country is never swallowed into a person ("James Ireland") or after an acronym ("GM Europe"); what precedes it is a place in it', () => {
  const ctx = context('James Ireland met GM Europe staff in al Hajar Syria.');
  const tagged = [spanOf(ctx.tokens, 'James Ireland', 'PER'), spanOf(ctx.tokens, 'GM Europe', 'ORG'), spanOf(ctx.tokens, 'al Hajar Syria', 'MISC')];
  assert.deepEqual(named(ctx, splitSpans(ctx, tagged)), ['PER:James', 'LOC:Ireland', 'ORG:GM', 'LOC:Europe', 'LOC:al Hajar', 'LOC:Syria']);
});

test('clean: a word the article reads as a place twice and never as a person is peeled off a person', () => {
  const ctx = context('Lebed Chechnya spoke. Troops left Chechnya. Chechnya was calm.');
  const tagged = [spanOf(ctx.tokens, 'Lebed Chechnya', 'PER'), spanOf(ctx.tokens, 'Chechnya', 'LOC', 1), spanOf(ctx.tokens, 'Chechnya', 'LOC', 2)];
  assert.deepEqual(named(ctx, splitSpans(ctx, tagged)), ['PER:Lebed', 'LOC:Chechnya', 'LOC:Chechnya', 'LOC:Chechnya']);
});

test('clean: an organization, titles, then a person\'s name give both; "Labour MP" loses MP', () => {
  const ctx = context('Treasury Secretary Scott Bessent and Labour MP spoke.');
  const tagged = [spanOf(ctx.tokens, 'Treasury Secretary Scott Bessent', 'ORG'), spanOf(ctx.tokens, 'Labour MP', 'ORG')];
  assert.deepEqual(named(ctx, splitSpans(ctx, tagged)), ['ORG:Treasury', 'PER:Scott Bessent', 'ORG:Labour']);
  // At the start of a name only a known first name makes a person: "Major League Baseball" stays.
  const mlb = context('Major League Baseball said so.');
  assert.deepEqual(named(mlb, splitSpans(mlb, [spanOf(mlb.tokens, 'Major League Baseball', 'ORG')])), ['ORG:Major League Baseball']);
});

test('clean: a name never spans a repeated word or a stray lower-case word', () => {
  const ctx = context('Obama Paris Paris the Barack the Paris spoke.');
  const spans = splitSpans(ctx, [spanOf(ctx.tokens, 'Obama Paris Paris the Barack the Paris', 'PER')]);
  for (const s of spans) {
    const words = ctx.tokens.slice(s.start, s.end).map((t) => t.text);
    assert.equal(new Set(words).size, words.length, JSON.stringify(named(ctx, spans)));
  }
  // Particles are fine: "Bank of England", "Osama bin Laden", "al-Assad".
  const ok = context('Bank of England and Osama bin Laden and Bashar al-Assad.');
  const kept = [spanOf(ok.tokens, 'Bank of England', 'ORG'), spanOf(ok.tokens, 'Osama bin Laden', 'PER'), spanOf(ok.tokens, 'Bashar al-Assad', 'PER')];
  assert.deepEqual(named(ok, splitSpans(ok, kept)), ['ORG:Bank of England', 'PER:Osama bin Laden', 'PER:Bashar al-Assad']);
  // "the" is a particle after another ("Bank of the West"), a stray word after a name word.
  const the = context('Bank of the West and Merkel the Paris spoke.');
  const both = [spanOf(the.tokens, 'Bank of the West', 'ORG'), spanOf(the.tokens, 'Merkel the Paris', 'PER')];
  assert.deepEqual(named(the, splitSpans(the, both)), ['ORG:Bank of the West', 'PER:Merkel', 'PER:Paris']);
});

test('clean: property: every span splitSpans returns lies inside the span it came from, in order', () => {
  const ctx = context('Selma Blair and Dennis Quaid saw James Ireland and Tony Blair with GM Europe and the Paris Paris Obama in St. Louis.');
  const n = ctx.tokens.length;
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(n - 1), fc.integer({ min: 1, max: 8 }), fc.constantFrom<TagType>('PER', 'LOC', 'ORG', 'MISC')), { maxLength: 6 }), (raw) => {
      const tagged = raw.map(([s, len, type]) => ({ type, start: s, end: Math.min(n, s + len) }));
      const out = splitSpans(ctx, tagged.map((t) => ({ ...t })));
      for (const s of out) {
        assert.ok(s.start < s.end);
        assert.ok(tagged.some((t) => t.start <= s.start && s.end <= t.end));
      }
    }),
  );
});

test('non-entities: holidays, common acronyms, groups, i-products and demonyms of known places', () => {
  for (const w of [['Christmas'], ['PC'], ['DVDs'], ['TV'], ['MP'], ['ID'], ['Muslims'], ['iTunes'], ['Americans'], ['Ukrainian'], ['Israeli'], ['Pakistanis'], ['Christmas', 'Day']]) {
    assert.ok(isNonEntity(w, known), w.join(' '));
  }
  for (const w of [['Iran'], ['Ukraine'], ['Adrian'], ['Nokia'], ['Google'], ['Tony', 'Blair'], ['Sudan']]) assert.ok(!isNonEntity(w, known), w.join(' '));
  // A name, not someone from Adria; a stem too short to trust.
  assert.equal(isDemonymOf('Adrian', known), false);
  assert.equal(isDemonymOf('European', known), true);
});

test('non-entities: diseases named by a proper name alone ("Ebola", "Covid-19", "Alzheimer"); an eponym that is a surname is not on its own ("Parkinson")', () => {
  for (const name of ['Ebola', 'Covid', 'Covid-19', 'Zika', 'Mpox', 'Alzheimer']) assert.ok(isNonEntity([name], known), name);
  for (const name of ['Parkinson', 'Crohn', 'Lyme']) assert.ok(!isNonEntity([name], known), name);
});

test('non-entities: products, platforms and weapons, named events and competitions; their makers stay names', () => {
  for (const name of ['Xbox', 'YouTube', 'Apple Music', 'Play Store', 'Model Y', 'Shahed', 'International Space Station', 'Holocaust', 'La Liga', 'EV', 'VAR', 'EVs']) {
    assert.ok(isNonEntity(name.split(' '), known), name);
  }
  for (const name of ['Microsoft', 'Apple', 'Meta', 'TikTok', 'Netflix', 'Tesla', 'SpaceX', 'Apple Records']) assert.ok(!isNonEntity(name.split(' '), known), name);
});

test('clean: a maker before its product is the organization, the product a non-entity ("SpaceX Starship", "Tesla Model Y")', () => {
  assert.equal(trailingProductWords(['SpaceX', 'Starship']), 1);
  assert.equal(trailingProductWords(['Tesla', 'Model', 'Y']), 2);
  assert.equal(trailingProductWords(['Starship']), 0, 'never the whole name');
  assert.equal(trailingProductWords(['Space', 'Exploration']), 0);
  const ctx = context('SpaceX Starship flew again, and Tesla Model Y sales fell.');
  const { spans, blockers } = cleanSpans(ctx, [spanOf(ctx.tokens, 'SpaceX Starship', 'PER'), spanOf(ctx.tokens, 'Tesla Model Y', 'LOC')]);
  assert.deepEqual(named(ctx, spans), ['ORG:SpaceX', 'ORG:Tesla']);
  assert.deepEqual(named(ctx, blockers).sort(), ['MISC:Model Y', 'MISC:Starship']);
});

test('clean: a name beginning with a place\'s word is a place ("Isle of Arran", "Mount Kenya"), one word alone is not', () => {
  const ctx = context('Ferries reach the Isle of Arran and Mount Kenya, said Isle.');
  const { spans } = cleanSpans(ctx, [spanOf(ctx.tokens, 'Isle of Arran', 'ORG'), spanOf(ctx.tokens, 'Mount Kenya', 'PER'), spanOf(ctx.tokens, 'Isle', 'PER', 1)]);
  assert.deepEqual(named(ctx, spans), ['LOC:Isle of Arran', 'LOC:Mount Kenya', 'PER:Isle']);
});

test('clean: a name of two words or more ending in a place\'s head is a place ("Kerr County"), one word alone is not', () => {
  const ctx = context('Floods hit Kerr County as County officials met.');
  const { spans } = cleanSpans(ctx, [spanOf(ctx.tokens, 'Kerr County', 'PER')]);
  assert.deepEqual(named(ctx, spans), ['LOC:Kerr County']);
});

test('clean: non-entities become blockers, never spans', () => {
  const ctx = context('At Christmas the Muslims bought a PC from Sony.');
  const { spans, blockers } = cleanSpans(ctx, [spanOf(ctx.tokens, 'Christmas', 'PER'), spanOf(ctx.tokens, 'Muslims', 'ORG'), spanOf(ctx.tokens, 'PC', 'ORG'), spanOf(ctx.tokens, 'Sony', 'ORG')]);
  assert.deepEqual(named(ctx, spans), ['ORG:Sony']);
  // "PC" as an organization is dropped outright (titles and common acronyms alone are no name).
  assert.deepEqual(named(ctx, blockers).sort(), ['MISC:Christmas', 'MISC:Muslims']);
});

test('clean: a vessel after its noun is MISC, and so is every other mention of it ("the ferry Glen Sannox" ... "the Glen Sannox")', () => {
  const ctx = context('The ferry Glen Sannox sailed. The Glen Sannox was late, said Glen Smith.');
  const { spans, blockers } = cleanSpans(ctx, [spanOf(ctx.tokens, 'Glen Sannox', 'PER'), spanOf(ctx.tokens, 'Glen Sannox', 'PER', 1), spanOf(ctx.tokens, 'Glen Smith', 'PER')]);
  assert.deepEqual(named(ctx, spans), ['PER:Glen Smith']);
  assert.deepEqual(named(ctx, blockers), ['MISC:Glen Sannox', 'MISC:Glen Sannox']);
});

test('clean: "the X House" is a building, a place ("the White House said"); not without "the" ("Chatham House") or longer ("Penguin Random House")', () => {
  const ctx = context('The White House said so. Chatham House said so. The Penguin Random House group said so.');
  const tagged = [spanOf(ctx.tokens, 'White House', 'ORG'), spanOf(ctx.tokens, 'Chatham House', 'ORG'), spanOf(ctx.tokens, 'Penguin Random House', 'ORG')];
  const { spans } = cleanSpans(ctx, tagged);
  assert.deepEqual(named(ctx, spans), ['LOC:White House', 'ORG:Chatham House', 'ORG:Penguin Random House']);
  assert.equal(spans[0]!.fixed, true);
});

test('clean: a hashtag is no name ("#NorthSeaFire"); a name after a spaced "#" is', () => {
  const ctx = context('People posted #NorthSeaFire and # Hull, near Hull.');
  const tagged = [spanOf(ctx.tokens, 'NorthSeaFire', 'LOC'), spanOf(ctx.tokens, 'Hull', 'LOC'), spanOf(ctx.tokens, 'Hull', 'LOC', 1)];
  const { spans, blockers } = cleanSpans(ctx, tagged);
  assert.deepEqual(named(ctx, spans), ['LOC:Hull', 'LOC:Hull']);
  assert.deepEqual(named(ctx, blockers), ['MISC:NorthSeaFire']);
});

test('clean: a work after its noun is MISC ("the film Sideways")', () => {
  const ctx = context('He loved the film Sideways.');
  const { spans, blockers } = cleanSpans(ctx, [spanOf(ctx.tokens, 'Sideways', 'PER')]);
  assert.deepEqual(spans, []);
  assert.equal(blockers.length, 1);
});

test('clean: a medicine or a series after its noun is MISC, and a one-word work is MISC at every mention ("the drug Wegovy" ... "Wegovy")', () => {
  const ctx = context('Novo makes the weight-loss drug Wegovy. Sales of Wegovy rose, and the Netflix drama Adolescence won. Adolescence is a hit.');
  const tagged = [spanOf(ctx.tokens, 'Novo', 'ORG'), spanOf(ctx.tokens, 'Wegovy', 'PER'), spanOf(ctx.tokens, 'Wegovy', 'LOC', 1), spanOf(ctx.tokens, 'Adolescence', 'PER'), spanOf(ctx.tokens, 'Adolescence', 'PER', 1)];
  const { spans, blockers } = cleanSpans(ctx, tagged);
  assert.deepEqual(named(ctx, spans), ['ORG:Novo']);
  assert.deepEqual(named(ctx, blockers), ['MISC:Wegovy', 'MISC:Wegovy', 'MISC:Adolescence', 'MISC:Adolescence']);
});

test('clean: a medicine the tagger already read as MISC after its noun is MISC at every other mention ("the drug Wegovy" ... "Wegovy loses")', () => {
  const ctx = context('Novo makes the weight-loss drug Wegovy. Wegovy loses ground, and Novo said so.');
  const tagged = [spanOf(ctx.tokens, 'Novo', 'ORG'), spanOf(ctx.tokens, 'Wegovy', 'MISC'), spanOf(ctx.tokens, 'Wegovy', 'ORG', 1), spanOf(ctx.tokens, 'Novo', 'ORG', 1)];
  const { spans, blockers } = cleanSpans(ctx, tagged);
  assert.deepEqual(named(ctx, spans), ['ORG:Novo', 'ORG:Novo']);
  assert.deepEqual(named(ctx, blockers), ['MISC:Wegovy', 'MISC:Wegovy']);
});

test('clean: a vessel or a work after its noun, a comma and "the" is MISC when its clause ends there ("another tanker, the Seaways Hector."; not "a film, the BBC said")', () => {
  const ctx = context('Fuel went to another tanker, the Seaways Hector. They made a film, the BBC said.');
  const tagged = [spanOf(ctx.tokens, 'Seaways Hector', 'ORG'), spanOf(ctx.tokens, 'BBC', 'ORG')];
  const { spans, blockers } = cleanSpans(ctx, tagged);
  assert.deepEqual(named(ctx, spans), ['ORG:BBC']);
  assert.deepEqual(named(ctx, blockers), ['MISC:Seaways Hector']);
});

test('clean: a name before "disease", "syndrome" or "virus", possessive or not, is a disease, MISC at every mention ("Lyme disease", "Parkinson\'s disease" ... "Parkinson\'s"); not before "fever" ("World Cup fever")', () => {
  const ctx = context('Cases of Lyme disease rose in Kent. Parkinson\'s disease is slow, and Parkinson\'s has no cure. World Cup fever gripped Marburg.');
  const tagged = [spanOf(ctx.tokens, 'Lyme', 'LOC'), spanOf(ctx.tokens, 'Kent', 'LOC'), spanOf(ctx.tokens, 'Parkinson', 'PER'), spanOf(ctx.tokens, 'Parkinson', 'PER', 1), spanOf(ctx.tokens, 'World Cup', 'MISC'), spanOf(ctx.tokens, 'Marburg', 'LOC')];
  const { spans, blockers } = cleanSpans(ctx, tagged);
  assert.deepEqual(named(ctx, spans), ['LOC:Kent', 'LOC:Marburg']);
  // A blocker keeps the possessive it ends at; what matters is that both mentions are MISC.
  assert.deepEqual(
    named(ctx, blockers).map((b) => b.replace(/'s$/, '')).filter((b) => b !== 'MISC:World Cup'),
    ['MISC:Lyme', 'MISC:Parkinson', 'MISC:Parkinson'],
  );
});

test('clean: one word after "translated from", "written in" is a language, MISC at every mention; not after another verb ("born in Vienna")', () => {
  const ctx = context('The novel was translated from Kannada by Deepa. Kannada has many readers. She was born in Vienna.');
  const tagged = [spanOf(ctx.tokens, 'Kannada', 'LOC'), spanOf(ctx.tokens, 'Kannada', 'LOC', 1), spanOf(ctx.tokens, 'Deepa', 'PER'), spanOf(ctx.tokens, 'Vienna', 'LOC')];
  const { spans, blockers } = cleanSpans(ctx, tagged);
  assert.deepEqual(named(ctx, spans), ['PER:Deepa', 'LOC:Vienna']);
  assert.deepEqual(named(ctx, blockers), ['MISC:Kannada', 'MISC:Kannada']);
});

test('clean: a work, a vessel or a medicine in apposition is MISC, but not an owner after the noun ("a new drug, CagriSema"; "The album, Swift\'s twelfth")', () => {
  const ctx = context('Novo tests a new drug, CagriSema, in Europe. He wrote Flesh, a spare novel, in Vienna. The Solong, a tanker chartered by Crowley, sank.');
  const tagged = [spanOf(ctx.tokens, 'Novo', 'ORG'), spanOf(ctx.tokens, 'CagriSema', 'ORG'), spanOf(ctx.tokens, 'Europe', 'LOC'), spanOf(ctx.tokens, 'Flesh', 'PER'), spanOf(ctx.tokens, 'Vienna', 'LOC'), spanOf(ctx.tokens, 'Solong', 'LOC'), spanOf(ctx.tokens, 'Crowley', 'ORG')];
  const { spans, blockers } = cleanSpans(ctx, tagged);
  assert.deepEqual(named(ctx, spans), ['ORG:Novo', 'LOC:Europe', 'LOC:Vienna', 'ORG:Crowley']);
  assert.deepEqual(named(ctx, blockers), ['MISC:CagriSema', 'MISC:Flesh', 'MISC:Solong']);
  const owner = context('The album, Swift’s twelfth, sold. Smith, a drama student, spoke.');
  const kept = cleanSpans(owner, [spanOf(owner.tokens, 'Swift', 'PER'), spanOf(owner.tokens, 'Smith', 'PER')]);
  assert.deepEqual(named(owner, kept.spans), ['PER:Swift', 'PER:Smith']);
});

// --- merge ---

test('merge: an acronym fits when its letters are the name\'s initials', () => {
  assert.ok(acronymFits('WHO', ['World', 'Health', 'Organization']));
  assert.ok(acronymFits('U.N.', ['United', 'Nations']));
  assert.ok(acronymFits('BoE', ['Bank', 'of', 'England']));
  assert.ok(acronymFits('NASDAQ', ['National', 'Association', 'of', 'Securities', 'Dealers', 'Automated', 'Quotations']));
  assert.ok(!acronymFits('ESP', ['Rafael', 'Nadal']));
  assert.ok(!acronymFits('US', ['Michael', 'Johnson']));
});

test('merge: "Rafael Nadal (ESP) … Carlos Moya (ESP)": no acronym joins people, nor a name it does not fit', () => {
  const ctx = context('Rafael Nadal ( ESP ) beat Carlos Moya ( ESP ). The World Health Organization ( WHO ) and the Red Cross ( UN ) met.');
  const spans = [
    spanOf(ctx.tokens, 'Rafael Nadal', 'PER'),
    spanOf(ctx.tokens, 'Carlos Moya', 'PER'),
    spanOf(ctx.tokens, 'World Health Organization', 'ORG'),
    spanOf(ctx.tokens, 'Red Cross', 'ORG'),
  ];
  const { forms } = collectForms(ctx, spans, []);
  const merged = mergeForms(ctx, forms, spans);
  assert.deepEqual(merged.acronyms.map((a) => a.surface), ['WHO']);
  assert.notEqual(merged.uf.find('rafael nadal'), merged.uf.find('carlos moya'));
  assert.equal(merged.uf.find('who'), merged.uf.find('world health organization'));
});

test('merge: a town read as its team joins the team\'s name ("Punjab" = "Punjab Kings"), not a town read as a place, nor a name without a nickname', () => {
  const t = 'The Adria Kings beat Royal Challengers Bramcote. Adria finished second and Bramcote made 190. The Ireland Group met.';
  const ctx = context(t);
  const knownHere = { ...ctx, known: { ...known, isPlace: (w: readonly string[]) => ['Adria', 'Bramcote', 'Ireland'].includes(w.join(' ')) } };
  const spans: TaggedSpan[] = [
    spanOf(ctx.tokens, 'Adria Kings', 'ORG'),
    spanOf(ctx.tokens, 'Royal Challengers Bramcote', 'ORG'),
    { ...spanOf(ctx.tokens, 'Adria', 'ORG', 1), fixed: true },
    { ...spanOf(ctx.tokens, 'Bramcote', 'ORG', 1), fixed: true },
    spanOf(ctx.tokens, 'Ireland Group', 'ORG'),
  ];
  const { forms } = collectForms(knownHere, spans, []);
  const merged = mergeForms(knownHere, forms, spans);
  assert.equal(merged.uf.find('adria'), merged.uf.find('adria kings'));
  assert.equal(merged.uf.find('bramcote'), merged.uf.find('royal challengers bramcote'));
  const ctx2 = context('The Adria Kings played. Fans in Adria cheered.');
  const knownHere2 = { ...ctx2, known: knownHere.known };
  const spans2: TaggedSpan[] = [spanOf(ctx2.tokens, 'Adria Kings', 'ORG'), { ...spanOf(ctx2.tokens, 'Adria', 'LOC', 1), fixed: true }];
  const f2 = collectForms(knownHere2, spans2, []);
  const m2 = mergeForms(knownHere2, f2.forms, spans2);
  assert.notEqual(m2.uf.find('adria'), m2.uf.find('adria kings'));
});

test('merge: a team\'s nickname after its town joins its name ("Thunder" = "Oklahoma City Thunder")', () => {
  const ctx = context('The Adria Thunder won. The Thunder pulled away.');
  const knownHere = { ...ctx, known: { ...known, isPlace: (w: readonly string[]) => ['Adria'].includes(w.join(' ')) } };
  const spans: TaggedSpan[] = [spanOf(ctx.tokens, 'Adria Thunder', 'ORG'), spanOf(ctx.tokens, 'Thunder', 'ORG', 1)];
  const { forms } = collectForms(knownHere, spans, []);
  const merged = mergeForms(knownHere, forms, spans);
  assert.equal(merged.uf.find('thunder'), merged.uf.find('adria thunder'));
});

test('merge: a known country is never a surname ("Chad" beside "Idriss Chad" stays a place)', () => {
  COUNTRIES.add('chad');
  try {
    const ctx = context('Idriss Chad spoke. Troops entered Chad.');
    const spans = [spanOf(ctx.tokens, 'Idriss Chad', 'PER'), spanOf(ctx.tokens, 'Chad', 'LOC', 1)];
    const { forms } = collectForms(ctx, spans, []);
    const merged = mergeForms(ctx, forms, spans);
    assert.equal(merged.forcedPerson.has('chad'), false);
    assert.notEqual(merged.uf.find('chad'), merged.uf.find('idriss chad'));
  } finally {
    COUNTRIES.delete('chad');
  }
});

test('merge: peerage and party forms: "Lord Goldsmith" = "Peter Goldsmith", "Lib Dems" = "Liberal Democrats", "Tories" = "Conservatives"', () => {
  const t = 'Lord Goldsmith spoke. Peter Goldsmith, the attorney general, agreed. The Lib Dems and the Liberal Democrats, the Tories and the Conservatives, Mideast and Middle East.';
  const ctx = context(t);
  const tagged = [
    spanOf(ctx.tokens, 'Lord Goldsmith', 'PER'),
    spanOf(ctx.tokens, 'Peter Goldsmith', 'PER'),
    spanOf(ctx.tokens, 'Lib Dems', 'ORG'),
    spanOf(ctx.tokens, 'Liberal Democrats', 'ORG'),
    spanOf(ctx.tokens, 'Tories', 'ORG'),
    spanOf(ctx.tokens, 'Conservatives', 'ORG'),
  ];
  const entities = resolveEntities(t, ctx.tokens, ctx.sentences, tagged, ctx.casing, undefined, known);
  const of = (name: string) => entities.find((e) => e.name === name || e.aliases.includes(name));
  assert.equal(of('Goldsmith'), of('Peter Goldsmith'));
  assert.equal(of('Peter Goldsmith')!.type, 'person');
  assert.equal(of('Lib Dems'), of('Liberal Democrats'));
  assert.equal(of('Tories'), of('Conservatives'));
  assert.equal(of('Mideast'), of('Middle East'));
  assert.equal(of('Middle East')!.type, 'place');
});

// --- overlaps, vote, build ---

const candidate = (tokStart: number, tokEnd: number, group: string | null, extra: Partial<Candidate> = {}): Candidate => ({
  start: tokStart * 10,
  end: tokEnd * 10 - 1,
  tokStart,
  tokEnd,
  group,
  tagger: true,
  ...extra,
});

test('overlaps: longest first; at equal length a table form, a blocker, the tagger\'s name, a re-scanned name', () => {
  const merged = { uf: { find: (x: string) => x } as never, ambiguousSurnames: new Map<string, string[]>() };
  const accepted = resolveOverlaps(
    [
      candidate(0, 1, 'a', { tagger: false }),
      candidate(0, 2, 'ab'),
      candidate(3, 4, 'c'),
      candidate(3, 4, null),
      candidate(5, 6, 'd', { tagger: false }),
      candidate(5, 6, 'e'),
      candidate(7, 8, null),
      candidate(7, 8, 'table', { tagger: false, table: true }),
    ],
    10,
    merged,
  );
  assert.deepEqual(accepted.map((c) => c.group), ['ab', 'e', 'table']);
});

test('vote: one type per entity; a mention the tagger is sure is another type becomes its own entity', () => {
  const starts = new Float32Array(10 * 5);
  prefer(starts, 0, 'LOC', 900);
  prefer(starts, 2, 'LOC', 900);
  prefer(starts, 4, 'ORG', 2000); // the team "NEW YORK", tagged so with no doubt
  prefer(starts, 6, 'ORG', 10); // a coin flip: follows its entity
  const accepted = [candidate(0, 1, 'ny'), candidate(2, 3, 'ny'), candidate(4, 5, 'ny'), candidate(6, 7, 'ny')];
  const votes = voteTypes(accepted, starts);
  assert.ok(votes.get('ny')!.get('place')! > votes.get('ny')!.get('organization')!);
  splitConfidentTypes(accepted, votes, starts);
  assert.deepEqual(accepted.map((c) => c.group === 'ny'), [true, true, false, true]);
  const entities = buildEntities('x'.repeat(80), accepted, votes, new Map());
  assert.deepEqual(entities.map((e) => [e.type, e.mentions.length]), [['place', 3], ['organization', 1]]);
  assert.ok(CONFIDENT_TYPE > 0.5 && CONFIDENT_TYPE < 1);
});

test('build: the display name is the most complete form; mentions carry their field and are sorted', () => {
  const t = 'Benjamin Netanyahu spoke. Netanyahu left.';
  const ctx = context(t);
  const entities = resolveEntities(t, ctx.tokens, ctx.sentences, [spanOf(ctx.tokens, 'Benjamin Netanyahu', 'PER'), spanOf(ctx.tokens, 'Netanyahu', 'PER', 1)], ctx.casing, undefined, known);
  assert.equal(entities.length, 1);
  assert.equal(entities[0]!.name, 'Benjamin Netanyahu');
  assert.deepEqual(entities[0]!.aliases, ['Netanyahu']);
  assert.deepEqual(entities[0]!.mentions.map((m) => [m.field, t.slice(m.start, m.end)]), [
    ['text', 'Benjamin Netanyahu'],
    ['text', 'Netanyahu'],
  ]);
});

test('clean: an organization\'s name keeps a common noun\'s possessive and a party adjective; "and the" parts two names', () => {
  const ctx = context("The Scottish Fishermen's Federation, the National Farmers' Union, the Democratic Alliance and the Conservative Party met. Israel's Defense Ministry and Polish SPC did not.");
  const tagged = [
    spanOf(ctx.tokens, 'Federation', 'ORG'),
    spanOf(ctx.tokens, 'National Farmers', 'ORG'),
    spanOf(ctx.tokens, 'Union', 'ORG'),
    spanOf(ctx.tokens, 'Democratic', 'MISC'),
    spanOf(ctx.tokens, 'Alliance and the Conservative Party', 'ORG'),
    spanOf(ctx.tokens, 'Israel', 'LOC'),
    spanOf(ctx.tokens, 'Defense Ministry', 'ORG'),
    spanOf(ctx.tokens, 'Polish', 'MISC'),
    spanOf(ctx.tokens, 'SPC', 'ORG'),
  ];
  const clean = { ...ctx, known: { ...known, isCommonWord: (w: string) => ['fishermen', 'farmers'].includes(w) } };
  const { spans } = cleanSpans(clean, tagged);
  assert.deepEqual(named(ctx, spans), [
    "ORG:Scottish Fishermen's Federation",
    "ORG:National Farmers' Union",
    'ORG:Democratic Alliance',
    'ORG:Conservative Party',
    'LOC:Israel',
    'ORG:Defense Ministry',
    'ORG:SPC',
  ]);
});

test('clean: events and awards are MISC ("United States Grand Prix", "Booker Prize"), a one-word "Cup" is left to the tagger', () => {
  const ctx = context('He won the United States Grand Prix and the Booker Prize.');
  const { spans, blockers } = cleanSpans(ctx, [spanOf(ctx.tokens, 'United States Grand Prix', 'LOC'), spanOf(ctx.tokens, 'Booker Prize', 'PER')]);
  assert.deepEqual(spans, []);
  assert.deepEqual(named(ctx, blockers), ['MISC:United States Grand Prix', 'MISC:Booker Prize']);
});

test('vote: a one-word "person" on the company list and no list of names is that company ("Netflix said")', () => {
  const t = 'Netflix said on Monday it would raise prices. Ford agreed. Henry Ford founded it.';
  const ctx = context(t);
  const tagged = [spanOf(ctx.tokens, 'Netflix', 'PER'), spanOf(ctx.tokens, 'Ford', 'PER'), spanOf(ctx.tokens, 'Henry Ford', 'PER')];
  const starts = new Float32Array(ctx.tokens.length * 5);
  for (const s of tagged) prefer(starts, s.start, 'PER', 300); // the tagger is sure they are people
  const entities = resolveEntities(t, ctx.tokens, ctx.sentences, tagged, ctx.casing, starts, known);
  const type = (name: string) => entities.find((e) => e.name === name || e.aliases.includes(name))?.type;
  assert.equal(type('Netflix'), 'organization');
  // "Ford" is a surname of the person the article names in full: a person.
  assert.equal(type('Henry Ford'), 'person');
  assert.equal(type('Ford'), 'person');
});

test('vote: a lone word on the company list typed as a place is the company, unless a known place, after "the" or placed by a rule', () => {
  const ctx = context('Tesla cut prices. Alphabet rose. Ships crossed the Pacific. Ford opened in Detroit. Netflix grew.');
  const companies = new Set(['Tesla', 'Alphabet', 'Pacific', 'Detroit', 'Netflix']);
  const knownHere: KnownNames = { ...known, isCompany: (w) => companies.has(w), isPlace: (w) => w.join(' ') === 'Detroit' };
  const cand = (word: string, fixed?: Candidate['fixed']): Candidate => {
    const s = spanOf(ctx.tokens, word, 'LOC');
    return { start: ctx.tokens[s.start]!.start, end: ctx.tokens[s.end - 1]!.end, tokStart: s.start, tokEnd: s.end, group: word, tagger: true, ...(fixed ? { fixed } : {}) };
  };
  const accepted = [cand('Tesla'), cand('Alphabet', 'place'), cand('Pacific'), cand('Detroit'), cand('Netflix')];
  const votes = new Map(accepted.map((c) => [c.group!, new Map([['place', 0.9], ['organization', 0.1]] as Array<[EntityType, number]>)]));
  votes.set('Netflix', new Map([['person', 0.8], ['organization', 0.2]] as Array<[EntityType, number]>));
  retypeLoneCompanies(accepted, votes, ctx.tokens, knownHere);
  const decided = Object.fromEntries([...votes].map(([root, v]) => [root, majority(v)]));
  assert.deepEqual(decided, { Tesla: 'organization', Alphabet: 'place', Pacific: 'place', Detroit: 'place', Netflix: 'organization' });
});

test('vote: a lone word on the organization list typed as a person is the organization, unless also a person\'s name', () => {
  const ctx = context('Nasa said. Peter said.');
  const cand = (word: string): Candidate => {
    const s = spanOf(ctx.tokens, word, 'PER');
    return { start: ctx.tokens[s.start]!.start, end: ctx.tokens[s.end - 1]!.end, tokStart: s.start, tokEnd: s.end, group: word, tagger: true };
  };
  const accepted = [cand('Nasa'), cand('Peter')];
  const votes = new Map(accepted.map((c) => [c.group!, new Map([['person', 0.8], ['organization', 0.2]] as Array<[EntityType, number]>)]));
  retypeLoneCompanies(accepted, votes, ctx.tokens, known);
  assert.deepEqual(Object.fromEntries([...votes].map(([root, v]) => [root, majority(v)])), { Nasa: 'organization', Peter: 'person' });
});

test('vote: an entity every mention of which is a known country is a place, whatever the tagger preferred, unless a rule fixed a mention', () => {
  const ctx = context('Russia and China signed. France Telecom fell. Ireland won. China said so.');
  const cand = (word: string, group: string, fixed?: Candidate['fixed']): Candidate => {
    const s = spanOf(ctx.tokens, word, 'ORG');
    return { start: ctx.tokens[s.start]!.start, end: ctx.tokens[s.end - 1]!.end, tokStart: s.start, tokEnd: s.end, group, tagger: true, ...(fixed ? { fixed } : {}) };
  };
  const accepted = [cand('China', 'China'), cand('France Telecom', 'France Telecom'), cand('Ireland', 'Ireland', 'organization')];
  const asOrganization = () => new Map([['organization', 0.9], ['place', 0.1]] as Array<[EntityType, number]>);
  const votes = new Map(accepted.map((c) => [c.group!, asOrganization()]));
  retypeLoneCountries(accepted, votes, ctx.tokens, known);
  assert.deepEqual(Object.fromEntries([...votes].map(([root, v]) => [root, majority(v)])), { China: 'place', 'France Telecom': 'organization', Ireland: 'organization' });
});

test('organizations: a name of two or more words on the organization list is one, unless all its words are people\'s names, one word, or decided by a cue', () => {
  const ctx = context('Caledonian MacBrayne runs ferries. Raymond James rose. Nasa flew. Caledonian MacBrayne again.');
  const cand = (word: string, group = word): Candidate => {
    const s = spanOf(ctx.tokens, word, 'PER');
    return { start: ctx.tokens[s.start]!.start, end: ctx.tokens[s.end - 1]!.end, tokStart: s.start, tokEnd: s.end, group, tagger: true };
  };
  const accepted = [cand('Caledonian MacBrayne'), cand('Raymond James'), cand('Nasa')];
  const asPerson = () => new Map([['person', 0.9], ['place', 0.1]] as Array<[EntityType, number]>);
  const votes = new Map(accepted.map((c) => [c.group!, asPerson()]));
  const decided = new Set<string>();
  retypeKnownOrganizations(accepted, votes, decided, ctx.tokens, known);
  const types = () => Object.fromEntries([...votes].map(([root, v]) => [root, majority(v)]));
  assert.deepEqual(types(), { 'Caledonian MacBrayne': 'organization', 'Raymond James': 'person', Nasa: 'person' });
  assert.deepEqual([...decided], ['Caledonian MacBrayne']);
  // A group a context cue decided keeps that decision.
  const cued = new Map(accepted.map((c) => [c.group!, asPerson()]));
  retypeKnownOrganizations(accepted, cued, new Set(['Caledonian MacBrayne']), ctx.tokens, known);
  assert.equal(majority(cued.get('Caledonian MacBrayne')!), 'person');
});

test('vote: a one-word "person" listed only with organizations is one, unless a known name or a full name\'s surname', () => {
  const ctx = context('Rivals OpenAI, Google and Anthropic hired. Jo Vaas, Muralitharan and Vaas bowled. Ford and Gordon met. Sony and Kim sang.');
  const votesFor = new Map<string, Array<[EntityType, number]>>([
    ['OpenAI', [['organization', 1]]],
    ['Google', [['organization', 1]]],
    ['Anthropic', [['person', 0.9], ['organization', 0.1]]],
    ['Jo Vaas', [['person', 1]]],
    ['Muralitharan', [['person', 1]]],
    ['Vaas', [['person', 1]]],
    ['Ford', [['organization', 1]]],
    ['Gordon', [['person', 1]]],
    ['Sony', [['organization', 1]]],
    ['Kim', [['person', 1]]],
  ]);
  const accepted = ['OpenAI', 'Google', 'Anthropic', 'Jo Vaas', 'Muralitharan', 'Vaas', 'Ford', 'Gordon', 'Sony', 'Kim'].map((name): Candidate => {
    const s = spanOf(ctx.tokens, name, 'PER', name === 'Vaas' ? 1 : 0);
    return { start: ctx.tokens[s.start]!.start, end: ctx.tokens[s.end - 1]!.end, tokStart: s.start, tokEnd: s.end, group: name, tagger: true };
  });
  const votes = new Map([...votesFor].map(([k, v]) => [k, new Map(v)]));
  // "Gordon" is a known given name (stages' gazetteer); "Kim" is not, but follows "Sony and".
  typeListedNames(accepted, votes, ctx.tokens, { ...known, isPersonName: (w) => w === 'Gordon' });
  const decided = Object.fromEntries([...votes].map(([root, v]) => [root, majority(v)]));
  assert.equal(decided['Anthropic'], 'organization');
  assert.equal(decided['Vaas'], 'person');
  assert.equal(decided['Muralitharan'], 'person');
  assert.equal(decided['Gordon'], 'person');
  assert.equal(decided['Kim'], 'organization');
});

test('non-entities: an acronym only ever modifying the noun after it (three times), or with a plural, is a common noun; a name stands alone somewhere', () => {
  const tokens = tokenize(
    'EV demand fell. EV production and EV charging slowed. NATO allies met; NATO said no. The WHO said so. ' +
      'The World Health Organization (WHO) warned. PLO leader spoke. SUVs and an SUV sold. US tariffs, US troops, US bonds.',
  );
  const caps = new Uint8Array(tokens.length);
  const acronyms = modifierAcronyms(tokens, caps, { isPlace: (w) => w.join(' ') === 'US', isCompany: () => false });
  // NATO stands alone once; WHO is defined by capitalised words; PLO modifies only once; US is a known place.
  assert.deepEqual([...acronyms].sort(), ['EV', 'SUV']);
});

test('non-entities: a country\'s leaving is an event ("Brexit", "Grexit"), a name ending so is not', () => {
  assert.equal(isNonEntity(['Brexit'], known), true);
  assert.equal(isNonEntity(['Grexit'], known), true);
  assert.equal(isNonEntity(['Exeter'], known), false);
});

test('non-entities: an instrument named for its kind is a thing ("James Webb Space Telescope"); "Telescope" alone is not', () => {
  assert.equal(isNonEntity(['James', 'Webb', 'Space', 'Telescope'], known), true);
  assert.equal(isNonEntity(['Very', 'Large', 'Telescope'], known), true);
  assert.equal(isNonEntity(['Telescope'], known), false);
  assert.equal(isNonEntity(['European', 'Southern', 'Observatory'], known), false);
});

test('clean: a name the tagger ended right before a headed name of two words or more is its first word ("Kennedy" + "Space Center"); not across a word or comma, a one-word head or in capitals', () => {
  const ctx = context('It flew from the Kennedy Space Center. The China Manned Space Agency tested it. Smith, Space Agency chief, spoke. Paris Council met. NASA KENNEDY SPACE CENTER.');
  const tagged = [
    spanOf(ctx.tokens, 'Kennedy', 'PER'),
    spanOf(ctx.tokens, 'Space Center', 'LOC'),
    spanOf(ctx.tokens, 'China', 'LOC'),
    spanOf(ctx.tokens, 'Manned Space Agency', 'ORG'),
    spanOf(ctx.tokens, 'Smith', 'PER'),
    spanOf(ctx.tokens, 'Space Agency', 'ORG', 1),
    spanOf(ctx.tokens, 'Paris', 'LOC'),
    spanOf(ctx.tokens, 'Council', 'ORG'),
    spanOf(ctx.tokens, 'KENNEDY', 'PER'),
    spanOf(ctx.tokens, 'SPACE CENTER', 'LOC'),
  ];
  const caps = new Uint8Array(ctx.tokens.length);
  caps.fill(1, ctx.tokens.findIndex((t) => t.text === 'NASA'));
  joinNamesakeHeads({ ...ctx, capsSentence: caps }, tagged);
  assert.deepEqual(named(ctx, tagged), ['LOC:Kennedy Space Center', 'ORG:China Manned Space Agency', 'PER:Smith', 'ORG:Space Agency', 'LOC:Paris', 'ORG:Council', 'PER:KENNEDY', 'LOC:SPACE CENTER']);
});

test('clean: a name never joins a headed name across a line break ("Vladimir Putin", then a paragraph "Russian Federation")', () => {
  const ctx = context('Vladimir Putin \n\n Russian Federation');
  const tagged = [spanOf(ctx.tokens, 'Vladimir Putin', 'PER'), spanOf(ctx.tokens, 'Russian Federation', 'ORG')];
  joinNamesakeHeads(ctx, tagged);
  assert.deepEqual(named(ctx, tagged), ['PER:Vladimir Putin', 'ORG:Russian Federation']);
});

test('clean: a capitalised word left out right before an organization in running text is its first word; not a title, nationality, place, day or a headline\'s word', () => {
  const ctx = context('Shares of Wells Fargo rose. The German Volkswagen fell. On Monday Nokia cut jobs. Rivals in Paris Orange grew. Fed Lifts Wells Fargo Cap.');
  const tagged = [
    spanOf(ctx.tokens, 'Fargo', 'ORG'),
    spanOf(ctx.tokens, 'Volkswagen', 'ORG'),
    spanOf(ctx.tokens, 'Nokia', 'ORG'),
    spanOf(ctx.tokens, 'Orange', 'ORG'),
    spanOf(ctx.tokens, 'Fargo', 'ORG', 1),
  ];
  joinLeadingCapital({ ...ctx, known: { ...known, isPlace: (w) => w.join(' ') === 'Paris' } }, tagged);
  assert.deepEqual(named(ctx, tagged), ['ORG:Wells Fargo', 'ORG:Volkswagen', 'ORG:Nokia', 'ORG:Orange', 'ORG:Fargo']);
});
