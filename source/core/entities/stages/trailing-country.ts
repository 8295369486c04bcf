/**
 * A place the tagger ran on into the country after it is two places: "in Aleppo Syria", "in al
 * Hajar al-Aswad Syria", "near Kharkiv Ukraine". Photo captions and datelines copied from web
 * pages drop the comma of "Aleppo, Syria", and the tagger then reads one long place. Split when
 * the last words are a known country and the words before them a place of their own: a known
 * place, or a name of two words or more. Never when the whole is a known place ("Bosnia and
 * Herzegovina", "Papua New Guinea"), when a word before the country belongs to its name ("North
 * Korea", "Latin America", "Republic of Ireland": a lower-case word, or a direction), nor for a
 * person's or organization's span ("James Ireland", "GM Europe": other rules read those).
 */
import type { ResolveContext, TaggedSpan } from './context.js';

/** Words that make a country's own longer name ("South Sudan", "Greater China"), never a place before it. */
const NAME_PART_WORDS = new Set([
  'New', 'North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Upper', 'Lower',
  'Greater', 'Little', 'Equatorial', 'Latin', 'Mainland', 'Sub', 'Saharan', 'Sub-Saharan', 'Arab', 'Islamic', 'Democratic', 'Republic', 'Kingdom',
]);

/** How many words a country's name may have here ("United Arab Emirates"). */
const MAX_COUNTRY_WORDS = 3;

/** Splits (in place) such place spans of the tagger's: the country becomes a place span of its own, fixed. */
export function splitTrailingCountries(ctx: Pick<ResolveContext, 'tokens' | 'known'>, tagged: TaggedSpan[]): void {
  const { tokens, known } = ctx;
  const added: TaggedSpan[] = [];
  for (const span of tagged) {
    if (span.type !== 'LOC' || span.end - span.start < 2) continue;
    const words = tokens.slice(span.start, span.end).map((t) => t.text);
    if (known.isPlace(words)) continue;
    const countryWords = trailingCountryLength(words, known.isCountry);
    if (countryWords === 0) continue;
    const before = words.slice(0, words.length - countryWords);
    if (!isPlaceOfItsOwn(before)) continue;
    if (before.length < 2 && !known.isPlace(before)) continue;
    added.push({ type: 'LOC', start: span.end - countryWords, end: span.end, fixed: true });
    span.end -= countryWords;
  }
  tagged.push(...added);
  tagged.sort((a, b) => a.start - b.start);
}

/** The longest run of last words (fewer than all) that is a known country, or 0. */
function trailingCountryLength(words: readonly string[], isCountry: (words: readonly string[]) => boolean): number {
  for (let n = Math.min(MAX_COUNTRY_WORDS, words.length - 1); n >= 1; n--) if (isCountry(words.slice(words.length - n))) return n;
  return 0;
}

/** Arabic's article, written lower-case and apart ("al Hajar") or joined ("al-Aswad"). */
const ARTICLE = /^(al|el|ad|as|ash|at|az)$/u;
const ARTICLE_JOINED = /^(al|el|ad|as|ash|at|az)-/u;

/** A capitalised word that is no part of a country's longer name ("Hajar", "al-Aswad", not "North"). */
const isNameWord = (word: string) => !NAME_PART_WORDS.has(word) && /^\p{Lu}/u.test(word.replace(ARTICLE_JOINED, ''));

/**
 * Whether the words before the country name a place by themselves: every one a name word, the
 * first allowed to be a lower-case article ("al Hajar al-Aswad", "el Arish").
 */
function isPlaceOfItsOwn(words: readonly string[]): boolean {
  const rest = words.length >= 2 && ARTICLE.test(words[0]!) ? words.slice(1) : words;
  return rest.every(isNameWord);
}
