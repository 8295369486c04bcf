/**
 * Benchmarks, reported as JSON (numbers, never assertions):
 *
 *   npm run bench -- search --corpus DIR [--json]     type realistic queries key by key over DIR
 *   npm run bench -- search --generate N [--out DIR]  …over a synthetic corpus of N articles
 *                                                     (then @name queries over its entities; --no-entities: not)
 *   npm run bench -- startup [--json] [--runs N]      `lede list` vs `node -e 0`; pty first frame
 *   npm run bench -- fzf [--corpus DIR] [--runs N] [--queries A,B]  one-shot `lede search` vs `fzf --filter`, interleaved, wall and CPU
 *   npm run bench -- oneshot [--against TREE] [--corpus DIR] [--runs N] [--queries A,B]  the same, and against another tree's build (oneshot-search.ts)
 *   npm run bench -- entities --generate N [--json]   entity extraction speed, load, worker, panel (entities.ts)
 *   npm run bench -- extract [--generate N] [--conll PATH] [--runs N]  extraction words per CPU-second, split by stage (extract.ts)
 *   npm run bench -- memory --corpus DIR [--cache DIR] the interactive app's RSS over time (app-memory.ts)
 *   npm run bench -- load --corpus PATH [--json]      loading a file or folder: time, articles, skipped, peak RSS (load.ts)
 *   npm run bench -- sanitize [--corpus FILE.jsonl] [--baseline PATH]  the sanitiser on a few MB (sanitize.ts)
 *   npm run bench -- cli-entities --generate N [--runs N] [--entries DIR]  entities --library, mentions, correct: cold, first and second runs (cli-entities.ts)
 *   npm run bench -- warm-start [--generate N,N] [--reuters] [--corpus PATH] [--runs N]  cold/warm/one-changed starts in a pty (warm-start.ts)
 *   npm run bench -- redraw [--generate N] [--seconds S]  bytes a background-progress tick writes, whole frames vs changed lines (redraw.ts)
 *   npm run bench -- latency [--generate N | --corpus DIR | --jsonl FILE] [--json]  key → screen in a real
 *                                                     terminal, lede and fzf (latency.ts; a summary without --json)
 *   npm run bench -- latency-entities [--generate N | --jsonl FILE]  the library's entities screen: e, its filter, Enter, in a pty
 *   npm run bench                                     startup + search at 2,000 articles
 *
 * Targets (issue 3): keystroke p95 ≤ 16 ms at 2,000 articles, ≤ 50 ms at 20,000; RSS ≤ 300 MB at
 * 20,000; `lede list` ≤ 2× `node -e 0`; first frame ≤ 150 ms.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLibrary } from '../../source/core/load/library.js';
import { benchAppMemory } from './app-memory.js';
import { benchCliEntities } from './cli-entities.js';
import { bundleProbe } from './bundle.js';
import { benchEntities } from './entities.js';
import { benchExtract } from './extract.js';
import { benchLatency, describeLatency } from './latency.js';
import { benchLatencyEntities } from './latency-entities.js';
import { benchLoad } from './load.js';
import { writeCorpus } from './generate-corpus.js';
import { loadPty } from './pty.js';
import { benchRedraw } from './redraw.js';
import { benchSanitize } from './sanitize.js';
import { benchWarmStart } from './warm-start.js';
import { arg, childrenCpuMs, percentile, round } from './stats.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const SEED_TITLE = 'Netanyahu May Offer';

type Doc = { title: string; text: string; path?: string };




/** A generated corpus of `count` articles in the temp directory, reused between runs. */
function corpusDir(count: number, out?: string): string {
  const dir = out ?? join(tmpdir(), `lede-bench-corpus-${count}-seed1`);
  const have = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).length : 0;
  if (have !== count) writeCorpus(count, dir, 1);
  return dir;
}

/** Loads a corpus with the project's loader. */
async function loadCorpus(dir: string): Promise<{ docs: Doc[]; loader: string }> {
  const library = await loadLibrary([dir]);
  return { docs: library.articles, loader: 'loadLibrary' };
}

/**
 * Runs test/bench/search-probe.ts bundled, in a fresh process with --expose-gc: timings and RSS are
 * the shipped code's, and nothing this process loaded or allocated is counted.
 */
