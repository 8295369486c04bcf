/**
 * fzf on the same text, typed the same way: each article one line (title and text, whitespace
 * collapsed), read by fzf from its standard input in a pseudo-terminal. Skipped, with a note, when
 * fzf is not installed.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fzfCounter, fzfQuery } from './latency-screens.js';
import { fzfTarget } from './latency-targets.js';
import { type KeySample, keyGaps, type TypingMode, typeQuery } from './latency-typing.js';
import { summarizeTyping, type TypingSummary } from './latency-summary.js';
import { percentile, round } from './stats.js';
import { type Pty, TimedTerminal, userTerminalEnv } from './timed-terminal.js';

export interface FzfRunResult {
  version: string;
  lines: number;
  first_frame_ms: number;
  /** Spawn → the counter shows every line read. */
  ready_ms: number;
  typing: Partial<Record<TypingMode, TypingSummary>>;
  rss_mb: { typing_p50?: number; peak: number };
}

/** fzf's version, or null when it is not installed. */
export function fzfVersion(): string | null {
  const r = spawnSync('fzf', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** fzf's own environment: nothing of the user's fzf configuration. */
function fzfEnv(): Record<string, string> {
  return userTerminalEnv({ FZF_DEFAULT_OPTS: undefined, FZF_DEFAULT_COMMAND: undefined, FZF_DEFAULT_OPTS_FILE: undefined });
}

/** How many lines `fzf --filter` matches for every prefix of every query ('' included). */
export function fzfCounts(linesFile: string, queries: string[], lineCount: number): Map<string, number> {
  const counts = new Map<string, number>([['', lineCount]]);
  for (const query of queries) {
    for (let k = 1; k <= query.length; k++) {
      const prefix = query.slice(0, k);
      if (counts.has(prefix)) continue;
      const r = spawnSync('sh', ['-c', 'fzf --filter "$1" < "$2" | wc -l', 'sh', prefix, linesFile], { encoding: 'utf8', env: fzfEnv() });
      counts.set(prefix, Number(r.stdout.trim()));
    }
  }
  return counts;
}

export async function runFzf(
  pty: Pty,
  options: { linesFile: string; lineCount: number; queries: string[]; modes: TypingMode[]; rounds: number },
): Promise<FzfRunResult> {
  const counts = fzfCounts(options.linesFile, options.queries, options.lineCount);
  const term = new TimedTerminal(pty, '/bin/sh', ['-c', 'exec fzf < "$1"', 'sh', options.linesFile], { cols: 120, rows: 40, env: fzfEnv() });
  const sampler = term.sampleRss();
  const rss = sampler.samples;
  try {
    const firstFrame = term.until(() => fzfQuery(term) !== null && fzfCounter(term) !== null, 120_000, 'fzf drawn');
    const ready = term.until(() => fzfCounter(term)?.total === options.lineCount && fzfCounter(term)?.matched === options.lineCount, 300_000, 'fzf read everything');
    const first_frame_ms = round((await firstFrame) - term.spawnedAt, 1);
    const ready_ms = round((await ready) - term.spawnedAt, 1);
    const typingFrom = performance.now();
    const samples: Partial<Record<TypingMode, KeySample[]>> = {};
    let seed = 1;
    for (let r = 0; r < options.rounds; r++) {
      for (const mode of options.modes) {
        for (const query of options.queries) {
          (samples[mode] ??= []).push(...(await typeQuery(term, fzfTarget(term, counts), query, keyGaps(mode, query.length, seed++))));
        }
      }
    }
    const during = rss.filter((s) => s.at >= typingFrom).map((s) => s.mb);
    const typing: FzfRunResult['typing'] = {};
    for (const [mode, keys] of Object.entries(samples)) typing[mode as TypingMode] = summarizeTyping(keys);
    term.write('\x1b');
    await term.exited(10_000);
    return {
      version: fzfVersion() ?? '?',
      lines: options.lineCount,
      first_frame_ms,
      ready_ms,
      typing,
      rss_mb: { ...(during.length > 0 ? { typing_p50: Math.round(percentile(during, 50)) } : {}), peak: Math.round(Math.max(0, ...rss.map((s) => s.mb))) },
    };
  } finally {
    sampler.stop();
    await term.dispose();
  }
}
