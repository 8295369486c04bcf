/**
 * Context cues: what the words around one mention say its name is, whatever the name. News
 * writes a company, a party or an agency in phrases it never uses for a person or a place:
 * "shares in X", "X chief executive", "X, a research firm", "an analyst at X", "X, which is
 * based in"; and a place in others: "X, the capital", "the town of X". Each cue here holds for
 * news in general (measured on CoNLL-2003 train: test/tools/cue-precision.ts), not for any name.
 */
import type { EntityType } from '../types.js';
import { ORG_DESCRIPTORS } from './heads.js';
import type { ResolveContext } from './context.js';

/**
 * Nouns an organization is described by ("Circana, a research firm", "chipmaker Nvidia"): the
 * appositive nouns clean.ts types a single mention by, and more that only a whole entity's
 * cue is trusted with.
 */
export const ORG_NOUNS: ReadonlySet<string> = new Set([
  ...ORG_DESCRIPTORS,
  ...(
    'companies maker manufacturer carmaker automaker chipmaker giant retailer lender broker operator distributor studio ' +
    'label union alliance federation charity contractor supplier startup start-up chain supermarket consultancy ' +
    'regulator watchdog outlet developer exchange imprint foundation tank'
  ).split(' '),
]);

/**
 * Nouns that describe an organization only in apposition ("Acas, the conciliation service"):
 * before a name they are a person's ("secret service agent X"; "service" before a name is 0 of 1
 * organizations on CoNLL train).
 */
const APPOSITION_ORG_NOUNS = new Set(['service']);

/** Nouns a place is described by in apposition ("Khartoum, the capital"). */
const PLACE_NOUNS = new Set('capital city town village region province state country island port district kingdom'.split(' '));

/** Lower-case nouns a place's name comes before: "the Hajar al-Aswad district", "Idlib province", "the Yarmouk refugee camp". */
const PLACE_AFTER = new Set('district province governorate neighbourhood neighborhood suburb'.split(' '));

/** What follows an organization's name ("Nokia chief executive", "Nokia shareholders"). */
const ORG_AFTER = new Set('shareholders ceo chairman chairwoman executives'.split(' '));
/** What follows an organization's possessive ("Ford's shares"; "German shares" are a market's). */
const ORG_AFTER_POSSESSIVE = new Set('shares stock shareholders profit profits revenue revenues earnings'.split(' '));
/** What may end an apposition's noun phrase ("a research firm that", "the state energy company,"). */
const APPOSITION_END = new Set([',', '.', ';', ')', '—', 'of', 'that', 'which', 'who', 'for', 'based', 'in', 'with', 'from', 'whose']);

/** Verbs a company does after ", which": "Apple, which is based in", "Stellantis, which owns Fiat". */
const ORG_WHICH_VERBS = new Set('owns own makes builds employs operates runs sells manufactures supplies publishes released produces'.split(' '));

/** Words before an organization's name: "shares in", "stake in", "an analyst at", "chief executive of". */
const ORG_BEFORE: ReadonlyArray<readonly string[]> = [
  ['shares', 'in'],
  ['shares', 'of'],
  ['stake', 'in'],
  ['analyst', 'at'],
  ['analysts', 'at'],
  ['economist', 'at'],
  ['economists', 'at'],
  ['strategist', 'at'],
  ['analyst', 'with'],
  ['executive', 'of'],
  ['ceo', 'of'],
  ['works', 'for'],
  ['worked', 'for'],
  // "Jonathan Cape, an imprint of X", "a unit of X" (below 85% on CoNLL train: "according to",
  // "rival", "division of", "acquisition of", "owner of").
  ['imprint', 'of'],
  ['subsidiary', 'of'],
  ['unit', 'of'],
];

/** Words before a place's name: "the city of X", "the town of X". */
const PLACE_BEFORE: ReadonlyArray<readonly string[]> = [
  ['city', 'of'],
  ['town', 'of'],
  ['village', 'of'],
  ['port', 'of'],
  ['capital', 'of'],
  ['based', 'in'],
];

const SPOKESPEOPLE = new Set(['spokesman', 'spokeswoman', 'spokesperson']);
/** What a company reports: "reported a net profit", "posted record sales", "posted first-quarter ...". */
const RESULT_WORDS = new Set(['a', 'net', 'profit', 'profits', 'record', 'first', 'second', 'third', 'fourth', 'sales', 'revenue', 'earnings', 'losses', 'loss']);