async function benchSearch(argv: string[]): Promise<Record<string, unknown>> {
  const generate = arg(argv, '--generate');
  let dir = arg(argv, '--corpus');
  if (generate) dir = corpusDir(Number(generate), arg(argv, '--out') ?? dir);
  if (!dir) throw new Error('search needs --corpus DIR or --generate N');
  const tmp = mkdtempSync(join(tmpdir(), 'lede-bench-search-'));
  try {
    const probe = await bundleProbe([join(root, 'test', 'bench', 'search-probe.ts')], tmp);
    const probeArgs = ['--expose-gc', probe, dir, ...(argv.includes('--no-entities') ? ['--no-entities'] : [])];
    const r = spawnSync(process.execPath, probeArgs, { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
    if (r.status !== 0) throw new Error(`search probe failed (${r.status}): ${(r.stderr ?? '').slice(-400)}`);
    return { ...(JSON.parse(r.stdout) as Record<string, unknown>), corpus: dir };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function timeSpawn(cmd: string, args: string[], options: { cwd?: string; input?: string } = {}): { ms: number; status: number | null; stdout: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: options.cwd ?? root, input: options.input, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: r.status, stdout: r.stdout ?? '' };
}

async function firstFrame(runs: number): Promise<Record<string, unknown>> {
  const pty = await loadPty();
  if ('unavailable' in pty) return { skipped: pty.unavailable };
  const times: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < runs; i++) {
    const ms = await new Promise<number | string>((resolve) => {
      const start = process.hrtime.bigint();
      const term = pty.spawn(process.execPath, [cli], {
        name: 'xterm-256color',
        cols: 100,
        rows: 30,
        cwd: root,
        env: { ...process.env, FORCE_COLOR: '1' } as Record<string, string>,
      });
      let output = '';
      let settled = false;
      const finish = (value: number | string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        try {
          term.kill();
        } catch {
          // already gone
        }
        resolve(value);
      };
      const timer = setTimeout(() => finish(`timeout; saw ${JSON.stringify(output.slice(-200))}`), 5000);
      term.onData((data) => {
        output += data;
        const plain = output.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-_]/g, '');
        if (plain.includes(SEED_TITLE)) finish(Number(process.hrtime.bigint() - start) / 1e6);
      });
      term.onExit(() => finish(`exited before the title appeared; saw ${JSON.stringify(output.slice(-200))}`));
    });
    if (typeof ms === 'number') times.push(ms);
    else failures.push(ms);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    runs: times.length,
    p50: round(percentile(times, 50), 1),
    p95: round(percentile(times, 95), 1),
    ...(failures.length > 0 ? { failures: failures.slice(0, 3) } : {}),
  };
}

async function benchStartup(argv: string[]): Promise<Record<string, unknown>> {
  if (!existsSync(cli)) return { skipped: 'dist/cli.js missing: run `npm run build`' };
  const runs = Math.max(10, Number(arg(argv, '--runs') ?? 15));
  const bare: number[] = [];
  const list: number[] = [];
  let listStatus: number | null = 0;
  for (let i = 0; i < runs; i++) {
    bare.push(timeSpawn(process.execPath, ['-e', '0']).ms);
    const r = timeSpawn(process.execPath, [cli, 'list']);
    list.push(r.ms);
    listStatus = r.status;
  }
  const bareMed = percentile(bare, 50);
  const listMed = percentile(list, 50);
  return {
    runs,
    node_e0_ms: round(bareMed, 1),
    lede_list_ms: round(listMed, 1),
    ratio: round(listMed / bareMed),
    lede_list_exit: listStatus,
    first_frame_ms: await firstFrame(runs),
  };
}

