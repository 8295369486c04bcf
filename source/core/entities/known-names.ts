/** KnownNames (stages/context.ts) from the shipped gazetteer and lexicon. */
import { findKey, GAZETTEER_LISTS, phraseHash, type GazetteerTable } from './lexicons.js';
import type { KnownNames } from './stages/context.js';

const bit = (list: (typeof GAZETTEER_LISTS)[number]) => 1 << GAZETTEER_LISTS.indexOf(list);
const PLACE = bit('country') | bit('city') | bit('region') | bit('other-place');
const COUNTRY = bit('country') | bit('region');
const PERSON = bit('person-name');
const COMPANY = bit('company');
const ORGANIZATION = bit('organization');

/** KnownNames from the gazetteer and the tagger's lexicon of common lower-case words. */
export function knownNamesFrom(table: GazetteerTable, commonWords: ReadonlySet<string> = new Set()): KnownNames {
  const lists = (words: readonly string[]) => {
    if (words.length === 0 || words.length > table.maxTokens) return 0;
    const k = findKey(table.keys, phraseHash(words));
    return k < 0 ? 0 : table.bits[k]!;
  };
  return {
    isPlace: (words) => (lists(words) & PLACE) !== 0,
    isCountry: (words) => (lists(words) & COUNTRY) !== 0,
    isPersonName: (word) => (lists([word]) & PERSON) !== 0,
    isCommonWord: (lower) => commonWords.has(lower),
    isCompany: (word) => (lists([word]) & COMPANY) !== 0,
    isOrganization: (words) => (lists(words) & ORGANIZATION) !== 0,
  };
}
