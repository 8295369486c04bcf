/**
 * Stage 3 of resolveEntities, "merge": forms that name one thing join one group.
 * - the built-in alias table (aliases.ts);
 * - acronyms the article defines ("Islamic State (ISIS)"), when the acronym fits the name: its
 *   letters are the name's initials (or its table form); never for people ("Rafael Nadal (ESP)");
 * - a person's shorter form ("Netanyahu", "Ali Khamenei") with the single longer name that ends
 *   with the same surname (and, for two-word short forms, starts with the same first name); a
 *   one-word form that is a known country is never a surname. When several full names share the
 *   surname, the bare surname is resolved by position later (overlaps.ts);
 * - a place's short form ("Golan") with its long form ("Golan Heights").
 */
import { TITLE_WORDS } from '../aliases.js';
import { aliasGroupOf, PLACE_SHORT_HEADS, surnameOf } from '../normalize.js';
import type { EntityType } from '../types.js';
import { ORG_HEADS } from './heads.js';
import { majority, surfaceOf, type ResolveContext, type TaggedSpan } from './context.js';
import type { FormInfo, Forms } from './forms.js';

export class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x);
    if (p === undefined) {
      this.parent.set(x, x);
      return x;
    }
    if (p === x) return x;
    p = this.find(p);
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

export interface Merged {
  uf: UnionFind;
  /** Acronyms defined in the text, re-scanned as their group's. */
  acronyms: Array<{ group: string; surface: string }>;
  /** Acronyms of MISC names ("Joint Comprehensive Plan of Action (JCPOA)"): blockers wherever they occur. */
  miscAcronyms: string[];
  /** Bare surname form -> the full-name forms it may belong to. */
  ambiguousSurnames: Map<string, string[]>;
  /** One-word forms that are a surname of a person the article names in full. */
  forcedPerson: Set<string>;
  /** Group root -> the forms' summed votes. */
  groupVotes: Map<string, Map<EntityType, number>>;
  /** Short forms the tagger read as no organization that joined an organization's name: their groups are organizations. */
  organizationForms: string[];
}

const MINOR_WORDS = new Set(['of', 'the', 'and', 'for', 'de', 'du', 'la', 'le', 'des', '&', 'on', 'in', 'al', 'el']);

/** Whether `acronym` ("ISIS", "U.N.") can stand for `words`: its letters are their initials. */
export function acronymFits(acronym: string, words: string[]): boolean {
  const letters = acronym.replace(/\./g, '').toLowerCase();
  const initials = (ws: string[]) => ws.map((w) => w.replace(/^[^\p{L}\p{N}]+/u, '')[0]?.toLowerCase() ?? '').join('');
  const major = words.filter((w) => !MINOR_WORDS.has(w.toLowerCase()));
  if (letters === initials(words) || letters === initials(major)) return true;
  // Hyphenated or compound words may give more than one letter ("Al-Qaeda" -> AQ, "FedEx").
  const parts = major.flatMap((w) => w.split(/[-\s]/).filter((p) => p && !MINOR_WORDS.has(p.toLowerCase())));
  if (letters === initials(parts)) return true;
  // Otherwise every major initial in order, each word giving a prefix of itself ("Interpol", "NASDAQ").
  let k = 0;
  for (const w of major) {
    const lw = w.toLowerCase();
    if (letters[k] !== lw[0]) return false;
    let j = 0;
    while (k < letters.length && j < lw.length && letters[k] === lw[j]) {
      k++;
      j++;
    }
  }
  return k === letters.length;
}

/** Name particles that are no one's given name ("bin" in "Mohammed bin Salman", "da" in "Lula da Silva"). */
const PERSON_PARTICLES = new Set(['bin', 'ibn', 'bint', 'al', 'el', 'da', 'de', 'do', 'dos', 'du', 'van', 'von', 'der', 'den', 'la', 'le', 'y']);

/**
 * "Elon Musk" read as a place where the article's "Musk" is a person: a name of two or three
 * capitalised words whose last word is, alone, a person is that person's full name, unless it is
 * a known place or ends in an organization's or place's head ("Port Glasgow", "Kerr County").
 * Changes the votes of such forms.
 */
function fullNamesOfSurnames(forms: Forms, known: ResolveContext['known']): void {
  for (const f of forms.values()) {
    if (f.words.length < 2 || f.words.length > 3 || majority(f.votes) === 'person') continue;
    const surface = [...f.surfaces][0]!.split(' ');
    if (surface.length !== f.words.length || !surface.every((w) => /^\p{Lu}\p{Ll}/u.test(w)) || ORG_HEADS.has(surface[surface.length - 1]!)) continue;
    const alone = forms.byKey.get(f.words[f.words.length - 1]!);
    // "King Sihanouk": a title before the surname was no given name.
    if (!alone || majority(alone.votes) !== 'person' || known.isPlace(surface) || known.isPlace(surface.slice(0, 1)) || TITLE_WORDS.has(f.words[0]!)) continue;
    let n = 0;
    for (const c of f.votes.values()) n += c;
    f.votes.clear();
    f.votes.set('person', n);
  }
}

