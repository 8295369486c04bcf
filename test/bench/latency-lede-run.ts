/**
 * One interactive lede session in a TimedTerminal: how long until the list is drawn, the index is
 * built and the entity pass is done, then the queries typed key by key in each mode, and the
 * process's RSS throughout. Optionally under `--cpu-prof`, to see where each key's time goes.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FrameCensus, isFindingEntities, isIndexing, ledeStatus, showsFirstTitle } from './latency-screens.js';
import { showsWholeList, ledeTarget } from './latency-targets.js';
import { type KeySample, keyGaps, lastSeenAt, type TypingMode, typeQuery } from './latency-typing.js';
import { summarizeTyping, type TypingSummary } from './latency-summary.js';
import { round, percentile } from './stats.js';
import { type Pty, TimedTerminal, userTerminalEnv } from './timed-terminal.js';

export interface LedeRunOptions {
  cli: string;
  /** Paths given to lede; none opens the bundled articles. */
  paths: string[];
  cwd: string;
  /** The list's first title, which marks the first frame. */
  firstTitle: string;
  cacheDir: string;
  /** Config and state directories of its own, so a run reads and writes nothing of the user's. */
  homeDirs: { config: string; state: string };
  queries: string[];
  modes: TypingMode[];
  rounds: number;
  /** Wait for the entity pass to finish before typing (a warm start: it reads its cache). */
  typeAfterEntities: boolean;
  /** Before quitting, wait for the pass, so the cache is complete for a warm run after this one. */
  finishEntities: boolean;
  /** And then this long more (`--after-pass-ms`): what the app does on the index's arrival is in the RSS peak too. */
  afterPassMs?: number;
  /** Extra node flags (`--cpu-prof …`). */
  nodeArgs?: string[];
  cols?: number;
  rows?: number;
  /** Keep every key's sample in the result (`--samples`). */
  keepSamples?: boolean;
  /** Called for each key window, in performance.now() ms, for profile slicing. */
  onKeyWindow?: (window: { mode: TypingMode; from: number; to: number; keys: number }) => void;
}

export interface LedeRunResult {
  /** performance.now() in the bench when lede was spawned (the other times are since then). */
  spawned_at: number;
  first_output_ms: number;
  first_frame_ms: number;
  index_ready_ms: number | null;
  entities_done_ms: number | null;
  entities_note?: string;
  /** The status line when the pass was taken as done (a notice there ends the note too). */
  entities_done_status?: string;
  typing: Partial<Record<TypingMode, TypingSummary>>;
  rss_mb: { at_first_frame?: number; before_typing?: number; typing_p50?: number; peak: number; last?: number };
  exit: number | undefined;
  samples?: Partial<Record<TypingMode, KeySample[]>>;
  /** A query's result frame, median over the queries: rows drawn, match highlights, style runs. */
  result_frame?: FrameCensus;
}

/** Hang guards: loading and the background passes of a large library on a busy machine. */
const START_TIMEOUT_MS = 5 * 60_000;
const PASS_TIMEOUT_MS = 45 * 60_000;

