/**
 * What a person feels, in a real terminal: the built CLI in a pseudo-terminal read by a headless
 * xterm, queries typed key by key into the library filter.
 *
 *   npm run bench -- latency [--generate N] [--corpus DIR] [--jsonl FILE] [--bundled] [--json]
 *        [--queries 'a,b c'] [--modes person,burst] [--rounds N] [--starts N] [--no-fzf]
 *        [--cpu-prof DIR] [--blocks] [--cli PATH] [--save FILE] [--samples] [--runs fresh,warm] [--cache DIR] [--no-finish]
 *        [--type-during-pass] [--memory-log FILE] [--after-pass-ms N] [--corrections FILE]
 *
 * Each of --generate, --corpus, --jsonl (repeatable) and --bundled adds a corpus; none means the
 * bundled articles. Per corpus: a first start with a fresh entity cache (keys typed while the
 * entity pass runs), a second with the cache it filled (keys typed once the pass is done), more
 * warm starts for the first frame, and fzf on the same text. Per key: echo (written → the prompt
 * shows it) and settle (written → the counter shows that query's result, or a later one's).
 * Times are taken when the chunk that made the screen so arrived (timed-terminal.ts). --corrections
 * FILE starts lede with FILE as the user's corrections file (copied into its scratch config). --blocks (with
 * --cpu-prof) lists every turn of lede's event loop over 16 ms and what ran in it (latency-blocks.ts).
 * --memory-log FILE appends where lede's memory is, every second, as JSON lines (latency-memory-log.mjs):
 * RSS beside the main thread's heap and buffers, the rest being the workers'.
 * --after-pass-ms N keeps a first start running N ms after its pass is done, so the RSS peak has what
 * the app does on the index's arrival (the search taking every article's names).
 *
 *   npm run bench -- latency --startup [--runs 5]    the first frame on the bundled articles, split
 *                                                     (latency-startup.ts), and a V8 code cache tried
 *   npm run bench -- latency --startup --against DIR  this tree's first frame and CPU until it against
 *                                                     DIR's (a copy before a change), interleaved
 *   npm run bench -- latency --frame-cost [--tree DIR] what a frame of the list costs the main thread,
 *                                                     in-process, for a copy with a change to try
 */
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { loadLibrary } from '../../source/core/load/library.js';
import { sanitizeSingleLine } from '../../source/core/sanitize.js';
import { explainBlocks } from './latency-blocks.js';
import { analyzeCpuProfiles, type ProfileWindow } from './latency-profile.js';
import { fzfVersion, runFzf } from './latency-fzf-run.js';
import { type LedeRunResult, runLede } from './latency-lede-run.js';
import { distribution, describeDistribution } from './latency-summary.js';
import type { TypingMode } from './latency-typing.js';
import { benchStartupSplit } from './latency-startup.js';
import { benchStartupAgainst } from './latency-startup-against.js';
import { benchFrameCost } from './latency-frame-cost.js';
import { loadPty } from './pty.js';
import { arg } from './stats.js';

/** What the generated corpus is about (the search bench's kinds of query: names, typo, OR, words). */
const GENERATED_QUERIES = ['netanyahu', 'shoigu defense', 'netanyhau', 'putin | lavrov sanctions', 'syria iran talks'];

/** The two seed articles: Netanyahu, Putin, the Golan. */
const BUNDLED_QUERIES = ['netanyahu', 'golan heights', 'netanyhau', 'putin sanctions'];

interface Corpus {
  name: string;
  /** Paths given to lede (none: the bundled articles). */
  paths: string[];
  /** Where the bench reads the same articles itself. */
  source: string;
  queries?: string[];
}

export interface LatencyContext {
  root: string;
  cli: string;
  corpusDir: (count: number) => string;
}

function allArgs(argv: string[], name: string): string[] {
  return argv.flatMap((a, i) => (a === name && argv[i + 1] !== undefined ? [argv[i + 1]!] : []));
}

