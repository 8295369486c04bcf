/**
 * On-disk cache of extraction results, one small JSON file per (extractor version, title, text), in
 * `<cache>/entities` (own-files.ts says where `<cache>` is). Never near the articles.
 *
 * An entry is as untrusted as an article: it is read with own-files' rules (no FIFO, no link, no
 * more than MAX_ENTRY_BYTES) and used only if it is entities `extract()` could have made for this
 * text; anything else is a miss, extracted again, never shown. A cache that cannot be created or
 * written is off for the rest of the run, and says why in one line (`problem`, `onProblem`): the
 * cache can only make things faster, never break them.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ensureOwnDirectory, errnoCode, ownDirectory, type OwnFileSystem, readOwnJson, realFileSystem, writeOwnFileAtomic } from '../own-files.js';
import { sanitizeSingleLine } from '../sanitize.js';
import { MAX_ENTITIES_PER_ARTICLE, MAX_MENTIONS_PER_ARTICLE, MAX_MENTIONS_PER_ENTITY } from './chunked.js';
import { aliasGroupOf } from './normalize.js';
import type { ArticleFields, Entity, EntityExtractor, EntityType, Mention } from './types.js';

/**
 * An entry holds no more than extract() keeps (chunked.ts' caps), and no more bytes than this.
 * Real entries are small (over all 17,356 Reuters-21578 articles the largest is 10.6 KB: 54
 * entities, 196 mentions); an article at the caps, 100,000 mentions of ~55 bytes each, is ~5.5
 * MB, so even it is cached.
 */
export const MAX_ENTRY_BYTES = 8 * 1024 * 1024;
export const MAX_NAME_CHARS = 256;

/** `<cache>/entities`: $LEDE_CACHE_DIR/entities, else $XDG_CACHE_HOME/lede/entities, else ~/.cache/lede/entities. */
export function entityCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const root = ownDirectory('cache', env);
  return root ? join(root, 'entities') : null;
}

/** The title is part of the key: the same text under another headline may read differently. */
export function cacheKey(article: ArticleFields, version: string): string {
  // The title's length first, so no (title, text) pair hashes like another split differently.
  const title = article.title ?? '';
  return createHash('sha256').update(version).update('\0').update(`${title.length}:`).update(title).update('\0').update(article.text).digest('hex');
}

const TYPES: ReadonlySet<unknown> = new Set<EntityType>(['person', 'place', 'organization']);

/** True when `value` has exactly this many own keys: an entry with more is not one lede wrote. */
function hasKeys(value: object, count: number): boolean {
  return Object.keys(value).length === count;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A name, alias or id as one line on a terminal shows it: non-empty, bounded, nothing a sanitiser would change. */
function isPrintableLabel(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME_CHARS && sanitizeSingleLine(v) === v;
}

/** The mention's field, or undefined when its `field` is not one extract() writes. */
function fieldOf(m: Record<string, unknown>, article: ArticleFields): string | undefined {
  if (m.field === 'title') return article.title;
  return m.field === 'text' ? article.text : undefined;
}

/**
 * Mentions as extract() makes them: non-empty spans of the field each names, the title's first,
 * each field's in order, each holding what it covers.
 */
function isMentionList(value: unknown, article: ArticleFields, budget: { mentions: number }): value is Mention[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_MENTIONS_PER_ENTITY) return false;
  budget.mentions -= value.length;
  if (budget.mentions < 0) return false;
  let previous = 0;
  let inText = false;
  for (const m of value as unknown[]) {
    if (!isRecord(m) || !hasKeys(m, 4)) return false;
    const { start, end, text: covered } = m;
    const field = fieldOf(m, article);
    if (field === undefined || !Number.isInteger(start) || !Number.isInteger(end) || typeof covered !== 'string') return false;
    if (m.field === 'text' && !inText) {
      inText = true;
      previous = 0;
    } else if (m.field === 'title' && inText) return false;
    const s = start as number;
    const e = end as number;
    if (s < previous || s >= e || e > field.length || covered.length !== e - s || !field.startsWith(covered, s)) return false;
    previous = s;
  }
  return true;
}

/** `person:…` for a person: extract() makes ids of the type and the normalised name. */
const isIdOfType = (id: string, type: string): boolean => id.charCodeAt(type.length) === 0x3a && id.startsWith(type);

const saysIt = (mentions: Mention[], form: unknown): boolean => mentions.some((m) => m.text === form);

/** extract() names an entity after one of its mentions, or after the alias-table group a mention belongs to. */
function isNameOf(name: string, mentions: Mention[]): boolean {
  return saysIt(mentions, name) || mentions.some((m) => aliasGroupOf(m.text)?.name === name);
}

