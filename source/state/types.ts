/**
 * The navigation state and the actions that change it: the shapes every state module and view
 * shares. Nothing here does anything; the modules that do import from here, never the reverse.
 */
import type { Library } from '../core/article';
import type { Entity } from '../core/entities';
import type { LibraryEntityIndex } from '../core/entities/library-index';
import type { SearchResult, TextMatch } from '../core/search';
import type { InputEvent } from '../terminal/input-decoder';
import type { Viewport } from './geometry';

export type Screen = { name: 'list' } | { name: 'reader'; articleIndex: number; top: number };
export type ReaderScreen = Extract<Screen, { name: 'reader' }>;
export type Overlay = 'help' | 'skipped' | 'mentions' | null;

/** A prompt being typed: the library filter in the list, a search inside the open article, or in help. */
export interface Prompt {
  target: 'library' | 'article' | 'help';
  text: string;
}

/** The help page: which screen it is for, the first line shown, and what `/` looks for in it. */
export interface HelpPage {
  from: 'list' | 'reader';
  top: number;
  query: string;
  /** Which of the lines holding the query n/N went to last; -1 before. */
  match: number;
}

/** The list's filter: the query typed, and the ranked result of the last search that finished. */
export interface LibraryFilter {
  query: string;
  /** Result for `resultQuery`; lags `query` while a search is scheduled. */
  result: SearchResult | null;
  resultQuery: string;
}

/** A search inside the open article: every match, and the one n/N last went to. */
export interface ArticleSearch {
  query: string;
  matches: TextMatch[];
  current: number;
}

/**
 * What to do once the open article's entities arrive. `}`/`{` open another article to follow an
 * entity, but that article's entities come later (from the entities hook): the jump waits here.
 */
export type WhenEntitiesArrive = { type: 'selectEntity'; key: string; name: string } | null;

/** The entity panel and mention navigation for the open article. */
export interface EntityState {
  panelOpen: boolean;
  focus: 'page' | 'panel';
  /** Position of the selected entity in `panelEntities`. */
  selected: number;
  /** Which mention of the selected entity ]/[ last went to; -1 before the first jump. */
  mention: number;
  /** The open article's entities, once extracted. */
  current: { articleIndex: number; entities: Entity[] } | null;
  /** Entities of the whole library, once the background extraction has finished. */
  library: LibraryEntityIndex | null;
  progress: { done: number; total: number };
  whenLoaded: WhenEntitiesArrive;
  /** Cursor in the mentions list (`m`). */
  mentionsCursor: number;
}

/** A one-line message on the status line until the next key: what a key did not do, or an error caught. */
export interface Notice {
  text: string;
  kind: 'info' | 'error';
}

/** Work the reducer asks the app to do outside it (the terminal, the process). */
export type Effect = { type: 'suspend' };

export interface State {
  library: Library;
  viewport: Viewport;
  widthOverride?: number;
  screen: Screen;
  list: { cursor: number; top: number };
  filter: LibraryFilter;
  prompt: Prompt | null;
  find: ArticleSearch | null;
  /** Progress of the search index, built after the first frame. */
  indexing: { done: number; total: number };
  entities: EntityState;
  overlay: Overlay;
  help: HelpPage;
  /** First row shown in the skipped-files list. */
  skippedTop: number;
  notice: Notice | null;
  /** Effects not yet carried out, oldest first. */
  effects: readonly Effect[];
  /** Set once the user quits: the process exit status (0, or 130 after Ctrl+C). */
  exitStatus: number | null;
  /**
   * The terminal lost what lede drew (a suspend and resume): frames are drawn one row taller until
   * the next key, which makes Ink draw all of the first one (its output differs from the last), and
   * clear and draw the screen anew for the one after. Until a key, not until the next action:
   * Ink may skip a frame it is throttling, and progress updates must not end this before a frame
   * was drawn.
   */
  repaint: boolean;
}

export type Action =
  /** What the terminal sent in one go, decoded: each event is handled in turn, and drawn once. */
  | { type: 'input'; events: readonly InputEvent[] }
  | { type: 'key'; name: string }
  /** Characters typed or pasted together without bracketed paste: text in a prompt, else one key each. */
  | { type: 'text'; text: string }
  | { type: 'paste'; text: string; truncated: boolean }
  | { type: 'resize'; viewport: Viewport }
  | { type: 'open'; articleIndex: number }
  | { type: 'searchResult'; query: string; result: SearchResult }
  | { type: 'indexProgress'; done: number; total: number }
  | { type: 'entities'; articleIndex: number; entities: Entity[] }
  | { type: 'libraryEntities'; index: LibraryEntityIndex }
  | { type: 'entityProgress'; done: number; total: number }
  | { type: 'effectsDone'; effects: readonly Effect[] }
  | { type: 'notice'; notice: Notice }
  | { type: 'repaint' };
