/**
 * Runs a chunk of dist/ that the build turned into a script (test/tools/script-chunk.mjs: the CLI's
 * and the interactive reader's, which only lede's own launcher imports), with V8's code cache when
 * lede has a valid one (script-code-cache.ts). Node 20 has no code cache for ES modules; a
 * vm.Script takes one. Measured on the bundled articles (2 cores): the CPU until the first frame
 * fell by ~20 ms with the cache (see the README's performance section).
 *
 * The chunk's ES module shim (written by the build in the chunk's place) imports the chunks the
 * script needs, then calls runScriptChunk, which compiles the script (cached data given when
 * there is a valid cache), runs it with those chunks, and returns its exports. A missing,
 * stale, tampered or rejected cache only means compiling as an ES module would: the script runs
 * all the same, and saveCodeCaches, called after the first frame, writes a fresh one.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { codeCacheDirectory, codeCacheFile, codeCacheKey, currentRuntime, readCodeCache, writeCodeCache } from './script-code-cache.js';

export interface ScriptChunk {
  /** The shim's import.meta.url (the script sits beside it). */
  url: string;
  /** The script's file name, beside the shim. */
  script: string;
  /** The chunk's name without esbuild's hash (`interactive`): its cache file's name. */
  name: string;
  /** The script's SHA-256 (hex), from the build: what its code cache is keyed by. */
  sha256: string;
  /** The namespaces of the chunks the script imports, by specifier (`./chunk-X.js`). */
  chunks: Record<string, object>;
}

type ScriptBody = (
  require: NodeJS.Require,
  chunk: (specifier: string) => object,
  load: (specifier: string) => Promise<unknown>,
  importMetaUrl: string,
) => Promise<Record<string, unknown>>;

interface RanScript {
  script: Script;
  file: string | null;
  key: Buffer;
  /** No cache was given, or V8 rejected it: one is written after the first frame. */
  stale: boolean;
}

const ran: RanScript[] = [];

export async function runScriptChunk(chunk: ScriptChunk, env: NodeJS.ProcessEnv = process.env): Promise<Record<string, unknown>> {
  const path = fileURLToPath(new URL(chunk.script, chunk.url));
  const source = readFileSync(path, 'utf8');
  const dir = codeCacheDirectory(env);
  const file = dir === null ? null : codeCacheFile(dir, chunk.name);
  const key = codeCacheKey(chunk.sha256, currentRuntime());
  const cachedData = file === null ? undefined : readCodeCache(file, key);
  const script = new Script(source, { filename: path, cachedData });
  ran.push({ script, file, key, stale: cachedData === undefined || script.cachedDataRejected === true });
  const body = script.runInThisContext() as ScriptBody;
  const chunkNamed = (specifier: string) => {
    const namespace = chunk.chunks[specifier];
    if (!namespace) throw new Error(`script chunk ${chunk.name}: no chunk ${specifier}`);
    return namespace;
  };
  const load = (specifier: string) => import(specifier.startsWith('./') ? new URL(specifier, chunk.url).href : specifier);
  // The shim stands where the chunk was, so its URL is the chunk's import.meta.url.
  return body(createRequire(chunk.url), chunkNamed, load, chunk.url);
}

/**
 * Writes the code cache of each script this start ran without a valid one: called after the first
 * frame, so the functions that frame compiled are in it. Nothing to do when every cache was taken
 * (or from the sources, where nothing runs as a script).
 */
export function saveCodeCaches(): void {
  for (const entry of ran) {
    if (!entry.stale || entry.file === null) continue;
    entry.stale = false;
    writeCodeCache(entry.file, entry.key, entry.script.createCachedData());
  }
}
