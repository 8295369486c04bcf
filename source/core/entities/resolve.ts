/**
 * From tagged spans to clean, merged entities with every mention:
 *
 * 0. Type rules from the words in and around a span (applyNameRules): place words, organization
 *    heads ("Office", "Ministry") and appositive nouns ("newspaper"), treaty names (MISC).
 * 1. Clean each span: drop leading/trailing punctuation and a possessive "'s" (a token of its
 *    own), a leading "the", and, for people, leading titles/honorifics ("Prime Minister",
 *    "Army Gen.", "Ayatollah", "Russian Defense Minister").
 * 2. Give each surface form a provisional type: the majority of the tagger's votes for that form.
 * 3. Merge forms into entities: the built-in alias table (aliases.ts); acronyms the article
 *    defines ("Islamic State (ISIS)"); a person's shorter form ("Netanyahu", "Ali Khamenei")
 *    with the single longer name that ends with the same surname (and, for two-word short forms,
 *    starts with the same first name); a place's short form ("Golan") with its long form ("Golan
 *    Heights") when the article has both.
 *    Surname rule: when two or more different full names share the surname, each bare-surname
 *    mention goes to the full name mentioned most recently before it; with no full name before
 *    it, the surname stays an entity of its own. Nothing is merged blindly.
 * 4. Re-scan: every case-sensitive, whole-token occurrence of any form of an entity is a mention
 *    (so "Israel's" gives "Israel"), even where the tagger missed it. Overlaps are resolved
 *    longest-first; at equal length the tagger's own span wins.
 *    The alias table's forms are looked for even when the tagger found none of them.
 * 5. One type per entity: every mention votes with the tagger's preference at its position (a
 *    softmax over its start scores); rule-decided spans and surnames of people vote outright.
 * 6. Display name: the alias table's canonical name when the article uses it, otherwise the
 *    longest form.
 */
import { ALIAS_GROUPS, PERSON_TITLES, TITLE_WORDS } from './aliases.js';
import type { DocCasing, TagType } from './features.js';
import { aliasGroupOf, normalizeName, PLACE_SHORT_HEADS, surnameOf } from './normalize.js';
import { tokenize, type Token } from './tokenize.js';
import type { Entity, EntityType, Mention } from './types.js';

export interface TaggedSpan {
  type: TagType;
  /** Token indices, end exclusive. */
  start: number;
  end: number;
  /** Set when a rule, not the tagger, decided the type: the span votes for it outright. */
  fixed?: boolean;
}

const TYPE_OF: Record<TagType, EntityType | null> = { PER: 'person', LOC: 'place', ORG: 'organization', MISC: null };
const PLACE_HEADS = new Set(['River', 'Sea', 'Ocean', 'Lake', 'Mountains', 'Mountain', 'Heights', 'Valley', 'Desert', 'Peninsula', 'Gulf', 'Bay', 'Strait', 'Island', 'Islands', 'Strip', 'Province', 'Canal']);
const PLACE_PREFIXES = new Set(['Sea', 'Lake', 'Gulf', 'Mount', 'Strait', 'Cape', 'Bay']);
const TYPE_ORDER: EntityType[] = ['place', 'organization', 'person'];
/**
 * Words that head an organization's name: a name ending in one is an organization, never a person
 * or a place ("the Prime Minister's Office", "Defense Ministry", "Security Council").
 */
export const ORG_HEADS = new Set(
  (
    'Office Ministry Council Agency Party Newspaper Committee Commission Department Bureau Authority Board ' +
    'Institute University College Corporation Corp Company Co Inc Ltd Group Association Organization Organisation ' +
    'Court Parliament Assembly Senate Congress Police Service Services Bank Club Movement Front Brigade Brigades ' +
    'Airlines Airways Foundation Fund Society Church Network Times Post Journal'
  ).split(' '),
);
/**
 * Common nouns that introduce an organization's name in apposition: "Italian newspaper Il
 * Giornale", "news agency Interfax", "militant group Hamas".
 */