const isPossessive = (s: string) => /^['’][sS]?$/u.test(s);
const ARTICLES = new Set(['a', 'an', 'the']);

/** What a cue says: a type, or only that the name is no person's. */
export type CueType = EntityType | 'not-person';
/** A cue: what it says and which rule said it (for measuring each rule). */
export type Cue = readonly [CueType, string];

/**
 * The type the words around tokens [start, end) give the name there, or null when they say
 * nothing (or something that is not decisive).
 */
export function contextCue(ctx: Pick<ResolveContext, 'tokens' | 'known'>, start: number, end: number): CueType | null {
  return cueAt(ctx, start, end)?.[0] ?? null;
}

/** contextCue with the rule that fired. */
export function cueAt(ctx: Pick<ResolveContext, 'tokens'> & Partial<Pick<ResolveContext, 'known'>>, start: number, end: number): Cue | null {
  const { tokens, known } = ctx;
  const lower = (i: number) => (i >= 0 && i < tokens.length ? tokens[i]!.text.toLowerCase() : '');
  // After the name, past a possessive: "Ford's shares", "Nokia chief executive".
  const possessive = isPossessive(lower(end));
  const a = possessive ? end + 1 : end;
  const next = lower(a);
  if (ORG_AFTER.has(next) || (possessive && ORG_AFTER_POSSESSIVE.has(next))) return ['organization', `after ${possessive ? "'s " : ''}${next}`];
  // "Rival Ryanair said it had", "Nokia said its": no person is "it".
  if ((next === 'said' || next === 'says') && (lower(a + 1) === 'it' || lower(a + 1) === 'its')) return ['not-person', `${next} it`];
  // "a Tesla spokeswoman": a company's, a party's or a country's, not a person's (97% of 29 on CoNLL train).
  if (!possessive && SPOKESPEOPLE.has(next)) return ['not-person', `after ${next}`];
  // "Nokia reported a net profit", "BP posted a record" (5 of 5 organizations on CoNLL train).
  if (!possessive && (next === 'reported' || next === 'posted') && RESULT_WORDS.has(lower(a + 1))) return ['organization', `${next} ${lower(a + 1)}`];
  if (next === 'chief' && lower(a + 1) === 'executive') return ['organization', 'after chief executive'];
  if (!possessive && (PLACE_AFTER.has(next) || (next === 'refugee' && lower(a + 1) === 'camp')) && tokens[a]!.text === next) return ['place', `after ${next}`];
  if (!possessive && next === 'chief' && /^\p{Lu}/u.test(tokens[a + 1]?.text ?? '')) return ['organization', 'after chief Name'];
  // "Meta's chief global affairs officer"; "Britain's chief negotiator" is a country's.
  if (possessive && next === 'chief' && !known?.isPlace(tokens.slice(start, end).map((t) => t.text))) return ['organization', `after 's chief`];
  // Apposition: "X, a research firm", "X, the state energy company", "X, the capital".
  if (lower(end) === ',') {
    if (ARTICLES.has(lower(end + 1))) {
      for (let i = end + 2; i < end + 7 && i < tokens.length; i++) {
        const w = lower(i);
        const ends = APPOSITION_END.has(lower(i + 1)) || i + 1 >= tokens.length;
        if (ends && (ORG_NOUNS.has(w) || APPOSITION_ORG_NOUNS.has(w)) && !/^\p{Lu}/u.test(tokens[i]!.text)) return ['organization', `apposition ${w}`];
        if (ends && PLACE_NOUNS.has(w)) return ['place', `apposition ${w}`];
        if (w === ',' || w === 'of' || w === 'that' || w === 'which' || w === 'who' || w === '.') break;
      }
    }
    // "X, which is based in", "X, which owns".
    if (lower(end + 1) === 'which') {
      const verb = lower(end + 2) === 'is' || lower(end + 2) === 'also' ? lower(end + 3) : lower(end + 2);
      if (ORG_WHICH_VERBS.has(verb)) return ['organization', `which ${verb}`];
      if (verb === 'based' && lower(end + 4) === 'in') return ['organization', 'which is based in'];
    }
    if (lower(end + 1) === 'based' && lower(end + 2) === 'in') return ['organization', ', based in'];
  }
  const before = `${lower(start - 2)} ${lower(start - 1)}`;
  // "shares in Hong Kong" is a market's.
  if (before === 'shares in' && known?.isPlace(tokens.slice(start, end).map((t) => t.text))) return null;
  if (ORG_BEFORE.some(([x, y]) => before === `${x} ${y}`)) return ['organization', `before ${before}`];
  // The same with an article between: "a stake in the Charlotte Hornets".
  const beforeThe = `${lower(start - 3)} ${lower(start - 2)}`;
  if (lower(start - 1) === 'the' && ORG_BEFORE.some(([x, y]) => beforeThe === `${x} ${y}`)) return ['organization', `before ${beforeThe} the`];
  if (PLACE_BEFORE.some(([x, y]) => before === `${x} ${y}`)) return ['place', `before ${before}`];
  // An organization noun right before the name: "chipmaker Nvidia", "the retailer Next".
  const noun = lower(start - 1);
  if (ORG_NOUNS.has(noun) && !/^\p{Lu}/u.test(tokens[start - 1]!.text)) return ['organization', `noun ${noun}`];
  return null;
}
