// A real terminal for end-to-end tests: the program runs in a pseudo-terminal (node-pty) and its
// output is parsed by a real emulator (@xterm/headless), so assertions are about what a person
// would see — the screen, the window title, the alternate buffer, the cursor — not about bytes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import xterm from '@xterm/headless';
import pty from 'node-pty';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI; LEDE_E2E_CLI points the suite at another build (one next to a copy of articles/). */
export const cliPath = process.env.LEDE_E2E_CLI ?? fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** The CI machine is slow and shared: waits are generous and never part of an assertion. */
export const defaultTimeout = 10_000;

/** Named keys as a terminal in normal cursor-key mode sends them. */
const keys: Record<string, string> = {
  enter: '\r',
  return: '\r',
  esc: '\x1b',
  escape: '\x1b',
  tab: '\t',
  'shift-tab': '\x1b[Z',
  space: ' ',
  backspace: '\x7f',
  delete: '\x1b[3~',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  pgup: '\x1b[5~',
  pgdn: '\x1b[6~',
  'ctrl-c': '\x03',
  'ctrl-d': '\x04',
  'ctrl-z': '\x1a',
};
/** In application cursor-key mode (DECCKM) a real terminal sends SS3 sequences instead. */
const applicationKeys: Record<string, string> = {
  up: '\x1bOA',
  down: '\x1bOB',
  right: '\x1bOC',
  left: '\x1bOD',
  home: '\x1bOH',
  end: '\x1bOF',
};

export interface StartOptions {
  cols?: number;
  rows?: number;
  cwd?: string;
  /** Added to (or, with `undefined`, removed from) the inherited environment. */
  env?: Record<string, string | undefined>;
  /** The window title the emulator starts with, as if the user's shell had set it. */
  title?: string;
}

export interface WaitOptions {
  timeout?: number;
}

