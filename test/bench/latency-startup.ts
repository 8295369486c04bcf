/**
 * The first frame on the bundled articles, and where its milliseconds go:
 *
 *   npm run bench -- latency --startup [--runs 5] [--json]
 *
 * - the first frame as a person sees it (pty: spawn → the first title on screen), median of runs;
 * - node itself: `node -e 0`, spawn to exit, and node's own bootstrap (performance.nodeTiming);
 * - marks inside the real CLI, taken by a preload that watches stdout: when the alternate screen
 *   is entered (arguments parsed, library loaded, Ink and React imported) and when the frame holding
 *   the first title is written (Ink's first render);
 * - the cost of importing each library, bundled the way dist is, each in a fresh process: meow,
 *   React, Yoga (a WebAssembly module), string-width (its emoji regex), Ink (all of these);
 * - the CPU the process used until it wrote that frame (all its threads: process.cpuUsage), which
 *   load on a shared machine inflates far less than the wall time, and the load average beside;
 * - the code caches off and warm: V8's of the chunks dist runs as scripts (source/core/script-chunk.ts),
 *   and Node's compile cache (module.enableCompileCache, Node ≥ 22.1: dist/cli.js turns it on) when
 *   the Node running the bench has it; the first frame above is warm, as every start after the first;
 * - the earlier experiment: the whole bundle one CommonJS script with a V8 code cache
 *   (latency-code-cache.ts), and a startup snapshot attempt.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { codeCacheExperiment } from './latency-code-cache.js';
import { BUNDLED_FIRST_TITLE, firstFrameOnce } from './latency-first-frame.js';
import { loadPty } from './pty.js';
import type { Pty } from './timed-terminal.js';
import { arg, percentile, round } from './stats.js';

const median = (values: number[]) => round(percentile(values, 50), 1);

/** The preload: stamps the first alternate-screen write and the first write holding the title. */
const MARKS_PRELOAD = `
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
const marks = { preload: performance.now(), bootstrap: performance.nodeTiming.bootstrapComplete };
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  const text = String(chunk);
  if (marks.altScreen === undefined && text.includes('\\x1b[?1049h')) marks.altScreen = performance.now();
  if (marks.firstFrame === undefined && text.includes(${JSON.stringify(BUNDLED_FIRST_TITLE.slice(0, 7))})) {
    marks.firstFrame = performance.now();
    const cpu = process.cpuUsage();
    marks.cpuAtFirstFrame = (cpu.user + cpu.system) / 1000;
  }
  return write(chunk, ...rest);
};
process.on('exit', () => writeFileSync(process.env.LEDE_MARKS_FILE, JSON.stringify(marks)));
`;

/** Each probe imports one library (bundled like dist) and prints ms since the process started. */
const PROBES: Record<string, string> = {
  nothing: '',
  meow: "import meow from 'meow'; void meow;",
  react: "import React from 'react'; void React;",
  yoga: "import Yoga from 'yoga-layout'; void Yoga;",
  'string-width': "import stringWidth from 'string-width'; stringWidth('x');",
  ink: "import { render } from 'ink'; void render;",
};

/**
 * Bundles a probe as dist is built (package.json's build script): ESM with code splitting (Ink's
 * devtools stay in a chunk that production never loads), production React.
 */
async function bundleLikeDist(entry: string, outdir: string, root: string): Promise<string> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [entry],
    outdir,
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    nodePaths: [join(root, 'node_modules')],
    external: ['react-devtools-core'],
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: "import{createRequire as __lede_createRequire}from'node:module';const require=__lede_createRequire(import.meta.url);" },
  });
  return join(outdir, `${basename(entry).replace(/\.ts$/, '')}.mjs`);
}

async function importCosts(runs: number, tmp: string, root: string): Promise<Record<string, number>> {
  const files: Record<string, string> = {};
  for (const [name, body] of Object.entries(PROBES)) {
    const entry = join(tmp, `probe-${name}.ts`);
    writeFileSync(entry, `${body}\nprocess.stdout.write(String(performance.now()));\n`);
    files[name] = await bundleLikeDist(entry, join(tmp, `probe-${name}`), root);
  }
  const times: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    for (const [name, file] of Object.entries(files)) {
      const r = spawnSync(process.execPath, [file], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      (times[name] ??= []).push(Number(r.stdout));
    }
  }
  const base = median(times.nothing!);
  const result: Record<string, number> = { 'an empty bundle, ms since process start': base };
  for (const name of Object.keys(PROBES)) {
    if (name === 'nothing') continue;
    const valid = times[name]!.filter((t) => t > 0);
    result[name] = valid.length === times[name]!.length ? round(median(valid) - base, 1) : Number.NaN;
  }
  return result;
}

