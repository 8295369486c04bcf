/**
 * Words that look like names but are not people, places or organizations (CoNLL's MISC or
 * nothing): they never reach the panel, and they block the re-scan of their words. Classes, not
 * lists of particular names wherever a rule can say it.
 */
import type { KnownNames } from './stages/context.js';

/** Holidays and festivals. */
const HOLIDAYS = new Set(
  'christmas xmas easter ramadan eid hanukkah hanukah diwali thanksgiving halloween passover lent advent hogmanay yom kippur new year'.split(' '),
);

/**
 * Products, platforms, vehicles and weapons that news names as things, not as the companies that
 * make them ("on YouTube", "an Xbox", "a Shahed drone"): CoNLL's MISC. Only names no company or
 * place goes by; a platform that is also its company's usual name (TikTok, Netflix, Spotify) is not
 * here. Lower-cased, words joined by a space.
 */
const PRODUCTS = new Set([
  ...['youtube', 'instagram', 'whatsapp', 'facebook', 'snapchat', 'wechat', 'gmail', 'chatgpt', 'copilot', 'siri'],
  ...['app store', 'play store', 'google play', 'apple music', 'apple pay', 'apple tv', 'apple intelligence', 'prime video', 'hbo max'],
  ...['xbox', 'xbox live', 'game pass', 'playstation', 'nintendo switch', 'android', 'kindle'],
  ...['autopilot', 'cybertruck', 'model y', 'model 3', 'model s', 'model x'],
  ...['starship', 'new glenn', 'crew dragon', 'international space station', 'gaganyaan', 'chandrayaan'],
  ...['shahed', 'himars', 'patriot', 'tomahawk', 'iskander', 'kinzhal'],
]);

/**
 * How many of a name's last words (at most three, never all) name a product: "SpaceX Starship",
 * "Tesla Model Y", "Microsoft Xbox" are a maker and its product. 0 when none do.
 */
export function trailingProductWords(words: readonly string[]): number {
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    if (PRODUCTS.has(words.slice(words.length - n).join(' ').toLowerCase())) return n;
  }
  return 0;
}

/** Events and competitions named like places or organizations: CoNLL's MISC. */
const EVENTS = new Set([
  ...['holocaust', 'cold war', 'first world war', 'second world war', 'world war i', 'world war ii', 'arab spring'],
  ...['la liga', 'serie a', 'bundesliga', 'ligue 1', 'champions league', 'europa league', 'premier league', 'super bowl'],
]);

/**
 * Diseases news names by a proper name alone ("an Ebola outbreak", "people with Alzheimer's"):
 * CoNLL's nothing. Eponyms that are also common surnames (Parkinson, Crohn) are left to the
 * noun after them (introduced-works.ts).
 */
const DISEASES = new Set('ebola covid covid-19 coronavirus zika mpox nipah chikungunya alzheimer alzheimers'.split(' '));

/** Common acronyms and abbreviations that name things, not entities (singular and plural). */
const COMMON_ACRONYMS = new Set(
  (
    'pc tv dvd cd mp mep msp ma id ceo cfo coo gdp gnp vat ai it sms mms pin atm ufo dna hiv aids sars ' +
    'gmt bst est pm am hd usb gps lcd mp3 ipo r&b hq vip faq uk-wide qc obe mbe cbe phd mba bsc ' +
    'oap suv 4x4 www pdf html wifi wi-fi rpg fps cctv pr ps mps meps mpc dj ev var'
  ).split(' '),
);

/** A common acronym that names a thing, not an entity ("TV", "PCs"). */
export function isCommonAcronym(word: string): boolean {
  const l = word.toLowerCase().replace(/\./g, '');
  return COMMON_ACRONYMS.has(l) || (l.endsWith('s') && COMMON_ACRONYMS.has(l.slice(0, -1)) && /^\p{Lu}+s$/u.test(word));
}

/** Religious and other groups of people (the words themselves; nationalities are a rule). */
const GROUPS = new Set(
  'muslim muslims christian christians jew jews jewish hindu hindus sikh sikhs buddhist buddhists catholic catholics protestant protestants shia shiite shiites sunni sunnis islamist islamists jihadist jihadists'.split(
    ' ',
  ),
);

/** A plural nationality or demonym: "Americans", "Israelis", "Britons", "Chinese". */
const DEMONYM = /^\p{Lu}\p{Ll}+(?:ans|ians|eans|ese|is|ons|ites)$/u;

/** Demonym endings, and what a place's name may end with where the demonym has one of them. */
const DEMONYM_SUFFIXES = ['ians', 'ian', 'eans', 'ean', 'ans', 'an', 'ese', 'ish', 'is', 'i', 'ic'];
const PLACE_ENDINGS = ['', 'e', 'a', 'ia', 'y', 'o', 'ain', 'any', 'in', 'en', 'and', 'ey', 'istan'];

/**
 * A nationality or demonym of a known place: "Ukrainian" (Ukraine), "Israeli" (Israel),
 * "Pakistanis" (Pakistan), "European" (Europe). The word itself must be no place ("Iran").
 */
