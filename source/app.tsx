import { useApp, useInput } from 'ink';
import { useEffect, useReducer } from 'react';
import type { Library } from './core/article';
import { useEntities } from './hooks/use-entities';
import { useLibrarySearch } from './hooks/use-library-search';
import { useViewport } from './hooks/use-viewport';
import { keyNames } from './keymap';
import { isTooSmall, type Viewport } from './state/geometry';
import { initialState, reducer } from './state/reducer';
import { HelpView } from './views/help-view';
import { MentionsView } from './views/mentions-view';
import { ListView } from './views/list-view';
import { ReaderView } from './views/reader-view';
import { SkippedView } from './views/skipped-view';
import { TooSmall } from './views/too-small';

export interface AppProps {
  library: Library;
  /** A fixed terminal size; without it the app follows the real terminal. */
  viewport?: Viewport;
  /** `--width N`: the reading measure. */
  width?: number;
  /** Open this article straight away (standard input, like less). */
  openArticle?: number;
}

export function App({ library, viewport: fixedViewport, width, openArticle }: AppProps) {
  const { exit } = useApp();
  const viewport = useViewport(fixedViewport);
  const [state, dispatch] = useReducer(reducer, undefined, () => {
    const start = initialState(library, viewport, width);
    return openArticle === undefined ? start : reducer(start, { type: 'open', articleIndex: openArticle });
  });

  // Adjusting during render means no frame is ever drawn for the old size after a resize.
  if (viewport.cols !== state.viewport.cols || viewport.rows !== state.viewport.rows) {
    dispatch({ type: 'resize', viewport });
  }

  useLibrarySearch(library.articles, state, dispatch);
  useEntities(library.articles, state, dispatch);

  useEffect(() => {
    if (state.quitting) exit();
  }, [state.quitting, exit]);

  // The app's only input handler: every key goes through the keymap for the active context.
  useInput((input, key) => {
    for (const name of keyNames(input, key)) dispatch({ type: 'key', name });
  });

  if (isTooSmall(viewport)) return <TooSmall viewport={viewport} />;
  if (state.overlay === 'help') return <HelpView viewport={viewport} current={state.screen.name} />;
  if (state.overlay === 'skipped') return <SkippedView state={state} viewport={viewport} />;
  if (state.overlay === 'mentions') return <MentionsView state={state} viewport={viewport} />;
  if (state.screen.name === 'reader') return <ReaderView state={state} viewport={viewport} />;
  return <ListView state={state} viewport={viewport} />;
}
