/** lede's library filter and fzf's prompt, as the typing loop (latency-typing.ts) sees them. */
import { type FrameCensus, frameCensus, fzfCounter, fzfQuery, isFindingEntities, isIndexing, ledePrompt, ledeStatus, parseCounter } from './latency-screens.js';
import type { TimedTerminal } from './timed-terminal.js';
import type { TypingTarget } from './latency-typing.js';

/** Hang guard for the screen to respond to `/`, Esc or Ctrl+U. */
const READY_TIMEOUT_MS = 60_000;

/** The list's status line with no prompt open: `article 1 of 2,000 …`. */
export const showsWholeList = (term: TimedTerminal): boolean => ledePrompt(term) === null && /^article \d[\d,]* of \d/.test(ledeStatus(term));

/** `censuses`, when given, receives what each query's result frame holds. */
export function ledeTarget(term: TimedTerminal, censuses?: FrameCensus[]): TypingTarget {
  return {
    async open() {
      const opened = term.until(() => ledePrompt(term)?.query === '', READY_TIMEOUT_MS, 'the prompt after /');
      term.write('/');
      await opened;
    },
    shownQuery: () => ledePrompt(term)?.query ?? null,
    resultIsCurrent() {
      const prompt = ledePrompt(term);
      const counter = prompt ? parseCounter(prompt.note) : null;
      return counter !== null && !counter.pending;
    },
    beforeClear() {
      censuses?.push(frameCensus(term));
    },
    async clear() {
      const cleared = term.until(() => showsWholeList(term), READY_TIMEOUT_MS, 'the whole list after Esc');
      term.write('\x1b');
      await cleared;
    },
    stateAtKey() {
      const line = ledeStatus(term);
      if (isIndexing(line)) return 'indexing';
      return isFindingEntities(line) ? 'pass running' : 'pass done';
    },
  };
}

/**
 * fzf shows no marker for a stale count, so a count is taken as the current query's when it is the
 * count `fzf --filter` gives for that query — and cannot be told when the previous prefix had the
 * same count (`counts` holds every prefix of every query, '' included).
 */
export function fzfTarget(term: TimedTerminal, counts: ReadonlyMap<string, number>): TypingTarget {
  const countIs = (expected: number | undefined) => expected !== undefined && fzfCounter(term)?.matched === expected;
  return {
    async open() {
      await term.until(() => fzfQuery(term) === '' && countIs(counts.get('')), READY_TIMEOUT_MS, 'fzf with an empty query');
    },
    shownQuery: () => fzfQuery(term),
    resultIsCurrent(query) {
      const expected = counts.get(query);
      if (query.length > 0 && counts.get(query.slice(0, -1)) === expected) return undefined;
      return countIs(expected);
    },
    async clear() {
      const cleared = term.until(() => fzfQuery(term) === '' && countIs(counts.get('')), READY_TIMEOUT_MS, 'fzf after Ctrl+U');
      term.write('\x15');
      await cleared;
    },
  };
}
