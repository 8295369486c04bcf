/**
 * Stage 1 of resolveEntities, "clean": the tagger's spans become clean names or are dropped.
 * - Type rules from the words in and around a span: place words, organization heads ("Office",
 *   "Ministry") and appositive nouns ("newspaper"), works ("the film ..."), treaties (MISC).
 * - Boundaries: a name never spans a repeated word; "A and B" splits when both sides are names;
 *   a known country is never swallowed into a person's name ("James Ireland").
 * - Cleaning: punctuation, a possessive "'s", a leading "the", and titles or honorifics, only
 *   where they are titles ("Prime Minister X" loses them; "General Motors", "St. Louis" do not).
 * - Non-entities (non-entities.ts) become blockers: never in the panel, never re-scanned.
 */
import { PERSON_TITLES, TITLE_WORDS } from '../aliases.js';
import type { TagType } from '../features.js';
import { isCommonAcronym, isDemonymOf, isNonEntity, modifierAcronyms, trailingProductWords } from '../non-entities.js';
import { aliasGroupOf, normalizeName } from '../normalize.js';
import type { Token } from '../tokenize.js';
import { NO_KNOWN_NAMES, preferredType, surfaceOf, type KnownNames, type ResolveContext, type TaggedSpan } from './context.js';
import { markIntroducedWorks } from './introduced-works.js';
import { BROADCAST_HEADS, ORG_DESCRIPTORS, ORG_HEADS } from './heads.js';
import { findWorks } from './works.js';

export { ORG_DESCRIPTORS, ORG_HEADS } from './heads.js';

const PLACE_HEADS = new Set(['River', 'Sea', 'Ocean', 'Lake', 'Mountains', 'Mountain', 'Heights', 'Valley', 'Desert', 'Peninsula', 'Gulf', 'Bay', 'Strait', 'Island', 'Islands', 'Strip', 'Province', 'Canal', 'County']);
/**
 * Words that end a building's or a site's name: a place ("Dolby Theatre", "Vehicle Assembly
 * Building", "Kurdistan Region"). Each ends no organization or person in CoNLL-2003 train ("Center"
 * ends organizations there, and an airport may be its operating company, so neither is one).
 */
const FACILITY_HEADS = new Set('Theatre Theater Building Stadium Arena Station Hotel Tower Mosque Prison Region Centre Hospital Bridge Street Square Cathedral Temple Avenue Boulevard Castle'.split(' '));
/** Words that begin a place's name, in English and the street words of other languages ("Rue Lepic", "Avenue des Champs-Élysées", "Piazza Navona"). */
const PLACE_PREFIXES = new Set(['Sea', 'Lake', 'Gulf', 'Mount', 'Strait', 'Cape', 'Bay', 'Isle', 'Rue', 'Avenue', 'Boulevard', 'Piazza', 'Avenida', 'Calle', 'Rua']);
/** Words that end the name of a treaty or law: MISC by CoNLL's convention, so not in the panel. */
export const TREATY_HEADS = new Set('Agreement Agreements Treaty Accord Accords Pact Convention Protocol Act Charter Resolution'.split(' '));
/** Words that end the name of an event or award: MISC too ("United States Grand Prix", "World Cup", "Booker Prize"). */
/** Words that end the name of a market index: MISC ("KBW Bank Index", "Dow Jones Industrial Average"). */
export const INDEX_HEADS = new Set(['Index', 'Indices', 'Average']);
export const EVENT_HEADS = new Set('Prix Cup Championship Championships Olympics Paralympics Games Awards Prize Festival Marathon Trophy'.split(' '));


