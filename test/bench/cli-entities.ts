/**
 * The entity commands of the built CLI, reported as JSON (numbers, never assertions):
 *
 *   npm run bench -- cli-entities --generate 2000 [--runs 5] [--json]
 *   npm run bench -- cli-entities --corpus DIR [--runs 5] [--json]
 *
 * Each command runs as a whole process (dist/cli.js), with the entity cache warm (one run first
 * fills it), so what is measured is what a user waits for on a second run:
 * - p50 and max wall time over --runs runs, the p50 CPU time (user + system: on a shared machine
 *   the steadier figure), and the peak RSS (GNU time's %M) of the last run;
 * - with and without corrections: `entities --library --json` and `mentions` again after
 *   CORRECTIONS corrections about the library's most frequent names (hides, merges, types,
 *   renames), which rebuild the index under them;
 * - correct_ms: `lede correct hide X` then `undo`, which never load the articles.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, percentile, round } from './stats.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const CORRECTIONS = 20;

interface Timed {
  ms: number;
  cpuMs: number;
  rssMb: number;
  stdout: string;
}

function run(args: string[], env: NodeJS.ProcessEnv): Timed {
  const start = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`lede ${args.join(' ')}: exit ${result.status}: ${result.stderr.slice(0, 500)}`);
  const [rssKb, user, system] = result.stderr.trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
  return { ms, cpuMs: (user + system) * 1000, rssMb: rssKb / 1024, stdout: result.stdout };
}

function timed(args: string[], env: NodeJS.ProcessEnv, runs: number) {
  const times: number[] = [];
  const cpu: number[] = [];
  let last: Timed | undefined;
  for (let i = 0; i < runs; i++) {
    last = run(args, env);
    times.push(last.ms);
    cpu.push(last.cpuMs);
  }
  return {
    p50_ms: round(percentile(times, 50), 0),
    max_ms: round(Math.max(...times), 0),
    cpu_p50_ms: round(percentile(cpu, 50), 0),
    rss_mb: round(last!.rssMb, 0),
    out: last!.stdout,
  };
}

export async function benchCliEntities(argv: string[], corpusDir: (count: number) => string): Promise<Record<string, unknown>> {
  const runs = Number(arg(argv, '--runs') ?? 5);
  const generate = arg(argv, '--generate');
  const dir = arg(argv, '--corpus') ?? corpusDir(Number(generate ?? 2000));
  const scratch = mkdtempSync(join(tmpdir(), 'lede-bench-cli-entities-'));
  const env = { LEDE_CACHE_DIR: join(scratch, 'cache'), LEDE_CONFIG_DIR: join(scratch, 'config'), NODE_OPTIONS: '' };
  try {
    const cold = run(['entities', '--library', dir, '--json'], env);
    const entities = (JSON.parse(cold.stdout) as { entities: { name: string; type: string }[] }).entities;
    const top = entities[0]!.name;
    const library = timed(['entities', '--library', dir, '--json'], env, runs);
    const perArticle = timed(['entities', dir, '--json'], env, runs);
    const mentions = timed(['mentions', top, dir, '--json'], env, runs);
    const csv = timed(['mentions', top, dir, '--csv'], env, runs);
    // Corrections about the names the library shows most: the rebuild has the most to redo.
    const names = entities.slice(1, CORRECTIONS + 2).map((e) => e.name);
    for (let i = 0; i < CORRECTIONS; i++) {
      const name = names[i]!;
      const args = [
        ['hide', name],
        ['merge', name, names[i + 1]!],
        ['type', name, 'organization'],
        ['rename', name, `${name} (renamed)`],
      ][i % 4]!;
      run(['correct', ...args], env);
    }
    const libraryCorrected = timed(['entities', '--library', dir, '--json'], env, runs);
    const mentionsCorrected = timed(['mentions', top, dir, '--json'], env, runs);
    const correctTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      correctTimes.push(run(['correct', 'hide', `Bench ${i}`], env).ms);
      correctTimes.push(run(['correct', 'undo'], env).ms);
    }
    const strip = ({ out: _out, ...rest }: ReturnType<typeof timed>) => rest;
    return {
      corpus: dir,
      articles: (JSON.parse(perArticle.out) as unknown[]).length,
      library_entities: entities.length,
      runs,
      cold_entities_library_ms: round(cold.ms, 0),
      entities_library: strip(library),
      entities_per_article: strip(perArticle),
      mentions_top: { name: top, ...strip(mentions), mentions: (JSON.parse(mentions.out) as { articles: { mentions: unknown[] }[] }).articles.reduce((n, a) => n + a.mentions.length, 0) },
      mentions_top_csv: strip(csv),
      with_corrections: { corrections: CORRECTIONS, entities_library: strip(libraryCorrected), mentions_top: strip(mentionsCorrected) },
      correct_ms: { p50: round(percentile(correctTimes, 50), 0), max: round(Math.max(...correctTimes), 0) },
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