function corporaFrom(argv: string[], context: LatencyContext): Corpus[] {
  const corpora: Corpus[] = [];
  for (const n of allArgs(argv, '--generate')) {
    const dir = context.corpusDir(Number(n));
    corpora.push({ name: `generated ${Number(n).toLocaleString('en-US')}`, paths: [dir], source: dir, queries: GENERATED_QUERIES });
  }
  for (const dir of allArgs(argv, '--corpus')) corpora.push({ name: dir, paths: [resolve(dir)], source: resolve(dir) });
  for (const file of allArgs(argv, '--jsonl')) corpora.push({ name: file, paths: [resolve(file)], source: resolve(file) });
  if (corpora.length === 0 || argv.includes('--bundled')) {
    corpora.push({ name: 'bundled articles', paths: [], source: join(context.root, 'articles'), queries: BUNDLED_QUERIES });
  }
  return corpora;
}

/**
 * Queries for a corpus the bench knows nothing about, from its titles: the most frequent title
 * words of five letters or more, a pair of them, and the first with a typo (two letters swapped).
 */
export function queriesFromTitles(titles: string[]): string[] {
  const counts = new Map<string, number>();
  for (const title of titles) {
    for (const word of new Set(title.toLowerCase().match(/\p{L}{5,}/gu) ?? [])) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  if (top.length === 0) return ['news'];
  const [a, b = a, c = b, d = c] = top as [string, ...string[]];
  return [...new Set([a, b, `${c} ${d}`, withTypo(a)])];
}

/** `word` with its last pair of differing neighbours swapped, past the first two letters (netanyahu → netanyauh). */
export function withTypo(word: string): string {
  for (let i = word.length - 2; i >= 2; i--) {
    if (word[i] !== word[i + 1]) return `${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`;
  }
  return word;
}

function machine(): Record<string, unknown> {
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    loadavg: loadavg().map((l) => Number(l.toFixed(2))),
    node: process.version,
  };
}

const progress = (text: string) => process.stderr.write(`latency: ${text}\n`);

/** Articles whose lines for fzf are gathered into one string before they are written. */
const LINES_PER_WRITE = 1000;

/**
 * The corpus as the bench needs it: the list's first title, the queries, and (`linesFile`) one
 * line per article for fzf, written a thousand at a time: joined whole, 100,000 articles' lines
 * took the bench past V8's 4 GB heap.
 */
async function prepare(corpus: Corpus, linesFile: string | undefined, given: string[] | undefined) {
  const library = await loadLibrary([corpus.source]);
  const titles = library.articles.map((a) => a.title);
  if (linesFile) {
    writeFileSync(linesFile, '');
    for (let at = 0; at < library.articles.length; at += LINES_PER_WRITE) {
      const lines = library.articles.slice(at, at + LINES_PER_WRITE).map((a) => `${a.title} ${a.text}`.replace(/\s+/g, ' '));
      appendFileSync(linesFile, `${lines.join('\n')}\n`);
    }
  }
  return {
    articles: library.articles.length,
    firstTitle: sanitizeSingleLine(titles[0] ?? ''),
    queries: given ?? corpus.queries ?? queriesFromTitles(titles),
  };
}

