/**
 * The order mentions are read in: an article's title first, then its text. A mention's offsets
 * index into its own field, so stepping between mentions (] and [) goes by reading position, one
 * number that puts every title mention before the text's first character.
 */
import { firstIndexWhere } from '../sorted.js';
import type { Mention } from './types.js';

export type MentionField = 'title' | 'text';

/** Absent means 'text' (types.ts). */
export function fieldOf(mention: Mention): MentionField {
  return mention.field ?? 'text';
}

/**
 * The reading position of the title's first character: below any text offset by more than any
 * title is long, so a title mention's position (this plus its start) is before all of the text.
 */
export const TITLE_START = -(2 ** 40);

/** Where the reader meets `mention`: title mentions before all of the text's, each field's by start. */
export function readingPosition(mention: Mention): number {
  return fieldOf(mention) === 'title' ? TITLE_START + mention.start : mention.start;
}

const byField = new WeakMap<readonly Mention[], Map<MentionField, readonly Mention[]>>();

/**
 * The mentions of one field, in order. Kept per list (the same array while the entity is
 * selected), so highlighting, which caches per list, builds its index once.
 */
export function mentionsIn(mentions: readonly Mention[], field: MentionField): readonly Mention[] {
  let fields = byField.get(mentions);
  if (!fields) byField.set(mentions, (fields = new Map()));
  let list = fields.get(field);
  if (!list) {
    list = mentions.every((m) => fieldOf(m) === field) ? mentions : mentions.filter((m) => fieldOf(m) === field);
    fields.set(field, list);
  }
  return list;
}

/**
 * Index of the next mention read after reading position `position` (direction 1) or the previous
 * one before it (direction -1), wrapping around at either end; -1 when there are none.
 * `mentions` must be in reading order, as extract() gives them.
 */
export function mentionIndexAt(mentions: readonly Mention[], position: number, direction: 1 | -1): number {
  const n = mentions.length;
  if (n === 0) return -1;
  if (direction === 1) {
    const after = firstIndexWhere(n, (i) => readingPosition(mentions[i]!) > position);
    return after < n ? after : 0;
  }
  const notBefore = firstIndexWhere(n, (i) => readingPosition(mentions[i]!) >= position);
  return notBefore > 0 ? notBefore - 1 : n - 1;
}
