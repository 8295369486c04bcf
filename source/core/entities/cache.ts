/**
 * On-disk cache of extraction results, one small JSON file per (extractor version, text).
 * Location: $LEDE_CACHE_DIR, else $XDG_CACHE_HOME/lede/entities, else ~/.cache/lede/entities.
 * Never written anywhere near the articles. Every failure (corrupt file, read-only disk, no home)
 * is treated as a miss: the cache can only make things faster, never break them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Entity } from './types.js';

export function entityCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.LEDE_CACHE_DIR) return env.LEDE_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'lede', 'entities');
  try {
    const home = homedir();
    return home ? join(home, '.cache', 'lede', 'entities') : null;
  } catch {
    return null;
  }
}

export function cacheKey(text: string, version: string): string {
  return createHash('sha256').update(version).update('\0').update(text).digest('hex');
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** A mention list as extract() makes them: spans of `text` in order, each holding what it covers. */
function isMentionList(value: unknown, text: string): boolean {
  if (!Array.isArray(value)) return false;
  let previous = 0;
  for (const m of value as unknown[]) {
    if (!m || typeof m !== 'object') return false;
    const { start, end, text: covered } = m as { start: unknown; end: unknown; text: unknown };
    if (!Number.isInteger(start) || !Number.isInteger(end) || !isString(covered)) return false;
    const s = start as number;
    const e = end as number;
    if (s < previous || s > e || e > text.length || text.slice(s, e) !== covered) return false;
    previous = s;
  }
  return true;
}

/**
 * Whether a cache file's contents are entities of `text`: anything else (a truncated write, a
 * file from a different build, a crafted one) is a miss, never something the panel then trips on
 * (a mention past the end of the text, out of order for ] and [, a name that is not a string).
 */
function isEntityList(value: unknown, text: string): value is Entity[] {
  if (!Array.isArray(value)) return false;
  return value.every((e: unknown) => {
    if (!e || typeof e !== 'object' || Array.isArray(e)) return false;
    const entity = e as Record<string, unknown>;
    return (
      isString(entity.id) &&
      isString(entity.name) &&
      (entity.type === 'person' || entity.type === 'place' || entity.type === 'organization') &&
      Array.isArray(entity.aliases) &&
      entity.aliases.every(isString) &&
      isMentionList(entity.mentions, text)
    );
  });
}

export class EntityCache {
  private readonly dir: string | null;
  private ensured = false;
  constructor(
    private readonly version: string,
    dir: string | null = entityCacheDir(),
  ) {
    this.dir = dir;
  }

  private file(text: string): string | null {
    return this.dir ? join(this.dir, `${cacheKey(text, this.version)}.json`) : null;
  }

  get(text: string): Entity[] | undefined {
    const file = this.file(text);
    if (!file) return undefined;
    try {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (isEntityList(value, text)) return value;
    } catch {
      // Missing or corrupt: a miss.
    }
    return undefined;
  }

  set(text: string, entities: Entity[]): void {
    const file = this.file(text);
    if (!file || !this.dir) return;
    try {
      if (!this.ensured) {
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        this.ensured = true;
      }
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, JSON.stringify(entities));
      renameSync(tmp, file);
    } catch {
      // Unwritable cache: carry on without it.
    }
  }
}

/** Extracts through the cache. */
export function extractCached(extractor: { version: string; extract(text: string): Entity[] }, cache: EntityCache, text: string): Entity[] {
  const hit = cache.get(text);
  if (hit) return hit;
  const entities = extractor.extract(text);
  cache.set(text, entities);
  return entities;
}
