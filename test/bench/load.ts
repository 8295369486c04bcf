/**
 * Loading speed and memory, reported as JSON:
 *
 *   npm run bench -- load --corpus PATH [--json] [--runs N] [--follow]   PATH a file or a folder
 *   npm run bench -- load --generate N [--json]                          a generated folder of N .txt articles
 *   npm run bench -- load --pages [--count N] [--runs N] [--json]        saved web pages (load-pages.ts)
 *
 * Each run loads PATH once with the bundled loader (built the way dist is) in a fresh process,
 * so nothing this process loaded or cached is counted: wall time of loadLibrary, articles,
 * skipped files, peak RSS, and the longest the event loop waited for a turn meanwhile (loading
 * yields every ~12 ms, so the UI stays live).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleProbe } from './bundle.js';
import { benchPages } from './load-pages.js';
import { arg, percentile, round } from './stats.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The probe, written out and bundled per benchmark: it imports the loader from source. */
const PROBE = `
import { loadLibrary } from ${JSON.stringify(join(root, 'source', 'core', 'load', 'index.ts'))};
const [path, follow] = process.argv.slice(2);
let lastTick = performance.now();
let longestGap = 0;
const ticker = setInterval(() => {
  const now = performance.now();
  longestGap = Math.max(longestGap, now - lastTick);
  lastTick = now;
}, 1);
const start = performance.now();
const library = await loadLibrary([path], { followLinks: follow === 'follow' });
const wall = performance.now() - start;
// The wait that ends with the load counts too (a load that never yields is one long wait).
longestGap = Math.max(longestGap, performance.now() - lastTick);
clearInterval(ticker);
const reasons = {};
for (const skip of library.skipped) reasons[skip.reason] = (reasons[skip.reason] ?? 0) + 1;
console.log(JSON.stringify({
  wall_ms: wall,
  articles: library.articles.length,
  skipped: library.skipped.length,
  skip_reasons: reasons,
  peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  rss_after_mb: process.memoryUsage().rss / 1048576,
  longest_event_loop_wait_ms: longestGap,
}));
`;

export interface RunResult {
  wall_ms: number;
  articles: number;
  skipped: number;
  skip_reasons: Record<string, number>;
  peak_rss_mb: number;
  rss_after_mb: number;
  longest_event_loop_wait_ms: number;
}

export async function benchLoad(argv: string[], corpusDir: (count: number) => string): Promise<Record<string, unknown>> {
  if (argv.includes('--pages')) return benchPages(argv);
  const generate = arg(argv, '--generate');
  const corpus = generate ? corpusDir(Number(generate)) : arg(argv, '--corpus');
  if (!corpus) throw new Error('load needs --corpus PATH (a file or folder) or --generate N');
  const runs = Math.max(1, Number(arg(argv, '--runs') ?? 3));
  const tmp = mkdtempSync(join(tmpdir(), 'lede-bench-load-'));
  try {
    const probe = await bundleLoadProbe(tmp);
    return summarizeLoads(corpus, runLoadProbe(probe, corpus, runs, argv.includes('--follow')));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The load probe, bundled with the page worker beside it (as dist has it). */
export async function bundleLoadProbe(tmp: string): Promise<string> {
  const entry = join(tmp, 'load-probe.ts');
  writeFileSync(entry, PROBE);
  return bundleProbe([entry, join(root, 'source', 'core', 'load', 'html', 'page-worker.ts')], join(tmp, 'out'));
}

/** `runs` loads of `corpus`, each in a fresh process. */
export function runLoadProbe(probe: string, corpus: string, runs: number, follow = false): RunResult[] {
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, [probe, corpus, follow ? 'follow' : ''], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
    if (child.status !== 0) throw new Error(`load probe failed (${child.status}): ${(child.stderr ?? '').slice(-400)}`);
    results.push(JSON.parse(child.stdout) as RunResult);
  }
  return results;
}

/** Medians (and maxima where the worst run matters) of the runs' figures. */
export function summarizeLoads(corpus: string, results: RunResult[]): Record<string, unknown> {
  const median = (key: 'wall_ms' | 'peak_rss_mb' | 'rss_after_mb' | 'longest_event_loop_wait_ms') => round(percentile(results.map((r) => r[key]), 50), 1);
  const most = (key: 'peak_rss_mb' | 'longest_event_loop_wait_ms') => round(results.reduce((max, r) => Math.max(max, r[key]), 0), 1);
  return {
    corpus,
    runs: results.length,
    articles: results[0]!.articles,
    skipped: results[0]!.skipped,
    skip_reasons: results[0]!.skip_reasons,
    wall_ms: { median: median('wall_ms'), each: results.map((r) => round(r.wall_ms, 1)) },
    peak_rss_mb: { median: median('peak_rss_mb'), max: most('peak_rss_mb') },
    rss_after_mb: median('rss_after_mb'),
    longest_event_loop_wait_ms: { median: median('longest_event_loop_wait_ms'), max: most('longest_event_loop_wait_ms') },
  };
}
