/**
 * Library-level evidence for people: one-word names typed as a place or an organization in some
 * articles that are the surname of a person other articles name in full ("Putin" read as a place
 * beside "a meeting with", where another article has "Vladimir Putin"), when the articles naming
 * the person in full are at least as many as those typing the bare word otherwise.
 */
import { aliasGroupOf, normalizeName, surnameOf } from './normalize.js';
import type { Entity } from './types.js';

export interface LibraryEvidence {
  /** Those names, normalised (normalizeName). */
  surnames: ReadonlySet<string>;
}

export const NO_EVIDENCE: LibraryEvidence = { surnames: new Set() };

/**
 * Collects the evidence an article at a time: two small maps of counts (one entry per surname or
 * one-word name), never the articles' entities.
 */
export class EvidenceCollector {
  private readonly fullName = new Map<string, number>(); // surname -> articles naming a person in full
  private readonly bare = new Map<string, number>(); // one-word non-person name -> articles

  add(entities: readonly Pick<Entity, 'name' | 'type'>[]): void {
    const seenFull = new Set<string>();
    const seenBare = new Set<string>();
    for (const e of entities) {
      const words = normalizeName(e.name).split(' ');
      if (e.type === 'person' && words.length >= 2) seenFull.add(surnameOf(words));
      else if (e.type !== 'person' && words.length === 1 && !aliasGroupOf(e.name)) seenBare.add(words[0]!);
    }
    for (const s of seenFull) this.fullName.set(s, (this.fullName.get(s) ?? 0) + 1);
    for (const s of seenBare) this.bare.set(s, (this.bare.get(s) ?? 0) + 1);
  }

  finish(): LibraryEvidence {
    return { surnames: new Set([...this.bare].filter(([w, n]) => (this.fullName.get(w) ?? 0) >= n).map(([w]) => w)) };
  }
}

/** Whether the evidence makes this entity a person. */
export function retypedByEvidence(evidence: LibraryEvidence, e: Pick<Entity, 'name' | 'type'>): boolean {
  return e.type !== 'person' && evidence.surnames.size > 0 && evidence.surnames.has(normalizeName(e.name));
}
