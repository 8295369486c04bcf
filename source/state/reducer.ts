/**
 * The navigation reducer: every key, result and resize goes through here. A key is resolved
 * against the state it arrives in (not the one last drawn), to the command the keymap binds it to
 * in the active context, and handed to that context's handler.
 */
import type { Library } from '../core/article';
import { type CommandIn, type Context, commandFor, isMotion, unreachable } from '../keymap';
import { entityCommand, initialEntityState, isEntityCommand, mentionsCommand, panelCommand, receiveEntities } from './entities';
import type { Viewport } from './geometry';
import { listCommand, searchResult, skippedCommand } from './list';
import { openArticle } from './navigation';
import { panelHasFocus, selectedEntity } from './panel';
import { moveListCursor, resizeReader } from './position';
import { correctionCommand, type CorrectionCommand, receiveCorrections } from './corrections';
import { clampEntitiesScreen, entitiesCommand, filterEntities, NEW_ENTITIES_SCREEN, openEntitiesScreen } from './entities-screen';
import { helpCommand, openHelp } from './help';
import { popHistory } from './history';
import { clampMentionsScreen, mentionsScreenCommand, openEntityMentions, receiveEntityMentions } from './mentions-screen';
import { editPrompt, insertText } from './prompt';
import { followReading, readingCommand, type ReadingCommand } from './reading';
import { readerCommand } from './reader';
import { copyWithSource, openArticleUrl, showPath } from './article-source';
import type { Action, State } from './types';

export type { Action, State } from './types';

/** Keys one action of typed or pasted text may carry outside a prompt; a flood beyond is dropped. */
export const MAX_KEYS_PER_TEXT = 1024;

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
    help: { from: 'list', top: 0, query: '', match: -1 },
    entitiesScreen: NEW_ENTITIES_SCREEN,
    mentionsScreen: null,
    history: [],
    skippedTop: 0,
    notice: null,
    reading: { marks: new Map(), order: 'path', show: 'all' },
    effects: [],
    exitStatus: null,
    repaint: false,
  };
}

/** Which part of the keymap applies now. */
export function activeContext(state: State): Context {
  if (state.prompt) return 'prompt';
  if (state.overlay === 'mentions') return 'mentions';
  if (state.overlay === 'skipped') return 'skipped';
  if (state.overlay) return 'help';
  if (panelHasFocus(state)) return 'panel';
  return state.screen.name;
}

export function reducer(state: State, action: Action): State {
  // What the move means for the marks (read on open, where it was left), whatever made it.
  const next = followReading(state, reduce(state, action));
  // A mentions screen brought back from the jump history (Esc, Ctrl+O) has the cursor it was left
  // with; corrections since may have taken mentions away.
  return next.mentionsScreen !== state.mentionsScreen && next.screen.name === 'entityMentions' ? clampMentionsScreen(next) : next;
}

function reduce(state: State, action: Action): State {
  switch (action.type) {
    case 'resize':
      return resize(state, action.viewport);
    case 'open':
      return openArticle(state, action.articleIndex);
    case 'searchResult':
      return searchResult(state, action.query, action.result);
    case 'indexProgress':
      return { ...state, indexing: { done: action.done, total: action.total } };
    case 'input':
      return action.events.reduce<State>((next, event) => (next.exitStatus === null ? reduce(next, event) : next), state);
    case 'readingLoaded':
      return { ...state, reading: { ...state.reading, marks: action.marks } };
    case 'key':
      return key({ ...state, notice: null }, action.name);
    case 'text':
      return text({ ...state, notice: null }, action.text);
    case 'paste':
      return paste({ ...state, notice: null }, action.text, action.truncated);
    case 'entities':
      return receiveEntities(state, action.articleIndex, action.entities);
    case 'libraryEntities':
      // Under the user's corrections, whatever the pass was built with.
      return entitiesChanged({ ...state, entities: { ...state.entities, library: action.index.withCorrections(state.entities.corrections), libraryComplete: action.complete } });
    case 'entityMentions':
      return receiveEntityMentions(state, action.key, action.articleId, action.mentions);
    case 'corrections':
      return entitiesChanged(receiveCorrections(state, action.corrections, action.notice));
    case 'entityProgress':
      return { ...state, entities: { ...state.entities, progress: { done: action.done, total: action.total } } };
    case 'articleEntityProgress':
      return { ...state, entities: { ...state.entities, reading: { articleIndex: action.articleIndex, done: action.done, total: action.total } } };
    case 'effectsDone':
      return { ...state, effects: state.effects.filter((e) => !action.effects.includes(e)) };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'repaint':
      return { ...state, repaint: true };
    default:
      return unreachable(action);
  }
}

/** The exit status of quitting with this key: 130 after Ctrl+C, as a shell reports a program interrupted by SIGINT. */
export function quitStatus(key: string): number {
  return key === 'ctrl+c' ? 130 : 0;
}

