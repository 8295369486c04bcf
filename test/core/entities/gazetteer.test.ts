/**
 * The shipped gazetteer (test/tools/build-gazetteers.ts): what the rules' place guards know, and
 * that a list the tagger was not trained on changes none of the tagger's features.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocFeatures, sentenceFeatures, ALL_FEATURES } from '../../../source/core/entities/features.js';
import { knownNamesFrom } from '../../../source/core/entities/known-names.js';
import { decodeGazetteer, GAZETTEER_LISTS, phraseHash, sortedTable, type GazetteerTable } from '../../../source/core/entities/lexicons.js';
import { GAZETTEER } from '../../../source/core/entities/model/gazetteer.js';

const shipped = knownNamesFrom(decodeGazetteer(GAZETTEER));

test('the four nations of the United Kingdom and the states of federations are places', () => {
  for (const name of ['England', 'Scotland', 'Wales', 'Northern Ireland', 'Texas', 'California', 'Ontario', 'Queensland', 'Punjab', 'Bayern']) {
    assert.equal(shipped.isPlace(name.split(' ')), true, name);
  }
});

test("small countries' subdivisions are not places (a company or a newspaper shares their names)", () => {
  // Colombia's Meta department, Palestine's Al Quds governorate.
  assert.equal(shipped.isPlace(['Meta']), false);
  assert.equal(shipped.isPlace(['Al', 'Quds']), false);
});

test('the countries and cities lists are unchanged by the subdivisions', () => {
  for (const name of ['France', 'United Kingdom', 'London', 'Kyiv']) assert.equal(shipped.isPlace(name.split(' ')), true, name);
  // A state is a place but no country: a surname may still be one ("Harry Kane" stays whole).
  assert.equal(shipped.isCountry(['Texas']), false);
});

test('the organization list knows brands and operators, and no place (an operator named for its place is not on it)', () => {
  for (const name of ['Deutsche Telekom', 'Bulgarian Tourist Union', 'Wells Fargo', 'SpaceX']) assert.equal(shipped.isOrganization(name.split(' ')), true, name);
  for (const name of ['United States', 'San Antonio', 'The Hague', 'London']) {
    assert.equal(shipped.isOrganization(name.split(' ')), false, name);
    assert.equal(shipped.isPlace(name.split(' ')), true, name);
  }
});

function table(entries: Array<[string[], number]>): GazetteerTable {
  const map = new Map<number, number>();
  for (const [words, bits] of entries) map.set(phraseHash(words), (map.get(phraseHash(words)) ?? 0) | bits);
  const { keys, values } = sortedTable(map);
  return { keys, bits: Uint8Array.from(values), maxTokens: 3 };
}

test("a phrase only on a list the tagger was not trained on gives the tagger's features nothing", () => {
  const subdivision = 1 << GAZETTEER_LISTS.indexOf('other-place');
  const city = 1 << GAZETTEER_LISTS.indexOf('city');
  const words = ['Rain', 'fell', 'on', 'Texas', 'and', 'New', 'York', 'City', '.'];
  const featuresWith = (gazetteer: GazetteerTable) => {
    const model = { bits: 18, features: ALL_FEATURES, gazetteer };
    return Array.from(sentenceFeatures(words, new DocFeatures(model, new Map())).flat);
  };
  const without = table([[['new', 'york', 'city'], city]]);
  // "Texas" and "New" only as subdivisions: "New" would otherwise open the search for "New York City".
  const withSubdivisions = table([
    [['new', 'york', 'city'], city],
    [['texas'], subdivision],
    [['new'], subdivision],
  ]);
  assert.deepEqual(featuresWith(withSubdivisions), featuresWith(without));
  // The same for the organization list ("New York Times", "Texas Instruments" begin there).
  const organization = 1 << GAZETTEER_LISTS.indexOf('organization');
  assert.deepEqual(featuresWith(table([[['new', 'york', 'city'], city], [['texas'], organization], [['new'], organization], [['new', 'york'], organization]])), featuresWith(without));
  // ...whereas a city list entry does change them (the comparison is not vacuous).
  assert.notDeepEqual(featuresWith(table([[['new', 'york', 'city'], city], [['texas'], city]])), featuresWith(without));
});
