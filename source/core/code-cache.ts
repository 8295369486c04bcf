/**
 * Node's on-disk cache of compiled modules (module.enableCompileCache, Node ≥ 22.1): a start
 * after the first then takes V8's compiled code from it instead of parsing and compiling the
 * bundle again, ~13% of the CPU before the first frame on Node 22 (latency-startup.ts measures it). Node 20
 * has none, and lede compiles as before.
 *
 * The cache lives in lede's cache directory (`<cache>/code`, own-files.ts), never next to the
 * articles. Node keys it by the Node version, the V8 flags and each module's source, checks each
 * entry's checksum as it reads it and has V8 reject code that does not fit, so a stale or corrupt
 * entry is compiled afresh and written over; the entries are written as the process exits.
 */
import nodeModule from 'node:module';
import { ensureOwnDirectory } from './own-files.js';
import { codeCacheDirectory } from './script-code-cache.js';

/** module.enableCompileCache's shape (Node ≥ 22.1), for the Node 20 types lede builds with. */
export type EnableCompileCache = (directory: string) => { status: number; message?: string; directory?: string };

/** Node ≥ 22.1's, or undefined. */
export const nodeCompileCache = (nodeModule as { enableCompileCache?: EnableCompileCache }).enableCompileCache;

/** Node's compileCacheStatus: ENABLED and ALREADY_ENABLED mean the cache is in use. */
const IN_USE = new Set([1, 2]);

/**
 * Turns the cache on, for the modules loaded after this call; the directory in use, or null
 * (Node 20, no home, LEDE_CODE_CACHE=off, a directory that cannot be made): lede then simply
 * compiles everything, as it always did. Never throws: a cache is never a reason not to start.
 */
export function startCodeCache(env: NodeJS.ProcessEnv = process.env, enable: EnableCompileCache | undefined = nodeCompileCache): string | null {
  const dir = codeCacheDirectory(env);
  if (!enable || dir === null) return null;
  try {
    if (ensureOwnDirectory(dir) !== null) return null;
    const result = enable(dir);
    return IN_USE.has(result.status) ? (result.directory ?? dir) : null;
  } catch {
    return null;
  }
}
