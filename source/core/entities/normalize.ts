/** Name normalisation shared by aliasing inside an article and matching across articles. */
import { ALIAS_GROUPS } from './aliases.js';
import type { Entity, EntityType } from './types.js';

/** Lower case, no periods, straight apostrophes, single spaces, no diacritics. */
export function normalizeName(name: string): string {
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
 * The key that matches one entity across articles: `${type}:${normalised canonical name}`, where
 * a person is keyed by surname (so "Netanyahu" in one article and "Benjamin Netanyahu" in another
 * match: "person:netanyahu") and other names go through the built-in alias table ("U.S." and
 * "United States" are both "place:united states").
 */
export function entityKey(entity: Pick<Entity, 'name' | 'type'>): string {
  if (entity.type === 'person') {
    const words = normalizeName(entity.name).replace(/,/g, ' ').split(' ').filter(Boolean);
    while (words.length > 1 && NAME_SUFFIXES.has(words[words.length - 1]!)) words.pop();
    return `person:${words[words.length - 1] ?? ''}`;
  }
  const group = aliasGroupOf(entity.name);
  return group ? `${group.type}:${normalizeName(group.name)}` : `${entity.type}:${normalizeName(entity.name)}`;
}
