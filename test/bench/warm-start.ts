/**
 * A start of the interactive reader, as a person sees it: the built CLI in a pseudo-terminal
 * (node-pty) read by a terminal emulator (@xterm/headless), timed from spawn to
 *   first_frame_ms    anything on the screen
 *   list_ms           the list's header says all N articles
 *   index_ms          …and "indexing" has gone from it (the search index is complete)
 *   entities_ms       …and "finding entities" has gone (the library's entity pass is done)
 * the CPU time the process had used when the list, the index and the entities were complete (list_cpu_ms,
 * index_cpu_ms, entities_cpu_ms: the figure a busy machine disturbs least), and its RSS at the end (rss_mb) and
 * peak (peak_rss_mb), for three starts:
 *   cold              no library cache (the entity cache kept: it is not what is measured here)
 *   warm              nothing changed since the last start
 *   one_changed       one file rewritten since the last start (generated corpora only: the Reuters
 *                     file and a --corpus are never written to)
 *
 *   npm run bench -- warm-start [--generate N[,N…]] [--corpus PATH] [--reuters] [--runs N] [--json]
 *                               [--until-index] [--filter QUERY] [--give-up SECONDS]
 *                               [--starts cold,warm,one_changed] [--cache-root DIR] [--cli PATH]
 *
 * --cpu-prof DIR writes each start's V8 CPU profile to DIR (the start then quits with q, so the
 * profile is written, instead of being killed).
 *
 * --starts picks which of the three starts are timed (all by default; warm alone reuses the
 * library cache left by the last run). --cache-root DIR keeps the caches in DIR-<name> instead of
 * the shared temp directory (another bench run on the machine then cannot remove them meanwhile).
 *
 * --until-index stops each start once the index is ready (no entity pass waited for, none primed);
 * --filter then types QUERY (filter_ms: until the counter shows its result) and opens the first
 * hit (open_ms: until the list is gone).
 *
 * Default: --generate 2000,20000 --reuters. The entity cache lives in a directory kept between
 * bench runs (the first run ever at a size fills it, which takes minutes), the library cache in
 * a fresh one.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import xterm from '@xterm/headless';
import { loadPty } from './pty.js';
import { arg, percentile, round } from './stats.js';

const REUTERS = '/work/shared/data/reuters21578/reuters21578.jsonl';
/** A start that has not finished its entity pass by then is reported as such (--give-up SECONDS). */
let giveUpMs = 240_000;

interface StartTimes {
  first_frame_ms?: number;
  list_ms?: number;
  index_ms?: number;
  entities_ms?: number;
  /** The process's CPU time (user + system) when the list was complete and when the index was: robust to a busy machine. */
  list_cpu_ms?: number;
  index_cpu_ms?: number;
  /** …and when the entity index was. */
  entities_cpu_ms?: number;
  /** With --filter Q: from typing the query (after the index is ready) until the counter shows its result; then from Enter, Enter until the article is open. */
  filter_ms?: number;
  open_ms?: number;
  rss_mb?: number;
  peak_rss_mb?: number;
  /** The machine's 1-minute load average when the start ended: a busy machine's figures are upper bounds. */
  load_1m?: number;
  failure?: string;
}

interface StartPlan {
  /** Which starts are timed. */
  starts: Set<'cold' | 'warm' | 'one_changed'>;
  /** Where each target's caches live: `${cacheRoot}-${name}`. */
  cacheRoot: string;
  /** Write each start's CPU profile here (node --cpu-prof). */
  profileDir?: string;
  /** Stop once the index is ready: the entity pass of 100,000 articles takes too long to wait for. */
  untilIndex: boolean;
  filter?: string;
}

type Pty = Exclude<Awaited<ReturnType<typeof loadPty>>, { unavailable: string }>;

/** The screen's text, row by row. */
function screenText(term: xterm.Terminal): string {
  const buffer = term.buffer.active;
  const rows: string[] = [];
  for (let y = 0; y < term.rows; y++) rows.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
  return rows.join('\n');
}

function memoryOf(pid: number): { rss_mb?: number; peak_rss_mb?: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rss_mb: round(kb('VmRSS') / 1024, 0), peak_rss_mb: round(kb('VmHWM') / 1024, 0) };
  } catch {
    return {};
  }
}

/** The list's status line: "article 1 of 20,000", then what still runs in the background ("· indexing 40%"). */
const STATUS_LINE = /^article \d[\d,]* of \d/m;
/** The prompt's counter once the query's result is on screen: "12 of 20,000 articles match" (an ellipsis: not yet). */
const COUNTER = /\d[\d,]* of \d[\d,]* articles? match(?:es)?(?: \(with typos\))?(…)?/;
const showsResult = (screen: string): boolean => {
  const counter = COUNTER.exec(screen);
  return counter !== null && counter[1] === undefined;
};

