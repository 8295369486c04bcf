import { constants } from 'node:os';

/**
 * Alternate screen and cursor, entered once and always left: on a normal exit, a signal or an
 * uncaught error. Ink 6 has no alternate-screen option, so lede owns this.
 */
// The alternate screen keeps the cursor where it was: home it, or a frame drawn from a lower
// row scrolls its own first line off the top.
const ENTER = '\x1b[?1049h\x1b[H\x1b[?25l';
const LEAVE = '\x1b[?25h\x1b[?1049l';
const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT'];

let current: FullScreen | null = null;

/** Leaves the alternate screen if lede is in it: for fatal errors, before their message is printed. */
export function leaveFullScreen(): void {
  current?.leave();
}

export interface FullScreen {
  /** Leaves the alternate screen and raw mode (idempotent). */
  leave(): void;
}

/**
 * `beforeSignalExit` runs first on a signal (to unmount Ink, so it stops drawing); then the
 * terminal is restored and the process exits with the conventional 128 + signal number.
 */
export function enterFullScreen(
  stdout: NodeJS.WriteStream,
  stdin: NodeJS.ReadStream,
  beforeSignalExit: () => void,
): FullScreen {
  let active = true;
  const onSignal = (signal: NodeJS.Signals) => {
    try {
      beforeSignalExit();
    } finally {
      leave();
      process.exit(128 + (constants.signals[signal] ?? 1));
    }
  };
  const leave = () => {
    if (!active) return;
    active = false;
    current = null;
    process.off('exit', leave);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    if (stdin.isTTY) {
      try {
        stdin.setRawMode(false);
      } catch {
        // The terminal may already be gone (SIGHUP): nothing is left to restore.
      }
    }
    try {
      stdout.write(LEAVE);
    } catch {
      // Same: a closed terminal cannot be written to.
    }
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', leave);
  // Raw from the first moment: a key typed before Ink listens must be neither echoed nor
  // held back by the cooked tty's line editing; it waits, unread, for Ink.
  if (stdin.isTTY) stdin.setRawMode(true);
  stdout.write(ENTER);
  current = { leave };
  return current;
}
