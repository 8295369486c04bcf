/**
 * Typing a query key by key into a program in a TimedTerminal, as a person does, and timing what
 * the screen shows for each key:
 *
 * - echo: key written → the prompt shows the query up to and including that key;
 * - settle: key written → the result counter belongs to that query or a later one (the person
 *   sees a list that has taken the key into account). A key whose own result was never drawn,
 *   because the next key overtook it, is counted as coalesced.
 *
 * The next key is written after its gap whether or not the screen has caught up (nobody waits).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { prng } from '../helpers/prng.js';
import type { TimedTerminal } from './timed-terminal.js';

/** How a program shows a query being typed, as the typing loop needs to see it. */
export interface TypingTarget {
  /** Gets the program ready for a new query (lede: `/` opens the prompt; fzf: nothing). */
  open(): Promise<void>;
  /** The query the prompt shows now, or null when no prompt is on screen. */
  shownQuery(): string | null;
  /**
   * Whether the result on screen belongs to the query the prompt shows now; undefined when this
   * cannot be told for that query (fzf: a count the previous prefix also had).
   */
  resultIsCurrent(query: string): boolean | undefined;
  /** Called once the query's last key has settled, before it is cleared (to look at the result). */
  beforeClear?(): void;
  /** Clears the query and waits until the screen shows the whole list again. */
  clear(): Promise<void>;
  /** A note on the program's state at the moment a key is written (e.g. the entity pass running). */
  stateAtKey?(): string | undefined;
}

export interface KeySample {
  query: string;
  /** 1-based: the key is query[index - 1]. */
  index: number;
  /** Time from this key to the next one (0 for the last). */
  gapMs: number;
  echoMs: number | null;
  settleMs: number | null;
  /** The counter first caught up with this key by showing a later query's result. */
  coalesced: boolean;
  /** Settle could not be told for this key (see TypingTarget.resultIsCurrent). */
  settleUnknown: boolean;
  state?: string;
  /** Output bytes, and frames begun, between this key and the next (or the last settle). */
  bytes: number;
  frames: number;
  /** When the key was written (performance.now() ms). */
  writtenAt: number;
}

export type TypingMode = 'person' | 'burst';

/** Gaps between keys: a person 60–100 ms (seeded, so runs compare), a burst 10 ms. */
export function keyGaps(mode: TypingMode, count: number, seed: number): number[] {
  const random = prng(seed);
  return Array.from({ length: count }, () => (mode === 'burst' ? 10 : 60 + Math.round(random() * 40)));
}

/** How long a key may take to show before it is recorded as never seen (a hang guard, not a target). */
const SEEN_TIMEOUT_MS = 60_000;

/** When the last thing this key changed was seen. */
export const lastSeenAt = (s: KeySample): number => s.writtenAt + Math.max(s.settleMs ?? 0, s.echoMs ?? 0);

/** True when the prompt shows at least the first `k` characters of `query`. */
export function showsPrefix(shown: string | null, query: string, k: number): boolean {
  return shown !== null && shown.length >= k && query.startsWith(shown);
}

/** Told when typing starts (just before the first key) and ends (the last key settled, before the query is cleared). */
export interface TypingWindow {
  start(): void;
  end(): void;
}

export async function typeQuery(term: TimedTerminal, target: TypingTarget, query: string, gaps: number[], window?: TypingWindow): Promise<KeySample[]> {
  await target.open();
  window?.start();
  const pending: Promise<void>[] = [];
  const samples: KeySample[] = [];
  const writes: number[] = [];
  for (let i = 0; i < query.length; i++) {
    const k = i + 1;
    const sample: KeySample = {
      query,
      index: k,
      gapMs: 0,
      echoMs: null,
      settleMs: null,
      coalesced: false,
      settleUnknown: false,
      bytes: 0,
      frames: 0,
      writtenAt: 0,
    };
    samples.push(sample);
    let settledOn = '';
    const echo = term.until(() => showsPrefix(target.shownQuery(), query, k), SEEN_TIMEOUT_MS, `echo of key ${k} of ${JSON.stringify(query)}`);
    const settle = term.until(
      () => {
        const shown = target.shownQuery();
        if (!showsPrefix(shown, query, k)) return false;
        const current = target.resultIsCurrent(shown!);
        if (current === undefined) {
          sample.settleUnknown = true;
          return true;
        }
        if (current !== true) return false;
        settledOn = shown!;
        return true;
      },
      SEEN_TIMEOUT_MS,
      `result of key ${k} of ${JSON.stringify(query)}`,
    );
    sample.state = target.stateAtKey?.();
    const writtenAt = term.write(query[i]!);
    sample.writtenAt = writtenAt;
    if (i > 0) samples[i - 1]!.gapMs = writtenAt - writes[i - 1]!;
    writes.push(writtenAt);
    pending.push(
      echo.then(
        (at) => {
          sample.echoMs = at - writtenAt;
        },
        () => {},
      ),
      settle.then(
        (at) => {
          if (sample.settleUnknown) return;
          sample.settleMs = at - writtenAt;
          sample.coalesced = settledOn.length > k;
        },
        () => {},
      ),
    );
    if (i < query.length - 1) await sleep(gaps[i] ?? 0);
  }
  await Promise.all(pending);
  await term.parsed();
  window?.end();
  const end = Math.max(...samples.map((s) => lastSeenAt(s)));
  for (let i = 0; i < samples.length; i++) Object.assign(samples[i]!, term.outputBetween(writes[i]!, writes[i + 1] ?? end + 1));
  target.beforeClear?.();
  await target.clear();
  return samples;
}
