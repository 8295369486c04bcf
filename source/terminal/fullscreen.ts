import { constants } from 'node:os';

/**
 * Alternate screen, hidden cursor, raw keys and bracketed paste: entered once and always left —
 * on a normal exit, an uncaught error, or any signal that would end the process — and left and
 * re-entered around a suspend (Ctrl+Z, SIGTSTP), as less does. Ink 6 has no alternate-screen
 * option, so lede owns this.
 */
// The alternate screen keeps the cursor where it was: home it, or a frame drawn from a lower
// row scrolls its own first line off the top. Bracketed paste (2004) makes a paste arrive as one
// piece, so pasted text is never taken for keys.
const ENTER = '\x1b[?1049h\x1b[H\x1b[?25l\x1b[?2004h';
const LEAVE = '\x1b[?2004l\x1b[?25h\x1b[?1049l';

/**
 * Signals whose default action ends the process (signal-exit's list, which Ink registers for, so
 * without a handler of lede's they killed it with the terminal still raw and on the alternate
 * screen). SIGKILL and SIGSTOP cannot be caught; SIGSEGV and friends are faults, not requests.
 * SIGPROF is left out: V8's CPU profiler (`node --cpu-prof`) ticks with it, and nothing else sends it.
 */
const ENDING_SIGNALS: NodeJS.Signals[] = [
  'SIGTERM',
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGUSR2',
  'SIGALRM',
  'SIGVTALRM',
  'SIGXCPU',
  'SIGXFSZ',
  'SIGTRAP',
  'SIGSYS',
  'SIGABRT',
  'SIGIO',
  'SIGPWR',
];

let current: FullScreen | null = null;

/** Leaves the alternate screen if lede is in it: for fatal errors, before their message is printed. */
export function leaveFullScreen(): void {
  current?.leave();
}

export interface FullScreen {
  /** Leaves the alternate screen and raw mode for good (idempotent). */
  leave(): void;
  /** Gives the terminal back and stops the process, as Ctrl+Z does in a shell; returns on resume. */
  suspend(): void;
  /** Calls `listener` after each resume, once the screen is entered again (to draw it anew). */
  onResume(listener: () => void): () => void;
}

export interface FullScreenOptions {
  /** Runs first on an ending signal (to unmount Ink, so it stops drawing). */
  beforeSignalExit: () => void;
  /** Stops the process; a test seam (the default sends SIGSTOP to itself). */
  stop?: () => void;
}

/**
 * Enters the full screen. On an ending signal the terminal is restored and the process exits with
 * the conventional 128 + signal number.
 */
export function enterFullScreen(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream, options: FullScreenOptions): FullScreen {
  let active = true;
  let suspended = false;
  const resumeListeners = new Set<() => void>();
  const stop = options.stop ?? (() => process.kill(process.pid, 'SIGSTOP'));

  const write = (sequence: string) => {
    try {
      stdout.write(sequence);
    } catch {
      // A closed terminal (SIGHUP) cannot be written to: nothing is left to restore.
    }
  };
  const setRaw = (raw: boolean) => {
    if (!stdin.isTTY) return;
    try {
      stdin.setRawMode(raw);
    } catch {
      // Same: the terminal may already be gone.
    }
  };

  const onSignal = (signal: NodeJS.Signals) => {
    try {
      options.beforeSignalExit();
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
    process.off('SIGTSTP', suspend);
    process.off('SIGCONT', resume);
    for (const signal of ENDING_SIGNALS) process.off(signal, onSignal);
    setRaw(false);
    if (!suspended) write(LEAVE);
  };
  const suspend = () => {
    if (!active || suspended) return;
    suspended = true;
    write(LEAVE);
    setRaw(false);
    stop();
  };
  const resume = () => {
    if (!active) return;
    suspended = false;
    // The shell may have changed the modes while lede was stopped, and libuv skips a raw-mode
    // request it believes is already in force: leave raw mode first so the request is real.
    setRaw(false);
    setRaw(true);
    write(ENTER);
    for (const listener of resumeListeners) listener();
  };

  for (const signal of ENDING_SIGNALS) process.on(signal, onSignal);
  // A handler for SIGTSTP replaces the default stop: lede gives the terminal back, then stops.
  process.on('SIGTSTP', suspend);
  process.on('SIGCONT', resume);
  process.on('exit', leave);
  // Raw from the first moment: a key typed before Ink listens must be neither echoed nor
  // held back by the cooked tty's line editing; it waits, unread, for Ink.
  setRaw(true);
  write(ENTER);
  current = {
    leave,
    suspend,
    onResume(listener) {
      resumeListeners.add(listener);
      return () => resumeListeners.delete(listener);
    },
  };
  return current;
}