function mergePeople(forms: Forms, uf: UnionFind, known: ResolveContext['known']): { forcedPerson: Set<string>; ambiguousSurnames: Map<string, string[]> } {
  const formType = (f: FormInfo) => majority(f.votes);
  fullNamesOfSurnames(forms, known);
  const people = [...forms.values()].filter((f) => formType(f) === 'person' && f.words.length >= 2);
  // "Assad" where the article names "Hafez al-Assad": a person (but maybe another one), not a place.
  const surnames = new Set(people.map((p) => surnameOf(p.words)));
  const forcedPerson = new Set<string>();
  const isKnownCountry = (f: FormInfo) => f.words.length === 1 && known.isCountry([[...f.surfaces][0]!]);
  for (const f of forms.values()) {
    if (f.words.length === 1 && surnames.has(surnameOf(f.words)) && !aliasGroupOf(f.key) && !isKnownCountry(f)) {
      forcedPerson.add(f.key);
      if (formType(f) === 'person') continue;
      let n = 0;
      for (const c of f.votes.values()) n += c;
      f.votes.clear();
      f.votes.set('person', n);
    }
  }
  const ambiguousSurnames = new Map<string, string[]>();
  const resolve = (f: FormInfo, candidates: FormInfo[]): boolean => {
    // Candidates that are themselves one person ("Ali Khamenei" / "Ayatollah Ali Khamenei") count once.
    const roots = [...new Set(candidates.map((p) => uf.find(p.key)))];
    if (roots.length === 1) uf.union(roots[0]!, f.key);
    else if (roots.length > 1) ambiguousSurnames.set(f.key, candidates.map((p) => p.key));
    return roots.length > 0;
  };
  for (const f of forms.values()) {
    if (!(f.votes.get('person') ?? 0) || aliasGroupOf(f.key)) continue;
    // "al-Burhan" and "Burhan" are one surname.
    const last = surnameOf(f.words);
    const bySurname = people.filter((p) => p !== f && p.words.length > f.words.length && surnameOf(p.words) === last && (f.words.length === 1 || p.words[0] === f.words[0]));
    if (resolve(f, bySurname) || f.words.length !== 1 || formType(f) !== 'person' || known.isPlace([[...f.surfaces][0]!])) continue;
    // A person named by a given name or another word of a full name the article gives: "Sir Keir"
    // (Keir Starmer), "Lee" (Lee Jae-myung: family name first), "Lula" (Luiz Inácio Lula da Silva).
    const word = f.words[0]!;
    resolve(f, people.filter((p) => p.words.slice(0, -1).some((w) => w === word && !PERSON_PARTICLES.has(w))));
  }
  return { forcedPerson, ambiguousSurnames };
}

const ORG_HEAD_WORDS = new Set([...ORG_HEADS].map((w) => w.toLowerCase()));

/**
 * An organization's short forms, where the article gives the long one: without its organization
 * word ("Treasury" = "Treasury Department"), the organization word alone ("the Commission" =
 * "European Commission"), its first word ("JPMorgan" = "JPMorgan Chase"), a town a team is named by where the article
 * reads the town as the team ("Punjab" = "Punjab Kings", clubs.ts). Only forms the article
 * reads as an organization, and only when one organization has that short form.
 */
/** A team's name, as written: a plural nickname beside its town ("Indiana Pacers", "Royal Challengers Bengaluru"). */
const isTeamName = (f: FormInfo) => [...f.surfaces][0]!.split(/\s+/u).some((w) => /^\p{Lu}\p{Ll}{2,}s$/u.test(w));
/** The first and last words of a form, as written and as its key's words. */
const endWords = (f: FormInfo) => {
  const written = [...f.surfaces][0]!.split(/\s+/u);
  return written.length === f.words.length ? [[written[0]!, f.words[0]!], [written[written.length - 1]!, f.words[f.words.length - 1]!]] : [];
};

/** What follows a known town that begins an organization's name, when that is one capitalised word no head ("Thunder" of "Oklahoma City Thunder"). */
function nicknameAfterTown(f: FormInfo, known: ResolveContext['known']): string | undefined {
  const written = [...f.surfaces][0]!.split(/\s+/u);
  if (written.length !== f.words.length || written.length < 2 || known.isPlace(written)) return undefined;
  const last = written[written.length - 1]!;
  if (!/^\p{Lu}\p{Ll}+$/u.test(last) || ORG_HEAD_WORDS.has(f.words[f.words.length - 1]!)) return undefined;
  return known.isPlace(written.slice(0, -1)) ? f.words[f.words.length - 1] : undefined;
}

