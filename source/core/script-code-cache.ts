/**
 * V8's code cache for the chunks dist/ runs as scripts (script-chunk.ts): the compiled code of a
 * chunk, taken after the first frame so it holds the functions that frame ran (compiled lazily,
 * on first call), saved in lede's cache directory and given to V8 on the next start, which then
 * deserializes that code instead of parsing and compiling it.
 *
 * One file a chunk, `<cache>/code/<name>.v8`: a magic line, the key (from the SHA-256 of the chunk's
 * source, Node's and V8's versions, the architecture and V8's cached-data tag), the payload's
 * SHA-256, then V8's bytes. V8 checks only a source's length and its own version and flags, so
 * the key is what ties a cache to this very source; the digest is what keeps a damaged or
 * tampered payload from ever reaching V8. Read with own-files' rules (no FIFO, no link, a size
 * cap); anything wrong is a miss, and the next first frame writes the file again, atomically.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import { ensureOwnDirectory, ownDirectory, readOwnBytes, realFileSystem, writeOwnFileAtomic, type OwnFileSystem } from './own-files.js';

const MAGIC = Buffer.from('lede code cache 1\n', 'utf8');
const DIGEST_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 2 * DIGEST_BYTES;
/** The interactive chunk's cache measured 0.7–1.1 MB; far past that, something else is there. */
export const MAX_CODE_CACHE_BYTES = 16 * 1024 * 1024;

/** What a cache is valid for, beyond the source: the runtime that compiled it. */
export interface CodeCacheRuntime {
  node: string;
  v8: string;
  arch: string;
  tag: number;
}

export const currentRuntime = (): CodeCacheRuntime => ({ node: process.version, v8: process.versions.v8, arch: process.arch, tag: cachedDataVersionTag() });

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest();

/**
 * The key of a chunk's cache: SHA-256 of the source's SHA-256 (hex, worked out when dist is built,
 * so a start does not hash a megabyte again) and the runtime, as a JSON array.
 */
export function codeCacheKey(sourceSha256: string, runtime: CodeCacheRuntime): Buffer {
  return sha256(JSON.stringify([sourceSha256, runtime.node, runtime.v8, runtime.arch, runtime.tag]));
}

/** `<cache>/code` (V8's caches of the script chunks, and Node's compile cache on Node ≥ 22.1: code-cache.ts), or null when lede has no cache directory or LEDE_CODE_CACHE=off. */
export function codeCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.LEDE_CODE_CACHE === 'off') return null;
  const base = ownDirectory('cache', env);
  return base ? join(base, 'code') : null;
}

/** The file of the chunk named `name` (its name without esbuild's hash: one file a chunk, replaced as the bundle changes). */
export const codeCacheFile = (dir: string, name: string) => join(dir, `${name}.v8`);

/** V8's bytes for `key`, or undefined: missing, not a regular file, too big, another key, or a payload whose digest is wrong. */
export function readCodeCache(file: string, key: Buffer, fs: OwnFileSystem = realFileSystem): Buffer | undefined {
  const read = readOwnBytes(file, MAX_CODE_CACHE_BYTES, fs);
  if (!read.ok) return undefined;
  const bytes = read.bytes;
  if (bytes.length <= HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (!bytes.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES).equals(key)) return undefined;
  const payload = bytes.subarray(HEADER_BYTES);
  return sha256(payload).equals(bytes.subarray(MAGIC.length + DIGEST_BYTES, HEADER_BYTES)) ? payload : undefined;
}

/**
 * Saves V8's bytes for `key`; false when they could not be (no directory, a full disk, over the
 * cap). Never throws: a cache is never a reason to fail.
 */
export function writeCodeCache(file: string, key: Buffer, payload: Uint8Array, fs: OwnFileSystem = realFileSystem): boolean {
  if (payload.length === 0 || HEADER_BYTES + payload.length > MAX_CODE_CACHE_BYTES) return false;
  try {
    if (ensureOwnDirectory(join(file, '..'), fs) !== null) return false;
    writeOwnFileAtomic(file, [MAGIC, key, sha256(payload), payload], { fs });
    return true;
  } catch {
    return false;
  }
}
