/**
 * A pseudo-terminal read by a real emulator, for measuring time (test/e2e/terminal.ts is the one for
 * asserting what is on screen). The difference is when a screen state counts as seen: every chunk
 * the program writes is stamped when it arrives (node-pty's onData), and once the emulator has
 * parsed that chunk — asynchronously, in its own slices — each waiting condition is checked against
 * the screen as that chunk left it. A condition that now holds is dated at the chunk's arrival, not
 * at the moment the parse or a poll happened to look. A frame counts once it is whole: not in the
 * middle of a synchronized update.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import xterm from '@xterm/headless';
import type { IPty } from 'node-pty';

export type Pty = typeof import('node-pty');

export interface TimedTerminalOptions {
  cols: number;
  rows: number;
  cwd?: string;
  env: Record<string, string>;
}

/** One chunk of output: when it arrived (performance.now() ms), its bytes, and how many frames it began. */
export interface Chunk {
  at: number;
  bytes: number;
  /** Synchronized updates begun in it (Ink wraps each frame in one). */
  frames: number;
}

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
const TICK_MS = 10;

const BEGIN_SYNCHRONIZED_UPDATE = Buffer.from('\x1b[?2026h');

function countOf(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

interface Waiter {
  holds: () => boolean;
  resolve: (at: number) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** The environment of a user's terminal: no CI variables (Ink draws nothing under CI), a UTF-8 locale. */
export function userTerminalEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete env[key];
  }
  delete env.NODE_OPTIONS; // the bench runs under tsx; the program under test must not
  Object.assign(env, { TERM: 'xterm-256color', COLORTERM: 'truecolor', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' }, extra);
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  return result;
}

export class TimedTerminal {
  readonly term: InstanceType<typeof xterm.Terminal>;
  /** performance.now() just before the process was spawned. */
  readonly spawnedAt: number;
  readonly chunks: Chunk[] = [];
  private readonly proc: IPty;
  private waiters: Waiter[] = [];
  private exitCode: number | undefined;
  private readonly exitPromise: Promise<number>;

  constructor(pty: Pty, file: string, args: string[], options: TimedTerminalOptions) {
    this.term = new xterm.Terminal({ cols: options.cols, rows: options.rows, allowProposedApi: true, scrollback: 0 });
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.spawnedAt = performance.now();
    this.proc = pty.spawn(file, args, {
      name: 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd: options.cwd,
      env: options.env,
      encoding: null,
    });
    this.proc.onData((data: string | Buffer) => {
      const at = performance.now();
      const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      this.chunks.push({ at, bytes: chunk.length, frames: countOf(chunk, BEGIN_SYNCHRONIZED_UPDATE) });
      // The callback runs once this chunk is parsed, before the next one is: the screen is
      // exactly as this chunk left it.
      this.term.write(chunk, () => this.check(at));
    });
    // Replies to the program's queries (cursor position, device attributes), as a terminal sends them.
    this.term.onData((reply) => {
      if (this.exitCode === undefined) this.proc.write(reply);
    });
    this.exitPromise = new Promise((resolve) => {
      this.proc.onExit(({ exitCode }) => {
        this.exitCode = exitCode;
        resolve(exitCode);
        for (const waiter of this.waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error(`the program exited (${exitCode})\n${this.describe()}`));
        }
        this.waiters = [];
      });
    });
  }

  get pid(): number {
    return this.proc.pid;
  }

  /** Writes input and returns when it was written (performance.now() ms). */
  write(data: string): number {
    const at = performance.now();
    this.proc.write(data);
    return at;
  }

  /**
   * Resolves with the arrival time of the chunk after which `holds()` first became true. The
   * condition must be false now (the caller registers it before sending what should change it) —
   * if it already holds, the time is now.
   */
  until(holds: () => boolean, timeoutMs: number, what: string): Promise<number> {
    if (!this.term.modes.synchronizedOutputMode && holds()) return Promise.resolve(performance.now());
    if (this.exitCode !== undefined) return Promise.reject(new Error(`${what}: the program had exited`));
    const seen = new Promise<number>((resolve, reject) => {
      const waiter: Waiter = {
        holds,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`${what}: not seen within ${timeoutMs} ms\n${this.describe()}`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
    // Awaited later, or never (a condition raced against another): an exit must not crash the bench.
    seen.catch(() => {});
    return seen;
  }

  private check(at: number): void {
    // Inside a synchronized update (DECSET 2026, which Ink wraps each frame in) a terminal shows
    // the previous frame: the half-drawn one is not what a person sees.
    if (this.waiters.length === 0 || this.term.modes.synchronizedOutputMode) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.holds()) {
        clearTimeout(waiter.timer);
        waiter.resolve(at);
      } else still.push(waiter);
    }
    this.waiters = still;
  }

  /** Resolves once everything received so far is parsed. */
  parsed(): Promise<void> {
    return new Promise((resolve) => this.term.write('', resolve));
  }

  /** Visible line `y` (0 = top), trailing spaces trimmed. */
  line(y: number): string {
    const buffer = this.term.buffer.active;
    return buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '';
  }

  lines(): string[] {
    return Array.from({ length: this.term.rows }, (_, y) => this.line(y));
  }

  /** The lowest non-empty visible line and its row, or row -1. */
  lastLine(): { y: number; text: string } {
    for (let y = this.term.rows - 1; y >= 0; y--) {
      const text = this.line(y);
      if (text !== '') return { y, text };
    }
    return { y: -1, text: '' };
  }

  /** Line `y` split at its first inverse cell: the text before it, and after it (trimmed). */
  splitAtInverse(y: number): { before: string; after: string } | null {
    const buffer = this.term.buffer.active;
    const line = buffer.getLine(buffer.viewportY + y);
    if (!line) return null;
    const cell = buffer.getNullCell();
    let before = '';
    for (let x = 0; x < this.term.cols; x++) {
      if (!line.getCell(x, cell)) break;
      if (cell.isInverse()) return { before, after: line.translateToString(true, x + Math.max(1, cell.getWidth())).trim() };
      before += cell.getChars() || (cell.getWidth() === 0 ? '' : ' ');
    }
    return null;
  }

  cursor(): { x: number; y: number } {
    return { x: this.term.buffer.active.cursorX, y: this.term.buffer.active.cursorY };
  }

  /** The process's resident memory sampled every `everyMs` until `stop()`: samples as they come, time-stamped. */
  sampleRss(everyMs = 250): { samples: { at: number; mb: number }[]; stop(): void } {
    const samples: { at: number; mb: number }[] = [];
    const timer = setInterval(() => {
      const mb = this.rssMb();
      if (mb !== undefined) samples.push({ at: performance.now(), mb });
    }, everyMs);
    return { samples, stop: () => clearInterval(timer) };
  }

  /** Resident memory of the process (MB), from /proc; undefined once it has gone. */
  rssMb(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
      return kb === undefined ? undefined : Number(kb) / 1024;
    } catch {
      return undefined;
    }
  }

  /**
   * CPU time used so far (ms): by the process's main thread (the one that draws and searches), and by
   * the whole process (its workers too), from /proc; undefined once it has gone. Clock-tick resolution
   * (10 ms), so it is read over windows of many keys.
   */
  cpuMs(): { main: number; process: number } | undefined {
    const ticks = (path: string) => {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(path, 'utf8').split(') ').pop()!.split(' ');
      return Number(fields[11]) + Number(fields[12]);
    };
    try {
      const pid = this.proc.pid;
      return { main: ticks(`/proc/${pid}/task/${pid}/stat`) * TICK_MS, process: ticks(`/proc/${pid}/stat`) * TICK_MS };
    } catch {
      return undefined;
    }
  }

  /** Output bytes, and frames begun, that arrived in [from, to). */
  outputBetween(from: number, to: number): { bytes: number; frames: number } {
    let bytes = 0;
    let frames = 0;
    for (const chunk of this.chunks) {
      if (chunk.at >= from && chunk.at < to) {
        bytes += chunk.bytes;
        frames += chunk.frames;
      }
    }
    return { bytes, frames };
  }

  describe(): string {
    return this.lines()
      .map((l, i) => `${String(i).padStart(3)}|${l}`)
      .join('\n');
  }

  hasExited(): boolean {
    return this.exitCode !== undefined;
  }

  /** Waits for the process to exit by itself, up to `timeoutMs`; then kills it. */
  async exited(timeoutMs: number): Promise<number | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      this.exitPromise,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (code === undefined) await this.dispose();
    return code;
  }

  async dispose(): Promise<void> {
    if (this.exitCode === undefined) {
      try {
        this.proc.kill('SIGKILL');
      } catch {
        // already gone
      }
      await Promise.race([this.exitPromise, new Promise((resolve) => setTimeout(resolve, 3000))]);
    }
    for (const waiter of this.waiters) clearTimeout(waiter.timer);
    this.waiters = [];
    this.term.dispose();
  }
}