/** CPU time a process has used, from /proc (in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat(5); the split drops the first two.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** One start of `cli` on `target`, watched until its entity pass is done. */
function timeStart(pty: Pty, cli: string, target: string, cacheDir: string, plan: StartPlan): Promise<StartTimes> {
  return new Promise((resolve) => {
    const term = new xterm.Terminal({ cols: 250, rows: 30, allowProposedApi: true });
    const started = process.hrtime.bigint();
    const elapsed = () => round(Number(process.hrtime.bigint() - started) / 1e6, 0);
    const nodeArgs = plan.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${plan.profileDir}`, '--cpu-prof-interval=200'] : [];
    const child = pty.spawn(process.execPath, [...nodeArgs, cli, target], {
      name: 'xterm-256color',
      cols: 250,
      rows: 30,
      env: { ...process.env, LEDE_CACHE_DIR: cacheDir, FORCE_COLOR: '1', CI: '', CONTINUOUS_INTEGRATION: '' } as Record<string, string>,
    });
    const times: StartTimes = {};
    // The list's header: "20,000 articles" (the loading screen says "lede reading …" before it).
    const listed = (screen: string) => /\d articles/.test(screen) && !/lede reading /.test(screen);
    let done = false;
    let phase: 'starting' | 'filtering' | 'opening' = 'starting';
    let phaseStart = 0;
    const since = () => round(Number(process.hrtime.bigint() - started) / 1e6 - phaseStart, 0);
    const startFilter = (): boolean => {
      if (!plan.filter) return false;
      phase = 'filtering';
      phaseStart = Number(process.hrtime.bigint() - started) / 1e6;
      child.write(`/${plan.filter}`);
      return true;
    };
    const finish = (failure?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      Object.assign(times, memoryOf(child.pid), { load_1m: round(loadavg()[0]!, 1) }, failure ? { failure } : {});
      const end = () => {
        try {
          child.kill();
        } catch {
          // already gone
        }
        term.dispose();
        resolve(times);
      };
      if (!plan.profileDir || failure === 'exited') return end();
      // Quit as a person would (Escape back to the list, q), so node writes the profile.
      child.onExit(end);
      child.write('\x1b');
      setTimeout(() => child.write('q'), 100);
      setTimeout(end, 20_000);
    };
    const timer = setTimeout(() => finish(`gave up after ${giveUpMs} ms`), giveUpMs);
    child.onData((data) => {
      term.write(data, () => {
        if (done) return;
        const screen = screenText(term);
        if (phase === 'filtering') {
          if (showsResult(screen)) {
            times.filter_ms = since();
            phase = 'opening';
            phaseStart = Number(process.hrtime.bigint() - started) / 1e6;
            child.write('\r');
            setTimeout(() => child.write('\r'), 50);
          }
          return;
        }
        if (phase === 'opening') {
          if (!STATUS_LINE.test(screen) && !/ of [\d,]+ articles? match/.test(screen) && !/\d articles/.test(screen)) {
            times.open_ms = since();
            finish();
          }
          return;
        }
        if (times.first_frame_ms === undefined && screen.trim() !== '') times.first_frame_ms = elapsed();
        // A frame can arrive in pieces: the list counts as drawn once its status line ("article 1 of 20,000 · …") is.
        if (!listed(screen) || !STATUS_LINE.test(screen)) return;
        if (times.list_ms === undefined) {
          times.list_ms = elapsed();
          times.list_cpu_ms = cpuMsOf(child.pid);
        }
        if (times.index_ms === undefined && !screen.includes('indexing')) {
          times.index_ms = elapsed();
          times.index_cpu_ms = cpuMsOf(child.pid);
          if (plan.untilIndex) {
            if (!startFilter()) finish();
            return;
          }
        }
        if (times.index_ms !== undefined && !screen.includes('finding entities')) {
          times.entities_ms = elapsed();
          times.entities_cpu_ms = cpuMsOf(child.pid);
          if (!startFilter()) finish();
        }
      });
    });
    child.onExit(() => finish('exited'));
  });
}

function median(runs: StartTimes[], key: keyof StartTimes): number | undefined {
  const values = runs.map((r) => r[key]).filter((v): v is number => typeof v === 'number');
  return values.length > 0 ? round(percentile(values, 50), 0) : undefined;
}

function summary(runs: StartTimes[]): Record<string, unknown> {
  const keys = ['first_frame_ms', 'list_ms', 'index_ms', 'entities_ms', 'list_cpu_ms', 'index_cpu_ms', 'entities_cpu_ms', 'filter_ms', 'open_ms', 'rss_mb', 'peak_rss_mb', 'load_1m'] as const;
  const failures = runs.map((r) => r.failure).filter(Boolean);
  return { ...Object.fromEntries(keys.map((k) => [k, median(runs, k)])), runs: runs.length, ...(failures.length ? { failures } : {}) };
}

/** A generated file the one-changed start finds rewritten (one more sentence); put back after. */
function changeOneFile(file: string): () => void {
  const original = readFileSync(file);
  writeFileSync(file, Buffer.concat([original, Buffer.from('\n\nOne more sentence, written since the last start.\n')]));
  return () => writeFileSync(file, original);
}

async function benchTarget(pty: Pty, cli: string, name: string, target: string, changedFile: string | undefined, runs: number, plan: StartPlan) {
  const cacheRoot = `${plan.cacheRoot}-${name}`;
  mkdirSync(cacheRoot, { recursive: true });
  const libraryCache = join(cacheRoot, 'library');
  // The entity cache is filled once (minutes at 20,000), then kept: the library cache is what is measured.
  const prime = plan.untilIndex || existsSync(join(cacheRoot, 'entities')) ? undefined : await timeStart(pty, cli, target, cacheRoot, plan);
  const cold: StartTimes[] = [];
  const warm: StartTimes[] = [];
  const oneChanged: StartTimes[] = [];
  for (let i = 0; i < runs; i++) {
    if (plan.starts.has('cold')) {
      rmSync(libraryCache, { recursive: true, force: true });
      cold.push(await timeStart(pty, cli, target, cacheRoot, plan));
    }
    if (plan.starts.has('warm')) warm.push(await timeStart(pty, cli, target, cacheRoot, plan));
    // Only a corpus the bench generated is changed: the Reuters file and a --corpus are not the bench's to write.
    if (changedFile === undefined || !plan.starts.has('one_changed')) continue;
    const restore = changeOneFile(changedFile);
    try {
      oneChanged.push(await timeStart(pty, cli, target, cacheRoot, plan));
    } finally {
      restore();
    }
  }
  return { target, ...(prime ? { prime_entity_cache: prime } : {}), cold: summary(cold), warm: summary(warm), one_changed: changedFile ? summary(oneChanged) : { skipped: 'not a generated corpus: never written to' } };
}

export async function benchWarmStart(argv: string[], builtCli: string, corpusDir: (count: number) => string): Promise<Record<string, unknown>> {
  const cli = arg(argv, '--cli') ? resolve(arg(argv, '--cli')!) : builtCli;
  if (!existsSync(cli)) return { skipped: 'dist/cli.js missing: run `npm run build`' };
  const pty = await loadPty();
  if ('unavailable' in pty) return { skipped: pty.unavailable };
  const runs = Number(arg(argv, '--runs') ?? 1);
  giveUpMs = Number(arg(argv, '--give-up') ?? 240) * 1000;
  const starts = new Set((arg(argv, '--starts') ?? 'cold,warm,one_changed').split(',')) as StartPlan['starts'];
  const cacheRoot = arg(argv, '--cache-root') ?? join(tmpdir(), 'lede-bench-warm-cache');
  const profileDir = arg(argv, '--cpu-prof');
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const plan: StartPlan = { starts, cacheRoot, ...(profileDir ? { profileDir: resolve(profileDir) } : {}), untilIndex: argv.includes('--until-index'), ...(arg(argv, '--filter') ? { filter: arg(argv, '--filter') } : {}) };
  const explicit = arg(argv, '--generate') !== undefined || arg(argv, '--corpus') !== undefined || argv.includes('--reuters');
  const sizes = (arg(argv, '--generate') ?? (explicit ? '' : '2000,20000')).split(',').filter(Boolean).map(Number);
  const report: Record<string, unknown> = { machine: `${process.platform} ${process.arch}, node ${process.version}`, date: new Date().toISOString() };
  for (const size of sizes) {
    const dir = corpusDir(size);
    const first = readdirSync(dir).filter((name) => name.endsWith('.txt')).sort()[0]!;
    report[`generated_${size}`] = await benchTarget(pty, cli, `generated-${size}`, dir, join(dir, first), runs, plan);
  }
  const corpus = arg(argv, '--corpus');
  if (corpus) report.corpus = await benchTarget(pty, cli, 'corpus', corpus, undefined, runs, plan);
  if ((argv.includes('--reuters') || !explicit) && existsSync(REUTERS)) {
    report.reuters = await benchTarget(pty, cli, 'reuters', REUTERS, undefined, runs, plan);
  }
  return report;
}