function mergeOrganizations(forms: Forms, uf: UnionFind, known: ResolveContext['known']): string[] {
  const joined: string[] = [];
  const isOrg = (f: FormInfo) => majority(f.votes) === 'organization' && !aliasGroupOf(f.key);
  const long = [...forms.values()].filter((f) => isOrg(f) && f.words.length >= 2);
  const shortOf = new Map<string, Set<string>>();
  // A name without its head word first: "Harvard" is "Harvard University" before it is the first
  // word of "Harvard T.H. Chan School".
  const headlessOf = new Map<string, Set<string>>();
  const offer = (short: string, f: FormInfo, to = shortOf) => {
    let roots = to.get(short);
    if (!roots) to.set(short, (roots = new Set()));
    roots.add(uf.find(f.key));
  };
  for (const f of long) {
    const last = f.words[f.words.length - 1]!;
    if (ORG_HEAD_WORDS.has(last)) {
      offer(f.words.slice(0, -1).join(' '), f);
      offer(f.words.slice(0, -1).join(' '), f, headlessOf);
      offer(last, f);
    }
    offer(f.words[0]!, f);
    // A side's town after its name: "Bengaluru" of "Royal Challengers Bengaluru" (clubs.ts).
    if (isTeamName(f) && endWords(f).some(([w, k]) => k === last && known.isPlace([w!]))) offer(last, f);
    // A team's nickname after its town: "Thunder" of "Oklahoma City Thunder", "Pacers" of "Indiana Pacers".
    const nickname = nicknameAfterTown(f, known);
    if (nickname) offer(nickname, f);
  }
  // Towns a team of the article's is named by ("Punjab Kings", "Royal Challengers Bengaluru").
  const townsOfTeams = new Set(long.filter(isTeamName).flatMap((f) => endWords(f).filter(([w]) => known.isPlace([w!])).map(([, k]) => k!)));
  for (const [short, roots] of headlessOf) if (roots.size === 1) shortOf.set(short, roots);
  // Surnames of the people the article names in full: "Goldman" may be one, unless none is.
  const surnames = new Set<string>();
  for (const f of forms.values()) if (f.words.length >= 2 && majority(f.votes) === 'person') surnames.add(f.words[f.words.length - 1]!.toLowerCase());
  // A short form the tagger reads as an organization no less than as a place ("JPMorgan" once
  // each), or as a person nobody in the article is ("Goldman's pipeline" of "Goldman Sachs").
  const orgVotes = (f: FormInfo) => f.votes.get('organization') ?? 0;
  const mayBeShort = (f: FormInfo) =>
    isOrg(f) ||
    (f.words.length === 1 && !aliasGroupOf(f.key) && ((orgVotes(f) > 0 && orgVotes(f) >= (f.votes.get('place') ?? 0)) || (majority(f.votes) === 'person' && !surnames.has(f.key))));
  // A clipped first word, read as an organization: "the Fed" of "Federal Reserve".
  const clippedOf = (f: FormInfo) => {
    if (f.words.length !== 1 || f.key.length < 3 || !isOrg(f)) return undefined;
    const roots = new Set(long.filter((l) => l.words[0]!.length > f.key.length && l.words[0]!.startsWith(f.key)).map((l) => uf.find(l.key)));
    return roots.size > 0 ? roots : undefined;
  };
  for (const f of forms.values()) {
    const roots = shortOf.get(f.key) ?? clippedOf(f);
    if (!roots || roots.size !== 1 || !mayBeShort(f) || long.includes(f) || (f.words.length === 1 && known.isPlace([[...f.surfaces][0]!]) && !(isOrg(f) && townsOfTeams.has(f.key)))) continue;
    uf.union([...roots][0]!, f.key);
    // Its mentions read as a person's or a place's were the organization's ("Goldman has since agreed").
    if (majority(f.votes) !== 'organization') joined.push(f.key);
  }
  return joined;
}

/** "known as" and its adverbs: "Mohamed Hamdan Dagalo, widely known as Hemedti". */
const KNOWN_AS = /^,?\s*(?:(?:widely|also|better|commonly|popularly|universally)\s+)?(?:known|nicknamed)\s+as\s+(?:the\s+)?$/u;

