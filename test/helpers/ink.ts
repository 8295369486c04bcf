import type { render } from 'ink-testing-library';

type Rendered = ReturnType<typeof render>;

/**
 * How long a wait may last before it fails, at the least: a guard against a hang, never a timing
 * assertion (a wait ends as soon as its frame is drawn). On this shared machine at a load average
 * of 20, the entity panel's frames took longer than the 3 s the guard used to be, and the suite
 * failed by timing alone.
 */
const HANG_GUARD_MS = 60_000;

/** Polls the last frame until `check` holds: Ink renders asynchronously after each key. */
export async function waitForFrame(
  rendered: Rendered,
  check: (frame: string) => boolean,
  what = 'the expected frame',
  timeoutMs = HANG_GUARD_MS,
): Promise<string> {
  const deadline = Date.now() + Math.max(timeoutMs, HANG_GUARD_MS);
  for (;;) {
    const frame = rendered.lastFrame() ?? '';
    if (check(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Sends one key and waits until the frame changes (or `check` holds, when given). */
export async function press(
  rendered: Rendered,
  key: string,
  check?: (frame: string) => boolean,
  what?: string,
): Promise<string> {
  const before = rendered.lastFrame() ?? '';
  rendered.stdin.write(key);
  return waitForFrame(rendered, check ?? ((frame) => frame !== before), what ?? `a new frame after ${JSON.stringify(key)}`);
}

export const keys = {
  enter: '\r',
  esc: '\x1b',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  pageDown: '\x1b[6~',
  pageUp: '\x1b[5~',
  home: '\x1b[H',
  end: '\x1b[F',
  ctrlC: '\x03',
  backspace: '\x7f',
  tab: '\t',
};
