/**
 * The whole app's memory, as `top` would show it: dist/cli.js run interactively in a pseudo-
 * terminal over a corpus (loading, the search index and the entity pass all running), its RSS
 * read from /proc every 250 ms.
 *
 *   npm run bench -- memory --corpus DIR [--seconds 45] [--cache DIR]
 *
 * Without --cache the entity cache is a fresh directory (a first run: the pass extracts); with
 * one that a run has filled, the pass reads it back. Linux only (/proc).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPty } from './pty.js';
import { arg, percentile } from './stats.js';

export async function benchAppMemory(argv: string[], cli: string): Promise<Record<string, unknown>> {
  const dir = arg(argv, '--corpus');
  if (!dir) throw new Error('memory needs --corpus DIR');
  if (!existsSync(cli)) return { skipped: 'dist/cli.js missing: run `npm run build`' };
  if (!existsSync('/proc/self/status')) return { skipped: 'needs /proc (Linux)' };
  const pty = await loadPty();
  if ('unavailable' in pty) return { skipped: pty.unavailable };
  const seconds = Number(arg(argv, '--seconds') ?? 45);
  const given = arg(argv, '--cache');
  const cache = given ?? mkdtempSync(join(tmpdir(), 'lede-bench-memory-cache-'));
  const env = { ...process.env, LEDE_CACHE_DIR: cache, FORCE_COLOR: '1' } as Record<string, string>;
  delete env.CI; // Ink draws nothing interactive under CI=true
  const term = pty.spawn(process.execPath, [cli, dir], { name: 'xterm-256color', cols: 120, rows: 40, env });
  term.onData(() => {});
  const exited = new Promise<void>((resolve) => term.onExit(() => resolve()));
  const samples: number[] = [];
  try {
    for (let t = 0; t < seconds * 4; t++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const status = readFileSync(`/proc/${term.pid}/status`, 'utf8');
      samples.push(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    }
  } finally {
    term.kill();
    // Its entity worker may still be writing to the cache until the process is gone.
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (!given) rmSync(cache, { recursive: true, force: true, maxRetries: 5 });
  }
  // Undefined (left out of the JSON) for a moment after the run ended.
  const at = (s: number): number | undefined => (samples.length >= s * 4 ? Math.round(samples[s * 4 - 1]!) : undefined);
  return {
    corpus: dir,
    cache: given ? 'given (filled by an earlier run: the pass reads it back)' : 'fresh (the pass extracts)',
    seconds,
    rss_mb: {
      peak: Math.round(Math.max(...samples)),
      p50: Math.round(percentile(samples, 50)),
      at_5s: at(5),
      at_15s: at(15),
      last: Math.round(samples[samples.length - 1] ?? 0),
    },
  };
}