export function isDemonymOf(word: string, known: Pick<KnownNames, 'isPlace' | 'isPersonName'>): boolean {
  const { isPlace } = known;
  // "Adrian" is a name, not someone from Adria.
  if (!/^\p{Lu}\p{Ll}{2,}$/u.test(word) || isPlace([word]) || known.isPersonName(word)) return false;
  for (const suffix of DEMONYM_SUFFIXES) {
    // Short stems match too many towns ("Suwan" is not from Suwa).
    if (!word.endsWith(suffix) || word.length - suffix.length < 4) continue;
    const stem = word.slice(0, -suffix.length);
    if (PLACE_ENDINGS.some((ending) => isPlace([stem + ending]))) return true;
  }
  return false;
}

/** Last words of an instrument's name: "the James Webb Space Telescope", "the Very Large Telescope" are things, not organizations. */
const INSTRUMENT_HEADS = new Set(['telescope', 'telescopes']);

/**
 * Whether a cleaned name is a non-entity. `known` says whether words are a known place (so
 * "Sudanese" is a demonym but a place that happens to end so is not) or a person's name.
 */
export function isNonEntity(words: readonly string[], known: Pick<KnownNames, 'isPlace' | 'isPersonName'>): boolean {
  const { isPlace } = known;
  const lower = words.map((w) => w.toLowerCase());
  const joined = lower.join(' ');
  if (HOLIDAYS.has(joined) || (lower.length === 2 && lower[1] === 'day' && HOLIDAYS.has(lower[0]!))) return true;
  if (PRODUCTS.has(joined) || EVENTS.has(joined)) return true;
  if (words.length > 1 && INSTRUMENT_HEADS.has(lower[lower.length - 1]!)) return true;
  if (words.length !== 1) return false;
  const w = words[0]!;
  if (isCommonAcronym(w)) return true;
  if (GROUPS.has(lower[0]!.replace(/\./g, '')) || DISEASES.has(lower[0]!)) return true;
  // Apple-style product names: "iTunes", "iPod", "iPlayer".
  if (/^i\p{Lu}\p{Ll}/u.test(w)) return true;
  // A country's leaving, as an event: "Brexit", "Grexit", "Megxit".
  if (/^\p{Lu}\p{Ll}*exit$/u.test(w)) return true;
  return (DEMONYM.test(w) && !isPlace(words)) || isDemonymOf(w, known);
}

/**
 * Uses as a modifier that make an acronym a common noun: one or two ("PLO leader", "FTO
 * designation" twice) are as often a name's (CoNLL-2003 dev: 2 lost 2 organizations, 3 none).
 */
const MODIFIER_USES = 3;

/** Words after a name that make it no modifier of a noun: verbs and function words ("NATO said", "EU and"). */
const NOT_A_MODIFIED_NOUN = new Set(
  (
    'said says say is was are were be been has have had will would could should can may might must do does did ' +
    'and or nor but of in on at to for from with by as that which who whose than not also after before over into ' +
    'about against under between while if when where since until because so then its their his her it they'
  ).split(' '),
);

/**
 * Acronyms an article uses as common nouns, not names: each whole-word use modifies the noun
 * after it ("EV charging", "the VAR decision", "SPS checks") and the article never defines it by
 * capitalised words ("the World Health Organization (WHO)") — or it has a plural ("EVs"). Names
 * stand on their own somewhere ("NATO said", "the EU"); known places and companies are kept.
 * Sentences in capitals say nothing and are skipped.
 */
export function modifierAcronyms(tokens: readonly { text: string }[], capsSentence: Uint8Array, known: Pick<KnownNames, 'isPlace' | 'isCompany'>): Set<string> {
  const seen = new Map<string, boolean>();
  const uses = new Map<string, number>();
  const plurals = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!.text;
    // Cheap checks first: most tokens are not two to six letters with a capital second.
    if (w.length < 2 || w.length > 6 || capsSentence[i] || w[1] === w[1]!.toLowerCase() || !/^\p{Lu}{2,5}s?$/u.test(w)) continue;
    if (/^\p{Lu}+s$/u.test(w)) {
      plurals.add(w.slice(0, -1));
      continue;
    }
    const next = tokens[i + 1]?.text ?? '';
    const modifies = /^\p{Ll}[\p{Ll}-]*$/u.test(next) && !NOT_A_MODIFIED_NOUN.has(next) && !/ed$/.test(next);
    // "(WHO)" after capitalised words is a name being defined.
    const defined = tokens[i - 1]?.text === '(' && /^\p{Lu}/u.test(tokens[i - 2]?.text ?? '');
    seen.set(w, (seen.get(w) ?? true) && modifies && !defined);
    uses.set(w, (uses.get(w) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const [w, modifierOnly] of seen) {
    if (!((modifierOnly && uses.get(w)! >= MODIFIER_USES) || plurals.has(w)) || known.isPlace([w]) || known.isCompany(w)) continue;
    out.add(w);
  }
  return out;
}
