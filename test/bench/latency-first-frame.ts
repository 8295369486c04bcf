/** The first frame on the bundled articles: spawn → their first title on screen, in a pty. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { showsFirstTitle } from './latency-screens.js';
import { type Pty, TimedTerminal, userTerminalEnv } from './timed-terminal.js';

/** The bundled articles' first title (the list is in path order). */
export const BUNDLED_FIRST_TITLE = 'How the (Proxy) War Between Iran and Israel Started';

/**
 * One start of `node ...args` (the CLI and any node flags before it) with no paths, so it opens the
 * bundled articles; lede's own files in a fresh temporary home.
 */
export async function firstFrameOnce(pty: Pty, args: string[], cwd: string, extraEnv: Record<string, string> = {}): Promise<number> {
  const home = mkdtempSync(join(tmpdir(), 'lede-first-frame-'));
  const env = userTerminalEnv({ FORCE_COLOR: '1', LEDE_CACHE_DIR: join(home, 'cache'), LEDE_CONFIG_DIR: join(home, 'config'), LEDE_STATE_DIR: join(home, 'state'), ...extraEnv });
  const term = new TimedTerminal(pty, process.execPath, args, { cols: 120, rows: 40, cwd, env });
  try {
    const at = await term.until(() => showsFirstTitle(term, BUNDLED_FIRST_TITLE), 30_000, 'the first title');
    term.write('q');
    await term.exited(10_000);
    return at - term.spawnedAt;
  } finally {
    await term.dispose();
    rmSync(home, { recursive: true, force: true, maxRetries: 5 });
  }
}