async function benchFzf(argv: string[]): Promise<Record<string, unknown>> {
  const dir = arg(argv, '--corpus') ?? corpusDir(Number(arg(argv, '--generate') ?? 2000));
  if (spawnSync('fzf', ['--version']).status !== 0) return { skipped: 'fzf not installed (apt-get install -y fzf to measure)' };
  if (!existsSync(cli)) return { skipped: 'dist/cli.js missing: run `npm run build`' };
  const { docs } = await loadCorpus(dir);
  const lines = `${docs.map((d) => `${d.title} ${d.text}`.replace(/\s+/g, ' ')).join('\n')}\n`;
  const linesFile = join(mkdtempSync(join(tmpdir(), 'lede-fzf-')), 'lines.txt');
  writeFileSync(linesFile, lines);
  const measured = 'node dist/cli.js search QUERY DIR --limit 20';
  // Words, an exact term (fzf's fastest kind: no fuzzy scoring), and a phrase.
  const queries = (arg(argv, '--queries') ?? "'ceasefire,ceasefire,netanyahu,shoigu defense,'prime\\ minister").split(',');
  const runs = Number(arg(argv, '--runs') ?? 10);
  const result: Record<string, unknown> = { articles: docs.length, bytes: statSync(linesFile).size, measured, runs, load_before: loadavg()[0] };
  const ratios: number[] = [];
  for (const q of queries) {
    const lede = { wall: [] as number[], cpu: [] as number[] };
    const fzf = { wall: [] as number[], cpu: [] as number[] };
    let ledeHits = 0;
    let fzfHits = 0;
    // Interleaved, a run of each in turn, so a change in the machine's load falls on both.
    for (let i = 0; i < runs; i++) {
      const a = timeChild(() => timeSpawn(process.execPath, [cli, 'search', q, dir, '--limit', '20']), lede);
      ledeHits = a.stdout.split('\n').filter(Boolean).length;
      const b = timeChild(() => timeSpawn('sh', ['-c', `fzf --filter "$1" < "$2" | head -n 20`, 'sh', q, linesFile]), fzf);
      fzfHits = b.stdout.split('\n').filter(Boolean).length;
    }
    const ratio = percentile(lede.wall, 50) / percentile(fzf.wall, 50);
    ratios.push(ratio);
    const cpu = (c: number[]) => (c.length === runs ? round(percentile(c, 50), 0) : null);
    result[q] = {
      lede_ms: round(percentile(lede.wall, 50), 1),
      fzf_ms: round(percentile(fzf.wall, 50), 1),
      ratio: round(ratio),
      lede_cpu_ms: cpu(lede.cpu),
      fzf_cpu_ms: cpu(fzf.cpu),
      lede_output_lines: ledeHits,
      fzf_lines: fzfHits,
    };
  }
  result.ratio_median = round(percentile(ratios, 50));
  result.load_after = loadavg()[0];
  return result;
}

/**
 * Runs `spawn` (a spawnSync: its child reaped when it returns) and puts its wall time and, where
 * /proc tells it (Linux: the reaped children's user + system time, 10 ms ticks), its CPU time in `into`.
 */
function timeChild<T extends { ms: number }>(spawn: () => T, into: { wall: number[]; cpu: number[] }): T {
  const before = childrenCpuMs();
  const result = spawn();
  const after = childrenCpuMs();
  into.wall.push(result.ms);
  if (before !== null && after !== null) into.cpu.push(after - before);
  return result;
}


async function main(argv: string[]): Promise<void> {
  const [command] = argv;
  let report: Record<string, unknown>;
  if (command === 'search') report = await benchSearch(argv.slice(1));
  else if (command === 'startup') report = await benchStartup(argv.slice(1));
  else if (command === 'fzf') report = await benchFzf(argv.slice(1));
  else if (command === 'oneshot') report = await (await import('./oneshot-search.js')).benchOneShot(argv.slice(1));
  else if (command === 'entities') report = await benchEntities(argv.slice(1), { corpusDir, loadCorpus });
  else if (command === 'extract') report = await benchExtract(argv.slice(1), { corpusDir, loadCorpus });
  else if (command === 'memory') report = await benchAppMemory(argv.slice(1), cli);
  else if (command === 'load') report = await benchLoad(argv.slice(1), (count) => corpusDir(count));
  else if (command === 'sanitize') report = await benchSanitize(argv.slice(1));
  else if (command === 'warm-start') report = await benchWarmStart(argv.slice(1), cli, (count) => corpusDir(count));
  else if (command === 'cli-entities') report = await benchCliEntities(argv.slice(1), (count) => corpusDir(count));
  else if (command === 'redraw') report = await benchRedraw(argv.slice(1), cli, (count) => corpusDir(count));
  else if (command === 'latency-entities') report = await benchLatencyEntities(argv.slice(1), { cli, corpusDir: (count) => corpusDir(count) });
  else if (command === 'latency') {
    report = await benchLatency(argv.slice(1), { root, cli, corpusDir: (count) => corpusDir(count) });
    if (!argv.includes('--json')) {
      process.stdout.write(describeLatency(report));
      return;
    }
  }
  else if (command === undefined || command.startsWith('--')) {
    const startup = await benchStartup(argv);
    const search = await benchSearch(['--generate', '2000']);
    report = { startup, search };
  } else {
    process.stderr.write(`lede bench: unknown subcommand ${JSON.stringify(command)} (search, startup, fzf, oneshot, entities, memory, load, sanitize, cli-entities, warm-start, redraw, latency, latency-entities)\n`);
    process.exit(2);
  }
  const pretty = !argv.includes('--json');
  process.stdout.write(`${JSON.stringify(report, null, pretty ? 2 : undefined)}\n`);
}

await main(process.argv.slice(2));