export const ORG_DESCRIPTORS = new Set(
  (
    'newspaper daily weekly magazine tabloid agency broadcaster network channel party group company firm ' +
    'militia movement organisation organization bank airline carrier publisher insurer conglomerate brokerage club'
  ).split(' '),
);
/** Words that end the name of a treaty or law: MISC by CoNLL's convention, so not in the panel. */
export const TREATY_HEADS = new Set('Agreement Agreements Treaty Accord Accords Pact Convention Protocol Act Charter Resolution'.split(' '));

/** Softmax temperature over the tagger's start scores when voting on an entity's type. */
const VOTE_TEMPERATURE = 150;
/** A mention the tagger did not tag itself (found by re-scan) votes with this weight. */
const RESCAN_VOTE = 1;

const hasLetterOrDigit = (s: string) => /[\p{L}\p{N}]/u.test(s);
const isPossessive = (s: string) => /^['’][sS]$/u.test(s);
const NATIONALITY = /^\p{Lu}\p{Ll}+(?:an|ian|ean|ese|ish|i|ic)$/u;

/** Cleans a span in place; returns false when nothing name-like is left. */
export function cleanSpan(tokens: Token[], span: { type: TagType; start: number; end: number; fixed?: boolean }): boolean {
  let { start, end } = span;
  const word = (i: number) => tokens[i]!.text;
  while (start < end && (!hasLetterOrDigit(word(start)) || isPossessive(word(start)))) start++;
  while (end > start && (!hasLetterOrDigit(word(end - 1)) || isPossessive(word(end - 1)))) end--;
  if (end - start > 1 && /^the$/i.test(word(start))) start++;
  // A place or organization that starts with a person's title is a mis-typed person:
  // "Supreme Leader Ayatollah Ali Khamenei", "Prime Minister Netanyahu".
  if (span.type !== 'PER' && end - start > 1 && !ORG_HEADS.has(word(end - 1))) {
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
    for (let i = start; i < end - 1; i++) {
      const lw = word(i).toLowerCase();
      if (TITLE_WORDS.has(lw)) cut = i;
      else if (!(NATIONALITY.test(word(i)) && cut === -1)) break;
    }
    if (cut >= 0) {
      start = cut + 1;
      // "Prime Minister's Office" is not a person.
      if (isPossessive(word(start))) return false;
    }
    if (end - start === 1 && TITLE_WORDS.has(word(start).toLowerCase())) return false;
  }
  if (end <= start || end - start > 10) return false;
  if (!/\p{L}/u.test(tokens.slice(start, end).map((t) => t.text).join(''))) return false;
  span.start = start;
  span.end = end;
  return true;
}

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
export function applyNameRules(tokens: Token[], tagged: TaggedSpan[]): void {
  const word = (i: number) => tokens[i]?.text ?? '';
  const drop = new Set<TaggedSpan>();
  for (let k = 0; k < tagged.length; k++) {
    const span = tagged[k]!;
    if (drop.has(span)) continue;
    const last = word(span.end - 1);
    if (TREATY_HEADS.has(last)) {
      span.type = 'MISC';
      span.fixed = true;
      // "Separation" "of" "Forces Agreement": the name before "of" is part of the treaty.
      const prev = tagged[k - 1];
      if (prev && prev.end === span.start - 1 && word(prev.end) === 'of') {
        span.start = prev.start;
        drop.add(prev);
      }
      continue;
    }
    if (span.type === 'MISC') continue;
    if (ORG_HEADS.has(last) && span.type !== 'ORG' && !aliasGroupOf(last) && !COMPASS.has(word(span.end - 2))) {
      span.type = 'ORG';
      span.fixed = true;
    }
    if (span.type === 'ORG' && ORG_HEADS.has(last)) {
      // Possessive titles before it: "Prime Minister 's Office".
      let s = span.start;
      if (isPossessive(word(s - 1)) && TITLE_WORDS.has(word(s - 2).toLowerCase()) && /^\p{Lu}/u.test(word(s - 2))) {
        s -= 2;
        while (s > 0 && TITLE_WORDS.has(word(s - 1).toLowerCase()) && /^\p{Lu}/u.test(word(s - 1))) s--;
      }
      if (s < span.start) {
        for (const other of tagged) if (other !== span && other.start >= s && other.end <= span.start) drop.add(other);
        span.start = s;
        span.fixed = true;
      }
      continue;
    }
    const before = word(span.start - 1);
    if (span.type !== 'ORG' && ORG_DESCRIPTORS.has(before)) {
      span.type = 'ORG';
      span.fixed = true;
      continue;
    }
    if (
      span.type === 'PER' &&
      span.end - span.start === 1 &&
      isQuote(before) &&
      isQuote(word(span.end)) &&
      NATIONALITY.test(word(span.start - 2))
    ) {
      span.type = 'ORG';
      span.fixed = true;
    }
  }
  if (drop.size > 0) {
    const kept = tagged.filter((t) => !drop.has(t));
    tagged.length = 0;
    tagged.push(...kept);
  }
}

class UnionFind {
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

interface FormInfo {
  key: string;
  surfaces: Set<string>;
  votes: Map<EntityType, number>;
  words: string[];
}

interface Candidate {
  start: number;
  end: number;
  tokStart: number;
  tokEnd: number;
  /** Group root, or null for a MISC blocker. */
  group: string | null;
  /** Surname shared by several people: resolved by position after overlaps. */
  ambiguous?: string[];
  tagger: boolean;
  /** A rule fixed this mention's type. */
  fixed?: EntityType;
}

function majority(votes: Map<EntityType, number>, fallback?: EntityType): EntityType | undefined {
  let best: EntityType | undefined = fallback;
  let bestCount = 0;
  for (const t of TYPE_ORDER) {
    const c = votes.get(t) ?? 0;
    if (c > bestCount) {
      best = t;
      bestCount = c;
    }
  }
  return best;
}

export function resolveEntities(
  text: string,
  tokens: Token[],
  sentences: Array<[number, number]>,
  tagged: TaggedSpan[],
  casing: DocCasing,
  starts?: Float32Array,
): Entity[] {
  const sentenceStart = new Uint8Array(tokens.length);
  const capsSentence = new Uint8Array(tokens.length);
  for (const [s] of sentences) sentenceStart[s] = 1;

  // 0. Place words: "Sea of Galilee", "Euphrates River" are places whatever the tagger says.
  for (const span of tagged) {
    if (span.type !== 'ORG' && span.type !== 'PER') continue;
    const first = tokens[span.start]!.text;
    const last = tokens[span.end - 1]!.text;
    if (span.end - span.start > 1 && (PLACE_HEADS.has(last) || PLACE_PREFIXES.has(first))) {
      span.type = 'LOC';
      span.fixed = true;
    }
  }
  applyNameRules(tokens, tagged);

  // 1. Clean.
  const spans: TaggedSpan[] = [];
  const blockers: TaggedSpan[] = [];
  for (const raw of tagged) {
    const span = { ...raw };
    if (span.type === 'MISC') {
      blockers.push(span);
      continue;
    }
    if (cleanSpan(tokens, span)) spans.push(span);
  }
  const surfaceOf = (s: { start: number; end: number }) => text.slice(tokens[s.start]!.start, tokens[s.end - 1]!.end);

  // 2. Forms and their votes.
  const forms = new Map<string, FormInfo>();
  const formOf = (surface: string): FormInfo => {
    const key = normalizeName(surface);
    let f = forms.get(key);
    if (!f) {
      f = { key, surfaces: new Set(), votes: new Map(), words: key.split(' ') };
      forms.set(key, f);
    }
    f.surfaces.add(surface);
    return f;
  };
  const spanForm: FormInfo[] = [];
  for (const span of spans) {
    const f = formOf(surfaceOf(span));
    const t = TYPE_OF[span.type]!;
    f.votes.set(t, (f.votes.get(t) ?? 0) + 1);
    spanForm.push(f);
  }

  // A MISC span "Iranian Al Quds" whose words after the nationality are a name the article
  // knows ("Al Quds") blocks only the nationality.
  for (const b of blockers) {
    if (b.end - b.start > 1 && NATIONALITY.test(tokens[b.start]!.text) && forms.has(normalizeName(surfaceOf({ start: b.start + 1, end: b.end })))) b.end = b.start + 1;
  }

  // 3. Merge.
  const uf = new UnionFind();
  const tableForms = new Map<string, string[]>(); // table node -> extra rescan surfaces
  for (const f of forms.values()) {
    uf.find(f.key);
    const g = aliasGroupOf(f.key);
    if (g) {
      const node = `table:${g.name}`;
      uf.union(node, f.key);
      if (!tableForms.has(node)) tableForms.set(node, []);
    }
  }
  // Acronyms defined in the text: "<span> ( ACR )".
  const acronyms: Array<{ group: string; surface: string }> = [];
  for (const span of spans) {
    const open = tokens[span.end];
    const acr = tokens[span.end + 1];
    const close = tokens[span.end + 2];
    if (open?.text === '(' && close?.text === ')' && acr && /^(?:\p{Lu}\.?){2,8}$/u.test(acr.text) && span.end - span.start > 1) {
      const f = formOf(acr.text);
      uf.union(normalizeName(surfaceOf(span)), f.key);
      acronyms.push({ group: f.key, surface: acr.text });
    }
  }
  // People: shorter forms join the one longer name they abbreviate.
  const formType = (f: FormInfo) => majority(f.votes);
  const people = [...forms.values()].filter((f) => formType(f) === 'person' && f.words.length >= 2);

  // "Assad" where the article names "Hafez al-Assad": a person (but maybe another one), not a place.
  const particleSurnames = new Set(people.map((p) => surnameOf(p.words)));
  const forcedPerson = new Set<string>();
  for (const f of forms.values()) {
    if (f.words.length === 1 && particleSurnames.has(f.words[0]!) && !aliasGroupOf(f.key)) {
      forcedPerson.add(f.key);
      if (formType(f) === 'person') continue;
      let n = 0;
      for (const c of f.votes.values()) n += c;
      f.votes.clear();
      f.votes.set('person', n);
    }
  }
  const ambiguousSurnames = new Map<string, string[]>(); // form key -> candidate form keys
  for (const f of forms.values()) {
    if (!(f.votes.get('person') ?? 0)) continue;
    if (aliasGroupOf(f.key)) continue;
    const last = f.words[f.words.length - 1]!;
    const candidates = people.filter(
      (p) =>
        p !== f &&
        p.words.length > f.words.length &&
        p.words[p.words.length - 1] === last &&
        (f.words.length === 1 || p.words[0] === f.words[0]),
    );
    // Candidates that are themselves one person (e.g. "Ali Khamenei" / "Ayatollah Ali Khamenei") count once.
    const roots = [...new Set(candidates.map((p) => uf.find(p.key)))];
    if (roots.length === 1) uf.union(roots[0]!, f.key);
    else if (roots.length > 1) ambiguousSurnames.set(f.key, candidates.map((p) => p.key));
  }

  // Places: "Golan" joins "Golan Heights" when the article has the longer form.
  for (const f of forms.values()) {
    if (formType(f) !== 'place' || f.words.length < 2) continue;
    if (!PLACE_SHORT_HEADS.has(f.words[f.words.length - 1]!)) continue;
    const short = forms.get(f.words.slice(0, -1).join(' '));
    if (short && formType(short) !== 'person' && !aliasGroupOf(short.key)) uf.union(f.key, short.key);
  }

  // Group votes.
  const groupVotes = new Map<string, Map<EntityType, number>>();
  for (const f of forms.values()) {
    const root = uf.find(f.key);
    let v = groupVotes.get(root);
    if (!v) groupVotes.set(root, (v = new Map()));
    for (const [t, c] of f.votes) v.set(t, (v.get(t) ?? 0) + c);
  }

  // 4. Candidates: the tagger's spans, then every occurrence of every form.
  for (const [s, e] of sentences) {
    const words = tokens.slice(s, e).map((t) => t.text);
    const letters = words.filter((w) => /\p{L}/u.test(w));
    if (letters.length >= 2 && letters.filter((w) => !/\p{Ll}/u.test(w)).length / letters.length > 0.8) capsSentence.fill(1, s, e);
  }
  const candidates: Candidate[] = [];
  spans.forEach((span, i) => {
    const key = spanForm[i]!.key;
    const amb = ambiguousSurnames.get(key);
    const type = TYPE_OF[span.type]!;
    candidates.push({
      start: tokens[span.start]!.start,
      end: tokens[span.end - 1]!.end,
      tokStart: span.start,
      tokEnd: span.end,
      group: uf.find(key),
      ...(amb ? { ambiguous: amb } : {}),
      tagger: true,
      ...(forcedPerson.has(key) ? { fixed: 'person' as const } : span.fixed || !starts ? { fixed: type } : {}),
    });
  });
  for (const b of blockers) {
    candidates.push({ start: tokens[b.start]!.start, end: tokens[b.end - 1]!.end, tokStart: b.start, tokEnd: b.end, group: null, tagger: true });
  }

  const byFirst = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    let l = byFirst.get(t.text);
    if (!l) byFirst.set(t.text, (l = []));
    l.push(i);
  });
  const rescan = (surface: string, group: string, ambiguous: string[] | undefined, fromTable: boolean, fixed?: EntityType) => {
    if (!/[\p{Lu}\p{N}]/u.test(surface)) return;
    const parts = tokenize(surface).map((t) => t.text);
    if (parts.length === 0) return;
    const single = parts.length === 1;
    const lowerSeen = single && (casing.get(parts[0]!.toLowerCase()) ?? '').includes('L');
    for (const i of byFirst.get(parts[0]!) ?? []) {
      if (i + parts.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < parts.length && ok; k++) {
        const gap = text.slice(tokens[i + k - 1]!.end, tokens[i + k]!.start);
        ok = tokens[i + k]!.text === parts[k] && gap.length <= 2 && !gap.includes('\n');
      }
      if (!ok) continue;
      // A word that the article also writes in lower case is not a name at the start of a sentence.
      if (lowerSeen && (sentenceStart[i] || capsSentence[i])) continue;
      if (fromTable && capsSentence[i] && single && parts[0]!.length <= 2) continue;
      candidates.push({
        start: tokens[i]!.start,
        end: tokens[i + parts.length - 1]!.end,
        tokStart: i,
        tokEnd: i + parts.length,
        group,
        ...(ambiguous ? { ambiguous } : {}),
        tagger: false,
        ...(fixed ? { fixed } : {}),
      });
    }
  };
  for (const f of forms.values()) {
    const amb = ambiguousSurnames.get(f.key);
    for (const s of f.surfaces) rescan(s, uf.find(f.key), amb, false, forcedPerson.has(f.key) ? 'person' : undefined);
  }
  // The alias table is also a small gazetteer: its forms are mentions even where the tagger found
  // none of them ("US" in a headline). Outside running text's casing, short forms are skipped.
  for (const g of ALIAS_GROUPS) {
    const node = `table:${g.name}`;
    const root = uf.find(node);
    for (const form of [g.name, ...g.aliases]) rescan(form, root, undefined, true, g.type);
  }
  for (const a of acronyms) rescan(a.surface, uf.find(a.group), undefined, false);

  // Overlaps: longest first; at equal length the tagger's span, then the earlier one.
  candidates.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      Number(a.group === null) - Number(b.group === null) ||
      Number(b.tagger) - Number(a.tagger) ||
      a.start - b.start,
  );
  const taken = new Uint8Array(tokens.length);
  const accepted: Candidate[] = [];
  for (const c of candidates) {
    let free = true;
    for (let i = c.tokStart; i < c.tokEnd && free; i++) free = !taken[i];
    if (!free) continue;
    taken.fill(1, c.tokStart, c.tokEnd);
    if (c.group !== null) accepted.push(c);
  }
  accepted.sort((a, b) => a.start - b.start);

  // Ambiguous surnames: the full name mentioned most recently before, else their own entity.
  const lastSeen = new Map<string, number>(); // group root -> last full-name mention start
  const candidateRoots = new Set<string>();
  for (const list of ambiguousSurnames.values()) for (const k of list) candidateRoots.add(uf.find(k));
  for (const c of accepted) {
    if (c.ambiguous) {
      let best: string | null = null;
      let bestPos = -1;
      for (const k of c.ambiguous) {
        const root = uf.find(k);
        const pos = lastSeen.get(root);
        if (pos !== undefined && pos > bestPos) {
          best = root;
          bestPos = pos;
        }
      }
      if (best) c.group = best;
    } else if (c.group && candidateRoots.has(c.group)) lastSeen.set(c.group, c.start);
  }

  // 5. One type per entity: every mention votes, with the tagger's own preference at that
  // position (a softmax over its start scores), so a name tagged once as a place and twice, more
  // confidently, as a person is a person. Rules (title/org/place words, surnames) vote outright.
  const softVotes = new Map<string, Map<EntityType, number>>();
  const voteFor = (root: string, type: EntityType, w: number) => {
    let v = softVotes.get(root);
    if (!v) softVotes.set(root, (v = new Map()));
    v.set(type, (v.get(type) ?? 0) + w);
  };
  for (const c of accepted) {
    const root = c.group!;
    if (c.fixed) voteFor(root, c.fixed, c.tagger ? 1 : RESCAN_VOTE);
    else if (starts) {
      const base = c.tokStart * 5;
      const sc = [starts[base + 1]!, starts[base + 2]!, starts[base + 3]!];
      const max = Math.max(...sc);
      const ex = sc.map((x) => Math.exp((x - max) / VOTE_TEMPERATURE));
      const sum = ex[0]! + ex[1]! + ex[2]!;
      const w = c.tagger ? 1 : RESCAN_VOTE;
      voteFor(root, 'person', (w * ex[0]!) / sum);
      voteFor(root, 'place', (w * ex[1]!) / sum);
      voteFor(root, 'organization', (w * ex[2]!) / sum);
    }
  }
  for (const root of softVotes.keys()) {
    if (!root.startsWith('table:')) continue;
    const table = aliasGroupOf(root.slice('table:'.length));
    if (table) voteFor(root, table.type, 1);
  }

  // 6. Entities.
  const groups = new Map<string, Mention[]>();
  for (const c of accepted) {
    let list = groups.get(c.group!);
    if (!list) groups.set(c.group!, (list = []));
    list.push({ field: 'text', start: c.start, end: c.end, text: text.slice(c.start, c.end) });
  }
  const entities: Entity[] = [];
  const ids = new Set<string>();
  for (const [root, mentions] of groups) {
    const votes = softVotes.get(root) ?? groupVotes.get(root) ?? new Map<EntityType, number>();
    const table = root.startsWith('table:') ? aliasGroupOf(root.slice('table:'.length)) : undefined;
    const type = majority(votes, table?.type) ?? table?.type;
    if (!type) continue;
    const counts = new Map<string, number>();
    for (const m of mentions) counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
    const surfaces = [...counts.keys()];
    let name: string;
    const canonical = table && surfaces.find((s) => normalizeName(s) === normalizeName(table.name));
    if (canonical) name = canonical;
    else {
      name = surfaces.reduce((best, s) => {
        const ws = s.split(/\s+/).length;
        const wb = best.split(/\s+/).length;
        if (ws !== wb) return ws > wb ? s : best;
        if (s.length !== best.length) return s.length > best.length ? s : best;
        return counts.get(s)! > counts.get(best)! ? s : best;
      });
    }
    let id = `${type}:${normalizeName(name)}`;
    for (let n = 2; ids.has(id); n++) id = `${type}:${normalizeName(name)}#${n}`;
    ids.add(id);
    const aliases = surfaces.filter((s) => s !== name).sort((a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b));
    entities.push({ id, name, type, aliases, mentions });
  }
  entities.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return entities;
}