/** A name and the name it is "known as" are one entity. */
function mergeNicknames(ctx: ResolveContext, forms: Forms, uf: UnionFind, spans: TaggedSpan[]): void {
  const { text, tokens } = ctx;
  const byStart = new Map(spans.map((s) => [s.start, s]));
  for (const a of spans) {
    if (a.type === 'MISC') continue;
    // The next span within five tokens.
    for (let k = a.end + 1; k <= a.end + 5 && k < tokens.length; k++) {
      const b = byStart.get(k);
      if (!b) continue;
      if (KNOWN_AS.test(text.slice(tokens[a.end - 1]!.end, tokens[k]!.start))) {
        const nick = forms.of(surfaceOf(ctx, b));
        uf.union(forms.of(surfaceOf(ctx, a)).key, nick.key);
      }
      break;
    }
  }
}

/**
 * An acronym the article uses without defining it, for a name it gives in full ("UAE" and
 * "United Arab Emirates"): one group when exactly one other name fits it. Never for people.
 */
function mergeUndefinedAcronyms(forms: Forms, uf: UnionFind): void {
  const notPerson = (f: FormInfo) => majority(f.votes) !== 'person';
  const named = [...forms.values()].filter((f) => f.words.length >= 2 && notPerson(f));
  for (const f of forms.values()) {
    const acr = [...f.surfaces].find((s) => /^\p{Lu}{2,6}$/u.test(s));
    if (!acr || !notPerson(f) || aliasGroupOf(f.key)) continue;
    const roots = new Set(named.filter((n) => acronymFits(acr, [...n.surfaces][0]!.split(/\s+/))).map((n) => uf.find(n.key)));
    if (roots.size === 1) uf.union([...roots][0]!, f.key);
  }
}

/** The acronym written in parentheses right after a span, if any: "<span> ( ACR )". */
function acronymAfter(ctx: ResolveContext, span: TaggedSpan): string | null {
  const { tokens } = ctx;
  const [open, acr, close] = [tokens[span.end], tokens[span.end + 1], tokens[span.end + 2]];
  if (span.end - span.start < 2 || open?.text !== '(' || close?.text !== ')' || !acr) return null;
  return /^(?:\p{Lu}\.?){2,8}$/u.test(acr.text) ? acr.text : null;
}

export function mergeForms(ctx: ResolveContext, forms: Forms, spans: TaggedSpan[], blockers: TaggedSpan[] = []): Merged {
  const { tokens } = ctx;
  const uf = new UnionFind();
  for (const f of forms.values()) {
    uf.find(f.key);
    const g = aliasGroupOf(f.key);
    if (g) uf.union(`table:${g.name}`, f.key);
  }
  // Acronyms defined in the text: "<span> ( ACR )", for anything but a person.
  const acronyms: Merged['acronyms'] = [];
  for (const span of spans) {
    const acr = span.type === 'PER' ? null : acronymAfter(ctx, span);
    if (!acr) continue;
    const nameWords = tokens.slice(span.start, span.end).map((t) => t.text);
    const table = aliasGroupOf(acr);
    const fits = (table && table.name === aliasGroupOf(surfaceOf(ctx, span))?.name) || acronymFits(acr, nameWords);
    if (!fits) continue;
    const f = forms.of(acr);
    uf.union(forms.of(surfaceOf(ctx, span)).key, f.key);
    acronyms.push({ group: f.key, surface: acr });
  }
  const miscAcronyms: string[] = [];
  for (const b of blockers) {
    const acr = acronymAfter(ctx, b);
    if (acr && !aliasGroupOf(acr) && acronymFits(acr, tokens.slice(b.start, b.end).map((t) => t.text))) miscAcronyms.push(acr);
  }
  const { forcedPerson, ambiguousSurnames } = mergePeople(forms, uf, ctx.known);
  const organizationForms = mergeOrganizations(forms, uf, ctx.known);
  mergeUndefinedAcronyms(forms, uf);
  mergeNicknames(ctx, forms, uf, spans);
  // Places: "Golan" joins "Golan Heights" when the article has the longer form.
  for (const f of forms.values()) {
    if (majority(f.votes) !== 'place' || f.words.length < 2 || !PLACE_SHORT_HEADS.has(f.words[f.words.length - 1]!)) continue;
    const short = forms.byKey.get(f.words.slice(0, -1).join(' '));
    if (short && majority(short.votes) !== 'person' && !aliasGroupOf(short.key)) uf.union(f.key, short.key);
  }
  const groupVotes = new Map<string, Map<EntityType, number>>();
  for (const f of forms.values()) {
    const root = uf.find(f.key);
    let v = groupVotes.get(root);
    if (!v) groupVotes.set(root, (v = new Map()));
    for (const [t, c] of f.votes) v.set(t, (v.get(t) ?? 0) + c);
  }
  return { uf, acronyms, miscAcronyms, ambiguousSurnames, forcedPerson, groupVotes, organizationForms };
}
