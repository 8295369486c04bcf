/**
 * Names a common noun says are a work, a vessel, a medicine or a disease: "the film Sideways", "the ferry
 * Glen Sannox", "the weight-loss drug Wegovy", and in apposition "a new drug, CagriSema",
 * "another tanker, the Seaways Hector.", "Flesh, a spare novel", "the Stena Immaculate, a
 * US-registered tanker chartered by"; a disease by the noun after it ("Lyme disease", "Alzheimer's
 * disease", "Marburg virus"); and a language after the verbs it goes with ("translated
 * from Kannada"). Such a name is MISC (no person, place or organization), and so is every other
 * mention of it in the article (one name, one thing).
 */
import { normalizeName } from '../normalize.js';
import { surfaceOf, type ResolveContext, type TaggedSpan } from './context.js';

/** Nouns of works, vessels and medicines. */
const WORK_NOUNS = new Set(
  (
    'film films movie movies album albums song songs novel novels book books musical opera sitcom documentary videogame thriller ' +
    'series drama comedy podcast memoir ferry ship vessel tanker yacht frigate warship submarine drug drugs treatment medicine jab pill'
  ).split(' '),
);
/**
 * Nouns after a disease's name, with or without a possessive between. Not "fever" ("World Cup
 * fever"), "outbreak" or "variant" ("the Wuhan outbreak", "the Kent variant" name places).
 */
const DISEASE_NOUNS = new Set(['disease', 'diseases', 'syndrome', 'virus']);
const ARTICLES = new Set(['a', 'an', 'the']);
/** Verbs a language comes after, with "from", "into" or "in": "translated from Kannada", "written in Urdu", "dubbed into Hindi". */
const LANGUAGE_VERBS = new Set(['translated', 'translation', 'written', 'dubbed', 'sung', 'subtitled', 'fluent']);
const LANGUAGE_PREPOSITIONS = new Set(['from', 'into', 'in']);
/** What ends a clause: after a name in apposition. */
const CLAUSE_ENDS = new Set(['.', ',', ';', ')', '—']);
const isPossessive = (w: string) => /^['’][sS]?$/u.test(w);
/** What may follow the noun of an apposition: its end, or what a work is told by ("a novel by", "a tanker chartered by"). */
const AFTER_APPOSED_NOUN = new Set([',', '.', ';', ')', '—', 'by', 'about', 'that', 'which', 'set', 'from', 'for', 'starring', 'written', 'directed', 'made']);
/** The most words between an apposition's article and its noun ("a spare, unsettling novel"). */
const MAX_APPOSITION_WORDS = 4;

/**
 * Retypes (in place) the spans such a noun introduces, and every other span of the same name, as
 * MISC; returns their names, normalised, for the spans the later boundaries cut ("Adolescence
 * sweeps Emmys" in a headline).
 */
export function markIntroducedWorks(ctx: Pick<ResolveContext, 'tokens' | 'text'>, tagged: TaggedSpan[]): Set<string> {
  const { tokens } = ctx;
  const word = (i: number) => tokens[i]?.text ?? '';
  /** "Flesh, a spare novel,": an article, a few lower-case words, the noun, then its end. */
  const apposedAfter = (end: number) => {
    if (word(end) !== ',' || !ARTICLES.has(word(end + 1))) return false;
    for (let i = end + 2; i < end + 2 + MAX_APPOSITION_WORDS && i < tokens.length; i++) {
      const w = word(i);
      if (WORK_NOUNS.has(w)) {
        const next = word(i + 1);
        return i + 1 >= tokens.length || AFTER_APPOSED_NOUN.has(next) || /^\p{Ll}+ed$/u.test(next);
      }
      if (!/^[\p{Ll}-]+$/u.test(w) && w !== ',') return false;
    }
    return false;
  };
  /** "another tanker, the Seaways Hector.": the noun, a comma, "the", then the name ending its clause (not "a film, the BBC said"). */
  const theApposed = (span: TaggedSpan) =>
    word(span.start - 1) === 'the' && word(span.start - 2) === ',' && WORK_NOUNS.has(word(span.start - 3)) && (span.end >= tokens.length || CLAUSE_ENDS.has(word(span.end)));
  /** "Lyme disease", "Alzheimer's disease": a disease named by the noun after it. */
  const isDisease = (span: TaggedSpan) => DISEASE_NOUNS.has(word(span.end)) || (isPossessive(word(span.end)) && DISEASE_NOUNS.has(word(span.end + 1)));
  /** "translated from Kannada", "written in Urdu": one word after such a verb and its preposition is a language. */
  const isLanguage = (span: TaggedSpan) => span.end - span.start === 1 && LANGUAGE_VERBS.has(word(span.start - 2)) && LANGUAGE_PREPOSITIONS.has(word(span.start - 1));
  const introduced = new Set<string>();
  for (const span of tagged) {
    // A span the tagger already read as MISC is marked too: its other mentions are the same thing
    // ("the weight-loss drug Wegovy" is MISC, "Wegovy loses ground" is then no organization).
    const before = word(span.start - 1);
    // "the drug Wegovy", or "a new drug, CagriSema" (not an owner: "The album, Swift's twelfth").
    const nounBefore = WORK_NOUNS.has(before) || (before === ',' && WORK_NOUNS.has(word(span.start - 2)) && !isPossessive(word(span.end))) || theApposed(span);
    if (!nounBefore && !apposedAfter(span.end) && !isDisease(span) && !isLanguage(span)) continue;
    span.type = 'MISC';
    span.fixed = true;
    introduced.add(normalizeName(surfaceOf(ctx, span)));
  }
  if (introduced.size === 0) return introduced;
  for (const span of tagged) {
    if (span.type === 'MISC' || !introduced.has(normalizeName(surfaceOf(ctx, span)))) continue;
    span.type = 'MISC';
    span.fixed = true;
  }
  return introduced;
}
