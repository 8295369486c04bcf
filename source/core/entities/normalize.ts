/** Name normalisation shared by aliasing inside an article and matching across articles. */
import { ALIAS_GROUPS } from './aliases.js';
import type { Entity, EntityType } from './types.js';

/** Lower case, no periods, straight apostrophes, single spaces, no diacritics. */
export function normalizeName(name: string): string {
  if (name.length > MEMO_NAME_LENGTH) return normalizeOnce(name);
  let known = normalized.get(name);
  if (known === undefined) {
    // A library says the same few thousand names over and over: the index build asked for this
    // (seven regex passes) millions of times at 20,000 articles, 30% of its time.
    if (normalized.size >= NORMALIZED_KEPT) normalized.clear();
    known = normalizeOnce(name);
    normalized.set(name, known);
  }
  return known;
}

/** Names whose normal form is kept, and the longest kept; past the count the memo starts again (memory stays bounded). */
const NORMALIZED_KEPT = 50_000;
const MEMO_NAME_LENGTH = 200;
const normalized = new Map<string, string>();

function normalizeOnce(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

let aliasIndex: Map<string, { type: EntityType; name: string }> | null = null;

/** The built-in alias group a name belongs to, if any (by normalised form). */
export function aliasGroupOf(name: string): { type: EntityType; name: string } | undefined {
  if (!aliasIndex) {
    aliasIndex = new Map();
    for (const g of ALIAS_GROUPS) {
      for (const form of [g.name, ...g.aliases]) aliasIndex.set(normalizeName(form), { type: g.type, name: g.name });
    }
  }
  return aliasIndex.get(normalizeName(name));
}

const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/**
 * Geographic heads a place's short name drops ("the Golan" = "the Golan Heights", "Gaza" = "the
 * Gaza Strip"), lower case. Rivers, lakes and valleys are left out: "Jordan" is not "the Jordan
 * River".
 */
export const PLACE_SHORT_HEADS = new Set(['heights', 'strip', 'peninsula', 'desert', 'mountains', 'islands', 'archipelago']);

/**
 * The key that matches one entity across articles: `${type}:${normalised canonical name}`, where
 * a person is keyed by surname (so "Netanyahu" in one article and "Benjamin Netanyahu" in another
 * match: "person:netanyahu") and other names go through the built-in alias table ("U.S." and
 * "United States" are both "place:united states"), and a place drops a trailing geographic head
 * its short name omits ("Golan Heights" and "Golan" are both "place:golan").
 */
export function entityKey(entity: Pick<Entity, 'name' | 'type'>): string {
  if (entity.type === 'person') {
    const words = normalizeName(entity.name).replace(/,/g, ' ').split(' ').filter(Boolean);
    while (words.length > 1 && NAME_SUFFIXES.has(words[words.length - 1]!)) words.pop();
    return `person:${words[words.length - 1] ?? ''}`;
  }
  const group = aliasGroupOf(entity.name);
  if (group) return `${group.type}:${normalizeName(group.name)}`;
  const name = normalizeName(entity.name);
  if (entity.type === 'place') {
    const words = name.split(' ');
    if (words.length > 1 && PLACE_SHORT_HEADS.has(words[words.length - 1]!)) return `place:${words.slice(0, -1).join(' ')}`;
  }
  return `${entity.type}:${name}`;
}

/** A person's surname for matching a bare surname: the last word without an Arabic particle ("al-assad" -> "assad"). */
export function surnameOf(words: string[]): string {
  return (words[words.length - 1] ?? '').replace(/^(?:al|el|ad|as|ash|bin|ben|ibn|abu)-/, '');
}
