/** How often progress may redraw the screen: often enough to look alive, rarely enough to cost nothing. */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * Wraps a progress callback so it fires at most every `intervalMs`, and always for the final
 * call (done === total). Each call re-renders the app; unthrottled, an indexer that reports every
 * 8 ms slice spends most of its time drawing its own progress.
 */
export function throttleProgress<More extends unknown[] = []>(
  report: (done: number, total: number, ...more: More) => void,
  intervalMs = PROGRESS_INTERVAL_MS,
  now: () => number = Date.now,
): (done: number, total: number, ...more: More) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (done, total, ...more) => {
    const time = now();
    if (done < total && time - last < intervalMs) return;
    last = time;
    report(done, total, ...more);
  };
}
