/**
 * `o`: the article's URL in the user's browser — $BROWSER, else xdg-open, else open (macOS) —
 * started detached with its output discarded, so the screen is never blocked or drawn over, and
 * without a shell: the URL is one argument, never parsed as a command.
 */
import { spawn } from 'node:child_process';
import { safeHttpUrl } from './osc';

export interface BrowserCommand {
  file: string;
  args: string[];
}

/**
 * The command that opens `url`. $BROWSER is read as Python's webbrowser and xdg-utils read it: a
 * list of commands separated by `:`, of which lede takes the first; a command is split at spaces
 * (no quoting, no shell), and `%s` in it stands for the URL, which is otherwise the last argument.
 */
export function browserCommand(url: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): BrowserCommand {
  const fromEnv = (env.BROWSER ?? '').split(':')[0]?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (fromEnv.length > 0) {
    const [file, ...rest] = fromEnv as [string, ...string[]];
    const args = rest.some((arg) => arg.includes('%s')) ? rest.map((arg) => arg.replaceAll('%s', url)) : [...rest, url];
    return { file, args };
  }
  return { file: platform === 'darwin' ? 'open' : 'xdg-open', args: [url] };
}

export type OpenResult = { opened: string } | { problem: string };

/**
 * Starts the browser on `url` (checked again: only a clean http or https URL is ever passed) and
 * reports once it has started or failed to; the browser itself is never waited for.
 */
export function openUrl(raw: string, env: Readonly<Record<string, string | undefined>>, report: (result: OpenResult) => void): void {
  const url = safeHttpUrl(raw);
  if (!url) {
    report({ problem: 'only http and https links are opened' });
    return;
  }
  const { file, args } = browserCommand(url, env);
  let child;
  try {
    child = spawn(file, args, { detached: true, stdio: 'ignore', shell: false });
  } catch (error) {
    report({ problem: `could not start ${file}: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  child.once('error', (error: NodeJS.ErrnoException) => {
    report({ problem: error.code === 'ENOENT' ? `could not start ${file}: not found (set $BROWSER)` : `could not start ${file}: ${error.message}` });
  });
  child.once('spawn', () => {
    report({ opened: file });
    // Detached and unreferenced: lede can quit while the browser runs on.
    child.unref();
  });
}
