/**
 * `npm run bench -- oneshot [--corpus DIR | --generate N] [--runs N] [--queries A,B] [--against TREE]`:
 * one-shot `lede search Q DIR --limit 20` against `fzf --filter Q | head -n 20` on the same text
 * (each article's title and body on one line), and with --against against another tree's built
 * CLI (a worktree of the session's start, `npm run build` done there): each run of each in turn,
 * so a change in the machine's load falls on all of them. Warm: one run of each first, with a
 * cache directory of its own (the library cache, the saved index and the code cache are written
 * then). Prints wall and CPU medians (CPU: user + system of the reaped child, Linux), the ratios,
 * the load average before and after, and whether both trees printed the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLibrary } from '../../source/core/load/library.js';
import { writeCorpus } from './generate-corpus.js';
import { arg, childrenCpuMs, percentile, round } from './stats.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Timed {
  wall: number[];
  cpu: number[];
  stdout: string;
}


function run(into: Timed, cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const before = childrenCpuMs();
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  into.wall.push(Number(process.hrtime.bigint() - start) / 1e6);
  const after = childrenCpuMs();
  if (before !== null && after !== null) into.cpu.push(after - before);
  into.stdout = r.stdout ?? '';
}

const median = (values: number[]) => (values.length > 0 ? round(percentile(values, 50), 0) : null);

export async function benchOneShot(argv: string[]): Promise<Record<string, unknown>> {
  if (spawnSync('fzf', ['--version']).status !== 0) return { skipped: 'fzf not installed (apt-get install -y fzf to measure)' };
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) return { skipped: 'dist/cli.js missing: run `npm run build`' };
  const againstTree = arg(argv, '--against');
  const against = againstTree ? join(resolve(againstTree), 'dist', 'cli.js') : undefined;
  if (against && !existsSync(against)) return { skipped: `${against} missing: run \`npm run build\` in ${againstTree}` };
  const count = Number(arg(argv, '--generate') ?? 2000);
  const dir = arg(argv, '--corpus') ?? join(tmpdir(), `lede-bench-corpus-${count}-seed1`);
  if (!arg(argv, '--corpus') && (!existsSync(dir) || readdirSync(dir).filter((f) => f.endsWith('.txt')).length !== count)) writeCorpus(count, dir, 1);
  const { articles } = await loadLibrary([dir], { cache: null });
  const linesFile = join(mkdtempSync(join(tmpdir(), 'lede-oneshot-fzf-')), 'lines.txt');
  writeFileSync(linesFile, `${articles.map((a) => `${a.title} ${a.text}`.replace(/\s+/g, ' ')).join('\n')}\n`);
  // A cache directory of this run's own ($LEDE_CACHE_DIR would override it).
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'lede-oneshot-cache-')) };
  delete env.LEDE_CACHE_DIR;
  const queries = (arg(argv, '--queries') ?? "ceasefire,'ceasefire,'prime\\ minister,netanyahu").split(',');
  const runs = Math.max(1, Number(arg(argv, '--runs') ?? 10));
  const result: Record<string, unknown> = { articles: articles.length, runs, against: against ?? null, load_before: round(loadavg()[0]!) };
  for (const q of queries) {
    const ledeArgs = (file: string) => [file, 'search', q, dir, '--limit', '20'];
    const fzfArgs = ['-c', 'fzf --filter "$1" < "$2" | head -n 20', 'sh', q, linesFile];
    const lede: Timed = { wall: [], cpu: [], stdout: '' };
    const base: Timed = { wall: [], cpu: [], stdout: '' };
    const fzf: Timed = { wall: [], cpu: [], stdout: '' };
    // Warm-up, not counted: the caches are written, the files are in the page cache.
    run({ wall: [], cpu: [], stdout: '' }, process.execPath, ledeArgs(cli), env);
    if (against) run({ wall: [], cpu: [], stdout: '' }, process.execPath, ledeArgs(against), env);
    for (let i = 0; i < runs; i++) {
      run(lede, process.execPath, ledeArgs(cli), env);
      if (against) run(base, process.execPath, ledeArgs(against), env);
      run(fzf, 'sh', fzfArgs, env);
    }
    const ratio = (a: number[], b: number[]) => (a.length > 0 && b.length > 0 ? round(percentile(a, 50) / percentile(b, 50)) : null);
    result[q] = {
      lede_wall_ms: median(lede.wall),
      lede_cpu_ms: median(lede.cpu),
      fzf_wall_ms: median(fzf.wall),
      fzf_cpu_ms: median(fzf.cpu),
      wall_vs_fzf: ratio(lede.wall, fzf.wall),
      cpu_vs_fzf: ratio(lede.cpu, fzf.cpu),
      ...(against
        ? {
            before_wall_ms: median(base.wall),
            before_cpu_ms: median(base.cpu),
            before_wall_vs_fzf: ratio(base.wall, fzf.wall),
            before_cpu_vs_fzf: ratio(base.cpu, fzf.cpu),
            cpu_after_vs_before: ratio(lede.cpu, base.cpu),
            same_output_as_before: lede.stdout === base.stdout,
          }
        : {}),
      lede_lines: lede.stdout.split('\n').filter(Boolean).length,
    };
  }
  result.load_after = round(loadavg()[0]!);
  return result;
}
