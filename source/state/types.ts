/**
 * The navigation state and the actions that change it: the shapes every state module and view
 * shares. Nothing here does anything; the modules that do import from here, never the reverse.
 */
import type { Library } from '../core/article';
import type { Entity, EntityType, Mention } from '../core/entities';
import type { Correction, CorrectionSet } from '../core/entities/corrections';
import type { LibraryEntityIndex } from '../core/entities/library-index';
import type { ArticleMark } from '../core/reading';
import type { SearchResult, TextMatch } from '../core/search';
import type { InputEvent } from '../terminal/input-decoder';
import type { Viewport } from './geometry';

export type Screen =
  | { name: 'list' }
  | { name: 'reader'; articleIndex: number; top: number }
  /** The library's entities: who is in it. */
  | { name: 'entities' }
  /** One entity's mentions across the library. */
  | { name: 'entityMentions'; key: string };
export type ReaderScreen = Extract<Screen, { name: 'reader' }>;

/** The library's entities screen: its filter, type shown, cursor, and the "appears with" column. */
export interface EntitiesScreen {
  query: string;
  /** null: every type. */
  type: EntityType | null;
  cursor: number;
  top: number;
  focus: 'list' | 'with';
  withCursor: number;
}

/** One entity's mentions across the library: the cursor is a mention (in ranking order of the articles). */
export interface EntityMentionsScreen {
  key: string;
  /** Position of the mention the cursor is on, over every mention of every article in order. */
  cursor: number;
  /** First row shown. */
  top: number;
  /** The mentions of the entity in the articles read so far (the rest are read as they come on screen). */
  loaded: ReadonlyMap<string, readonly Mention[]>;
}

/** Where the user was before a jump: what Esc and Ctrl+O go back to. */
export type HistoryEntry =
  | { screen: 'list'; list: { cursor: number; top: number } }
  | { screen: 'reader'; articleIndex: number; top: number; panelOpen: boolean; key: string | null; name: string; mention: number }
  | { screen: 'entities'; view: EntitiesScreen }
  | { screen: 'entityMentions'; key: string; cursor: number; top: number };
export type Overlay = 'help' | 'skipped' | 'mentions' | null;

/**
 * A prompt being typed: the library filter in the list, a search inside the open article, in help,
 * the entities screen's filter, or what a correction needs (a new name, the entity to merge into,
 * the form to split off).
 */
export interface Prompt {
  target: 'library' | 'article' | 'help' | 'entities' | 'correction';
  text: string;
  /** For a correction: which one, of which entity. */
  correcting?: { op: 'rename' | 'merge' | 'split'; name: string };
}

/** The help page: which screen it is for, the first line shown, and what `/` looks for in it. */
export interface HelpPage {
  from: 'list' | 'reader' | 'entities' | 'entityMentions';
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
 * What to do once the open article's entities arrive. `}`/`{` (and the library's mentions screen)
 * open another article to follow an entity, but that article's entities come later (from the
 * entities hook): the jump waits here. `mention`: which of its mentions to go to.
 */
export type WhenEntitiesArrive = { type: 'selectEntity'; key: string; name: string; mention: number } | null;

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
  /** Entities of the whole library: what is known so far while the background pass runs, all of them once it has finished. */
  library: LibraryEntityIndex | null;
  /** The background pass has finished (`library` is then the whole library's). */
  libraryComplete: boolean;
  /** The user's corrections, applied to every entity shown. */
  corrections: CorrectionSet;
  progress: { done: number; total: number };
  /** How far the reading of one long article has got (it is read in chunks), until its entities arrive. */
  reading: { articleIndex: number; done: number; total: number } | null;
  whenLoaded: WhenEntitiesArrive;
  /** Cursor in the mentions list (`m`). */
  mentionsCursor: number;
}

/** A one-line message on the status line until the next key: what a key did not do, or an error caught. */
export interface Notice {
  text: string;
  kind: 'info' | 'error';
}

/** The list's order: as the files lie, newest first, by title, longest first. */
export type ListOrder = 'path' | 'date' | 'title' | 'words';
/** Which articles the list shows. */
export type ListShow = 'all' | 'unread' | 'flagged';

/** What the user did with the articles (core/reading.ts), and how the list is ordered and narrowed. */
export interface ReadingState {
  /** Article key (readingKey) -> its mark. */
  marks: ReadonlyMap<string, ArticleMark>;
  order: ListOrder;
  show: ListShow;
}

/** Work the reducer asks the app to do outside it (the terminal, the process, lede's own files). */
export type Effect =
  | { type: 'suspend' }
  | { type: 'correct'; correction: Correction }
  | { type: 'undoCorrection' }
  /** o: start the browser on a URL already checked (core/osc.ts safeHttpUrl). */
  | { type: 'openUrl'; url: string }
  /** y: put text on the clipboard through the terminal (OSC 52). */
  | { type: 'copy'; text: string }
  /** The marks changed: keep them (the app writes them, a little later, and on the way out). */
  | { type: 'saveReading'; marks: ReadonlyMap<string, ArticleMark> };

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
  entitiesScreen: EntitiesScreen;
  mentionsScreen: EntityMentionsScreen | null;
  /** Where Esc and Ctrl+O go back to, most recent last. */
  history: readonly HistoryEntry[];
  /** First row shown in the skipped-files list. */
  skippedTop: number;
  notice: Notice | null;
  reading: ReadingState;
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
  /** The library's entities: all of them (`complete`), or what the pass has found so far. */
  | { type: 'libraryEntities'; index: LibraryEntityIndex; complete: boolean }
  /** The mentions of an entity in one article, read for the mentions screen. */
  | { type: 'entityMentions'; key: string; articleId: string; mentions: readonly Mention[] }
  /** The corrections now in force (loaded, or after a change), with a line saying what changed or went wrong. */
  | { type: 'corrections'; corrections: CorrectionSet; notice?: Notice }
  /** The marks kept from earlier runs. */
  | { type: 'readingLoaded'; marks: ReadonlyMap<string, ArticleMark> }
  | { type: 'entityProgress'; done: number; total: number }
  | { type: 'articleEntityProgress'; articleIndex: number; done: number; total: number }
  | { type: 'effectsDone'; effects: readonly Effect[] }
  | { type: 'notice'; notice: Notice }
  | { type: 'repaint' };
