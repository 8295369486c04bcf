/**
 * Would a V8 code cache make the first frame sooner? Node 20 has no compile cache for ES modules
 * (module.enableCompileCache is Node 22), so the experiment builds a throwaway copy of the CLI as
 * one CommonJS script run through vm.Script, whose `cachedData` V8 fills after a run and takes on
 * the next. Two things in the bundle are not possible in a script, and are changed in the copy:
 * Yoga awaits its WebAssembly at the top level (the launcher loads it first, through
 * `yoga-layout/load`, and the script finds it on a global), and Ink's reconciler awaits two
 * development-only imports at its top level (taken out; production skips them).
 *
 * Measured, interleaved, median of runs: dist as built; the script without a cache; the script
 * with the cache an earlier run wrote; and a Node 20 startup snapshot (`--build-snapshot`) holding
 * the compiled script, if it can be built and run.
 *
 * Not shipped: the one script holds all of lede, the entity tagger and its model included (4 MB:
 * esbuild splits ES modules only), where dist loads 1.4 MB before the first frame. On 2026-12-01
 * (load average 14, CPU until the first frame, 8 interleaved runs) dist took 332 ms, the script
 * 423, the script with its cache 372: the cache saves ~50 ms of the script's compile, less than
 * the script costs over dist. What dist ships instead: the two chunks loaded before the first frame
 * that only lede's launcher imports (the CLI's and the interactive reader's, 1.36 MB) run as
 * scripts with a V8 code cache taken after the first frame (source/core/script-chunk.ts), and on
 * Node ≥ 22.1 Node's own compile cache (source/core/code-cache.ts) for the other chunks.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstFrameOnce } from './latency-first-frame.js';
import { percentile, round } from './stats.js';
import type { Pty } from './timed-terminal.js';

/** The script's wrapper: CommonJS's, plus the `import.meta` the bundle was built to read from `__lede_meta`. */
const WRAP_START = '(function (exports, require, module, __filename, __dirname, __lede_meta) {';

/** Runs cli.cjs from a vm.Script, with LEDE_CODE_CACHE as its code cache (read if there, written at exit). */
const LAUNCHER = `'use strict';
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');
const { loadYoga } = require('./yoga-loader.cjs');
const path = join(__dirname, 'cli.cjs');
const cachePath = process.env.LEDE_CODE_CACHE;
const cachedData = cachePath && existsSync(cachePath) ? readFileSync(cachePath) : undefined;
const source = ${JSON.stringify(WRAP_START)} + readFileSync(path, 'utf8').replace(/^#!.*/, '') + '\\n})';
const script = new vm.Script(source, { filename: path, cachedData });
if (process.env.LEDE_CODE_CACHE_REPORT) writeFileSync(process.env.LEDE_CODE_CACHE_REPORT, JSON.stringify({ given: cachedData !== undefined, rejected: script.cachedDataRejected ?? null }));
// Written as the session ends, so the functions the first frame compiled lazily are in it.
if (cachePath) process.on('exit', () => writeFileSync(cachePath, script.createCachedData()));
loadYoga().then((yoga) => {
  globalThis.__ledeYoga = yoga;
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, path, __dirname, { url: pathToFileURL(path).href });
});
`;

/** The snapshot's entry: the script compiled at build time, Yoga loaded and the CLI run once deserialized. */
const SNAPSHOT_ENTRY = `
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { startupSnapshot } from 'node:v8';
import vm from 'node:vm';
import { loadYoga } from 'yoga-layout/load';
const path = process.env.LEDE_SNAPSHOT_SCRIPT;
const run = vm.runInThisContext(${JSON.stringify(WRAP_START)} + readFileSync(path, 'utf8').replace(/^#!.*/, '') + '\\n})', { filename: path });
startupSnapshot.setDeserializeMainFunction(async () => {
  globalThis.__ledeYoga = await loadYoga();
  // A deserialized program has no script path in argv; meow reads the arguments after it.
  process.argv.splice(1, 0, path);
  const module = { exports: {} };
  run(module.exports, createRequire(path), module, path, path.replace(/\\/[^/]*$/, ''), { url: pathToFileURL(path).href });
});
`;

/** Ink's reconciler awaits at its top level only in development (DEV=true); production skips both. */
const inkWithoutTopLevelAwait = {
  name: 'ink-without-top-level-await',
  setup(build: import('esbuild').PluginBuild) {
    build.onLoad({ filter: /ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replace("await import('./devtools.js');", 'void 0;').replace('await loadPackageJson()', '{ name: undefined, version: undefined }');
      if (contents === source) throw new Error('ink reconciler: the top-level awaits were not found');
      return { contents, loader: 'js' as const };
    });
  },
};

