/**
 * Would a V8 code cache make the first frame sooner? Node 20 has no compile cache for ES modules
 * (module.enableCompileCache is Node 22), so the experiment builds a throwaway copy of the CLI as
 * one CommonJS script run through vm.Script, whose `cachedData` V8 can fill after a run and take
 * on the next. Yoga stays an ES module (it awaits its WebAssembly at the top level, which a
 * script cannot): the launcher imports it and hands it to the script's `require`.
 *
 * Measured, interleaved, median of runs: dist as built; the script without a cache; the script
 * with the cache the previous run wrote. Then a startup snapshot (`--build-snapshot`) is tried.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstFrameOnce } from './latency-first-frame.js';
import { percentile, round } from './stats.js';
import type { Pty } from './timed-terminal.js';

const LAUNCHER = `
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as yoga from './yoga.mjs';
const url = new URL('./cli.cjs', import.meta.url);
const path = fileURLToPath(url);
const cachePath = process.env.LEDE_CODE_CACHE;
const cachedData = cachePath && existsSync(cachePath) ? readFileSync(cachePath) : undefined;
const source = '(function (exports, require, module, __filename, __dirname, __lede_meta) {' + readFileSync(path, 'utf8') + '\\n})';
const script = new vm.Script(source, { filename: path, cachedData });
if (cachePath && process.env.LEDE_CODE_CACHE_REPORT) writeFileSync(process.env.LEDE_CODE_CACHE_REPORT, JSON.stringify({ given: cachedData !== undefined, rejected: script.cachedDataRejected ?? null }));
// Written once the session ends, so the functions the first frame compiled lazily are in it.
if (cachePath) process.on('exit', () => writeFileSync(cachePath, script.createCachedData()));
const nodeRequire = createRequire(path);
const require = (id) => (id === 'yoga-layout' ? { __esModule: true, ...yoga } : nodeRequire(id));
const module = { exports: {} };
script.runInThisContext()(module.exports, require, module, path, dirname(path), { url: url.href });
`;

/** Builds the throwaway copy in `into`: dist's worker and chunks, cli.cjs, yoga.mjs, the launcher. */
async function buildCopy(root: string, cli: string, into: string): Promise<string> {
  const esbuild = await import('esbuild');
  const dist = join(into, 'dist');
  mkdirSync(dist, { recursive: true });
  // The entity worker and its chunks, where the CLI looks for them (next to itself).
  const built = join(cli, '..');
  for (const file of readdirSync(built)) if (file !== 'cli.js') cpSync(join(built, file), join(dist, file));
  symlinkSync(join(root, 'articles'), join(into, 'articles'));
  const common = { bundle: true, platform: 'node' as const, target: 'node20', logLevel: 'error' as const, nodePaths: [join(root, 'node_modules')] };
  await esbuild.build({
    ...common,
    entryPoints: [join(root, 'source', 'cli.tsx')],
    format: 'cjs',
    outfile: join(dist, 'cli.cjs'),
    external: ['yoga-layout', 'react-devtools-core'],
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta': '__lede_meta' },
    // import() of a bundled module becomes a require, so the script needs no module loader.
    supported: { 'dynamic-import': false },
  });
  writeFileSync(join(into, 'yoga-entry.mjs'), "export * from 'yoga-layout';\nexport { default } from 'yoga-layout';\n");
  await esbuild.build({ ...common, entryPoints: [join(into, 'yoga-entry.mjs')], format: 'esm', outfile: join(dist, 'yoga.mjs') });
  writeFileSync(join(dist, 'cli-cached.mjs'), LAUNCHER);
  return join(dist, 'cli-cached.mjs');
}

/** Node 20's user-land startup snapshot, tried on the CommonJS script: what it says. */
function snapshotAttempt(dist: string): string {
  const blob = join(dist, 'snapshot.blob');
  const r = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', join(dist, 'cli.cjs')], { encoding: 'utf8', timeout: 60_000 });
  if (r.status === 0 && existsSync(blob)) return 'built (see the figures for whether it runs)';
  const message = `${r.stderr ?? ''}`.split('\n').find((line) => /Error|error/.test(line)) ?? `exit ${r.status}`;
  return `fails: ${message.trim().slice(0, 300)}`;
}

export async function codeCacheExperiment(pty: Pty, context: { root: string; cli: string; runs: number; tmp: string }): Promise<Record<string, unknown>> {
  const into = join(context.tmp, 'code-cache');
  const launcher = await buildCopy(context.root, context.cli, into);
  const cacheFile = join(into, 'cli.cjs.v8cache');
  const reportFile = join(into, 'cache-report.json');
  const times: Record<string, number[]> = { dist: [], script_no_cache: [], script_cached: [] };
  const rejected: (boolean | null)[] = [];
  // One run to write the cache, then interleaved runs of the three.
  await firstFrameOnce(pty, launcher, context.root, [], { LEDE_CODE_CACHE: cacheFile });
  for (let i = 0; i < context.runs; i++) {
    times.dist!.push(await firstFrameOnce(pty, context.cli, context.root));
    times.script_no_cache!.push(await firstFrameOnce(pty, launcher, context.root));
    times.script_cached!.push(await firstFrameOnce(pty, launcher, context.root, [], { LEDE_CODE_CACHE: cacheFile, LEDE_CODE_CACHE_REPORT: reportFile }));
    rejected.push((JSON.parse(readFileSync(reportFile, 'utf8')) as { rejected: boolean | null }).rejected);
  }
  const summary = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, round(percentile(v, 50), 1)]));
  const result = {
    first_frame_ms_p50: summary,
    cache_bytes: existsSync(cacheFile) ? statSync(cacheFile).size : 0,
    cache_rejected: rejected,
    snapshot: snapshotAttempt(join(into, 'dist')),
  };
  rmSync(into, { recursive: true, force: true });
  return result;
}
