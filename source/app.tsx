import { basename } from 'node:path';
import { useApp } from 'ink';
import { type Dispatch, useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { Library } from './core/article';
import { loadEntityExtractor } from './core/entities';
import { entityCacheDir } from './core/entities/cache';
import { type Correction, type CorrectionSet, describeCorrection } from './core/entities/corrections';
import { entitySourceFor } from './core/entities/entity-source';
import type { OpenResult } from './core/open-url';
import type { ArticleMark } from './core/reading';
import { useEntities } from './hooks/use-entities';
import { useEntityMentions } from './hooks/use-entity-mentions';
import { unreachable } from './keymap';
import { useLibrarySearch } from './hooks/use-library-search';
import { useTerminalInput } from './hooks/use-terminal-input';
import { useViewport } from './hooks/use-viewport';
import type { Viewport } from './state/geometry';
import { guardedReducer, initialState, reducer } from './state/reducer';
import type { Action, Effect } from './state/types';
import type { InputEvent } from './terminal/input-decoder';
import { DrawingGuard } from './views/drawing-guard';
import { Screen } from './views/screen';
import { ThemeProvider } from './views/styled';
import { PLAIN_THEME, type Theme } from './views/theme';

/**
 * Where the user's corrections are kept (interactive.tsx gives the corrections file; tests an
 * in-memory one). Each call returns the corrections now in force, or one line saying why not.
 */
export interface CorrectionsStore {
  load(): { corrections: CorrectionSet; problem: string | null };
  add(correction: Correction): { corrections: CorrectionSet } | { problem: string };
  /** Removes the last correction. */
  undo(): { corrections: CorrectionSet; undone: Correction } | { problem: string };
}

/** Where the marks (read, flagged, where left) are kept: the read-state file (core/reading.ts). */
export interface ReadingStorePort {
  load(): { marks: ReadonlyMap<string, ArticleMark>; problem: string | null };
  /** Keeps the marks; one line saying why not, when it cannot. */
  save(marks: ReadonlyMap<string, ArticleMark>): string | null;
}

/** Marks are written this long after they last changed (and on the way out): not once per key. */
const SAVE_READING_AFTER_MS = 1000;

/** What the app asks of the terminal it runs in (interactive.tsx provides it; tests may not). */
export interface TerminalControl {
  /** Leaves the screen and stops the process (Ctrl+Z), as a shell job. */
  suspend(): void;
  /** Calls `listener` each time the process is resumed after a suspend; returns the unsubscribe. */
  onResume(listener: () => void): () => void;
}

/** What lede asks of the system around it (interactive.tsx gives the real ones; tests record them). */
export interface SystemPort {
  /** Starts the browser on a checked URL; `report` says whether it started, or why not. */
  openUrl(url: string, report: (result: OpenResult) => void): void;
  /** Puts text on the clipboard through the terminal (OSC 52). */
  copy(text: string): void;
}

export interface AppProps {
  library: Library;
  /** A fixed terminal size; without it the app follows the real terminal. */
  viewport?: Viewport;
  /** `--width N`: the reading measure. */
  width?: number;
  /** Open this article straight away (standard input, like less). */
  openArticle?: number;
  terminal?: TerminalControl;
  system?: SystemPort;
  corrections?: CorrectionsStore;
  reading?: ReadingStorePort;
  /** Told the exit status when the user quits (0, or 130 after Ctrl+C). */
  onExitStatus?: (status: number) => void;
  /** How the screen is drawn: interactive.tsx reads it from the environment at start. */
  theme?: Theme;
}

export function App({ library, viewport: fixedViewport, width, openArticle, terminal, system, corrections, reading, onExitStatus, theme = PLAIN_THEME }: AppProps) {
  const { exit } = useApp();
  const viewport = useViewport(fixedViewport);
  // The marks are read before the first frame, so the list never shows everything unread first.
  const [loadedMarks] = useState(() => reading?.load());
  const [state, dispatch] = useReducer(guardedReducer, undefined, () => {
    const start = initialState(library, viewport, width);
    const marked = loadedMarks ? reducer(start, { type: 'readingLoaded', marks: loadedMarks.marks }) : start;
    return openArticle === undefined ? marked : reducer(marked, { type: 'open', articleIndex: openArticle });
  });
  useEffect(() => {
    if (loadedMarks?.problem) dispatch({ type: 'notice', notice: { kind: 'error', text: loadedMarks.problem } });
  }, [loadedMarks]);
  useEffect(() => {
    const problem = theme.problems[0];
    if (problem) dispatch({ type: 'notice', notice: { kind: 'error', text: problem } });
  }, [theme]);

  // Adjusting during render means no frame is ever drawn for the old size after a resize.
  if (viewport.cols !== state.viewport.cols || viewport.rows !== state.viewport.rows) {
    dispatch({ type: 'resize', viewport });
  }

  const source = useMemo(
    () =>
      entitySourceFor(library.articles, loadEntityExtractor, {
        cacheDir: entityCacheDir(),
        onCacheProblem: (text) => dispatch({ type: 'notice', notice: { kind: 'info', text } }),
      }),
    [library.articles],
  );
  useLibrarySearch(library.articles, state, dispatch, source);
  useEntities(library.articles, source, state, dispatch);
  useEntityMentions(source, state, dispatch);

  useEffect(() => {
    if (!corrections) return;
    const { corrections: loaded, problem } = corrections.load();
    dispatch({ type: 'corrections', corrections: loaded, ...(problem ? { notice: { kind: 'error', text: problem } } : {}) });
  }, [corrections]);

  const marks = useMarksSaver(reading, dispatch);

  useEffect(() => {
    if (state.exitStatus === null) return;
    marks.flush();
    onExitStatus?.(state.exitStatus);
    exit();
  }, [state.exitStatus, exit, onExitStatus, marks]);

  useEffect(() => {
    if (state.effects.length === 0) return;
    const effects = state.effects;
    for (const effect of effects) runEffect(effect, { terminal, system, corrections, dispatch, marks });
    dispatch({ type: 'effectsDone', effects });
  }, [state.effects, terminal, system, corrections, marks]);

  useEffect(() => terminal?.onResume(() => dispatch({ type: 'repaint' })), [terminal]);

  useTerminalInput(useCallback((events: InputEvent[]) => dispatch({ type: 'input', events }), []));

  return (
    <ThemeProvider theme={theme}>
      <DrawingGuard generation={state} viewport={state.viewport}>
        <Screen state={state} />
      </DrawingGuard>
    </ThemeProvider>
  );
}

/** Keeps the marks a moment after each change (flush() writes at once). */
function useMarksSaver(store: ReadingStorePort | undefined, dispatch: Dispatch<Action>) {
  const saver = useMemo(() => {
    let pending: ReadonlyMap<string, ArticleMark> | null = null;
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      if (!store || !pending) return;
      const problem = store.save(pending);
      pending = null;
      if (problem) dispatch({ type: 'notice', notice: { kind: 'error', text: problem } });
    };
    return {
      flush,
      save(marks: ReadonlyMap<string, ArticleMark>) {
        pending = marks;
        timer ??= setTimeout(flush, SAVE_READING_AFTER_MS);
      },
    };
  }, [store, dispatch]);
  // Whatever is pending is written when the app goes away.
  useEffect(() => () => saver.flush(), [saver]);
  return saver;
}