/**
 * The reducer, with the rule that no input ends a session: an exception while handling an action
 * leaves the state as it was, with the error on the status line.
 */
export function guardedReducer(state: State, action: Action): State {
  try {
    const next = reducer(state, action);
    return next.repaint && isInput(action) ? { ...next, repaint: false } : next;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...state, notice: { kind: 'error', text: `error: ${message.split('\n')[0] ?? ''}` } };
  }
}

/** The library's entities changed: the screens that list them keep their cursors in range. */
function entitiesChanged(state: State): State {
  return clampMentionsScreen(clampEntitiesScreen(state));
}

function isInput(action: Action): boolean {
  return action.type === 'input' || action.type === 'key' || action.type === 'text' || action.type === 'paste';
}

/** Commands that mean the same in every context they are bound in. */
type GlobalCommand = 'quit' | 'suspend' | 'help';

function isGlobal(cmd: string): cmd is GlobalCommand {
  return cmd === 'quit' || cmd === 'suspend' || cmd === 'help';
}

function globalCommand(state: State, cmd: GlobalCommand, name: string): State {
  switch (cmd) {
    case 'quit':
      return { ...state, exitStatus: quitStatus(name) };
    case 'suspend':
      return { ...state, effects: [...state.effects, { type: 'suspend' }] };
    case 'help':
      return state.overlay === 'help' ? { ...state, overlay: null } : openHelp(state);
    default:
      return unreachable(cmd);
  }
}

function key(state: State, name: string): State {
  const context = activeContext(state);
  switch (context) {
    case 'prompt': {
      const cmd = commandFor('prompt', name);
      if (cmd !== undefined && isGlobal(cmd)) return globalCommand(state, cmd, name);
      return state.prompt ? editPrompt(state, state.prompt, name, cmd) : state;
    }
    case 'mentions': {
      const cmd = commandFor('mentions', name);
      if (cmd !== undefined && isGlobal(cmd)) return globalCommand(state, cmd, name);
      if (cmd === 'copyWithSource') return copyWithSource(state);
      return mentionsCommand(state, cmd);
    }
    case 'skipped': {
      const cmd = commandFor('skipped', name);
      if (cmd !== undefined && isGlobal(cmd)) return globalCommand(state, cmd, name);
      return skippedCommand(state, cmd);
    }
    case 'help': {
      const cmd = commandFor('help', name);
      if (cmd === undefined) return { ...state, notice: { kind: 'info', text: '? Esc or q closes help' } };
      return isGlobal(cmd) ? globalCommand(state, cmd, name) : helpCommand(state, cmd);
    }
    case 'list': {
      const cmd = commandFor('list', name);
      if (cmd === undefined) return unboundKey(state, name);
      if (isGlobal(cmd)) return globalCommand(state, cmd, name);
      if (cmd === 'jumpBack') return jumpBack(state);
      if (isReadingCommand(cmd)) return readingCommand(state, cmd);
      return cmd === 'libraryEntities' ? openEntitiesScreen(state) : listCommand(state, cmd);
    }
    case 'reader': {
      const cmd = commandFor('reader', name);
      if (cmd === undefined) return unboundKey(state, name);
      if (isGlobal(cmd)) return globalCommand(state, cmd, name);
      if (isSourceCommand(cmd)) return sourceCommand(state, cmd);
      if (cmd === 'jumpBack') return jumpBack(state);
      if (cmd === 'libraryMentions') return mentionsOfSelected(state);
      if (cmd === 'toggleFlag') return readingCommand(state, cmd);
      return readerKey(state, cmd);
    }
    case 'panel': {
      const cmd = commandFor('panel', name);
      if (cmd === undefined) return unboundKey(state, name);
      if (isGlobal(cmd)) return globalCommand(state, cmd, name);
      if (isSourceCommand(cmd)) return sourceCommand(state, cmd);
      if (cmd === 'jumpBack') return jumpBack(state);
      if (cmd === 'libraryMentions') return mentionsOfSelected(state);
      if (isCorrectionCommand(cmd)) return correctionCommand(state, cmd);
      if (cmd === 'toggleFlag') return readingCommand(state, cmd);
      return panelKey(state, cmd);
    }
    case 'entities': {
      const cmd = commandFor('entities', name);
      if (cmd === undefined) return unboundKey(state, name);
      if (isGlobal(cmd)) return globalCommand(state, cmd, name);
      if (cmd === 'jumpBack') return jumpBack(state);
      if (cmd === 'back') return state.entitiesScreen.query ? filterEntities(state, '') : jumpBack(state);
      if (isCorrectionCommand(cmd)) return correctionCommand(state, cmd);
      return entitiesCommand(state, cmd);
    }
    case 'entityMentions': {
      const cmd = commandFor('entityMentions', name);
      if (cmd === undefined) return unboundKey(state, name);
      if (isGlobal(cmd)) return globalCommand(state, cmd, name);
      if (cmd === 'copyWithSource') return copyWithSource(state);
      if (cmd === 'jumpBack' || cmd === 'back') return jumpBack(state);
      return mentionsScreenCommand(state, cmd);
    }
    default:
      return unreachable(context);
  }
}

