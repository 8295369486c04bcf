import { openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { render } from 'ink';
import { App, type SystemPort } from './app';
import { correctionsFileStore } from './core/entities/corrections-file';
import { openUrl } from './core/open-url';
import { saveCodeCaches } from './core/script-chunk';
import { clipboardWrite } from './core/osc';
import { ReadingStore } from './core/reading';
import type { Library } from './core/article';
import { throttleProgress } from './hooks/throttle-progress';
import { useTerminalInput } from './hooks/use-terminal-input';
import { commandFor } from './keymap';
import { quitStatus } from './state/reducer';
import { changedLinesOutput } from './terminal/changed-lines';
import { enterFullScreen } from './terminal/fullscreen';
import { Loading, type LoadingProgress } from './views/loading';
import { ThemeProvider } from './views/styled';
import { type Theme, themeFor } from './views/theme';

export interface InteractiveOptions {
  /** The library being loaded (started before Ink is even imported, so the two overlap). */
  library: Promise<Library>;
  /** Registers the function that shows loading progress, should loading be slow. */
  onProgress?: (show: (done: number, total: number, articles: number) => void) => void;
  label: string;
  width?: number;
  /** Keys come from the controlling terminal when standard input is a pipe (like less). */
  keysFromTerminal?: boolean;
  openFirst?: boolean;
}

/**
 * The loading frame, which the keys that quit the list also quit: a read may wait for a writer
 * that never comes.
 */
function LoadingFrame({ theme, onQuit, ...progress }: { theme: Theme; onQuit: (status: number) => void } & LoadingProgress) {
  useTerminalInput((events) => {
    const quit = events.find((event) => event.type === 'key' && commandFor('list', event.name) === 'quit');
    if (quit?.type === 'key') onQuit(quitStatus(quit.name));
  });
  return (
    <ThemeProvider theme={theme}>
      <Loading {...progress} />
    </ThemeProvider>
  );
}

/** How long loading may take before a progress frame is drawn instead of waiting. */
const LOADING_FRAME_AFTER_MS = 60;

const delay = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms));

function terminalInput(fromTerminal: boolean): NodeJS.ReadStream {
  if (!fromTerminal) return process.stdin;
  return new ReadStream(openSync('/dev/tty', 'r')) as unknown as NodeJS.ReadStream;
}

/**
 * Runs the full-screen reader until the user quits, and returns the exit status (130 after
 * Ctrl+C); the terminal is restored on every path out.
 */
export async function runInteractive(options: InteractiveOptions): Promise<number> {
  const { status, loadAbandoned } = await runSession(options);
  // Quit while the library was still being read: that read (a FIFO whose writer never comes)
  // would keep the process alive, so it ends here, the terminal already restored.
  if (loadAbandoned) process.exit(status);
  return status;
}

async function runSession(options: InteractiveOptions): Promise<{ status: number; loadAbandoned: boolean }> {
  const stdin = terminalInput(options.keysFromTerminal ?? false);
  const instanceRef: { unmount?: () => void } = {};
  const screen = enterFullScreen(process.stdout, stdin, { beforeSignalExit: () => instanceRef.unmount?.() });
  let status = 0;
  const readingStore = new ReadingStore();
  const corrections = correctionsFileStore();
  // Read once: every frame of the session is drawn for the same terminal.
  const theme = themeFor(process.env);
  // Only the lines that changed are rewritten (a progress tick is one line, not the screen);
  // LEDE_REDRAW=full has Ink redraw every frame whole, to compare or to work around a terminal.
  const output = process.env.LEDE_REDRAW === 'full' ? undefined : changedLinesOutput(process.stdout);
  // A resumed session starts on a blank screen: nothing drawn before the suspend is still there.
  if (output) screen.onResume(output.redrawWhole);
  const system: SystemPort = {
    openUrl: (url, report) => openUrl(url, process.env, report),
    // Straight to the terminal, between frames: an OSC moves no cursor, so Ink's frames stay put.
    copy: (text) => process.stdout.write(clipboardWrite(text)),
  };
  try {
    // A library that loads quickly goes straight to the real first frame; a slow one shows progress.
    const quick = await Promise.race([options.library, delay(LOADING_FRAME_AFTER_MS)]);
    // Ink throttles frames to maxFps (30 by default): a key's result then waits up to 33 ms for
    // the throttle's trailing edge, however fast the search. At 120 the bench's settle p50 on the
    // bundled articles went from 66–78 ms to 39–47 ms, for ~1 ms of CPU a key; only changed lines
    // are written, so more frames cost little output.
    const renderOptions = { stdin, stdout: output?.stream ?? process.stdout, exitOnCtrlC: false, patchConsole: false, maxFps: 120 };
    const app = (library: Library) => (
      <App
        library={library}
        theme={theme}
        width={options.width}
        openArticle={options.openFirst && library.articles.length > 0 ? 0 : undefined}
        terminal={screen}
        system={system}
        reading={readingStore}
        corrections={corrections}
        onExitStatus={(exitStatus) => {
          status = exitStatus;
        }}
      />
    );
    let quitLoading: (status: number) => void = () => {};
    const quitWhileLoading = new Promise<number>((resolve) => {
      quitLoading = resolve;
    });
    const loading = (done: number, total: number, articles: number) => (
      <LoadingFrame theme={theme} label={options.label} done={done} total={total} articles={articles} onQuit={quitLoading} />
    );
    const instance = render(quick ? app(quick) : loading(0, 0, 0), renderOptions);
    instanceRef.unmount = () => instance.unmount();
    if (!quick) {
      options.onProgress?.(throttleProgress((done: number, total: number, articles: number) => instance.rerender(loading(done, total, articles))));
      try {
        const loaded = await Promise.race([options.library, quitWhileLoading]);
        if (typeof loaded === 'number') {
          instance.unmount();
          return { status: loaded, loadAbandoned: true };
        }
        instance.rerender(app(loaded));
      } catch (error) {
        // Loading failed after the progress frame was drawn: stop Ink before the error is shown.
        instance.unmount();
        throw error;
      }
    }
    // The list is on screen, so the code its first frame ran is compiled: V8's cache of it, for
    // the next start, is written now (only when this start had none it could use).
    setImmediate(saveCodeCaches);
    await instance.waitUntilExit();
    return { status, loadAbandoned: false };
  } finally {
    screen.leave();
    if (stdin !== process.stdin) stdin.destroy();
  }
}
