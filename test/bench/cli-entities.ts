/**
 * The entity commands of the built CLI, reported as JSON (numbers, never assertions):
 *
 *   npm run bench -- cli-entities --generate 2000 [--runs 5] [--json] [--entries DIR]
 *   npm run bench -- cli-entities --corpus DIR [--runs 5] [--json] [--entries DIR] [--quick] [--cli PATH]
 *
 * Each command runs as a whole process (dist/cli.js), in a scratch cache and config:
 * - cold: `entities --library --json` with nothing cached (every article extracted); with
 *   --entries DIR, DIR's entity cache entries (`DIR/entities`, copied, never written) stand in for
 *   that cold run, which takes minutes at 20,000 articles;
 * - first run: the entries cached but no saved library index (deleted before each run): the index
 *   is built from the entries and saved;
 * - second run: the saved index loaded — what a user waits for every time after;
 * - for each, the p50 and max wall time over --runs runs, the p50 CPU time (user + system: on a
 *   shared machine the steadier figure), and the peak RSS (GNU time's %M) of the last run;
 * - mentions of the library's most frequent entity (the worst case: every article of a generated
 *   corpus names it) and of the 100th (a typical one);
 * - with CORRECTIONS corrections about the library's most frequent names (hides, merges, types,
 *   renames), applied to the loaded index (a rebuild from its saved findings);
 * - correct_ms: `lede correct hide X` then `undo`, which never load the articles;
 * - the load average before and after, beside which every figure is an upper bound.
 *
 * --quick skips the first runs, the per-article entities and the CSV (most of the time at 20,000
 * articles); --cli PATH runs another build (main's, to compare), in the same way.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, percentile, round } from './stats.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let cli = join(root, 'dist', 'cli.js');
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

/** Deletes the saved library index (and its findings) in `cache`: the next run builds and saves them. */
function forgetSavedIndex(cache: string): void {
  const dir = join(cache, 'library');
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir)) if (file.endsWith('entity-index') || file.endsWith('.entities')) rmSync(join(dir, file));
}

const loadAverage = () => loadavg().map((x) => round(x, 2));

export async function benchCliEntities(argv: string[], corpusDir: (count: number) => string): Promise<Record<string, unknown>> {
  const runs = Number(arg(argv, '--runs') ?? 5);
  const generate = arg(argv, '--generate');
  const entries = arg(argv, '--entries');
  const quick = argv.includes('--quick');
  cli = arg(argv, '--cli') ?? cli;
  const dir = arg(argv, '--corpus') ?? corpusDir(Number(generate ?? 2000));
  const scratch = mkdtempSync(join(tmpdir(), 'lede-bench-cli-entities-'));
  const cache = join(scratch, 'cache');
  const env = { LEDE_CACHE_DIR: cache, LEDE_CONFIG_DIR: join(scratch, 'config'), NODE_OPTIONS: '' };
  const loadBefore = loadAverage();
  try {
    if (entries) cpSync(join(entries, 'entities'), join(cache, 'entities'), { recursive: true });
    const cold = run(['entities', '--library', dir, '--json'], env);
    const entities = (JSON.parse(cold.stdout) as { entities: { name: string; type: string }[] }).entities;
    const top = entities[0]!.name;
    const typical = entities[Math.min(99, entities.length - 1)]!.name;
    const first = (args: string[]) => {
      const times = { ms: [] as number[], cpu: [] as number[] };
      let last: Timed | undefined;
      for (let i = 0; i < runs; i++) {
        forgetSavedIndex(cache);
        last = run(args, env);
        times.ms.push(last.ms);
        times.cpu.push(last.cpuMs);
      }
      return { p50_ms: round(percentile(times.ms, 50), 0), max_ms: round(Math.max(...times.ms), 0), cpu_p50_ms: round(percentile(times.cpu, 50), 0), rss_mb: round(last!.rssMb, 0) };
    };
    const firstLibrary = quick ? 'skipped (--quick)' : first(['entities', '--library', dir, '--json']);
    const firstMentions = quick ? 'skipped (--quick)' : first(['mentions', top, dir, '--json']);
    const library = timed(['entities', '--library', dir, '--json'], env, runs);
    const perArticle = quick ? undefined : timed(['entities', dir, '--json'], env, runs);
    const mentions = timed(['mentions', top, dir, '--json'], env, runs);
    const csv = quick ? undefined : timed(['mentions', top, dir, '--csv'], env, runs);
    const mentionsTypical = timed(['mentions', typical, dir, '--json'], env, runs);
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
    // The first run after the corrections changed rebuilds the index under them (and saves it); the next ones are second runs.
    const changed = run(['entities', '--library', dir, '--json'], env);
    const libraryCorrected = timed(['entities', '--library', dir, '--json'], env, runs);
    const mentionsCorrected = timed(['mentions', top, dir, '--json'], env, runs);
    const typicalCorrected = timed(['mentions', typical, dir, '--json'], env, runs);
    const correctTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      correctTimes.push(run(['correct', 'hide', `Bench ${i}`], env).ms);
      correctTimes.push(run(['correct', 'undo'], env).ms);
    }
    const strip = ({ out: _out, ...rest }: ReturnType<typeof timed>) => rest;
    const mentionCount = (out: string) => (JSON.parse(out) as { articles: { mentions: unknown[] }[] }).articles.reduce((n, a) => n + a.mentions.length, 0);
    return {
      corpus: dir,
      cli,
      articles: cold.stdout.length > 0 ? (JSON.parse(run(['list', dir, '--json'], env).stdout) as unknown[]).length : 0,
      library_entities: entities.length,
      runs,
      load_average_before: loadBefore,
      cold: { entries_given: Boolean(entries), entities_library_ms: round(cold.ms, 0), cpu_ms: round(cold.cpuMs, 0), rss_mb: round(cold.rssMb, 0) },
      first_run: { entities_library: firstLibrary, mentions_top: firstMentions },
      entities_library: strip(library),
      entities_per_article: perArticle ? { ...strip(perArticle), json_mb: round(Buffer.byteLength(perArticle.out) / 1e6, 1) } : 'skipped (--quick)',
      mentions_top: { name: top, ...strip(mentions), mentions: mentionCount(mentions.out) },
      mentions_top_csv: csv ? strip(csv) : 'skipped (--quick)',
      mentions_typical: { name: typical, ...strip(mentionsTypical), mentions: mentionCount(mentionsTypical.out) },
      with_corrections: {
        corrections: CORRECTIONS,
        first_run_after_change: { ms: round(changed.ms, 0), cpu_ms: round(changed.cpuMs, 0), rss_mb: round(changed.rssMb, 0) },
        entities_library: strip(libraryCorrected), mentions_top: strip(mentionsCorrected), mentions_typical: strip(typicalCorrected) },
      correct_ms: { p50: round(percentile(correctTimes, 50), 0), max: round(Math.max(...correctTimes), 0) },
      load_average_after: loadAverage(),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
