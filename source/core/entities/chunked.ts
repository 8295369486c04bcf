/**
 * Bounds on what extraction holds and gives back, however long or dense the article.
 *
 * A long text is read a chunk at a time (cut at a paragraph, else a sentence, else a space), so
 * what the tagger and the resolver hold at once is one chunk's tokens, spans and candidates;
 * the chunks' entities are merged by id as they come, and a bare surname in one chunk joins the
 * full name another chunk gave, as it would inside one. What is kept is capped: the first
 * MAX_MENTIONS_PER_ENTITY mentions of an entity, the MAX_ENTITIES_PER_ARTICLE most mentioned
 * entities, and MAX_MENTIONS_PER_ARTICLE mentions in all; an entity at its cap is one the panel
 * says was cut (`isCapped`). A 16 MiB file of "US, UN, EU, UK." has 1.3 million mentions of
 * each: uncapped, `lede entities` on it took 3.7 GB.
 */
import { readingPosition } from './mention-order.js';
import { normalizeName } from './normalize.js';
import type { Entity, Mention } from './types.js';

/** Characters read at once. A chunk of running news text costs the extractor ~20 MB at its peak. */
export const CHUNK_CHARS = 100_000;
/** Real articles come nowhere near (Reuters-21578: at most 54 entities, 196 mentions in all). */
export const MAX_ENTITIES_PER_ARTICLE = 5_000;
export const MAX_MENTIONS_PER_ENTITY = 5_000;
export const MAX_MENTIONS_PER_ARTICLE = 100_000;

/**
 * Whether some of the entity's mentions may have been dropped at a cap: it holds as many as an
 * entity may. (Under the article's cap the share is smaller: `articleIsCapped` says so.)
 */
export function isCapped(entity: Entity): boolean {
  return entity.mentions.length >= MAX_MENTIONS_PER_ENTITY;
}

/** An entity's mention count as shown: "5000+" at the cap, where more were found than kept. */
export function mentionCountLabel(entity: Entity): string {
  return `${entity.mentions.length}${isCapped(entity) ? '+' : ''}`;
}

/**
 * Whether the article's entities are at a cap: as many entities, or mentions in all, as it may
 * hold, or one entity as many mentions, or its text (`textLength`) longer than extraction reads.
 */
export function articleIsCapped(entities: readonly Entity[], textLength = 0): boolean {
  if (entities.length >= MAX_ENTITIES_PER_ARTICLE || textLength > MAX_EXTRACTED_CHARS) return true;
  let total = 0;
  for (const e of entities) {
    if (isCapped(e)) return true;
    total += e.mentions.length;
  }
  return total >= MAX_MENTIONS_PER_ARTICLE - entities.length;
}

/** How the panel and `lede entities` say an article was cut at the caps. */
export const CAPPED_NOTE = 'capped: the first mentions only';

/** The same order extract() gives: most mentions first, then name, then id. */
export function byMentionsThenName(a: Entity, b: Entity): number {
  return b.mentions.length - a.mentions.length || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/**
 * The most of an article's text extraction reads: ~170,000 words, far past any news article
 * (Reuters-21578's longest is 12,197 characters), so only a dump or a hostile file is cut. Without
 * it, a 16 MiB file held the entity worker for a CPU-minute while the rest of the library's
 * entities waited behind it. The panel and `lede entities` say the article was cut.
 */
export const MAX_EXTRACTED_CHARS = 1_000_000;

/** Where extraction stops reading `text`: its end, or the last break before MAX_EXTRACTED_CHARS. */
export function extractionEnd(text: string): number {
  return text.length <= MAX_EXTRACTED_CHARS ? text.length : cutBefore(text, MAX_EXTRACTED_CHARS, CHUNK_CHARS);
}

/**
 * Where to cut `text` into chunks of at most `size` characters: each cut at the last paragraph
 * break before the limit, else the last sentence end, else the last space, else at the limit
 * (never inside a surrogate pair).
 */
export function chunkRanges(text: string, size = CHUNK_CHARS): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  while (text.length - start > size) {
    const cut = cutBefore(text, start + size, size);
    ranges.push([start, cut]);
    start = cut;
  }
  ranges.push([start, text.length]);
  return ranges;
}