/** Builds the throwaway copy in `into`: dist's worker and chunks, cli.cjs, the Yoga loader, the launcher, the snapshot entry. */
export async function buildCopy(root: string, cli: string, into: string): Promise<{ launcher: string; script: string; snapshotEntry: string }> {
  const esbuild = await import('esbuild');
  const dist = join(into, 'dist');
  mkdirSync(dist, { recursive: true });
  // The entity worker and its chunks, where the CLI looks for them (next to itself).
  const built = join(cli, '..');
  for (const file of readdirSync(built)) if (file !== 'cli.js') cpSync(join(built, file), join(dist, file));
  symlinkSync(join(root, 'articles'), join(into, 'articles'));
  const yogaGlobal = join(into, 'yoga-global.mjs');
  writeFileSync(yogaGlobal, 'export default globalThis.__ledeYoga;\n');
  const common = {
    bundle: true,
    platform: 'node' as const,
    target: 'node20',
    format: 'cjs' as const,
    logLevel: 'error' as const,
    nodePaths: [join(root, 'node_modules')],
    // Yoga's loader names its own URL, which a base64-embedded module never uses.
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta': '__lede_meta', 'import.meta.url': '"file:///yoga.js"' },
  };
  await esbuild.build({
    ...common,
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta': '__lede_meta' },
    entryPoints: [join(root, 'source', 'cli.tsx')],
    outfile: join(dist, 'cli.cjs'),
    external: ['react-devtools-core'],
    alias: { 'yoga-layout': yogaGlobal },
    // import() of a bundled module becomes a require, so the script needs no module loader.
    supported: { 'dynamic-import': false },
    plugins: [inkWithoutTopLevelAwait],
  });
  const loaderEntry = join(into, 'yoga-loader.mjs');
  writeFileSync(loaderEntry, "export { loadYoga } from 'yoga-layout/load';\n");
  await esbuild.build({ ...common, entryPoints: [loaderEntry], outfile: join(dist, 'yoga-loader.cjs') });
  writeFileSync(join(dist, 'cli-cached.cjs'), LAUNCHER);
  const snapshotSource = join(into, 'snapshot-entry.mjs');
  writeFileSync(snapshotSource, SNAPSHOT_ENTRY);
  // One file with no require but built-ins, as --build-snapshot needs.
  await esbuild.build({ ...common, entryPoints: [snapshotSource], outfile: join(dist, 'snapshot-entry.cjs') });
  return { launcher: join(dist, 'cli-cached.cjs'), script: join(dist, 'cli.cjs'), snapshotEntry: join(dist, 'snapshot-entry.cjs') };
}

/** Builds the startup snapshot; the blob, or why it could not be built. */
function buildSnapshot(entry: string, script: string, blob: string): { blob: string } | { failed: string } {
  const r = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', entry], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, LEDE_SNAPSHOT_SCRIPT: script } });
  if (r.status === 0 && existsSync(blob)) return { blob };
  const line = `${r.stderr ?? ''}`.split('\n').find((l) => /Error/.test(l)) ?? `exit ${r.status}`;
  return { failed: line.trim().slice(0, 300) };
}

const median = (values: number[]) => (values.length > 0 ? round(percentile(values, 50), 1) : null);

export async function codeCacheExperiment(pty: Pty, context: { root: string; cli: string; runs: number; tmp: string }): Promise<Record<string, unknown>> {
  const into = join(context.tmp, 'code-cache');
  try {
    const copy = await buildCopy(context.root, context.cli, into);
    const cacheFile = join(into, 'cli.cjs.v8cache');
    const reportFile = join(into, 'cache-report.json');
    const snapshot = buildSnapshot(copy.snapshotEntry, copy.script, join(into, 'snapshot.blob'));
    const times: Record<string, number[]> = { dist: [], script_no_cache: [], script_cached: [], snapshot: [] };
    const rejected: (boolean | null)[] = [];
    const failures: Record<string, string> = {};
    // One run writes the cache; then the variants, interleaved.
    await firstFrameOnce(pty, [copy.launcher], context.root, { LEDE_CODE_CACHE: cacheFile });
    for (let i = 0; i < context.runs; i++) {
      times.dist!.push(await firstFrameOnce(pty, [context.cli], context.root));
      times.script_no_cache!.push(await firstFrameOnce(pty, [copy.launcher], context.root));
      times.script_cached!.push(await firstFrameOnce(pty, [copy.launcher], context.root, { LEDE_CODE_CACHE: cacheFile, LEDE_CODE_CACHE_REPORT: reportFile }));
      rejected.push((JSON.parse(readFileSync(reportFile, 'utf8')) as { rejected: boolean | null }).rejected);
      if ('blob' in snapshot && !failures.snapshot) {
        try {
          times.snapshot!.push(await firstFrameOnce(pty, ['--snapshot-blob', snapshot.blob], context.root));
        } catch (error) {
          failures.snapshot = (error as Error).message.split('\n')[0]!;
        }
      }
    }
    return {
      first_frame_ms_p50: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])),
      cache_bytes: existsSync(cacheFile) ? statSync(cacheFile).size : 0,
      cache_rejected: rejected,
      snapshot: 'failed' in snapshot ? `could not be built: ${snapshot.failed}` : failures.snapshot ? `built, but does not run: ${failures.snapshot}` : `built (${Math.round(statSync(snapshot.blob).size / 2 ** 20)} MB) and runs`,
    };
  } finally {
    rmSync(into, { recursive: true, force: true, maxRetries: 5 });
  }
}