export async function runLede(pty: Pty, options: LedeRunOptions): Promise<LedeRunResult> {
  const env = userTerminalEnv({
    LEDE_CACHE_DIR: options.cacheDir,
    LEDE_CONFIG_DIR: options.homeDirs.config,
    LEDE_STATE_DIR: options.homeDirs.state,
    FORCE_COLOR: '1',
  });
  const args = [...(options.nodeArgs ?? []), options.cli, ...options.paths];
  const term = new TimedTerminal(pty, process.execPath, args, { cols: options.cols ?? 120, rows: options.rows ?? 40, cwd: options.cwd, env });
  const since = (at: number) => round(at - term.spawnedAt, 1);
  const sampler = term.sampleRss();
  const rss = sampler.samples;
  try {
    const listShown = () => showsFirstTitle(term, options.firstTitle);
    const firstOutput = term.until(() => term.lastLine().y >= 0, START_TIMEOUT_MS, 'any output');
    const firstFrame = term.until(listShown, START_TIMEOUT_MS, `the first title ${JSON.stringify(options.firstTitle)}`);
    const indexReady = term.until(() => listShown() && showsWholeList(term) && !isIndexing(ledeStatus(term)), START_TIMEOUT_MS, 'the index built');
    // The pass's note appears once it starts (250 ms after the first frame) and goes when it is
    // done; a pass that never shows its note finished within a frame or two.
    let passSeen = false;
    const entitiesDone = term
      .until(
        () => {
          const line = ledeStatus(term);
          if (isFindingEntities(line)) passSeen = true;
          return passSeen && !isFindingEntities(line) && /\d/.test(line);
        },
        PASS_TIMEOUT_MS,
        'the entity pass done',
      )
      .then(
        (at) => at,
        () => null,
      );
    const result: LedeRunResult = {
      spawned_at: round(term.spawnedAt, 1),
      first_output_ms: since(await firstOutput),
      first_frame_ms: since(await firstFrame),
      index_ready_ms: null,
      entities_done_ms: null,
      typing: {},
      rss_mb: { peak: 0 },
      exit: undefined,
    };
    result.rss_mb.at_first_frame = lastRss(rss);
    result.index_ready_ms = since(await indexReady);
    if (options.typeAfterEntities) {
      const done = await Promise.race([entitiesDone, sleep(passSeen ? PASS_TIMEOUT_MS : 5000, undefined, { ref: false }).then(() => 'unseen' as const)]);
      if (done === 'unseen') result.entities_note = 'the pass never showed its note (done within a frame)';
      else if (done !== null) result.entities_done_ms = since(done);
    }
    result.rss_mb.before_typing = lastRss(rss);
    const typingFrom = performance.now();
    const samples: Partial<Record<TypingMode, KeySample[]>> = {};
    const cpu: Partial<Record<TypingMode, { main: number; process: number }>> = {};
    const censuses: FrameCensus[] = [];
    let seed = 1;
    for (let round = 0; round < options.rounds; round++) {
      for (const mode of options.modes) {
        for (const query of options.queries) {
          let before: { main: number; process: number } | undefined;
          const window = {
            start: () => {
              before = term.cpuMs();
            },
            end: () => {
              const after = term.cpuMs();
              if (!before || !after) return;
              const sum = (cpu[mode] ??= { main: 0, process: 0 });
              sum.main += after.main - before.main;
              sum.process += after.process - before.process;
            },
          };
          const keys = await typeQuery(term, ledeTarget(term, censuses), query, keyGaps(mode, query.length, seed++), window);
          if (keys.length > 0) options.onKeyWindow?.({ mode, from: keys[0]!.writtenAt, to: Math.max(...keys.map(lastSeenAt)), keys: keys.length });
          (samples[mode] ??= []).push(...keys);
        }
      }
    }
    const typingTo = performance.now();
    for (const [mode, keys] of Object.entries(samples)) {
      const used = cpu[mode as TypingMode];
      result.typing[mode as TypingMode] = {
        ...summarizeTyping(keys),
        ...(used ? { cpu_ms_per_key: { main_thread: round(used.main / keys.length, 1), whole_process: round(used.process / keys.length, 1) } } : {}),
      };
    }
    if (options.keepSamples) result.samples = samples;
    if (censuses.length > 0) {
      const mid = (pick: (c: FrameCensus) => number) => Math.round(percentile(censuses.map(pick), 50));
      result.result_frame = { rows: mid((c) => c.rows), highlights: mid((c) => c.highlights), styleRuns: mid((c) => c.styleRuns) };
    }
    const during = rss.filter((r) => r.at >= typingFrom && r.at <= typingTo).map((r) => r.mb);
    if (during.length > 0) result.rss_mb.typing_p50 = Math.round(percentile(during, 50));
    if (options.finishEntities || options.typeAfterEntities) {
      const done = await Promise.race([entitiesDone, sleep(passSeen ? PASS_TIMEOUT_MS : 5000, undefined, { ref: false }).then(() => 'unseen' as const)]);
      if (done === 'unseen') result.entities_note ??= 'the pass never showed its note (done within a frame)';
      else if (done !== null && result.entities_done_ms === null) result.entities_done_ms = since(done);
      if (done !== null && done !== 'unseen') result.entities_done_status = ledeStatus(term).trim();
      if (options.afterPassMs) await sleep(options.afterPassMs);
    }
    result.rss_mb.last = lastRss(rss);
    result.rss_mb.peak = Math.round(Math.max(0, ...rss.map((r) => r.mb)));
    // q quits normally, so a CPU profile is written; the pass may still be writing its cache.
    term.write('q');
    result.exit = await term.exited(60_000);
    return result;
  } finally {
    sampler.stop();
    await term.dispose();
  }
}

function lastRss(rss: { mb: number }[]): number | undefined {
  const last = rss[rss.length - 1];
  return last ? Math.round(last.mb) : undefined;
}