interface EffectContext {
  terminal: TerminalControl | undefined;
  system: SystemPort | undefined;
  corrections: CorrectionsStore | undefined;
  dispatch: Dispatch<Action>;
  marks: { save(marks: ReadonlyMap<string, ArticleMark>): void };
}

function runEffect(effect: Effect, { terminal, system, corrections, dispatch, marks }: EffectContext): void {
  const notice = (kind: 'info' | 'error', text: string) => dispatch({ type: 'notice', notice: { kind, text } });
  switch (effect.type) {
    case 'openUrl':
      if (!system) notice('error', 'no browser can be started here');
      else system.openUrl(effect.url, (result) => ('opened' in result ? notice('info', `opened in ${basename(result.opened)}: ${effect.url}`) : notice('error', result.problem)));
      return;
    case 'copy':
      system?.copy(effect.text);
      return;
    case 'saveReading':
      marks.save(effect.marks);
      return;
    case 'suspend':
      terminal?.suspend();
      return;
    case 'correct': {
      const result = corrections?.add(effect.correction) ?? { problem: 'corrections cannot be kept here' };
      if ('problem' in result) dispatch({ type: 'notice', notice: { kind: 'error', text: result.problem } });
      else dispatch({ type: 'corrections', corrections: result.corrections, notice: { kind: 'info', text: `${describeCorrection(effect.correction)} · U undoes it` } });
      return;
    }
    case 'undoCorrection': {
      const result = corrections?.undo() ?? { problem: 'corrections cannot be kept here' };
      if ('problem' in result) dispatch({ type: 'notice', notice: { kind: 'error', text: result.problem } });
      else dispatch({ type: 'corrections', corrections: result.corrections, notice: { kind: 'info', text: `undone: ${describeCorrection(result.undone)}` } });
      return;
    }
    default:
      return unreachable(effect);
  }
}
