import type { Library } from '../core/article';
import type { SearchResult } from '../core/search';
import type { TextMatch } from '../core/search';
import type { Entity } from '../core/entities';
import type { LibraryEntityIndex } from '../core/entities/library-entities';
import { type Command, type Context, commandFor } from '../keymap';
import { type EntityState, initialEntityState, mentionsCommand, receiveEntities } from './entities';
import type { Viewport } from './geometry';
import { listCommand, moveListCursor, openArticle, searchResult, skippedCommand } from './list';
import { editPrompt } from './prompt';
import { readerCommand, resizeReader } from './reader';

export type Screen = { name: 'list' } | { name: 'reader'; articleIndex: number; top: number };
export type Overlay = 'help' | 'skipped' | 'mentions' | null;

/** A prompt being typed: the library filter in the list, or a search inside the open article. */
export interface Prompt {
  target: 'library' | 'article';
  text: string;
}

/** The list's filter: the query typed, and the ranked result of the last search that finished. */
export interface Filter {
  query: string;
  /** Result for `resultQuery`; lags `query` while a search is scheduled. */
  result: SearchResult | null;
  resultQuery: string;
}

/** A search inside the open article: every match, and the one n/N last went to. */
export interface Find {
  query: string;
  matches: TextMatch[];
  current: number;
}

export interface State {
  library: Library;
  viewport: Viewport;
  widthOverride?: number;
  screen: Screen;
  list: { cursor: number; top: number };
  filter: Filter;
  prompt: Prompt | null;
  find: Find | null;
  /** Progress of the search index, built after the first frame. */
  indexing: { done: number; total: number };
  entities: EntityState;
  overlay: Overlay;
  /** First row shown in the skipped-files list. */
  skippedTop: number;
  quitting: boolean;
}

export type Action =
  | { type: 'key'; name: string }
  | { type: 'resize'; viewport: Viewport }
  | { type: 'open'; articleIndex: number }
  | { type: 'searchResult'; query: string; result: SearchResult }
  | { type: 'indexProgress'; done: number; total: number }
  | { type: 'entities'; articleIndex: number; entities: Entity[] }
  | { type: 'libraryEntities'; index: LibraryEntityIndex }
  | { type: 'entityProgress'; done: number; total: number };

export function initialState(library: Library, viewport: Viewport, widthOverride?: number): State {
  return {
    library,
    viewport,
    widthOverride,
    screen: { name: 'list' },
    list: { cursor: 0, top: 0 },
    filter: { query: '', result: null, resultQuery: '' },
    prompt: null,
    find: null,
    indexing: { done: 0, total: library.articles.length },
    entities: initialEntityState(library.articles.length),
    overlay: null,
    skippedTop: 0,
    quitting: false,
  };
}

/** Which part of the keymap applies now. */
export function activeContext(state: State): Context {
  if (state.prompt) return 'prompt';
  if (state.overlay === 'mentions') return 'mentions';
  if (state.overlay === 'skipped') return 'skipped';
  if (state.overlay) return 'help';
  return state.screen.name;
}

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'resize':
      return resize(state, action.viewport);
    case 'open':
      return openArticle(state, action.articleIndex);
    case 'searchResult':
      return searchResult(state, action.query, action.result);
    case 'indexProgress':
      return { ...state, indexing: { done: action.done, total: action.total } };
    case 'key':
      return key(state, action.name);
    case 'entities':
      return receiveEntities(state, action.articleIndex, action.entities);
    case 'libraryEntities':
      return { ...state, entities: { ...state.entities, library: action.index } };
    case 'entityProgress':
      return { ...state, entities: { ...state.entities, progress: { done: action.done, total: action.total } } };
  }
}

function key(state: State, name: string): State {
  // Resolved here, against the state the key actually arrives in, not the one last rendered.
  const cmd = commandFor(activeContext(state), name);
  if (cmd === 'quit') return { ...state, quitting: true };
  if (state.prompt) return editPrompt(state, state.prompt, name, cmd);
  if (state.overlay === 'mentions') return mentionsCommand(state, cmd);
  if (state.overlay === 'skipped') return skippedCommand(state, cmd);
  // Any other key closes an overlay, as in less and most pagers.
  if (state.overlay) return { ...state, overlay: null };
  return cmd ? command(state, cmd) : state;
}

function command(state: State, cmd: Command): State {
  if (cmd === 'help') return { ...state, overlay: 'help' };
  return state.screen.name === 'list' ? listCommand(state, cmd) : readerCommand(state, cmd);
}

function resize(state: State, viewport: Viewport): State {
  const resized = moveListCursor({ ...state, viewport }, state.list.cursor);
  return state.screen.name === 'reader' ? resizeReader(state, resized) : resized;
}