export interface ExitStatus {
  exitCode: number;
  signal: number | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The environment of a user's terminal: Ink renders nothing interactive when it thinks it is in CI. */
function terminalEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete env[key];
  }
  delete env.NODE_OPTIONS; // the test runner's TypeScript loader must not leak into the program under test
  delete env.NODE_TEST_CONTEXT; // a child that sees this thinks it is a test subprocess
  Object.assign(env, { TERM: 'xterm-256color', COLORTERM: 'truecolor', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' }, extra);
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  return result;
}

function describeScreen(lines: string[]): string {
  return lines.map((line, i) => `${String(i).padStart(3)}|${line}`).join('\n');
}

export class TerminalSession {
  readonly term: InstanceType<typeof xterm.Terminal>;
  private readonly proc: pty.IPty;
  private readonly chunks: Buffer[] = [];
  private currentTitle: string;
  private readonly titles: string[] = [];
  private readonly clipboard: string[] = [];
  private readonly hyperlinks: string[] = [];
  private readonly oscs: { id: number; data: string }[] = [];
  private bells = 0;
  private cursorHidden = false;
  private inFrame = false;
  private exitStatus: ExitStatus | undefined;
  private readonly exitPromise: Promise<ExitStatus>;
  private lastDataAt = Date.now();
  private disposed = false;

  constructor(file: string, args: string[], options: StartOptions = {}) {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 24;
    this.currentTitle = options.title ?? '';
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
    // Unicode 11 widths, as modern terminals count (xterm.js's default table draws 😀 one column wide).
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.term.onTitleChange((title) => {
      this.currentTitle = title;
      this.titles.push(title);
    });
    this.term.onBell(() => {
      this.bells += 1;
    });
    const parser = this.term.parser;
    // Observe, then return false so xterm still applies its own handling.
    for (const id of [0, 1, 2, 4, 7, 8, 9, 10, 11, 12, 52, 104, 133, 777, 1337]) {
      parser.registerOscHandler(id, (data) => {
        this.oscs.push({ id, data });
        if (id === 52) this.clipboard.push(data);
        if (id === 8 && !/^[^;]*;$/.test(data)) this.hyperlinks.push(data);
        return false;
      });
    }
    const hasMode = (params: (number | number[])[], mode: number) =>
      params.some((p) => p === mode || (Array.isArray(p) && p[0] === mode));
    const trackCursor = (hidden: boolean) => (params: (number | number[])[]) => {
      if (hasMode(params, 25)) this.cursorHidden = hidden;
      // DEC 2026, synchronized output: Ink brackets each frame with it. A frame can arrive in
      // more than one read; until its end the screen is half old, half new.
      if (hasMode(params, 2026)) this.inFrame = !hidden;
      return false;
    };
    parser.registerCsiHandler({ prefix: '?', final: 'h' }, trackCursor(false));
    parser.registerCsiHandler({ prefix: '?', final: 'l' }, trackCursor(true));
    // RIS (ESC c) resets everything, the cursor included.
    parser.registerEscHandler({ final: 'c' }, () => {
      this.cursorHidden = false;
      return false;
    });

    this.proc = pty.spawn(file, args, {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: options.cwd ?? repoRoot,
      env: terminalEnv(options.env),
      encoding: null, // raw bytes: the emulator decodes UTF-8 itself, and stray 8-bit bytes stay visible
    });
    this.proc.onData((data: string | Buffer) => {
      const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      this.chunks.push(chunk);
      this.lastDataAt = Date.now();
      if (!this.disposed) this.term.write(chunk);
    });
    // Answers to queries (cursor position, device attributes) go back like a real terminal's.
    this.term.onData((reply) => {
      if (!this.exitStatus) this.proc.write(reply);
    });
    this.exitPromise = new Promise((resolve) => {
      this.proc.onExit(({ exitCode, signal }) => {
        this.exitStatus = { exitCode, signal: signal || undefined };
        resolve(this.exitStatus);
      });
    });
  }

  get pid(): number {
    return this.proc.pid;
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** Sends keys one at a time (names from the table above, anything else as literal text), so a
   * lone Esc is never merged with the next key into an Alt sequence. */
  async press(...sequence: string[]): Promise<void> {
    for (const [i, key] of sequence.entries()) {
      if (i > 0) await sleep(40);
      this.write(this.keyBytes(key));
    }
  }

  /** Writes raw input to the program, as if typed or pasted in one go. */
  write(data: string): void {
    if (this.exitStatus) throw new Error(`cannot send input: the program exited (${JSON.stringify(this.exitStatus)})`);
    this.proc.write(data);
  }

  keyBytes(key: string): string {
    const name = key.toLowerCase();
    if (this.term.modes.applicationCursorKeysMode && applicationKeys[name]) return applicationKeys[name];
    return keys[name] ?? key;
  }

  /** Resolves once the emulator has parsed everything received so far. */
  settled(): Promise<void> {
    return new Promise((resolve) => this.term.write('', resolve));
  }

  /** The visible lines of the active buffer, trailing spaces trimmed. */
  screen(): string[] {
    return this.bufferLines(this.term.buffer.active, this.term.buffer.active.viewportY, this.term.rows);
  }

  screenText(): string {
    return this.screen().join('\n');
  }

  /** Every line of the normal (main) buffer, scrollback included, trailing empty lines dropped. */
  normalBuffer(): string[] {
    const buffer = this.term.buffer.normal;
    const lines = this.bufferLines(buffer, 0, buffer.length);
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  private bufferLines(buffer: xterm.IBuffer, start: number, count: number): string[] {
    const lines: string[] = [];
    for (let y = start; y < start + count; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
    return lines;
  }

  /** Index of the first visible line that matches, or -1. */
  findLine(expected: string | RegExp): number {
    return this.screen().findIndex((line) =>
      typeof expected === 'string' ? line.includes(expected) : expected.test(line),
    );
  }

  /** A visible line with its attributes (colours, inverse, bold…), to tell e.g. a selected row
   * from the same row unselected without depending on how the selection is drawn. */
  lineSignature(y: number): string {
    const buffer = this.term.buffer.active;
    const line = buffer.getLine(buffer.viewportY + y);
    if (!line) return '';
    const cell = buffer.getNullCell();
    const parts: string[] = [];
    let last = '';
    for (let x = 0; x < this.term.cols; x++) {
      if (!line.getCell(x, cell)) break;
      const style = [
        cell.getFgColorMode(),
        cell.getFgColor(),
        cell.getBgColorMode(),
        cell.getBgColor(),
        cell.isInverse(),
        cell.isBold(),
        cell.isDim(),
        cell.isItalic(),
        cell.isUnderline(),
      ].join(',');
      if (style !== last) parts.push(`{${style}}`);
      last = style;
      parts.push(cell.getChars() || ' ');
    }
    return parts.join('').trimEnd();
  }

  isAlternateScreen(): boolean {
    return this.term.buffer.active.type === 'alternate';
  }

  cursorVisible(): boolean {
    return !this.cursorHidden;
  }

  /** The window title as the emulator has it now (the initial title if nothing ever set it). */
  title(): string {
    return this.currentTitle;
  }

  titleChanges(): string[] {
    return [...this.titles];
  }

  /** Payloads of every OSC 52 (clipboard) sequence the emulator received. */
  clipboardWrites(): string[] {
    return [...this.clipboard];
  }

  /** Every OSC 8 that opened a hyperlink (closing `ESC]8;;` sequences are not counted). */
  hyperlinkOpens(): string[] {
    return [...this.hyperlinks];
  }

  oscSequences(): { id: number; data: string }[] {
    return [...this.oscs];
  }

  bellCount(): number {
    return this.bells;
  }

  /** Everything the program wrote to the terminal, as bytes. */
  output(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Polls the rendered screen, between frames (never inside a synchronized update), until it matches; on timeout the error shows what was on screen. */
  async waitFor(
    expected: string | RegExp | ((screen: string) => boolean),
    options: WaitOptions = {},
  ): Promise<string> {
    const timeout = options.timeout ?? defaultTimeout;
    const matches =
      typeof expected === 'function'
        ? expected
        : typeof expected === 'string'
          ? (s: string) => s.includes(expected)
          : (s: string) => expected.test(s);
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.settled();
      const text = this.screenText();
      if (!this.inFrame && matches(text)) return text;
      const exited = this.exitStatus;
      if (Date.now() > deadline || (exited && Date.now() - this.lastDataAt > 300)) {
        const what = typeof expected === 'function' ? 'the condition' : JSON.stringify(String(expected));
        const why = exited ? `the program exited (${JSON.stringify(exited)})` : `${timeout} ms passed`;
        throw new Error(
          `waiting for ${what}: ${why}; screen (${this.cols}x${this.rows}, ` +
            `${this.isAlternateScreen() ? 'alternate' : 'normal'} buffer):\n${describeScreen(this.screen())}\n` +
            `last output: ${JSON.stringify(this.output().subarray(-800).toString('utf8'))}`,
        );
      }
      await sleep(25);
    }
  }

  /** Waits until nothing new has arrived for `quietMs` — for asserting that something did NOT happen. */
  async quiet(quietMs = 300, options: WaitOptions = {}): Promise<void> {
    const start = Date.now();
    const deadline = start + (options.timeout ?? defaultTimeout);
    while (Date.now() - Math.max(this.lastDataAt, start) < quietMs && Date.now() < deadline) await sleep(25);
    await this.settled();
  }

  /** The pty's current modes (`stty -a` on its slave side): true = on. */
  ttyModes(): Map<string, boolean> {
    const name = (this.proc as unknown as { ptsName?: string }).ptsName;
    if (!name) throw new Error('node-pty did not expose the pty name');
    const result = spawnSync('stty', ['-a', '-F', name], { encoding: 'utf8' });
    return sttyFlags(result.stdout.split('\n'));
  }

  /**
   * Waits until the program has the terminal in raw mode (no echo, no line editing). A key sent
   * before that is echoed by the tty and, for Enter, lost — see the start-up test in
   * reader.test.ts; the other tests wait here so that they test one thing each.
   */
  async waitForRawMode(options: WaitOptions = {}): Promise<void> {
    await this.waitFor(() => {
      const modes = this.ttyModes();
      return modes.get('icanon') === false && modes.get('echo') === false;
    }, options);
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    if (!this.exitStatus) this.proc.resize(cols, rows);
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (!this.exitStatus) this.proc.kill(signal);
  }

  hasExited(): boolean {
    return this.exitStatus !== undefined;
  }

  /** The exit status, once the program has exited and its last output has been parsed. */
  async exited(options: WaitOptions = {}): Promise<ExitStatus> {
    const timeout = options.timeout ?? defaultTimeout;
    let timer: NodeJS.Timeout | undefined;
    const status = await Promise.race([
      this.exitPromise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(`the program did not exit within ${timeout} ms; screen:\n${describeScreen(this.screen())}`),
            ),
          timeout,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    await this.quiet(150, { timeout: 2_000 });
    return status;
  }

  /** Kills the program if it still runs and frees the emulator; safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    if (!this.exitStatus) {
      // Children first (lede under a test shell), so that none outlives the test.
      const descendants = (pid: number): number[] => childPids(pid).flatMap((c) => [...descendants(c), c]);
      for (const pid of descendants(this.proc.pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      this.proc.kill('SIGKILL');
      await Promise.race([this.exitPromise, sleep(2_000)]);
    }
    this.disposed = true;
    this.term.dispose();
  }
}

/** Runs any program in a pseudo-terminal. */
export function startProgram(file: string, args: string[], options: StartOptions = {}): TerminalSession {
  return new TerminalSession(file, args, options);
}

/** Starts the built CLI (`node dist/cli.js …args`) in a pseudo-terminal. */
export function startLede(args: string[] = [], options: StartOptions = {}): TerminalSession {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`);
  return startProgram(process.execPath, [cliPath, ...args], { ...options, env: withOwnState(options.env) });
}

/** The state directories withOwnState made, removed when the test file's process ends (thousands were left in /tmp). */
const ownStateDirs: string[] = [];
process.on('exit', () => {
  for (const dir of ownStateDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A state directory of its own for each session unless the test gives one: what one test read or
 * flagged must not change what the next one sees (and the user's own is never touched).
 */
export function withOwnState(env: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  if ('LEDE_STATE_DIR' in env) return env;
  const dir = mkdtempSync(join(tmpdir(), 'lede-e2e-state-'));
  ownStateDirs.push(dir);
  return { ...env, LEDE_STATE_DIR: dir };
}

/** Quotes one argument for a POSIX shell. */
export function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

export const beforeMarker = '__LEDE_BEFORE';
export const exitMarker = '__LEDE_EXIT';

/**
 * Runs the CLI inside a shell in the pseudo-terminal, the way a user starts it. The shell prints the
 * terminal's modes (`stty -a`) and `__LEDE_BEFORE` first — what the user had on screen — and after
 * lede exits `__LEDE_EXIT <status>` and the modes again, on the screen lede was supposed to restore.
 */
export function startLedeInShell(
  args: string[],
  options: StartOptions & {
    /** Flags for node itself, e.g. `--import` of a test preload. */
    nodeArgs?: string[];
    /** `cat FILE | lede …`: the article comes from a pipe and the keys from the terminal. */
    pipeFrom?: string;
  } = {},
): TerminalSession {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`);
  const pipe = options.pipeFrom === undefined ? '' : `cat ${shellQuote(options.pipeFrom)} | `;
  const command = pipe + [process.execPath, ...(options.nodeArgs ?? []), cliPath, ...args].map(shellQuote).join(' ');
  const script = `stty -a; echo ${beforeMarker}; ${command}; echo "${exitMarker} $?"; stty -a`;
  return startProgram('/bin/sh', ['-c', script], { ...options, env: withOwnState(options.env) });
}

export interface ShellTranscript {
  /** `stty -a` before lede started and after it exited. */
  modesBefore: Map<string, boolean>;
  modesAfter: Map<string, boolean>;
  /** What lede left on the normal screen between the two markers. */
  leftOnScreen: string[];
  exitStatus: number;
}

/** Splits the normal buffer of a `startLedeInShell` session once the shell has finished. */
export function readShellTranscript(t: TerminalSession): ShellTranscript {
  const lines = t.normalBuffer();
  const before = lines.indexOf(beforeMarker);
  const exit = lines.findIndex((l) => new RegExp(`${exitMarker} \\d+$`).test(l));
  if (before < 0 || exit < before) {
    throw new Error(`the shell transcript is incomplete:\n${lines.join('\n')}`);
  }
  const exitLine = lines[exit]!;
  const at = exitLine.indexOf(exitMarker);
  // Output that did not end in a newline shares its line with the marker.
  const leftOnScreen = lines.slice(before + 1, exit);
  if (at > 0) leftOnScreen.push(exitLine.slice(0, at));
  return {
    modesBefore: sttyFlags(lines.slice(0, before)),
    modesAfter: sttyFlags(lines.slice(exit + 1)),
    leftOnScreen,
    exitStatus: Number(exitLine.slice(at + exitMarker.length + 1)),
  };
}

/** Reads the terminal modes out of `stty -a` output on screen: true = on, false = off (`-echo`). */
export function sttyFlags(lines: string[]): Map<string, boolean> {
  const flags = new Map<string, boolean>();
  for (const line of lines) {
    for (const word of line.split(/[\s;]+/)) {
      const m = /^(-?)([a-z0-9]+)$/.exec(word);
      if (m && m[2]) flags.set(m[2], m[1] === '');
    }
  }
  return flags;
}

/** The direct children of a process (Linux /proc), e.g. lede started by the shell of
 * `startLedeInShell`, so a test can signal lede itself and not the shell. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (list) children.push(...list.split(/\s+/).map(Number));
    }
  } catch {
    // the process is gone
  }
  return children;
}
