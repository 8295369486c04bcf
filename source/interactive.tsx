import { openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { render } from 'ink';
import { App } from './app';
import type { Library } from './core/article';
import { enterFullScreen } from './terminal/fullscreen';
import { Loading } from './views/loading';

export interface InteractiveOptions {
  /** Loads the library, reporting progress; runs after the first frame is on screen. */
  load: (onProgress: (done: number, total: number) => void) => Promise<Library>;
  label: string;
  width?: number;
  /** Keys come from the controlling terminal when standard input is a pipe (like less). */
  keysFromTerminal?: boolean;
  openFirst?: boolean;
}

function terminalInput(fromTerminal: boolean): NodeJS.ReadStream {
  if (!fromTerminal) return process.stdin;
  return new ReadStream(openSync('/dev/tty', 'r')) as unknown as NodeJS.ReadStream;
}

/** Runs the full-screen reader until the user quits; the terminal is restored on every path out. */
export async function runInteractive(options: InteractiveOptions): Promise<void> {
  const stdin = terminalInput(options.keysFromTerminal ?? false);
  const instanceRef: { unmount?: () => void } = {};
  const screen = enterFullScreen(process.stdout, stdin, () => instanceRef.unmount?.());
  try {
    const instance = render(<Loading label={options.label} done={0} total={0} />, {
      stdin,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    instanceRef.unmount = () => instance.unmount();
    let lastProgress = 0;
    const library = await options.load((done, total) => {
      // Redraw progress a few times a second at most: drawing must not slow loading down.
      const now = Date.now();
      if (now - lastProgress < 100) return;
      lastProgress = now;
      instance.rerender(<Loading label={options.label} done={done} total={total} />);
    });
    const openArticle = options.openFirst && library.articles.length > 0 ? 0 : undefined;
    instance.rerender(<App library={library} width={options.width} openArticle={openArticle} />);
    await instance.waitUntilExit();
  } finally {
    screen.leave();
    if (stdin !== process.stdin) stdin.destroy();
  }
}
