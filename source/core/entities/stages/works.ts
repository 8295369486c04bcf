/**
 * Names of things, not of people, places or organizations, told by the words around them: the
 * titles of works ("Anora", “The Life of a Showgirl”), products and craft ("Switch 2 consoles",
 * "the Orion capsule", "Shahed drones"), models and missions with a number ("PlayStation 5",
 * "Artemis II"), awards that are won ("won four Oscars"). What is found here is MISC: never in
 * the panel, and every other mention of the same name is MISC too (one name, one thing, in an
 * article).
 */
import { TITLE_WORDS } from '../aliases.js';
import { normalizeName } from '../normalize.js';
import { BROADCAST_HEADS, ORG_DESCRIPTORS, ORG_HEADS } from './heads.js';
import type { KnownNames, ResolveContext, TaggedSpan } from './context.js';

const OPEN_QUOTES = new Set(['“', '‘', '"', '«']);
const CLOSE_QUOTES = new Set(['”', '’', '"', '»']);
/** Lower-case words a title in title case may have ("The Fate of Ophelia", "Call of Duty"). */
const TITLE_SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'in', 'on', 'for', 'to', 'at', 'by', 'with', 'from', 'or', 'as', 'de', 'la', 'le']);
/** The longest title in quotes, in tokens. */
const MAX_TITLE_TOKENS = 10;
/** Words before a quoted name (or its "the") that make it a nickname, not a title ("known as “Hemedti”", "dubbed the “Iron Lady”"). */
const NICKNAME_BEFORE = new Set(['as', 'nicknamed', 'dubbed', 'called']);
const NATIONALITY = /^\p{Lu}\p{Ll}+(?:an|ian|ean|ese|ish|i|ic)$/u;

/**
 * Nouns of products, craft and weapons: a name right before one (or one lower-case word on from
 * it: "Patriot missile systems") is the product's ("Switch 2 consoles", "Orion capsule").
 */
const PRODUCT_NOUNS = new Set(
  (
    'console consoles app apps smartphone smartphones phone phones handset handsets tablet tablets laptop laptops ' +
    'browser chatbot headset rocket rockets capsule capsules spacecraft spaceship lander satellite satellites ' +
    'missile missiles drone drones jet jets aircraft helicopter helicopters pickup ' +
    'sedan suv vaccine vaccines subscription'
  ).split(' '),
);

/** Nouns of goods no army or agency owns: a name right before one is the product's ("Air Jordan sneakers", "Brent crude"). */
const CONSUMER_NOUNS = new Set('sneakers trainers shoes crude smartphone smartphones console consoles'.split(' '));

/** Verbs whose object, with a count or an article, is an award: "won four Oscars", "win an Emmy". */
const WIN_VERBS = new Set(['won', 'win', 'wins', 'winning', 'Won', 'Win', 'Wins', 'Winning']);
/** Words that introduce one product: "the Orion capsule", "its Switch consoles", "a new Pixel phone". */
const PRODUCT_DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'new', 'our', 'this', 'that', 'these', 'those', 'more', 'some', 'several', 'many']);
/** What may follow a model's number: a lower-case word or the end of a clause, not a score's "-1" or a time's ": 25". */
const AFTER_MODEL_NUMBER = new Set([',', ';', ')', '—', '’s', "'s", '!', '?']);
/** Prepositions a product's model number comes after: "available on Switch 2", "games for PlayStation 5". */
const NUMBER_PREPOSITIONS = new Set(['on', 'for']);
const isPossessiveMark = (w: string) => /^['’][sS]?$/u.test(w);
const COUNTS = new Set('a an two three four five six seven eight nine ten eleven twelve'.split(' '));

/** A model or mission number: 1 to 99, or a Roman numeral ("Switch 2", "Apollo 17", "Artemis II"). */
const isModelNumber = (w: string) => /^[1-9]\d?$/u.test(w) || isRoman(w);
const isRoman = (w: string) => /^(?:I{2,3}|IV|VI{0,3}|IX|X)$/u.test(w);
const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);

export interface Works {
  /** MISC spans: titles in quotes, products, numbered models, awards. */
  spans: TaggedSpan[];
  /** Their names, normalised (a title without its leading article too): MISC wherever they occur. */
  names: Set<string>;
}