/** On the organization list, or one word on the company list. */
const isKnownOrganization = (words: readonly string[], known: KnownNames) => known.isOrganization(words) || (words.length === 1 && known.isCompany(words[0]!));
const hasLetterOrDigit = (s: string) => /[\p{L}\p{N}]/u.test(s);
const isPossessive = (s: string) => /^['’][sS]$/u.test(s);
/** A possessive "'s" or a plural's bare apostrophe ("Farmers'"). */
const isPossessiveMark = (s: string) => isPossessive(s) || /^['’]$/u.test(s);
const NATIONALITY = /^\p{Lu}\p{Ll}+(?:an|ian|ean|ese|ish|i|ic)$/u;

/**
 * Titles that also begin names that are not people ("General Motors", "St. Louis", "Grand
 * Rapids", "Crown Prosecution Service"): stripped only when a person's name follows them.
 */
const AMBIGUOUS_TITLES = new Set(['general', 'st.', 'st', 'saint', 'grand', 'crown', 'state', 'justice', 'chief', 'major', 'private', 'officer', 'father', 'king', 'queen', 'prince', 'princess', 'field', 'supreme', 'leader', 'vice', 'acting', 'former', 'late', 'deputy']);

/**
 * Words that never begin a name ("and Treasury"; "al", "de", "van" may), in any case: a sentence's
 * possessive is no part of the name after it ("His Workers’ Party", "Its Research Unit").
 */
const LEADING_FUNCTION_WORDS = new Set(['and', 'or', 'of', 'in', 'on', 'at', 'for', 'by', 'with', 'to', 'from', 'as', 'his', 'its', 'their']);

/** A "+" written onto a name is part of it ("OPEC+", "Disney+"). */
const isPlusSuffix = (tokens: Token[], i: number) => tokens[i]!.text === '+' && i > 0 && tokens[i - 1]!.end === tokens[i]!.start && /[\p{L}\p{N}]$/u.test(tokens[i - 1]!.text);

/**
 * Words after a possessive that no possessed noun is: there the "'s" is the name's own
 * ("Sainsbury's each added", "at Lord's on Monday", "Lord's.").
 */
const AFTER_OWN_POSSESSIVE = new Set([',', '.', ';', ')', 'and', 'or', 'said', 'says', 'each', 'is', 'was', 'has', 'had', 'will', 'would', 'on', 'in', 'at', 'for', 'to', 'with', 'where']);
const isNameOwnPossessive = (tokens: Token[], i: number) => isPossessive(tokens[i]!.text) && i > 0 && /^\p{Lu}/u.test(tokens[i - 1]!.text) && AFTER_OWN_POSSESSIVE.has(tokens[i + 1]?.text ?? '.');

/** Cleans a span in place; returns false when nothing name-like is left. */
export function cleanSpan(tokens: Token[], span: { type: TagType; start: number; end: number; fixed?: boolean }, known: KnownNames = NO_KNOWN_NAMES): boolean {
  let { start, end } = span;
  const word = (i: number) => tokens[i]!.text;
  const words = (s: number, e: number) => tokens.slice(s, e).map((t) => t.text);
  while (start < end && (!hasLetterOrDigit(word(start)) || isPossessive(word(start)))) start++;
  while (end > start && (!hasLetterOrDigit(word(end - 1)) || isPossessive(word(end - 1))) && !isPlusSuffix(tokens, end - 1) && !isNameOwnPossessive(tokens, end - 1)) end--;
  // "the" is not part of a name, unless the name is a known place with it ("The Hague").
  if (end - start > 1 && /^the$/i.test(word(start)) && !known.isPlace(words(start, end))) start++;
  // Nor does a name end with a particle ("Kansai Electric Power and").
  while (end - start > 1 && /^\p{Ll}+$/u.test(word(end - 1))) end--;
  while (end - start > 1 && LEADING_FUNCTION_WORDS.has(word(start).toLowerCase())) start++;
  if (end <= start) return false;
  // A known place is a place, whole ("St. Louis").
  if (end - start > 1 && known.isPlace(words(start, end))) {
    if (span.type === 'PER') {
      span.type = 'LOC';
      span.fixed = true;
    }
  } else {
    // A place or organization that starts with a person's title is a mis-typed person:
    // "Supreme Leader Ayatollah Ali Khamenei", "Prime Minister Netanyahu".
    if (span.type !== 'PER' && end - start > 1 && !ORG_HEADS.has(word(end - 1)) && !PLACE_HEADS.has(word(end - 1))) {
      let i = start;
      let strong = false;
      while (i < end - 1 && TITLE_WORDS.has(word(i).toLowerCase())) {
        if (PERSON_TITLES.has(word(i).toLowerCase())) strong = true;
        i++;
      }
      if (strong && i > start && /^\p{Lu}\p{Ll}/u.test(word(i))) {
        span.type = 'PER';
        span.fixed = true;
      }
    }
    if (span.type === 'PER') {
      // Strip a leading run of titles, possibly introduced by nationality adjectives, keeping at
      // least one word: "Russian Defense Minister Sergei Shoigu" -> "Sergei Shoigu".
      let cut = -1;
      let onlyAmbiguous = true;
      for (let i = start; i < end - 1; i++) {
        const lw = word(i).toLowerCase();
        if (TITLE_WORDS.has(lw)) {
          cut = i;
          if (!AMBIGUOUS_TITLES.has(lw)) onlyAmbiguous = false;
        } else if (!(NATIONALITY.test(word(i)) && cut === -1)) break;
      }
      // "General Motors": a title-like word before one word that is no person's name is the
      // name's own first word, and the name is no person's.
      if (cut >= 0 && onlyAmbiguous && end - (cut + 1) === 1 && !known.isPersonName(word(cut + 1)) && /^\p{Lu}/u.test(word(start))) {
        span.type = 'ORG';
        span.fixed = true;
        cut = -1;
      }
      if (cut >= 0) {
        start = cut + 1;
        // "Prime Minister's Office" is not a person.
        if (isPossessive(word(start))) return false;
      }
      // A title alone is no name ("the President"), unless it is a surname too ("King said").
      if (end - start === 1 && TITLE_WORDS.has(word(start).toLowerCase()) && (!known.isPersonName(word(start)) || /^the$/i.test(tokens[start - 1]?.text ?? ''))) return false;
    }
  }
  if (end <= start || end - start > 10) return false;
  if (!/\p{L}/u.test(words(start, end).join(''))) return false;
  // A name has a capital or a digit somewhere ("and" left over from a split is none).
  if (!words(start, end).some((w) => /[\p{Lu}\p{N}]/u.test(w))) return false;
  // Only titles and common acronyms ("Supreme" of "Supreme Leader", "State TV") is no
  // organization or place.
  if (span.type !== 'PER' && words(start, end).every((w) => TITLE_WORDS.has(w.toLowerCase()) || isCommonAcronym(w))) return false;
  span.start = start;
  span.end = end;
  return true;
}

/** Titles that follow an organization without being part of it ("Labour MP"); "Army" is no such. */
const TRAILING_TITLES = new Set(['mp', 'mps', 'mep', 'meps', 'msp', 'spokesman', 'spokeswoman']);

/** Lower-case words that may sit inside a name ("Bank of England", "Osama bin Laden"). */
const NAME_PARTICLES = new Set('of and for on in at upon the de da di do dos das du des del della der den van von ter la le al el bin ibn ben y e und & \'s ’s'.split(' '));

/** The particles a "the" inside a name comes after. */
const THE_BEFORE = new Set(['of', 'for', 'and', 'on', 'in', 'at', 'upon']);

/**
 * A possessive inside a name: "UK’s Nigel Farage" is a place and a person; after a person's "’s"
 * come their things ("Susan Choi’s Flashlight", "Blair’s Chancellor"), no name of their own. An
 * organization's own "’s" stays ("Republican People’s Party").
 */
function splitAtPossessive(tokens: Token[], span: TaggedSpan, known: KnownNames, part: (span: TaggedSpan, start: number, end: number, type?: TagType) => TaggedSpan): TaggedSpan[] | null {
  const { start, end } = span;
  for (let i = start + 1; i < end - 1; i++) {
    if (!isPossessive(tokens[i]!.text)) continue;
    const right = tokens.slice(i + 1, end).map((t) => t.text);
    if (right.length >= 2 && known.isPersonName(right[0]!)) return [part(span, start, i), { ...part(span, i + 1, end, 'PER'), fixed: true }];
    if (span.type === 'PER') return [part(span, start, i), part(span, i + 1, end, 'MISC')];
  }
  return null;
}

/**
 * "Minister for Transport Darragh O’Brien", "Secretary of Health Jane Smith": after a title and
 * "for" or "of", a portfolio then a person's name (from a known first name on, two words or
 * more). The name is a person; the portfolio is no name, unless it is a known place ("Minister
 * for Europe"). Not after a member's title: "MP for Birmingham Perry Barr" is a constituency.
 */
const PORTFOLIO_TITLES = new Set(['minister', 'secretary', 'commissioner', 'chancellor', 'spokesman', 'spokeswoman', 'spokesperson']);
function splitPortfolio(tokens: Token[], span: TaggedSpan, known: KnownNames, part: (span: TaggedSpan, start: number, end: number, type?: TagType) => TaggedSpan): TaggedSpan[] | null {
  const { start, end } = span;
  const the = /^the$/u.test(tokens[start - 1]?.text ?? '') ? 1 : 0;
  if (span.type === 'PER' || !HEAD_LINKS.has(tokens[start - 1 - the]?.text ?? '') || !PORTFOLIO_TITLES.has((tokens[start - 2 - the]?.text ?? '').toLowerCase())) return null;
  const words = tokens.slice(start, end).map((t) => t.text);
  for (let i = 1; i < words.length - 1; i++) {
    if (!known.isPersonName(words[i]!) || !words.slice(i).every((w) => /^\p{Lu}/u.test(w))) continue;
    const place = known.isPlace(words.slice(0, i));
    return [...(place ? [part(span, start, start + i, 'LOC')] : []), { ...part(span, start + i, end, 'PER'), fixed: true }];
  }
  return null;
}

/**
 * Titles after an organization or place: "Labour MP" loses "MP"; "the Transport Secretary", "the
 * Health Minister" (a portfolio of common words and its title) is a job, no name at all.
 */
function cutTrailingTitles(tokens: Token[], span: TaggedSpan, known: KnownNames, part: (span: TaggedSpan, start: number, end: number, type?: TagType) => TaggedSpan): TaggedSpan[] | null {
  const { start, end } = span;
  const lower = (i: number) => tokens[i]!.text.toLowerCase();
  if (span.type === 'PER') return null;
  if (PORTFOLIO_TITLES.has(lower(end - 1)) && tokens.slice(start, end - 1).every((t) => known.isCommonWord(t.text.toLowerCase()))) return [];
  if (!TRAILING_TITLES.has(lower(end - 1))) return null;
  let e = end;
  while (e > start + 1 && TRAILING_TITLES.has(lower(e - 1))) e--;
  return [part(span, start, e)];
}

/** The last words of every person's full name the tagger found ("Starmer", "der Leyen" of "Ursula von der Leyen"). */
function surnamesOf(tokens: Token[], tagged: TaggedSpan[]): Set<string> {
  const surnames = new Set<string>();
  const words = (s: number, e: number) => tokens.slice(s, e).map((t) => t.text).join(' ');
  for (const t of tagged) if (t.type === 'PER' && t.end - t.start >= 2) for (let k = t.start + 1; k < t.end; k++) surnames.add(words(k, t.end));
  return surnames;
}

/**
 * Boundaries (new spans replace `tagged`'s):
 * - a name never spans a repeated word or a lower-case word that is no particle: it is cut there
 *   ("Obama Paris Paris the Barack" is not one name);
 * - "A and B" splits when both sides are names: always for people ("Selma Blair and Dennis
 *   Quaid"), else when the right side is a person's full name ("Labour and Tony Blair") or both
 *   sides are known places, or the article names each side on its own too ("Barclays and Lloyds
 *   ... Barclays said ... Lloyds, the lender"); a known place whole ("Bosnia and Herzegovina") stays;
 * - a known country at the end of a person's name is a place of its own ("James Ireland"), and so
 *   is one after an acronym ("GM Europe"), and so is a word the article itself reads as a place
 *   at least twice and never as a person ("Lebed Chechnya").
 * The parts take the type the tagger most wanted at their first word.
 */
export function splitSpans(ctx: ResolveContext, tagged: TaggedSpan[]): TaggedSpan[] {
  const { tokens, known } = ctx;
  const word = (i: number) => tokens[i]!.text;
  const words = (s: number, e: number) => tokens.slice(s, e).map((t) => t.text);
  const part = (span: TaggedSpan, start: number, end: number, type?: TagType): TaggedSpan => ({
    ...span,
    start,
    end,
    type: type ?? (start === span.start || span.type === 'MISC' ? span.type : preferredType(ctx, start, span.type)),
  });
  // Words the tagger reads as a place on their own elsewhere in the article, and never as a person.
  const placeWords = new Map<string, number>();
  for (const t of tagged) if (t.end - t.start === 1 && t.type !== 'MISC') placeWords.set(word(t.start), (placeWords.get(word(t.start)) ?? 0) + (t.type === 'LOC' ? 1 : t.type === 'PER' ? -100 : 0));
  const placeInArticle = (w: string) => (placeWords.get(w) ?? 0) >= 2;
  // Every name the tagger found, as its words: "Barclays and Lloyds" is two names when the
  // article names each on its own too ("Marks and Spencer" never writes "Spencer" alone so).
  const taggedNames = new Set(tagged.filter((t) => t.type !== 'MISC').map((t) => words(t.start, t.end).join(' ')));
  // The surnames of the people the article names in full ("Starmer", "der Leyen"): "der Leyen and
  // Starmer" is two people, "Starmer and European Commission" a person and an organization.
  const surnames = surnamesOf(tokens, tagged);
  const out: TaggedSpan[] = [];
  // Depth first, so the parts of a split come out in order (and each is split again if need be).
  const pending: TaggedSpan[] = [];
  for (const first of tagged) {
    pending.push(first);
    while (pending.length > 0) {
      const span = pending.pop()!;
      const split = span.end - span.start < 2 ? null : splitPoint(span);
      if (split) for (let k = split.length - 1; k >= 0; k--) pending.push(split[k]!);
      else out.push(span);
    }
  }
  return out;

  function splitPoint(span: TaggedSpan): TaggedSpan[] | null {
    const { start, end } = span;
    const seen = new Set<string>();
    for (let i = start; i < end; i++) {
      const w = word(i);
      const repeated = w.length > 1 && /\p{L}/u.test(w) && seen.has(w);
      // In capitals, a common word ("NETANYAHU SPEAKS IN JERUSALEM") is as stray.
      const lw = w.toLowerCase();
      const capsStray = ctx.capsSentence[i] === 1 && w !== lw && (known.isCommonWord(lw) || (/s$/.test(lw) && known.isCommonWord(lw.slice(0, -1)))) && !NAME_PARTICLES.has(lw);
      // "the" sits inside a name after a particle ("Bank of the West"); after a name word it
      // ends one (CoNLL-2003 train: 18 of 21 inner "the"s follow of/for/and, the rest are titles of works).
      const strayThe = w === 'the' && !THE_BEFORE.has(word(i - 1));
      const stray = i > start && ((/^\p{Ll}/u.test(w) && (!NAME_PARTICLES.has(w) || strayThe) && !/^\p{Ll}{1,4}[-'’]\p{L}/u.test(w)) || capsStray);
      if (repeated || stray) {
        const right = stray ? i + 1 : i;
        return [part(span, start, i), ...(right < end ? [part(span, right, end)] : [])];
      }
      // A particle may come again ("Mohammed bin Salman bin Abdulaziz"), and past a head's
      // particle so may a word ("District Court for the District of Massachusetts"), not past any
      // ("the Stena Immaculate for Stena Bulk" is two names).
      if (!NAME_PARTICLES.has(w)) seen.add(w);
      else if (i > start && ORG_HEADS.has(word(i - 1))) seen.clear();
    }
    if (known.isPlace(words(start, end))) return null;
    // "Treasury Secretary Scott Bessent", "Treasury Under Secretary John Hurley": an organization
    // or place, titles, then a person's name: the name is a person of its own.
    for (let i = span.type === 'PER' ? start + 1 : start; i < end - 1; i++) {
      if (!TITLE_WORDS.has(word(i).toLowerCase()) || (i > start && TITLE_WORDS.has(word(i - 1).toLowerCase()))) continue;
      // After "of" a title word is the name's own ("Office of Foreign Assets Control").
      if (i > start && HEAD_LINKS.has(word(i - 1))) continue;
      let j = i;
      while (j < end && TITLE_WORDS.has(word(j).toLowerCase())) j++;
      let k = j;
      while (k < end && /^\p{Lu}/u.test(word(k))) k++;
      const name = words(j, k);
      // At the very start ("Major League Baseball", "Grand Prix Final") only a known first name will do.
      if (name.length === 0 || !(known.isPersonName(name[0]!) || (name.length >= 2 && i > start))) continue;
      // "Prince Edward Island", "General Motors Company" are not titles before a person.
      if (PLACE_HEADS.has(name[name.length - 1]!) || ORG_HEADS.has(name[name.length - 1]!)) continue;
      // After a title only a person has ("Supreme Leader Ayatollah"), the name is a person outright:
      // the tagger's scores at its first word are still those of the span it misread.
      const person = words(i, j).some((w) => PERSON_TITLES.has(w.toLowerCase())) ? { ...part(span, j, k, 'PER'), fixed: true } : part(span, j, k, 'PER');
      return [...(i > start ? [part(span, start, i)] : []), person, ...(k < end ? [part(span, k, end)] : [])];
    }
    const cut = splitPortfolio(tokens, span, known, part) ?? splitAtPossessive(tokens, span, known, part) ?? cutTrailingTitles(tokens, span, known, part);
    if (cut) return cut;
    for (let i = start + 1; i < end - 1; i++) {
      if (word(i) !== 'and') continue;
      // "the Democratic Alliance and the Conservative Party": "and the" joins two names.
      if (word(i + 1) === 'the' && i + 2 < end) return [part(span, start, i), part(span, i + 2, end)];
      const left = words(start, i);
      const right = words(i + 1, end);
      const rightPerson = right.length >= 2 && known.isPersonName(right[0]!) && /^\p{Lu}/u.test(right[0]!);
      const leftPlace = known.isPlace(left);
      const rightPlace = known.isPlace(right);
      const eachNamedAlone = taggedNames.has(left.join(' ')) && taggedNames.has(right.join(' '));
      // "Barclays and Lloyds Banking Group": two organizations, each known or headed as one.
      const eachOrganization = span.type === 'ORG' && isKnownOrganization(left, known) && (isKnownOrganization(right, known) || ORG_HEADS.has(right[right.length - 1]!));
      const leftSurname = surnames.has(left.join(' '));
      const rightSurname = surnames.has(right.join(' '));
      // "University of Warwick and University College London": one head word for each side.
      const sameHead = left.length >= 2 && right.length >= 2 && left[0] === right[0];
      if (span.type === 'PER' || rightPerson || leftPlace || rightPlace || eachNamedAlone || eachOrganization || leftSurname || rightSurname || sameHead) {
        const person = span.type === 'PER' ? 'PER' : undefined;
        return [part(span, start, i, person ?? (leftPlace ? 'LOC' : leftSurname ? 'PER' : undefined)), part(span, i + 1, end, person ?? (rightPerson || rightSurname ? 'PER' : rightPlace ? 'LOC' : undefined))];
      }
    }
    const last = [word(end - 1)];
    const beforeLast = word(end - 2);
    // "James Ireland", "al Hajar al-Aswad Syria": the country is a place of its own (not after
    // "of", as in "Bank of England").
    const countryLast = known.isCountry(last) && !(span.type === 'PER' && known.isPersonName(last[0]!));
    if ((span.type === 'PER' || span.type === 'MISC') && (countryLast || (span.type === 'PER' && placeInArticle(last[0]!))) && !NAME_PARTICLES.has(beforeLast)) {
      // What comes before a country is a place in it ("al Hajar al-Aswad Syria"), unless it
      // starts with a first name ("James Ireland").
      const placeBefore = countryLast && !known.isPersonName(word(start));
      return [part(span, start, end - 1, placeBefore ? 'LOC' : undefined), part(span, end - 1, end, 'LOC')];
    }
    if (span.type === 'ORG' && end - start === 2 && /^\p{Lu}{2,4}$/u.test(word(start)) && known.isCountry(last)) return [part(span, start, end - 1), part(span, end - 1, end, 'LOC')];
    return null;
  }
}

/** "#NorthSeaFire": a hashtag is a tag, no name. */
const isHashtag = (tokens: Token[], span: TaggedSpan) => span.start > 0 && tokens[span.start - 1]!.text === '#' && tokens[span.start - 1]!.end === tokens[span.start]!.start;

/** Capitalised words that begin no organization's name before it: days, months, titles aside. */
const NOT_A_NAME_START = new Set('monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(' '));

/**
 * A capitalised word the tagger left out right before an organization, in running text, is the
 * name's first word ("Shares of Wells Fargo": "Wells" is a common word too, so only "Fargo" was
 * tagged). Not at a sentence's start, after another capital (a headline), in capitals, nor a
 * title, a nationality, a known place or a day or month ("US regulator", "German carmaker").
 */
export function joinLeadingCapital(ctx: Pick<ResolveContext, 'tokens' | 'known' | 'sentenceStart' | 'capsSentence'>, tagged: TaggedSpan[]): void {
  const { tokens, known } = ctx;
  const covered = new Uint8Array(tokens.length);
  for (const t of tagged) covered.fill(1, t.start, t.end);
  for (const t of tagged) {
    const j = t.start - 1;
    if (t.type !== 'ORG' || j < 1 || covered[j] || ctx.sentenceStart[j] || ctx.capsSentence[j]) continue;
    const w = tokens[j]!.text;
    const lw = w.toLowerCase();
    if (!/^\p{Lu}\p{Ll}+$/u.test(w) || !/^[\p{Ll},(]/u.test(tokens[j - 1]!.text) || TITLE_WORDS.has(lw) || NATIONALITY.test(w) || NOT_A_NAME_START.has(lw) || known.isPlace([w])) continue;
    t.start = j;
    covered[j] = 1;
  }
}

/**
 * Stage 1: place words, type rules, boundaries, cleaning. Returns the spans that are names and
 * the MISC blockers (MISC spans and non-entities), which keep their words from being re-scanned.
 */
export function cleanSpans(ctx: ResolveContext, tagged: TaggedSpan[]): { spans: TaggedSpan[]; blockers: TaggedSpan[] } {
  const { tokens, known } = ctx;
  applyPlaceWords(tokens, tagged);
  applyNameRules(tokens, tagged, known.isCommonWord, (w) => NATIONALITY.test(w) && isDemonymOf(w, known));
  const introduced = markIntroducedWorks(ctx, tagged);
  // "General Motors" tagged as a person "Motors" after the title "General": the name is whole.
  for (const span of tagged) {
    const before = tokens[span.start - 1]?.text ?? '';
    if (span.type === 'PER' && span.end - span.start === 1 && /^\p{Lu}/u.test(before) && AMBIGUOUS_TITLES.has(before.toLowerCase()) && !known.isPersonName(tokens[span.start]!.text)) span.start--;
  }
  joinNamesakeHeads(ctx, tagged);
  joinHeadOf(ctx, tagged);
  applyDatelines(ctx, tagged);
  joinParticleNames(tokens, tagged, known);
  joinLeadingCapital(ctx, tagged);
  // Not a person's: "Arafat's to" (a possessive whose noun went before) is still his.
  for (const span of tagged) if (span.end < tokens.length && span.type !== 'PER' && isNameOwnPossessive(tokens, span.end)) span.end++;
  // A broadcaster's number is its name's ("Channel 4", "BBC Radio 4"), never a score's ("Channel 4-2").
  for (const span of tagged) if (span.type !== 'MISC' && BROADCAST_HEADS.has(tokens[span.end - 1]!.text) && /^[1-9]\d?$/u.test(tokens[span.end]?.text ?? '') && !/^[-–:]/u.test(tokens[span.end + 1]?.text ?? '')) span.end++;
  // "OPEC+" with a space or the end after it (not "A+B").
  for (const span of tagged) if (span.end < tokens.length && isPlusSuffix(tokens, span.end) && (tokens[span.end + 1]?.start ?? Infinity) > tokens[span.end]!.end) span.end++;
  const works = findWorks(ctx, tagged, known);
  const inWork = new Uint8Array(tokens.length);
  for (const w of works.spans) inWork.fill(1, w.start, w.end);
  for (const name of introduced) works.names.add(name);
  const isWork = (span: TaggedSpan) => inWork.subarray(span.start, span.end).includes(1) || (works.names.size > 0 && works.names.has(normalizeName(surfaceOf(ctx, span))));
  const acronyms = modifierAcronyms(tokens, ctx.capsSentence, known);
  const isCommonNoun = (span: TaggedSpan) => span.end - span.start === 1 && acronyms.has(tokens[span.start]!.text);
  const spans: TaggedSpan[] = [];
  const blockers: TaggedSpan[] = [];
  const split = splitSpans(ctx, tagged);
  // "the Assad regime", "the Obama administration": a MISC span written exactly as a person the
  // article names is that person used as a modifier, not a blocker; the re-scan finds it.
  const people = new Set(split.filter((s) => s.type === 'PER').map((s) => surfaceOf(ctx, s)));
  for (const raw of split) {
    const span = { ...raw };
    if (span.type === 'MISC') {
      if (!people.has(surfaceOf(ctx, span))) blockers.push(span);
      continue;
    }
    if (!cleanSpan(tokens, span, known)) continue;
    // Typed a place or an organization there, the same: "the Assad regime", "the Trump administration".
    if (span.type !== 'PER' && people.has(surfaceOf(ctx, span)) && RULED_BY.has(tokens[span.end]?.text ?? '')) span.type = 'PER';
    const product = trailingProductWords(tokens.slice(span.start, span.end).map((t) => t.text));
    if (product > 0) {
      // The maker before its product is an organization: "SpaceX Starship", "Tesla Model Y".
      blockers.push({ ...span, start: span.end - product, type: 'MISC', fixed: true });
      Object.assign(span, { end: span.end - product, type: 'ORG', fixed: true });
    }
    if (isWork(span) || isCommonNoun(span) || isHashtag(tokens, span) || isNonEntity(tokens.slice(span.start, span.end).map((t) => t.text), known)) blockers.push({ ...span, type: 'MISC', fixed: true });
    else spans.push(span);
  }
  return { spans, blockers: [...works.spans, ...blockers] };
}

/** Nouns a leader's name modifies: "the Assad regime", "the Obama administration", "the Blair years". */
const RULED_BY = new Set(['regime', 'administration', 'government', 'presidency', 'era', 'years', 'cabinet', 'dynasty']);

/** A company's legal suffix: "Co of the United States" is the company and where it is. */
const CORPORATE_SUFFIXES = new Set(['Inc', 'Co', 'Corp', 'Ltd', 'Company', 'Corporation', 'Group', 'Plc', 'PLC', 'LLC']);
/**
 * A name the tagger ended right before a headed name is that name's first word: "Kennedy" +
 * "Space Center", "China" + "Manned Space Agency" (a person or place an organization or site is
 * named for). Only spans that touch (no word, comma or line break between: "Vladimir Putin" and a
 * paragraph "Russian Federation" are two names), the second of two words or more ending in a head
 * and not in capitals. The joined span takes the headed name's type. Changes `tagged` in place.
 */
export function joinNamesakeHeads(ctx: Pick<ResolveContext, 'tokens' | 'capsSentence' | 'text'>, tagged: TaggedSpan[]): void {
  const { tokens, text } = ctx;
  const lineBreakBefore = (i: number) => text.slice(tokens[i - 1]!.end, tokens[i]!.start).includes('\n');
  const isHead = (w: string) => ORG_HEADS.has(w) || LINKED_HEADS.has(w) || FACILITY_HEADS.has(w);
  tagged.sort((a, b) => a.start - b.start);
  for (let k = 0; k + 1 < tagged.length; k++) {
    const a = tagged[k]!;
    const b = tagged[k + 1]!;
    if (b.start !== a.end || a.type === 'MISC' || b.type === 'MISC' || b.end - b.start < 2 || ctx.capsSentence[b.start] === 1) continue;
    if (!isHead(tokens[b.end - 1]!.text) || !/^\p{Lu}/u.test(tokens[b.start]!.text) || lineBreakBefore(b.start)) continue;
    Object.assign(a, { end: b.end, type: b.type, ...(b.fixed ? { fixed: true } : {}) });
    tagged.splice(k + 1, 1);
    k--;
  }
}

/** Words after an organization's head that its name goes on with: "Office of", "Fund for". */
const HEAD_LINKS = new Set(['of', 'for']);
/** Links only between words of a name already headed ("Commission on Human Rights"), never before a date ("the Council on Monday"). */
const INNER_LINKS = new Set(['of', 'for', 'on']);
/** Heads of an organization's name only before "of", "for" or "on" ("Centers for Disease Control"; "Kennedy Space Center" is a site). */
const LINKED_HEADS = new Set(['Center', 'Centre', 'Centers', 'Centres']);
const DATE_WORDS = new Set('Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(' '));

/**
 * An organization's name goes on past its head word with "of", "for" or "on" and capitalised
 * words ("Office of Foreign Assets Control", "Qatar Fund for Development", "Writers Guild of
 * America", "Court of Appeals for the Federal Circuit", "Commission on Human Rights"), however
 * the tagger cut it: the span is extended, and the spans inside it dropped. Not into a person's
 * name ("the Office of Joe Biden": a first name the tagger read as a person's), nor a date
 * ("the Council on Monday"), nor a company's place ("Dow Chemical Co of the United States").
 * Changes `tagged` in place.
 */
export function joinHeadOf(ctx: Pick<ResolveContext, 'tokens' | 'known'>, tagged: TaggedSpan[]): void {
  const { tokens, known } = ctx;
  const word = (i: number) => tokens[i]?.text ?? '';
  const isNameWord = (w: string) => /^\p{Lu}/u.test(w);
  const isHead = (w: string) => ORG_HEADS.has(w) || LINKED_HEADS.has(w);
  /** A head inside the span already linked to its name ("Court of Appeals"). */
  const linkedInside = (span: TaggedSpan) => {
    for (let i = span.start; i < span.end - 2; i++) if (isHead(word(i)) && HEAD_LINKS.has(word(i + 1))) return true;
    return false;
  };
  tagged.sort((a, b) => a.start - b.start);
  for (let k = 0; k < tagged.length; k++) {
    const span = tagged[k]!;
    const link = word(span.end);
    if (span.type === 'MISC' || !INNER_LINKS.has(link)) continue;
    const headed = isHead(word(span.end - 1)) || (span.type === 'ORG' && linkedInside(span));
    if (!headed || (link === 'on' && !ORG_HEADS.has(word(span.end - 1)))) continue;
    let j = span.end + 1;
    if (word(j) === 'the') j++;
    if (!isNameWord(word(j)) || DATE_WORDS.has(word(j))) continue;
    const next = tagged[k + 1];
    if (known.isPersonName(word(j)) && (!next || next.start !== j || next.type === 'PER')) continue;
    let end = j;
    // Capitalised words and the particles between them ("Control and Prevention"), but no second
    // headed name after "and" ("University of Warwick and University College London").
    const secondName = (i: number) => {
      for (let n = i; n < tokens.length && isNameWord(word(n)); n++) if (isHead(word(n))) return true;
      return false;
    };
    while (end < tokens.length && (isNameWord(word(end)) || (word(end) === 'of' && isNameWord(word(end + 1))) || (word(end) === 'and' && isNameWord(word(end + 1)) && !secondName(end + 1)))) end++;
    // "Dow Chemical Co of the United States": a company's place is not its name.
    if (CORPORATE_SUFFIXES.has(word(span.end - 1)) && known.isPlace(tokens.slice(j, end).map((t) => t.text))) continue;
    span.end = end;
    span.type = 'ORG';
    span.fixed = true;
    while (k + 1 < tagged.length && tagged[k + 1]!.start < end) {
      const inner = tagged.splice(k + 1, 1)[0]!;
      span.end = Math.max(span.end, inner.end);
    }
    // The name may go on ("Court of Appeals" then "for the Federal Circuit"): read this span again.
    k--;
  }
}

/** Dashes after a dateline ("DETROIT — Ford said"); a hyphen after capitals heads a CoNLL-style section ("RUGBY UNION -"). */
const DATELINE_DASHES = new Set(['—', '–']);

/**
 * A dateline is a place: a name in capitals opening a paragraph, before a dash ("DETROIT —",
 * "LOS ANGELES —", "CAPE CANAVERAL, Florida —"). Changes `tagged` in place.
 */
export function applyDatelines(ctx: Pick<ResolveContext, 'tokens' | 'text' | 'sentenceStart'>, tagged: TaggedSpan[]): void {
  const { tokens, text } = ctx;
  for (const span of tagged) {
    const first = tokens[span.start]!;
    const opensParagraph = span.start === 0 || /\n\s*$/u.test(text.slice(Math.max(0, first.start - 4), first.start));
    if (!opensParagraph || !ctx.sentenceStart[span.start]) continue;
    if (!tokens.slice(span.start, span.end).every((t) => /^\p{Lu}[\p{Lu}.'’-]*$/u.test(t.text) && /\p{Lu}{2}/u.test(t.text))) continue;
    let next = span.end;
    // "CAPE CANAVERAL, Florida —": a state or country may follow.
    if (tokens[next]?.text === ',') {
      next++;
      while (next < tokens.length && /^\p{Lu}/u.test(tokens[next]!.text)) next++;
    }
    if (!DATELINE_DASHES.has(tokens[next]?.text ?? '')) continue;
    span.type = 'LOC';
    span.fixed = true;
  }
}

/** Lower-case words inside Arabic, Iberian or Dutch people's names ("Mohammed bin Salman"). */
const PERSON_LINKS = new Set(['bin', 'ibn', 'bint', 'ben', 'da', 'de', 'do', 'dos', 'das', 'del', 'della', 'van', 'von', 'der', 'den']);

/**
 * Two person spans with one such word between them are one person ("Mohammed" "bin" "Salman"
 * tagged apart), and so is a known given name before one ("Mohammed" untagged). Changes
 * `tagged` in place.
 */
export function joinParticleNames(tokens: Token[], tagged: TaggedSpan[], known: KnownNames = NO_KNOWN_NAMES): void {
  tagged.sort((a, b) => a.start - b.start);
  const covered = new Uint8Array(tokens.length);
  for (const t of tagged) covered.fill(1, t.start, t.end);
  // An untagged given name before the particle is the person's too ("Mohammed bin" "Salman").
  for (const t of tagged) {
    const given = tokens[t.start - 2]?.text ?? '';
    if (t.type === 'PER' && t.start >= 2 && PERSON_LINKS.has(tokens[t.start - 1]!.text) && !covered[t.start - 2] && known.isPersonName(given) && /^\p{Lu}/u.test(given)) t.start -= 2;
  }
  for (let k = 0; k + 1 < tagged.length; k++) {
    const a = tagged[k]!;
    const b = tagged[k + 1]!;
    if (a.type !== 'PER' || b.type !== 'PER' || b.start !== a.end + 1 || !PERSON_LINKS.has(tokens[a.end]!.text)) continue;
    a.end = b.end;
    tagged.splice(k + 1, 1);
    k--;
  }
}

/** Place words: "Sea of Galilee", "Euphrates River" are places whatever the tagger says (MISC too). */
export function applyPlaceWords(tokens: Token[], tagged: TaggedSpan[]): void {
  for (const span of tagged) {
    if (span.type === 'LOC') continue;
    const first = tokens[span.start]!.text;
    const last = tokens[span.end - 1]!.text;
    // "the White House", "the Opera House": a building (CoNLL-2003 train: "White House" is a place
    // 12 times in 13); not a publisher or body without "the" ("Random House", "Chatham House").
    const building = span.end - span.start === 2 && last === 'House' && /^the$/i.test(tokens[span.start - 1]?.text ?? '');
    if (building || (span.end - span.start > 1 && (PLACE_HEADS.has(last) || FACILITY_HEADS.has(last) || PLACE_PREFIXES.has(first)))) {
      span.type = 'LOC';
      span.fixed = true;
    }
  }
}

/** Lower-case nouns that make the name before them a place's. */
const PLACE_NOUNS = new Set(['district', 'province', 'region', 'neighbourhood', 'neighborhood', 'suburb', 'governorate', 'oblast', 'prefecture', 'county', 'village']);

/** Words that join the parts of a treaty's name. */
const TREATY_JOINERS = new Set(['of', 'on', 'for']);

/** "West Bank" is a place: a compass word before a head makes it a region's name. */
const COMPASS = new Set(['North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western']);
const isQuote = (s: string | undefined) => s !== undefined && /^["“”'‘’«»]$/u.test(s);

/**
 * Type rules on the tagger's spans, from the words in and around them (in place):
 * - a name headed by an organization word is an organization ("Defense Ministry"), and a
 *   possessive title before it belongs to it ("the Prime Minister's Office", not a person
 *   "Office");
 * - a name right after an organization noun in apposition is one ("newspaper Il Giornale");
 * - a quoted single name after a nationality is a group, not a person (the Lebanese "Hezbollah");
 * - a name headed by a treaty word is MISC, with an "X of" before it ("the Separation of
 *   Forces Agreement").
 * Spans so decided get `fixed`, so they vote for their type outright.
 */
export function applyNameRules(tokens: Token[], tagged: TaggedSpan[], isCommonWord: (lower: string) => boolean = () => false, isDemonym: (word: string) => boolean = () => true): void {
  const word = (i: number) => tokens[i]?.text ?? '';
  // "Democratic" (MISC) right before "Alliance" (ORG, headed by an organization word): one
  // organization, unless it is a nationality ("Polish SPC") or a compound ("Bergamo-based").
  for (let k = 0; k + 1 < tagged.length; k++) {
    const [a, b] = [tagged[k]!, tagged[k + 1]!];
    const adjective =
      a.type === 'MISC' && b.type === 'ORG' && a.end === b.start && a.end - a.start === 1 && ORG_HEADS.has(word(b.end - 1)) && !word(a.start).includes('-') && !isDemonym(word(a.start));
    // "National Farmers" ’ "Union": a plural's apostrophe inside one organization's name.
    const plural = a.type === 'ORG' && b.type === 'ORG' && b.start === a.end + 1 && /^['’]$/u.test(word(a.end)) && /s$/u.test(word(a.end - 1));
    if (adjective || plural) {
      b.start = a.start;
      tagged.splice(k, 1);
      k--;
    }
  }
  const drop = new Set<TaggedSpan>();
  for (let k = 0; k < tagged.length; k++) {
    const span = tagged[k]!;
    if (drop.has(span)) continue;
    const last = word(span.end - 1);
    // A sports result's country code after a person: "Carlos Alcaraz (ESP)" is Spain.
    const before = tagged[k - 1];
    if (span.end - span.start === 1 && /^\p{Lu}{3}$/u.test(last) && word(span.start - 1) === '(' && word(span.end) === ')' && before?.type === 'PER' && before.end === span.start - 1) {
      span.type = 'LOC';
      span.fixed = true;
      continue;
    }
    if (TREATY_HEADS.has(last) || ((EVENT_HEADS.has(last) || INDEX_HEADS.has(last)) && span.end - span.start > 1)) {
      span.type = 'MISC';
      span.fixed = true;
      // "Separation" "of" "Forces" "Agreement": the names just before it, joined by nothing or
      // by "of" / "on" / "for", are part of the treaty.
      for (let j = k - 1; j >= 0; j--) {
        const prev = tagged[j]!;
        const joined = prev.end === span.start || (prev.end === span.start - 1 && TREATY_JOINERS.has(word(prev.end)));
        if (!joined) break;
        span.start = prev.start;
        drop.add(prev);
      }
      continue;
    }
    if (span.type === 'MISC') continue;
    if (ORG_HEADS.has(last) && span.type !== 'ORG' && !aliasGroupOf(last) && !aliasGroupOf(tokens.slice(span.start, span.end).map((t) => t.text).join(' ')) && !COMPASS.has(word(span.end - 2))) {
      span.type = 'ORG';
      span.fixed = true;
    }
    if (span.type === 'ORG' && ORG_HEADS.has(last)) {
      // Possessive titles before it: "Prime Minister 's Office".
      let s = span.start;
      if (isPossessive(word(s - 1)) && TITLE_WORDS.has(word(s - 2).toLowerCase()) && /^\p{Lu}/u.test(word(s - 2))) {
        s -= 2;
        while (s > 0 && TITLE_WORDS.has(word(s - 1).toLowerCase()) && /^\p{Lu}/u.test(word(s - 1))) s--;
      } else if (isPossessiveMark(word(s - 1)) && isCommonWord(word(s - 2).toLowerCase()) && /^\p{Lu}/u.test(word(s - 2))) {
        // A capitalised common noun's possessive is part of the name: "the Scottish Fishermen's
        // Federation", "Kurdistan Workers' Party" (not "Israel's Defense Ministry").
        s -= 2;
        while (s > 0 && /^\p{Lu}/u.test(word(s - 1))) s--;
      }
      if (s < span.start) {
        for (const other of tagged) if (other !== span && other.start >= s && other.end <= span.start) drop.add(other);
        span.start = s;
        span.fixed = true;
      }
      continue;
    }
    // "Kerr County", "Golan Heights": a name of two words or more ending in a place's head is a place.
    if (span.type === 'PER' && span.end - span.start > 1 && PLACE_HEADS.has(last)) {
      span.type = 'LOC';
      span.fixed = true;
      continue;
    }
    // "the Hajar al-Aswad district", "Kherson region": a name before a place noun is a place.
    if (span.type !== 'LOC' && PLACE_NOUNS.has(word(span.end))) {
      span.type = 'LOC';
      span.fixed = true;
      continue;
    }
    const previous = word(span.start - 1);
    if (span.type !== 'ORG' && ORG_DESCRIPTORS.has(previous)) {
      span.type = 'ORG';
      span.fixed = true;
      continue;
    }
    if (
      span.type === 'PER' &&
      span.end - span.start === 1 &&
      isQuote(previous) &&
      isQuote(word(span.end)) &&
      NATIONALITY.test(word(span.start - 2))
    ) {
      span.type = 'ORG';
      span.fixed = true;
    }
  }
  if (drop.size > 0) {
    // In place: a spread of every span (`push(...kept)`) overflows the stack on a long text.
    let kept = 0;
    for (const t of tagged) if (!drop.has(t)) tagged[kept++] = t;
    tagged.length = kept;
  }
}

