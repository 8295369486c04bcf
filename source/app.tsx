import { useApp, useInput } from 'ink';
import { useEffect, useReducer } from 'react';
import type { Library } from './core/article';
import { useEntities } from './hooks/use-entities';
import { useLibrarySearch } from './hooks/use-library-search';
import { useViewport } from './hooks/use-viewport';
import { keyNames } from './keymap';
import type { Viewport } from './state/geometry';
import { initialState, reducer } from './state/reducer';
import { Screen } from './views/screen';

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

  return <Screen state={state} />;
}