/**
 * Whether a cache file's contents are entities of `article`: anything else (a truncated write, a
 * file from a different build, a crafted one) is a miss, never something the panel then trips on
 * (a mention past the end of the text, out of order for ] and [) or shows (a name with escape
 * sequences, or one the article never says).
 */
export function isEntityList(value: unknown, article: ArticleFields): value is Entity[] {
  if (!Array.isArray(value) || value.length > MAX_ENTITIES_PER_ARTICLE) return false;
  const budget = { mentions: MAX_MENTIONS_PER_ARTICLE };
  const ids = new Set<string>();
  for (const entity of value as unknown[]) {
    if (!isRecord(entity) || !hasKeys(entity, 5)) return false;
    const { id, name, type, aliases, mentions } = entity;
    if (!TYPES.has(type) || !isPrintableLabel(id) || !isIdOfType(id, type as string) || ids.has(id)) return false;
    ids.add(id);
    if (!isMentionList(mentions, article, budget) || !isPrintableLabel(name) || !isNameOf(name, mentions)) return false;
    if (!Array.isArray(aliases) || aliases.length > mentions.length) return false;
    if (!aliases.every((a: unknown) => isPrintableLabel(a) && saysIt(mentions, a))) return false;
  }
  return true;
}

/**
 * Directories found unusable in this thread, with why. Shared by every EntityCache on the same
 * directory, so after a full disk the cache stops trying for the rest of the run instead of
 * failing once per article.
 */
const offDirectories = new Map<string, string>();

export interface EntityCacheOptions {
  /** Told once, when this cache finds it cannot be used ("entity cache off: cannot create /proc/x (ENOENT)"). */
  onProblem?: (problem: string) => void;
  /** Test seam for fault injection. */
  fs?: OwnFileSystem;
}

export class EntityCache {
  private readonly dir: string | null;
  private readonly fs: OwnFileSystem;
  private readonly onProblem: ((problem: string) => void) | undefined;
  /** Set when the default location could not be found at all (no home directory). */
  private readonly homeless: string | null;
  private ensured = false;

  /** `dir` null: no cache, on purpose. Left out: the XDG location (entityCacheDir). */
  constructor(
    private readonly version: string,
    dir?: string | null,
    options: EntityCacheOptions = {},
  ) {
    const chosen = dir === undefined ? entityCacheDir() : dir;
    // Resolved, so every cache on one directory shares its off state however the path was spelled.
    this.dir = chosen === null ? null : resolve(chosen);
    this.homeless = dir === undefined && chosen === null ? 'entity cache off: no home directory to keep it in (set LEDE_CACHE_DIR)' : null;
    this.fs = options.fs ?? realFileSystem;
    this.onProblem = options.onProblem;
  }

  /** Why this cache is off, in one line; null while it works (or when it was turned off on purpose). */
  get problem(): string | null {
    return this.homeless ?? (this.dir ? (offDirectories.get(this.dir) ?? null) : null);
  }

  private file(article: ArticleFields): string | null {
    return this.dir ? join(this.dir, `${cacheKey(article, this.version)}.json`) : null;
  }

  get(article: ArticleFields): Entity[] | undefined {
    const file = this.file(article);
    if (!file) return undefined;
    const value = readOwnJson(file, MAX_ENTRY_BYTES, this.fs);
    return isEntityList(value, article) ? value : undefined;
  }

  set(article: ArticleFields, entities: Entity[]): void {
    const file = this.file(article);
    if (!file || !this.dir || offDirectories.has(this.dir)) return;
    if (!this.ensured) {
      const problem = ensureOwnDirectory(this.dir, this.fs);
      if (problem) return this.turnOff(this.dir, problem);
      this.ensured = true;
    }
    // Never write what get() would refuse: it would be a miss on every run.
    if (!isEntityList(entities, article)) return;
    const json = JSON.stringify(entities);
    if (Buffer.byteLength(json) > MAX_ENTRY_BYTES) return;
    try {
      writeOwnFileAtomic(file, json, { fs: this.fs });
    } catch (error) {
      this.turnOff(this.dir, `cannot write to ${sanitizeSingleLine(this.dir)} (${errnoCode(error) ?? 'unknown error'})`);
    }
  }

  private turnOff(dir: string, why: string): void {
    const problem = `entity cache off: ${why}`;
    offDirectories.set(dir, problem);
    this.onProblem?.(problem);
  }
}

/** Extracts through the cache. */
export function extractCached(extractor: EntityExtractor, cache: EntityCache, article: ArticleFields, onProgress?: (done: number, total: number) => void): Entity[] {
  const hit = cache.get(article);
  if (hit) return hit;
  const entities = extractor.extract(article.text, article.title, onProgress);
  cache.set(article, entities);
  return entities;
}