async function benchCorpus(corpus: Corpus, argv: string[], context: LatencyContext, pty: Exclude<Awaited<ReturnType<typeof loadPty>>, { unavailable: string }>) {
  const tmp = mkdtempSync(join(tmpdir(), 'lede-latency-'));
  const homeDirs = { config: join(tmp, 'config'), state: join(tmp, 'state') };
  // --cache keeps the entity cache between invocations (fill it once with --runs fresh).
  const cacheDir = arg(argv, '--cache') ? resolve(arg(argv, '--cache')!) : join(tmp, 'cache');
  const runs = (arg(argv, '--runs') ?? 'fresh,warm').split(',');
  const profileRoot = arg(argv, '--cpu-prof');
  const modes = (arg(argv, '--modes') ?? 'person,burst').split(',') as TypingMode[];
  const rounds = Number(arg(argv, '--rounds') ?? 1);
  const starts = Number(arg(argv, '--starts') ?? 5);
  const given = arg(argv, '--queries')?.split(',').map((q) => q.trim()).filter(Boolean);
  const corrections = arg(argv, '--corrections');
  try {
    if (corrections) {
      mkdirSync(homeDirs.config, { recursive: true });
      copyFileSync(resolve(corrections), join(homeDirs.config, 'corrections.json'));
    }
    const linesFile = join(tmp, 'lines.txt');
    const withFzf = !argv.includes('--no-fzf') && fzfVersion() !== null;
    const prepared = await prepare(corpus, withFzf ? linesFile : undefined, given);
    const windows: Record<string, ProfileWindow[]> = { fresh: [], warm: [] };
    const cli = context.cli;
    const run = async (which: 'fresh' | 'warm'): Promise<LedeRunResult & { profile?: unknown }> => {
      progress(`${corpus.name}: ${which === 'fresh' ? 'first start, fresh entity cache' : 'second start, warm cache'}`);
      const profileDir = profileRoot ? resolve(profileRoot, `${slug(corpus.name)}-${which}`) : undefined;
      if (profileDir) mkdirSync(profileDir, { recursive: true });
      // The preload reads where to write from the environment lede inherits.
      const blocksFile = profileDir && argv.includes('--blocks') ? join(profileDir, 'blocks.json') : undefined;
      if (blocksFile) process.env.LEDE_BENCH_BLOCKS_FILE = blocksFile;
      const memoryLog = arg(argv, '--memory-log');
      if (memoryLog) process.env.LEDE_BENCH_MEMORY_FILE = resolve(memoryLog);
      const result = await runLede(pty, {
        cli,
        paths: corpus.paths,
        cwd: context.root,
        firstTitle: prepared.firstTitle,
        cacheDir,
        homeDirs,
        queries: prepared.queries,
        modes,
        rounds,
        // --type-during-pass: a second start's keys typed at once, as its pass restores and ends.
        typeAfterEntities: which === 'warm' && !argv.includes('--type-during-pass'),
        // --no-finish: quit once typed, without waiting out the pass (a large corpus on a busy machine).
        finishEntities: which === 'fresh' && !argv.includes('--no-finish'),
        afterPassMs: Number(arg(argv, '--after-pass-ms') ?? 0),
        nodeArgs: [
          ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=250'] : []),
          ...(blocksFile ? ['--import', pathToFileURL(join(context.root, 'test/bench/event-loop-blocks.mjs')).href] : []),
          ...(memoryLog ? ['--import', pathToFileURL(join(context.root, 'test/bench/latency-memory-log.mjs')).href] : []),
        ],
        onKeyWindow: (w) => windows[which]!.push(w),
        keepSamples: argv.includes('--samples'),
      });
      delete process.env.LEDE_BENCH_BLOCKS_FILE;
      delete process.env.LEDE_BENCH_MEMORY_FILE;
      if (!profileDir) return result;
      // Start-up too: what the main thread did until the first frame, and until the index was built.
      const at = (ms: number | null) => (ms === null ? null : result.spawned_at + ms);
      const startup: ProfileWindow[] = [{ mode: 'spawn → first frame', from: result.spawned_at, to: at(result.first_frame_ms)!, keys: 1 }];
      if (result.index_ready_ms !== null) startup.push({ mode: 'first frame → index ready', from: at(result.first_frame_ms)!, to: at(result.index_ready_ms)!, keys: 1 });
      const profile = analyzeCpuProfiles(profileDir, cli, [...windows[which]!, ...startup]);
      // performance.now() of the bench at the spawn, on the profile's clock (process.hrtime).
      const spawnedAtHrtimeMs = Number(process.hrtime.bigint()) / 1e6 - (performance.now() - result.spawned_at);
      return { ...result, profile, ...(blocksFile ? { blocks: explainBlocks(blocksFile, profileDir, spawnedAtHrtimeMs) } : {}) };
    };
    const fresh = runs.includes('fresh') ? await run('fresh') : undefined;
    // What the first start left for the next (the saved entity index and its inputs among them).
    const savedAfterFresh = fresh ? savedFiles(cacheDir) : undefined;
    const warm = runs.includes('warm') ? await run('warm') : undefined;
    const firstFrames = warm ? [warm.first_frame_ms] : [];
    const indexReady = warm?.index_ready_ms ? [warm.index_ready_ms] : [];
    for (let i = firstFrames.length; i < starts; i++) {
      progress(`${corpus.name}: start ${i + 1}/${starts} (first frame only)`);
      const r = await runLede(pty, {
        cli: context.cli,
        paths: corpus.paths,
        cwd: context.root,
        firstTitle: prepared.firstTitle,
        cacheDir,
        homeDirs,
        queries: [],
        modes: [],
        rounds: 0,
        typeAfterEntities: false,
        finishEntities: false,
      });
      firstFrames.push(r.first_frame_ms);
      if (r.index_ready_ms !== null) indexReady.push(r.index_ready_ms);
    }
    let fzf: unknown = { skipped: 'fzf not installed (apt-get install fzf to compare)' };
    if (argv.includes('--no-fzf')) fzf = { skipped: '--no-fzf' };
    else if (withFzf) {
      progress(`${corpus.name}: fzf on the same text`);
      fzf = await runFzf(pty, { linesFile, lineCount: prepared.articles, queries: prepared.queries, modes, rounds });
    }
    return {
      corpus: corpus.name,
      paths: corpus.paths,
      articles: prepared.articles,
      queries: prepared.queries,
      lede: {
        fresh_cache: fresh,
        saved_after_first_start: savedAfterFresh,
        warm_cache: warm,
        warm_starts: { first_frame_ms: distribution(firstFrames), index_ready_ms: distribution(indexReady) },
      },
      fzf,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** The files in the cache's library directory, with their sizes. */
function savedFiles(cacheDir: string): Record<string, number> {
  const dir = join(cacheDir, 'library');
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((name) => [name, statSync(join(dir, name)).size]));
}

const slug = (name: string) => name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(-40) || 'corpus';

export async function benchLatency(argv: string[], context: LatencyContext): Promise<Record<string, unknown>> {
  const cli = arg(argv, '--cli') ? resolve(arg(argv, '--cli')!) : context.cli;
  if (!existsSync(cli)) return { skipped: `${cli} missing: run \`npm run build\`` };
  if (!existsSync('/proc/self/status')) return { skipped: 'needs /proc (Linux) for RSS' };
  if (argv.includes('--frame-cost')) return { date: new Date().toISOString(), machine: machine(), frame_cost: await benchFrameCost(argv, context) };
  if (argv.includes('--startup') && arg(argv, '--against')) return { date: new Date().toISOString(), machine: machine(), startup: await benchStartupAgainst(argv, context.root) };
  if (argv.includes('--startup')) return { date: new Date().toISOString(), machine: machine(), startup: await benchStartupSplit(argv, { root: context.root, cli }) };
  const pty = await loadPty();
  if ('unavailable' in pty) return { skipped: pty.unavailable };
  const started = machine();
  const corpora = [];
  for (const corpus of corporaFrom(argv, context)) corpora.push(await benchCorpus(corpus, argv, { ...context, cli }, pty));
  const report = { date: new Date().toISOString(), machine: { ...started, loadavg_end: machine().loadavg }, cli, corpora };
  const save = arg(argv, '--save');
  if (save) writeFileSync(save, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

type Run = LedeRunResult;

function describeRun(label: string, run: Run): string[] {
  const lines = [
    `  ${label}: first frame ${run.first_frame_ms} ms, index ready ${run.index_ready_ms ?? '—'} ms, entities done ${run.entities_done_ms ?? run.entities_note ?? '—'}${run.entities_done_ms === null ? '' : ' ms'}; RSS typing ${run.rss_mb.typing_p50 ?? '—'} MB, peak ${run.rss_mb.peak} MB`,
  ];
  for (const [mode, t] of Object.entries(run.typing)) {
    if (!t) continue;
    lines.push(`    ${mode.padEnd(6)} echo   ${describeDistribution(t.echo_ms)}`);
    lines.push(`    ${''.padEnd(6)} settle ${describeDistribution(t.settle_ms)}; ${t.coalesced} coalesced${t.states ? `; keys: ${Object.entries(t.states).map(([s, n]) => `${n} ${s}`).join(', ')}` : ''}`);
  }
  return lines;
}

/** The short human summary printed without --json. */
export function describeLatency(report: Record<string, unknown>): string {
  if ('skipped' in report) return `latency: skipped: ${String(report.skipped)}\n`;
  if ('startup' in report || 'frame_cost' in report) return `${JSON.stringify(report, null, 2)}\n`;
  const m = report.machine as { nproc: number; cpu: string; loadavg: number[]; loadavg_end: number[] };
  const lines = [`${report.date as string} · ${m.nproc} cores, ${m.cpu} · load ${m.loadavg.join(' ')} → ${m.loadavg_end.join(' ')}`];
  for (const c of report.corpora as Awaited<ReturnType<typeof benchCorpus>>[]) {
    lines.push(`${c.corpus}: ${c.articles.toLocaleString('en-US')} articles · queries ${c.queries.map((q) => JSON.stringify(q)).join(' ')}`);
    if (c.lede.fresh_cache) lines.push(...describeRun('fresh cache (pass running)', c.lede.fresh_cache));
    if (c.lede.fresh_cache?.entities_done_status) lines.push(`    status when the pass was taken as done: ${JSON.stringify(c.lede.fresh_cache.entities_done_status)}`);
    if (c.lede.saved_after_first_start) {
      const saved = Object.entries(c.lede.saved_after_first_start).map(([name, bytes]) => `${name.replace(/^[0-9a-f]+/, '…')} ${(bytes / 1048576).toFixed(1)} MB`);
      lines.push(`  saved after the first start: ${saved.join(', ') || 'nothing'}`);
    }
    if (c.lede.warm_cache) lines.push(...describeRun('warm cache (pass done)', c.lede.warm_cache));
    lines.push(`  warm starts: first frame ${describeDistribution(c.lede.warm_starts.first_frame_ms)}`);
    const fzf = c.fzf as { skipped?: string; typing?: Record<string, { echo_ms: unknown; settle_ms: unknown; keys: number; settle_unknown?: number }>; first_frame_ms?: number; ready_ms?: number };
    if (fzf.skipped) lines.push(`  fzf: skipped: ${fzf.skipped}`);
    else {
      lines.push(`  fzf: first frame ${fzf.first_frame_ms} ms, all lines read ${fzf.ready_ms} ms`);
      for (const [mode, t] of Object.entries(fzf.typing ?? {})) {
        lines.push(`    ${mode.padEnd(6)} echo   ${describeDistribution(t.echo_ms as never)}`);
        // fzf's fuzzy match over a whole article per line often matches every line at every prefix: no count to wait for.
        const unknown = t.settle_ms === null && t.settle_unknown === t.keys ? ' (the count never changed: every prefix matched the same lines)' : '';
        lines.push(`    ${''.padEnd(6)} count  ${describeDistribution(t.settle_ms as never)}${unknown}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** For a saved report: `node --import tsx test/bench/latency.ts --describe FILE`. */
if (process.argv[1]?.endsWith('latency.ts') && process.argv[2] === '--describe') {
  process.stdout.write(describeLatency(JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as Record<string, unknown>));
}