/**
 * dist/cli.js with the code caches off (LEDE_CODE_CACHE=off) and warm (a cache directory an earlier
 * start filled), interleaved: CPU until the first frame and the frame itself, medians. The caches:
 * V8's of the chunks dist runs as scripts (source/core/script-chunk.ts, every Node), and on Node
 * ≥ 22.1 Node's compile cache of the other modules (module.enableCompileCache).
 */
async function codeCacheRuns(pty: Pty, context: { root: string; cli: string; runs: number; tmp: string; preload: string; warmCache: string }): Promise<Record<string, unknown>> {
  const probe = spawnSync(process.execPath, ['-p', "typeof require('node:module').enableCompileCache"], { encoding: 'utf8' });
  const marksFile = join(context.tmp, 'code-cache-marks.json');
  const variants = { off: { LEDE_CODE_CACHE: 'off' }, warm: { LEDE_CACHE_DIR: context.warmCache } } as const;
  const results: Record<string, { frame: number[]; cpu: number[] }> = { off: { frame: [], cpu: [] }, warm: { frame: [], cpu: [] } };
  for (let i = 0; i < context.runs; i++) {
    for (const [name, env] of Object.entries(variants)) {
      results[name]!.frame.push(await firstFrameOnce(pty, [context.cli], context.root, env));
      await firstFrameOnce(pty, ['--import', context.preload, context.cli], context.root, { ...env, LEDE_MARKS_FILE: marksFile });
      results[name]!.cpu.push((JSON.parse(readFileSync(marksFile, 'utf8')) as { cpuAtFirstFrame: number }).cpuAtFirstFrame);
    }
  }
  return {
    caches: `V8's of the script chunks${probe.stdout.trim() === 'function' ? ", and Node's compile cache" : ` (no compile cache in Node ${process.version}: it is Node ≥ 22.1)`}`,
    ...Object.fromEntries(Object.entries(results).map(([name, r]) => [name, { first_frame_ms_p50: median(r.frame), cpu_ms_until_first_frame_p50: median(r.cpu) }])),
  };
}

export async function benchStartupSplit(argv: string[], context: { root: string; cli: string }): Promise<Record<string, unknown>> {
  const pty = await loadPty();
  if ('unavailable' in pty) return { skipped: pty.unavailable };
  const runs = Number(arg(argv, '--runs') ?? 5);
  const tmp = mkdtempSync(join(tmpdir(), 'lede-startup-split-'));
  try {
    const nodeAlone: number[] = [];
    const firstFrames: number[] = [];
    const marks: Record<string, number>[] = [];
    const preload = join(tmp, 'marks.mjs');
    writeFileSync(preload, MARKS_PRELOAD);
    // Every start after a person's first finds the code caches the first wrote: so do these.
    const warmCache = join(tmp, 'lede-cache');
    await firstFrameOnce(pty, [context.cli], context.root, { LEDE_CACHE_DIR: warmCache });
    const loadBefore = loadavg();
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      spawnSync(process.execPath, ['-e', '0']);
      nodeAlone.push(Number(process.hrtime.bigint() - start) / 1e6);
      firstFrames.push(await firstFrameOnce(pty, [context.cli], context.root, { LEDE_CACHE_DIR: warmCache }));
      const marksFile = join(tmp, `marks-${i}.json`);
      await firstFrameOnce(pty, ['--import', preload, context.cli], context.root, { LEDE_CACHE_DIR: warmCache, LEDE_MARKS_FILE: marksFile });
      marks.push(JSON.parse(readFileSync(marksFile, 'utf8')) as Record<string, number>);
    }
    const mark = (name: string) => median(marks.map((m) => m[name]!).filter((v) => v !== undefined));
    return {
      runs,
      load_average_1m: { before: round(loadBefore[0]!, 2), after: round(loadavg()[0]!, 2) },
      first_frame_ms: { p50: median(firstFrames), min: round(Math.min(...firstFrames), 1), max: round(Math.max(...firstFrames), 1) },
      cpu_ms_until_first_frame: mark('cpuAtFirstFrame'),
      node_e0_ms: median(nodeAlone),
      code_cache: await codeCacheRuns(pty, { ...context, runs, tmp, preload, warmCache }),
      inside_the_cli_ms_since_process_start: {
        node_bootstrap_complete: mark('bootstrap'),
        preload_runs: mark('preload'),
        alternate_screen_entered: mark('altScreen'),
        first_frame_written: mark('firstFrame'),
      },
      import_cost_ms: await importCosts(runs, tmp, context.root),
      whole_bundle_script_experiment: await codeCacheExperiment(pty, { ...context, runs, tmp }),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
  }
}
