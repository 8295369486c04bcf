/**
 * What a background-progress tick costs on the wire: dist/cli.js in a pseudo-terminal over a
 * generated corpus, a fresh entity cache (so the pass extracts and reports progress for a while),
 * the list left alone, every byte lede writes recorded. Run once with Ink's whole-frame renderer
 * (LEDE_REDRAW=full) and once with lede's changed-lines output (the default, terminal/changed-lines.ts).
 *
 *   npm run bench -- redraw [--generate N] [--seconds S] [--cols C --rows R]
 *
 * Frames are counted by the synchronized-update marks Ink writes around each (ESC[?2026h); a
 * tick is a frame written after the first one while nothing was typed. Reported per mode: frames,
 * bytes per tick (median and max), whole-line erases per tick (ESC[2K, the whole-frame
 * renderer's way), and lines rewritten per tick.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPty } from './pty.js';
import { arg, percentile } from './stats.js';

const BEGIN_FRAME = '\x1b[?2026h';

interface Tick {
  bytes: number;
  lineErases: number;
  linesWritten: number;
}

function countOf(text: string, what: string): number {
  return text.split(what).length - 1;
}

/**
 * One frame's bytes, what it erases and how many lines it writes: the whole-frame renderer erases
 * every line (ESC[2K) and writes them all; the changed-lines one ends each line it rewrites with
 * ESC[K.
 */
function tickOf(frame: string, mode: Mode): Tick {
  const lineErases = countOf(frame, '\x1b[2K');
  const linesWritten = mode === 'changed' ? countOf(frame, '\x1b[K') : frame.split('\n').length;
  return { bytes: Buffer.byteLength(frame, 'utf8'), lineErases, linesWritten };
}

type Mode = 'full' | 'changed';

async function runMode(cli: string, dir: string, mode: Mode, seconds: number, cols: number, rows: number) {
  const pty = await loadPty();
  if ('unavailable' in pty) throw new Error(pty.unavailable);
  const cache = mkdtempSync(join(tmpdir(), 'lede-bench-redraw-cache-'));
  const state = mkdtempSync(join(tmpdir(), 'lede-bench-redraw-state-'));
  const env = { ...process.env, LEDE_CACHE_DIR: cache, LEDE_STATE_DIR: state, LEDE_REDRAW: mode, TERM: 'xterm-256color' } as Record<string, string>;
  delete env.CI; // Ink draws nothing interactive under CI=true
  delete env.NODE_OPTIONS;
  const term = pty.spawn(process.execPath, [cli, dir], { name: 'xterm-256color', cols, rows, env });
  let output = '';
  term.onData((data) => {
    output += data;
  });
  const exited = new Promise<void>((resolve) => term.onExit(() => resolve()));
  try {
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  } finally {
    term.kill();
    await exited;
    rmSync(cache, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
  }
  const frames = output.split(BEGIN_FRAME).slice(1);
  // The first frame draws the screen; every later one is a tick of the index or the entity pass.
  const ticks = frames.slice(1).map((frame) => tickOf(frame, mode));
  const bytes = ticks.map((t) => t.bytes);
  return {
    frames: frames.length,
    ticks: ticks.length,
    first_frame_bytes: frames[0] ? Buffer.byteLength(frames[0], 'utf8') : 0,
    bytes_per_tick_p50: percentile(bytes, 50),
    bytes_per_tick_max: Math.max(0, ...bytes),
    line_erases_per_tick_p50: percentile(ticks.map((t) => t.lineErases), 50),
    line_erases_total: ticks.reduce((sum, t) => sum + t.lineErases, 0),
    lines_written_per_tick_p50: percentile(ticks.map((t) => t.linesWritten), 50),
    bytes_total: Buffer.byteLength(output, 'utf8'),
  };
}

export async function benchRedraw(argv: string[], cli: string, corpusDir: (count: number) => string): Promise<Record<string, unknown>> {
  if (!existsSync(cli)) return { skipped: 'dist/cli.js missing: run `npm run build`' };
  const articles = Number(arg(argv, '--generate') ?? 2000);
  const seconds = Number(arg(argv, '--seconds') ?? 8);
  const cols = Number(arg(argv, '--cols') ?? 100);
  const rows = Number(arg(argv, '--rows') ?? 30);
  const dir = corpusDir(articles);
  const full = await runMode(cli, dir, 'full', seconds, cols, rows);
  const changed = await runMode(cli, dir, 'changed', seconds, cols, rows);
  return {
    articles,
    seconds,
    terminal: `${cols}x${rows}`,
    full,
    changed_lines: changed,
    bytes_per_tick_ratio: full.bytes_per_tick_p50 > 0 ? Math.round((changed.bytes_per_tick_p50 / full.bytes_per_tick_p50) * 1000) / 1000 : null,
  };
}