/** The works and products of an article, from the words around the tagger's spans (and quotes). */
export function findWorks(ctx: Pick<ResolveContext, 'text' | 'tokens'>, tagged: readonly TaggedSpan[], known: Pick<KnownNames, 'isCompany' | 'isPersonName' | 'isCommonWord'>): Works {
  const { tokens } = ctx;
  const { isCompany } = known;
  const word = (i: number) => tokens[i]?.text ?? '';
  const spans: TaggedSpan[] = [];
  const names = new Set<string>();
  /** A product noun right after `i`, or one lower-case word on ("Patriot missile systems"). */
  const productNounAfter = (i: number) => PRODUCT_NOUNS.has(word(i)) || (/^\p{Ll}+$/u.test(word(i)) && PRODUCT_NOUNS.has(word(i + 1)));
  /** A model: the name and its number, and the series' name alone ("Switch 2", "the original Switch"). */
  const addModel = (start: number, nameEnd: number) => {
    add(start, nameEnd + 1);
    names.add(normalizeName(tokens.slice(start, nameEnd).map((t) => t.text).join(' ')));
  };
  const endsModelNumber = (i: number) => /^\p{Ll}+$/u.test(word(i)) || AFTER_MODEL_NUMBER.has(word(i)) || i >= tokens.length || (word(i) === '.' && !/^\d/.test(word(i + 1)));
  const add = (start: number, end: number, spread = true) => {
    spans.push({ type: 'MISC', start, end, fixed: true });
    if (!spread) return;
    const words = tokens.slice(start, end).map((t) => t.text);
    names.add(normalizeName(words.join(' ')));
    if (words.length > 1 && /^(?:the|a|an)$/i.test(words[0]!)) names.add(normalizeName(words.slice(1).join(' ')));
  };
  // Titles in quotes: every word capitalised bar small words, nothing else in the quotes.
  for (let i = 0; i < tokens.length; i++) {
    if (!OPEN_QUOTES.has(word(i)) || !isCapitalised(word(i + 1))) continue;
    let j = i + 1;
    while (j < tokens.length && j - i <= MAX_TITLE_TOKENS && !CLOSE_QUOTES.has(word(j)) && !OPEN_QUOTES.has(word(j))) j++;
    if (!CLOSE_QUOTES.has(word(j)) || j === i + 1 || /\n/.test(ctx.text.slice(tokens[i]!.end, tokens[j]!.start))) continue;
    const inside = tokens.slice(i + 1, j).map((t) => t.text);
    const titleLike = inside.every((w) => isCapitalised(w) || TITLE_SMALL_WORDS.has(w) || /^[\d:!?&'’-]+$/u.test(w));
    const cue = /^the$/i.test(word(i - 1)) ? word(i - 2) : word(i - 1);
    const nickname = NICKNAME_BEFORE.has(cue.toLowerCase()) || (inside.length === 1 && NATIONALITY.test(word(i - 1)));
    // A film named after a person ("Michael Collins") leaves the person's other mentions alone.
    const personal = inside.length <= 3 && known.isPersonName(inside[0]!);
    if (titleLike && !nickname && inside.some((w) => /\p{L}/u.test(w))) add(i + 1, j, !personal);
    i = j;
  }
  // Numbered models and missions: a name before a Roman numeral ("Artemis II"), before one number
  // it always has, seen twice ("Switch 2" ... "Switch 2"), or before a number with an owner, an
  // article or a preposition ("Sony's PlayStation 2", "its PlayStation 5", "on Switch 2"). Scores
  // and results ("( A. Dale 69", ". Somerset 83", "Telekom 4 hours ... Telekom 10") have none.
  const numbered = new Map<string, { count: number; numbers: Set<string>; spans: Array<[number, number]> }>();
  // The tagger often leaves a numbered name untagged, so every capitalised run before a number is read.
  for (let n = 1; n < tokens.length; n++) {
    const number = word(n);
    // Cheap test first: a number or a Roman numeral starts with a digit, I, V or X.
    const c = number.charCodeAt(0);
    if (!((c >= 49 && c <= 57) || c === 73 || c === 86 || c === 88)) continue;
    // A larger number ("S&P 500", "FTSE 100") only with an article or twice, as an index's.
    const large = /^[1-9]\d{2,3}$/u.test(number);
    if (!(isModelNumber(number) || large) || !endsModelNumber(n + 1)) continue;
    if (!/^\p{Lu}[\p{L}\p{N}&-]*$/u.test(word(n - 1))) continue;
    // Back over capitalised words, but not over a common word ("Buy Switch 2", "The Artemis II").
    let start = n - 1;
    while (start > 0 && n - start < 3 && /^\p{Lu}[\p{L}\p{N}&-]*$/u.test(word(start - 1)) && !known.isCommonWord(word(start - 1).toLowerCase()) && !PRODUCT_DETERMINERS.has(word(start - 1).toLowerCase())) start--;
    const before = word(start - 1).toLowerCase();
    const nameWords = tokens.slice(start, n).map((t) => t.text);
    // A company's model ("Boeing 747"), a broadcaster or group ("Channel 4", "Group 2") is not
    // this, nor a monarch's number ("Queen Elizabeth II", "Charles III"; "the Artemis II crew" is a
    // mission's).
    if ((nameWords.length === 1 && isCompany(nameWords[0]!)) || ORG_HEADS.has(nameWords[nameWords.length - 1]!) || BROADCAST_HEADS.has(nameWords[nameWords.length - 1]!) || ORG_DESCRIPTORS.has(nameWords[nameWords.length - 1]!.toLowerCase())) continue;
    if (TITLE_WORDS.has(before) || TITLE_WORDS.has(nameWords[0]!.toLowerCase()) || (nameWords.some((w) => known.isPersonName(w)) && !PRODUCT_DETERMINERS.has(before))) continue;
    if (isPossessiveMark(before) || PRODUCT_DETERMINERS.has(before) || (NUMBER_PREPOSITIONS.has(before) && !large)) {
      addModel(start, n);
      continue;
    }
    const key = normalizeName(nameWords.join(' '));
    const entry = numbered.get(key) ?? { count: 0, numbers: new Set<string>(), spans: [] };
    entry.count++;
    entry.numbers.add(number);
    entry.spans.push([start, n]);
    numbered.set(key, entry);
  }
  for (const e of numbered.values()) {
    const [number] = [...e.numbers];
    if (e.numbers.size === 1 && (isRoman(number!) || e.count >= 2)) for (const [s, t] of e.spans) addModel(s, t);
  }
  for (const span of tagged) {
    if (span.type === 'MISC') continue;
    // "a Starship rocket", "the Orion capsule", "465 Shahed drones": a product with an article or a
    // count before it; not an owner's ("NATO helicopters", "Hamas fighters", "Nvidia processors").
    const noun = productNounAfter(span.end);
    const before = word(span.start - 1).toLowerCase();
    const introduced = PRODUCT_DETERMINERS.has(before) || COUNTS.has(before) || /^[\d.,]+$/.test(before) || before === 'million';
    // Consumer goods need no article: no army or agency owns "sneakers" ("Air Jordan sneakers", "Brent crude").
    const consumer = CONSUMER_NOUNS.has(word(span.end));
    if ((noun && introduced) || consumer) {
      // A company's goods ("Nvidia chips"), an acronym's app ("the BBC app"): the owner's name.
      if (span.end - span.start === 1 && (isCompany(word(span.start)) || /^\p{Lu}{2,}$/u.test(word(span.start)))) continue;
      add(span.start, span.end);
      continue;
    }
    // "the App Store", "Google's Play Store": a store in an app is a product.
    if (span.end - span.start === 2 && word(span.end - 1) === 'Store' && (before === 'the' || isPossessiveMark(before))) {
      add(span.start, span.end);
      continue;
    }
  }
  // "won four Oscars", "win an Emmy", tagged or not.
  for (let i = 2; i < tokens.length; i++) {
    if (!WIN_VERBS.has(word(i - 2)) || !isCapitalised(word(i)) || !(COUNTS.has(word(i - 1).toLowerCase()) || /^\d+$/.test(word(i - 1)))) continue;
    let end = i + 1;
    while (end < tokens.length && end - i < 4 && isCapitalised(word(end))) end++;
    add(i, end);
  }
  // An award won in the plural is one in the singular too ("Oscars", "Oscar").
  for (const n of [...names]) if (n.endsWith('s') && !n.includes(' ')) names.add(n.slice(0, -1));
  return { spans, names };
}