/** The last paragraph break, else sentence end, else space in the `size / 2` before `limit`, else `limit`. */
function cutBefore(text: string, limit: number, size: number): number {
  const base = limit - size + Math.floor(size / 2);
  const window = text.slice(base, limit);
  const at = (found: number, width: number) => (found < 0 ? -1 : base + found + width);
  let cut = at(window.lastIndexOf('\n\n'), 2);
  if (cut < 0) cut = at(Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! ')), 2);
  if (cut < 0) cut = at(window.lastIndexOf(' '), 1);
  if (cut < 0) cut = isLowSurrogate(text.charCodeAt(limit)) ? limit - 1 : limit;
  return cut;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** What reads one chunk: its text, and the title with the first. Offsets are into the chunk. */
export type ReadChunk = (text: string, title: string | undefined) => Entity[];

/**
 * The article's entities, a chunk at a time through `read`, merged and capped. `onProgress` hears
 * the characters read so far after each chunk.
 */
export function extractInChunks(text: string, title: string | undefined, read: ReadChunk, onProgress?: (done: number, total: number) => void): Entity[] {
  const ranges = chunkRanges(text);
  if (ranges.length === 1) return capEntities(read(text, title));
  const merged = new Map<string, Entity>();
  for (const [k, [start, end]] of ranges.entries()) {
    for (const entity of read(text.slice(start, end), k === 0 ? title : undefined)) {
      const mentions = entity.mentions.map((m) => (m.field === 'title' ? m : { ...m, start: m.start + start, end: m.end + start }));
      addTo(merged, { ...entity, mentions });
    }
    onProgress?.(end, text.length);
  }
  return capEntities(joinBareSurnames([...merged.values()]));
}

/** Adds a chunk's entity to those of the chunks before: the same id is the same entity. */
function addTo(merged: Map<string, Entity>, entity: Entity): void {
  const known = merged.get(entity.id);
  if (!known) {
    merged.set(entity.id, { ...entity, aliases: [...entity.aliases], mentions: entity.mentions.slice(0, MAX_MENTIONS_PER_ENTITY) });
    return;
  }
  const room = MAX_MENTIONS_PER_ENTITY - known.mentions.length;
  if (room > 0) known.mentions.push(...entity.mentions.slice(0, room));
  for (const form of [entity.name, ...entity.aliases]) if (form !== known.name && !known.aliases.includes(form)) known.aliases.push(form);
}

/**
 * A one-word person ("Putin") whose word ends exactly one longer person's name ("Vladimir
 * Putin") is that person: inside one chunk the resolver does this, and a long article names
 * someone in full once, early.
 */
function joinBareSurnames(entities: Entity[]): Entity[] {
  const byLastWord = new Map<string, Entity[]>();
  for (const e of entities) {
    const words = normalizeName(e.name).split(' ');
    if (e.type !== 'person' || words.length < 2) continue;
    const last = words[words.length - 1]!;
    byLastWord.set(last, [...(byLastWord.get(last) ?? []), e]);
  }
  const joined = new Set<Entity>();
  for (const e of entities) {
    const words = normalizeName(e.name).split(' ');
    const full = e.type === 'person' && words.length === 1 ? byLastWord.get(words[0]!) : undefined;
    if (full?.length !== 1) continue;
    const into = full[0]!;
    const room = MAX_MENTIONS_PER_ENTITY - into.mentions.length;
    into.mentions = mergeInOrder(into.mentions, e.mentions).slice(0, into.mentions.length + Math.max(0, room));
    for (const form of [e.name, ...e.aliases]) if (!into.aliases.includes(form)) into.aliases.push(form);
    joined.add(e);
  }
  return joined.size === 0 ? entities : entities.filter((e) => !joined.has(e));
}

/** Two lists of mentions in reading order, as one. */
function mergeInOrder(a: Mention[], b: Mention[]): Mention[] {
  return [...a, ...b].sort((x, y) => readingPosition(x) - readingPosition(y));
}

/** The entity with its first `count` mentions, and only the aliases those still say. */
function cutMentions(entity: Entity, count: number): Entity {
  const mentions = entity.mentions.slice(0, count);
  const said = new Set(mentions.map((m) => m.text));
  return { ...entity, mentions, aliases: entity.aliases.filter((a) => said.has(a)) };
}

/**
 * The most mentions each entity may keep so that all of them together keep at most `total`: the
 * same share for every entity over it ("water-filling"), so the cap never starves the long tail
 * of names for a few that are everywhere.
 */
export function mentionShare(counts: readonly number[], total: number): number {
  const sorted = [...counts].sort((a, b) => a - b);
  let left = total;
  for (let i = 0; i < sorted.length; i++) {
    const share = Math.floor(left / (sorted.length - i));
    if (sorted[i]! > share) return share;
    left -= sorted[i]!;
  }
  return Infinity;
}

/**
 * The caps, on any article's entities: the most mentioned entities, and of each its first
 * mentions, no more than its share of the article's.
 */
export function capEntities(entities: Entity[]): Entity[] {
  const sorted = [...entities].sort(byMentionsThenName).slice(0, MAX_ENTITIES_PER_ARTICLE);
  const perEntity = Math.min(MAX_MENTIONS_PER_ENTITY, mentionShare(sorted.map((e) => e.mentions.length), MAX_MENTIONS_PER_ARTICLE));
  const kept = sorted.map((e) => (e.mentions.length > perEntity ? cutMentions(e, perEntity) : e));
  return kept.length === entities.length && kept.every((e, i) => e === entities[i]) ? entities : kept.sort(byMentionsThenName);
}
