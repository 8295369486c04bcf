import { useApp } from 'ink';
import { useCallback, useEffect, useReducer } from 'react';
import type { Library } from './core/article';
import { useEntities } from './hooks/use-entities';
import { useLibrarySearch } from './hooks/use-library-search';
import { useTerminalInput } from './hooks/use-terminal-input';
import { useViewport } from './hooks/use-viewport';
import type { Viewport } from './state/geometry';
import { guardedReducer, initialState, reducer } from './state/reducer';
import type { Effect } from './state/types';
import type { InputEvent } from './terminal/input-decoder';
import { DrawingGuard } from './views/drawing-guard';
import { Screen } from './views/screen';

/** What the app asks of the terminal it runs in (interactive.tsx provides it; tests may not). */
export interface TerminalControl {
  /** Leaves the screen and stops the process (Ctrl+Z), as a shell job. */
  suspend(): void;
  /** Calls `listener` each time the process is resumed after a suspend; returns the unsubscribe. */
  onResume(listener: () => void): () => void;
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
  /** Told the exit status when the user quits (0, or 130 after Ctrl+C). */
  onExitStatus?: (status: number) => void;
}

export function App({ library, viewport: fixedViewport, width, openArticle, terminal, onExitStatus }: AppProps) {
  const { exit } = useApp();
  const viewport = useViewport(fixedViewport);
  const [state, dispatch] = useReducer(guardedReducer, undefined, () => {
    const start = initialState(library, viewport, width);
    return openArticle === undefined ? start : reducer(start, { type: 'open', articleIndex: openArticle });
  });

  // Adjusting during render means no frame is ever drawn for the old size after a resize.
  if (viewport.cols !== state.viewport.cols || viewport.rows !== state.viewport.rows) {
    dispatch({ type: 'resize', viewport });
  }

  const entitySource = useEntities(library.articles, state, dispatch);
  useLibrarySearch(library.articles, state, dispatch, entitySource);

  useEffect(() => {
    if (state.exitStatus === null) return;
    onExitStatus?.(state.exitStatus);
    exit();
  }, [state.exitStatus, exit, onExitStatus]);

  useEffect(() => {
    if (state.effects.length === 0) return;
    const effects = state.effects;
    for (const effect of effects) runEffect(effect, terminal);
    dispatch({ type: 'effectsDone', effects });
  }, [state.effects, terminal]);

  useEffect(() => terminal?.onResume(() => dispatch({ type: 'repaint' })), [terminal]);

  useTerminalInput(useCallback((events: InputEvent[]) => dispatch({ type: 'input', events }), []));

  return (
    <DrawingGuard generation={state} viewport={state.viewport}>
      <Screen state={state} />
    </DrawingGuard>
  );
}

function runEffect(effect: Effect, terminal: TerminalControl | undefined): void {
  switch (effect.type) {
    case 'suspend':
      terminal?.suspend();
      return;
  }
}
