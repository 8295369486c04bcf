/**
 * What one frame of the library list costs the main thread, away from any terminal and any other
 * process's load: the app of a source tree (this one, or a throwaway copy with a change to try),
 * bundled the way dist is (esbuild with the tree's own build plugins, production React, code splitting, the entity worker beside
 * it), rendered by ink-testing-library (every commit is a frame, nothing throttled), and queries
 * typed key by key. Reported: the main thread's CPU time (/proc, so other processes' load does
 * not count) per frame and per key, while typing.
 *
 *   npm run bench -- latency --frame-cost [--tree DIR] [--generate N] [--alias PKG=FILE] [--cpu-prof DIR] [--plain] [--json]
 *
 * The app is drawn in 256 colours, as a terminal shows it (--plain: without a theme, no escape at all).
 *
 * --alias is esbuild's, to try a dependency changed in the copy (e.g. string-width=./sw/index.js).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './generate-corpus.js';
import { arg } from './stats.js';

const QUERIES = ['netanyahu', 'shoigu defense', 'netanyhau'];

/** The probe run in a fresh process: types the queries and prints its measurements as JSON. */
const probe = (tree: string, corpus: string, theme: 'colour' | 'plain') => `
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import React from 'react';
import { render } from 'ink-testing-library';
import { App } from ${JSON.stringify(join(tree, 'source/app.tsx'))};
import { loadLibrary } from ${JSON.stringify(join(tree, 'source/core/load/library.ts'))};
import { themeFor } from ${JSON.stringify(join(tree, 'source/views/theme.ts'))};
const library = await loadLibrary([${JSON.stringify(corpus)}]);
// Drawn in colour, as a terminal shows it: styled rows are what Ink has to tokenise.
const theme = ${JSON.stringify(theme)} === 'plain' ? undefined : themeFor({ TERM: 'xterm-256color' });
const app = render(React.createElement(App, { library, viewport: { cols: 100, rows: 40 }, ...(theme ? { theme } : {}) }));
// The main thread's CPU time (ms) from /proc: unlike wall-clock busy time, other processes' load does not inflate it.
const mainCpuMs = () => { const f = readFileSync('/proc/self/task/' + process.pid + '/stat', 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const last = () => app.lastFrame() ?? '';
const until = async (check) => { for (let i = 0; i < 6000 && !check(last()); i++) await sleep(5); };
await until((f) => /\\d\\/[\\d,]+/.test(f) && !f.includes('indexing'));
let busy = 0, frames = 0, keys = 0;
for (const query of ${JSON.stringify(QUERIES)}) {
  app.stdin.write('/');
  await until((f) => /^\\/ /m.test(f.split('\\n').at(-1) ?? ''));
  const before = mainCpuMs();
  const framesBefore = app.frames.length;
  for (const ch of query) { app.stdin.write(ch); keys++; await sleep(80); }
  await until((f) => / of [\\d,]+(?!…)/.test(f.split('\\n').at(-1) ?? '') && !f.split('\\n').at(-1).includes('…'));
  busy += mainCpuMs() - before;
  frames += app.frames.length - framesBefore;
  app.stdin.write('\\x1b');
  await until((f) => !/^\\/ /m.test(f.split('\\n').at(-1) ?? ''));
}
process.stdout.write(JSON.stringify({ keys, frames, cpu_ms: busy }));
app.unmount();
process.exit(0);
`;

export async function frameCost(options: { tree: string; corpus: string; alias: Record<string, string>; cpuProf?: string; theme?: 'colour' | 'plain' }): Promise<Record<string, number>> {
  const esbuild = await import('esbuild');
  // The tree's own bundle-time changes to its dependencies (Ink's Output caches, its string-width), as in its dist.
  const treeBuild = (await import(join(options.tree, 'test/tools/build.mjs'))) as { DIST_OPTIONS?: { plugins?: unknown[] } };
  const tmp = mkdtempSync(join(tmpdir(), 'lede-frame-cost-'));
  try {
    const entry = join(tmp, 'frame-cost.mjs');
    writeFileSync(entry, probe(options.tree, options.corpus, options.theme ?? 'colour'));
    await esbuild.build({
      entryPoints: [entry, join(options.tree, 'source/core/entities/entity-worker.ts')],
      outdir: tmp,
      entryNames: '[name]',
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      nodePaths: [join(options.tree, 'node_modules')],
      // One Ink, the tree's: ink-testing-library must render with the copy that is being tried.
      alias: { ink: join(options.tree, 'node_modules/ink/build/index.js'), ...options.alias },
      external: ['react-devtools-core'],
      plugins: (treeBuild.DIST_OPTIONS?.plugins ?? []) as never[],
      define: { 'process.env.NODE_ENV': '"production"' },
      banner: { js: "import{createRequire as __lede_createRequire}from'node:module';const require=__lede_createRequire(import.meta.url);" },
    });
    const env = { ...process.env, NODE_OPTIONS: '', LEDE_CACHE_DIR: join(tmp, 'cache'), LEDE_CONFIG_DIR: join(tmp, 'config'), LEDE_STATE_DIR: join(tmp, 'state') };
    const profile = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.cpuProf)}`] : [];
    const r = spawnSync(process.execPath, [...profile, join(tmp, 'frame-cost.js')], { encoding: 'utf8', env, maxBuffer: 64 * 2 ** 20 });
    if (r.status !== 0) throw new Error(`frame-cost probe failed (${r.status}): ${(r.stderr ?? '').slice(-400)}`);
    const { keys, frames, cpu_ms } = JSON.parse(r.stdout) as { keys: number; frames: number; cpu_ms: number };
    const round = (n: number) => Math.round(n * 10) / 10;
    return { keys, frames, cpu_ms: round(cpu_ms), cpu_per_frame_ms: round(cpu_ms / frames), cpu_per_key_ms: round(cpu_ms / keys) };
  } finally {
    rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** `latency --frame-cost`: the frame cost of --tree (default this one) at --generate N (2,000) articles. */
export async function benchFrameCost(argv: string[], context: { root: string; corpusDir: (count: number) => string }): Promise<Record<string, unknown>> {
  const tree = resolve(arg(argv, '--tree') ?? context.root);
  const count = Number(arg(argv, '--generate') ?? 2000);
  const alias = Object.fromEntries(
    argv.flatMap((a, i) => (a === '--alias' && argv[i + 1] ? [argv[i + 1]!.split('=') as [string, string]] : [])).map(([k, v]) => [k, resolve(tree, v)]),
  );
  const theme = argv.includes('--plain') ? 'plain' : 'colour';
  return { tree, articles: count, theme, ...(await frameCost({ tree, corpus: context.corpusDir(count), alias, cpuProf: arg(argv, '--cpu-prof'), theme })) };
}

/** Run directly (`node --import tsx test/bench/latency-frame-cost.ts …`): the same, the corpus made here. */
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const corpusDir = (count: number) => {
    const dir = join(tmpdir(), `lede-bench-corpus-${count}-seed1`);
    const have = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).length : 0;
    if (have !== count) writeCorpus(count, dir, 1);
    return dir;
  };
  const result = await benchFrameCost(argv, { root: fileURLToPath(new URL('../..', import.meta.url)), corpusDir });
  process.stdout.write(`${JSON.stringify(result, null, argv.includes('--json') ? undefined : 2)}\n`);
}