/** A letter that means nothing here says so, rather than nothing happening (function keys and the like stay silent). */
function unboundKey(state: State, name: string): State {
  if (Array.from(name).length !== 1) return state;
  return { ...state, notice: { kind: 'info', text: `${name} does nothing here · ? lists the keys` } };
}

/** Esc on a screen reached by a jump, and Ctrl+O anywhere: back to where the user was; the list when nothing is remembered. */
function jumpBack(state: State): State {
  const back = popHistory(state);
  if (back) return back;
  if (state.screen.name === 'list') return { ...state, notice: { kind: 'info', text: 'nothing to go back to' } };
  return { ...state, screen: { name: 'list' }, find: null };
}

/** M: the selected entity's mentions across the library. */
function mentionsOfSelected(state: State): State {
  const entity = selectedEntity(state);
  if (!entity) return { ...state, notice: { kind: 'info', text: 'no entity selected' } };
  if (!state.entities.library) return { ...state, notice: { kind: 'info', text: 'the library’s entities are still being found' } };
  return openEntityMentions(state, entity.id);
}

const CORRECTION_COMMANDS: readonly string[] = ['hideEntity', 'retypeEntity', 'renameEntity', 'mergeEntity', 'splitEntity', 'undoCorrection'] satisfies CorrectionCommand[];

function isCorrectionCommand(cmd: string): cmd is CorrectionCommand {
  return CORRECTION_COMMANDS.includes(cmd);
}

const READING_COMMANDS: readonly string[] = ['toggleFlag', 'toggleRead', 'cycleOrder', 'cycleShow'] satisfies ReadingCommand[];

function isReadingCommand(cmd: string): cmd is ReadingCommand {
  return READING_COMMANDS.includes(cmd);
}

type SourceCommand = 'showPath' | 'openUrl' | 'copyWithSource';

function isSourceCommand(cmd: string): cmd is SourceCommand {
  return cmd === 'showPath' || cmd === 'openUrl' || cmd === 'copyWithSource';
}

function sourceCommand(state: State, cmd: SourceCommand): State {
  switch (cmd) {
    case 'showPath':
      return showPath(state);
    case 'openUrl':
      return openArticleUrl(state);
    case 'copyWithSource':
      return copyWithSource(state);
    default:
      return unreachable(cmd);
  }
}

function readerKey(state: State, cmd: Exclude<CommandIn<'reader'>, GlobalCommand | 'jumpBack' | 'libraryMentions' | 'toggleFlag' | SourceCommand>): State {
  return isEntityCommand(cmd) ? entityCommand(state, cmd) : readerCommand(state, cmd);
}

function panelKey(state: State, cmd: Exclude<CommandIn<'panel'>, GlobalCommand | 'jumpBack' | 'libraryMentions' | CorrectionCommand | 'toggleFlag' | SourceCommand>): State {
  if (isEntityCommand(cmd)) return entityCommand(state, cmd);
  // Esc undoes the last thing first: the search highlight, then the panel's focus, then the page.
  if (cmd === 'back' && state.find) return { ...state, find: null };
  if (isMotion(cmd) || cmd === 'open' || cmd === 'back') return panelCommand(state, cmd);
  return readerCommand(state, cmd);
}

/**
 * Characters that arrived together: one insertion while a prompt is open (capped), else one key
 * each — until a key opens a prompt, after which the rest is its text.
 */
function text(state: State, chars: string): State {
  let next = state;
  let count = 0;
  const units = Array.from(chars);
  for (let i = 0; i < units.length; i++) {
    if (next.prompt) return insertText(next, next.prompt, units.slice(i).join(''));
    if (++count > MAX_KEYS_PER_TEXT) return { ...next, notice: { kind: 'info', text: `${units.length - i} more keys ignored` } };
    next = key(next, units[i] === ' ' ? 'space' : units[i]!);
    if (next.exitStatus !== null) return next;
  }
  return next;
}

/** A bracketed paste: text for an open prompt; outside one it is not taken for keys (it could hold a q). */
function paste(state: State, pasted: string, truncated: boolean): State {
  if (state.prompt) return insertText(state, state.prompt, pasted, truncated);
  return { ...state, notice: { kind: 'info', text: 'paste ignored: / starts a search to paste into' } };
}

function resize(state: State, viewport: Viewport): State {
  const resized = moveListCursor({ ...state, viewport }, state.list.cursor);
  return state.screen.name === 'reader' ? resizeReader(state, resized) : resized;
}
