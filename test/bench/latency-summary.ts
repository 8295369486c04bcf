/** Per-key samples reduced to the figures the latency bench reports. */
import type { KeySample } from './latency-typing.js';
import { percentile, round } from './stats.js';

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function distribution(values: number[]): Distribution | null {
  if (values.length === 0) return null;
  return {
    n: values.length,
    p50: round(percentile(values, 50), 1),
    p95: round(percentile(values, 95), 1),
    max: round(Math.max(...values), 1),
  };
}

export interface TypingSummary {
  keys: number;
  echo_ms: Distribution | null;
  settle_ms: Distribution | null;
  /** Keys whose own result was never drawn: a later key's result was the first to show. */
  coalesced: number;
  /** Keys never echoed, or never settled, within the hang guard. */
  missed_echo: number;
  missed_settle: number;
  /** Keys whose settle cannot be told from the screen (fzf: the count did not change). */
  settle_unknown?: number;
  /** Output bytes per key (the frames drawn for it), median; frames drawn per key, mean. */
  bytes_per_key_p50: number;
  frames_per_key: number;
  /** The program's state when each key was written (lede: indexing, pass running, pass done). */
  states?: Record<string, number>;
  /** CPU time per key from /proc over the typing windows: the main thread, and the whole process (workers too). */
  cpu_ms_per_key?: { main_thread: number; whole_process: number };
}

export function summarizeTyping(samples: KeySample[]): TypingSummary {
  const echoes = samples.flatMap((s) => (s.echoMs === null ? [] : [s.echoMs]));
  const settles = samples.flatMap((s) => (s.settleMs === null ? [] : [s.settleMs]));
  const unknown = samples.filter((s) => s.settleUnknown).length;
  const states: Record<string, number> = {};
  for (const s of samples) if (s.state) states[s.state] = (states[s.state] ?? 0) + 1;
  return {
    keys: samples.length,
    echo_ms: distribution(echoes),
    settle_ms: distribution(settles),
    coalesced: samples.filter((s) => s.coalesced).length,
    missed_echo: samples.length - echoes.length,
    missed_settle: samples.length - settles.length - unknown,
    ...(unknown > 0 ? { settle_unknown: unknown } : {}),
    bytes_per_key_p50: Math.round(percentile(samples.map((s) => s.bytes), 50)),
    frames_per_key: round(samples.reduce((n, s) => n + s.frames, 0) / Math.max(1, samples.length), 2),
    ...(Object.keys(states).length > 0 ? { states } : {}),
  };
}

/** "p50 12 / p95 30 / max 41 ms (n 80)", or "—". */
export function describeDistribution(d: Distribution | null): string {
  return d ? `p50 ${d.p50} / p95 ${d.p95} / max ${d.max} ms (n ${d.n})` : '—';
}
