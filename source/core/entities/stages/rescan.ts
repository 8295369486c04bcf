/**
 * Stage 4 of resolveEntities, "re-scan": the candidate mentions. The tagger's spans and blockers,
 * then every case-sensitive, whole-token occurrence of every form of a group (so "Israel's" gives
 * "Israel"; in a sentence written in capitals, the form in capitals), even where the tagger
 * missed it; the alias table's forms are looked for even when
 * the tagger found none of them, and so are acronyms the article defines (those of MISC names,
 * "the Joint Comprehensive Plan of Action (JCPOA)", as blockers).
 */
import { ALIAS_GROUPS } from '../aliases.js';
import { tokenize } from '../tokenize.js';
import type { EntityType } from '../types.js';
import { TYPE_OF, type ResolveContext, type TaggedSpan } from './context.js';
import type { FormInfo, Forms } from './forms.js';
import type { Merged } from './merge.js';

export interface Candidate {
  start: number;
  end: number;
  tokStart: number;
  tokEnd: number;
  /** Group root, or null for a MISC blocker. */
  group: string | null;
  /** Surname shared by several people: resolved by position after overlaps. */
  ambiguous?: string[];
  tagger: boolean;
  /** Found as a form of the built-in alias table: as sure as the tagger's own spans. */
  table?: boolean;
  /** A rule fixed this mention's type. */
  fixed?: EntityType;
}

/** Most surfaces whose tokens are kept (cleared when full): the alias table's and the articles' recurring names. */
const PARTS_CACHE_LIMIT = 10_000;
const partsCache = new Map<string, readonly string[]>();

/** The tokens' texts of a name's surface (tokenized once per spelling, not per article). */
function partsOf(surface: string): readonly string[] {
  let parts = partsCache.get(surface);
  if (!parts) {
    if (partsCache.size >= PARTS_CACHE_LIMIT) partsCache.clear();
    parts = tokenize(surface).map((t) => t.text);
    partsCache.set(surface, parts);
  }
  return parts;
}

export function rescanCandidates(ctx: ResolveContext, spans: TaggedSpan[], spanForm: FormInfo[], blockers: TaggedSpan[], forms: Forms, merged: Merged): Candidate[] {
  const { text, tokens, casing, sentenceStart, capsSentence } = ctx;
  const { uf, ambiguousSurnames, forcedPerson } = merged;
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
      ...(forcedPerson.has(key) ? { fixed: 'person' as const } : span.fixed || !ctx.starts ? { fixed: type } : {}),
    });
  });
  for (const b of blockers) candidates.push({ start: tokens[b.start]!.start, end: tokens[b.end - 1]!.end, tokStart: b.start, tokEnd: b.end, group: null, tagger: true });

  // Where the tagger's own name span starts, its length: a re-scan of the same tokens adds nothing
  // (it would lose the tie), so it is not made at all (a text of one name repeated stays small).
  const taggerLength = new Int32Array(tokens.length);
  for (const span of spans) taggerLength[span.start] = span.end - span.start;
  const byFirst = new Map<string, number[]>();
  // In a sentence written in capitals ("NETANYAHU SPEAKS IN JERUSALEM") a form is found in capitals.
  const byFirstInCaps = new Map<string, number[]>();
  const index = (map: Map<string, number[]>, key: string, i: number) => {
    const l = map.get(key);
    if (l) l.push(i);
    else map.set(key, [i]);
  };
  tokens.forEach((t, i) => {
    index(byFirst, t.text, i);
    if (capsSentence[i]) index(byFirstInCaps, t.text.toUpperCase(), i);
  });
  const rescan = (surface: string, group: string | null, ambiguous: string[] | undefined, fromTable: boolean, fixed?: EntityType) => {
    if (!/[\p{Lu}\p{N}]/u.test(surface)) return;
    const parts = partsOf(surface);
    if (parts.length === 0) return;
    const single = parts.length === 1;
    const lowerSeen = single && (casing.get(parts[0]!.toLowerCase()) ?? '').includes('L');
    const upper = parts.map((p) => p.toUpperCase());
    const inCaps = upper.join('') !== parts.join('') && parts.join('').length >= 3 ? (byFirstInCaps.get(upper[0]!) ?? []) : [];
    for (const i of [...(byFirst.get(parts[0]!) ?? []), ...inCaps]) {
      if (i + parts.length > tokens.length || (group !== null && taggerLength[i] === parts.length)) continue;
      const want = tokens[i]!.text === parts[0] ? parts : upper;
      let ok = true;
      for (let k = 1; k < parts.length && ok; k++) {
        const gap = text.slice(tokens[i + k - 1]!.end, tokens[i + k]!.start);
        ok = tokens[i + k]!.text === want[k] && gap.length <= 2 && !gap.includes('\n');
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
        ...(fromTable ? { table: true } : {}),
        ...(fixed ? { fixed } : {}),
      });
    }
  };
  for (const f of forms.values()) {
    const amb = ambiguousSurnames.get(f.key);
    for (const s of f.surfaces) rescan(s, uf.find(f.key), amb, false, forcedPerson.has(f.key) ? 'person' : undefined);
  }
  for (const g of ALIAS_GROUPS) {
    const root = uf.find(`table:${g.name}`);
    for (const form of [g.name, ...g.aliases]) rescan(form, root, undefined, true, g.type);
  }
  for (const a of merged.acronyms) rescan(a.surface, uf.find(a.group), undefined, false);
  for (const a of merged.miscAcronyms) rescan(a, null, undefined, false);
  return candidates;
}
