/**
 * The library's entities screen: every person, place and organization of the library, most
 * articles first, filtered by name (the search's word rule: typos forgiven) and by type; beside
 * the selected one, the entities that appear with it most. Enter shows its mentions across the
 * library; on an entity of "appears with", Enter pivots to it.
 */
import type { EntityType } from '../core/entities';
import { appearsWith, type LibraryEntity, type LibraryEntityIndex } from '../core/entities/library-index';
import { isMotion, type Motion, unreachable } from '../keymap';
import { frameHeight } from './geometry';
import { pushHistory } from './history';
import { listedEntities, selectedLibraryEntity } from './entity-lists';
import { openEntityMentions } from './mentions-screen';
import { moveCursor } from './position';
import type { EntitiesScreen, State } from './types';

export const NEW_ENTITIES_SCREEN: EntitiesScreen = { query: '', type: null, cursor: 0, top: 0, focus: 'list', withCursor: 0 };

/** The type filter's cycle: all, then each type, then all again. */
const TYPE_CYCLE: readonly (EntityType | null)[] = [null, 'person', 'place', 'organization'];

/** How many entities "appears with" lists. */
export const APPEARS_WITH = 10;

/** "Appears with" for the selected entity. */
export function appearsWithSelected(state: State): { entity: LibraryEntity; articles: number }[] {
  const index = state.entities.library;
  const entity = selectedLibraryEntity(state);
  if (!index || !entity) return [];
  // Asked on every frame the screen draws; for an entity in thousands of articles it walks every
  // entity of each (the latency bench timed the screen's first frame at 20,000 articles at 139 ms).
  let forIndex = appearsWithCache.get(index);
  if (!forIndex) appearsWithCache.set(index, (forIndex = new Map()));
  let others = forIndex.get(entity.key);
  if (!others) {
    others = appearsWith(index, entity.key, APPEARS_WITH);
    if (forIndex.size >= APPEARS_WITH_KEPT) forIndex.delete(forIndex.keys().next().value as string);
    forIndex.set(entity.key, others);
  }
  return others;
}

/** Each index's "appears with" of the last entities selected (a few hundred, not the library's). */
const appearsWithCache = new WeakMap<LibraryEntityIndex, Map<string, { entity: LibraryEntity; articles: number }[]>>();
const APPEARS_WITH_KEPT = 256;

/** Rows of entities on screen: the frame less its heading and status line. */
export function entitiesPageSize(state: State): number {
  return Math.max(1, frameHeight(state.viewport) - 2);
}

function withScreen(state: State, patch: Partial<EntitiesScreen>): State {
  return { ...state, entitiesScreen: { ...state.entitiesScreen, ...patch } };
}

/** Moves the cursor and scrolls just enough to keep it on screen. */
function moveTo(state: State, cursor: number): State {
  const page = entitiesPageSize(state);
  let { top } = state.entitiesScreen;
  if (cursor < top) top = cursor;
  if (cursor >= top + page) top = cursor - page + 1;
  return withScreen(state, { cursor, top: Math.max(0, top), withCursor: 0 });
}

/**
 * Keeps the cursor on the list after the entities changed under it (the pass found more, a
 * correction hid or merged some).
 */
export function clampEntitiesScreen(state: State): State {
  const count = listedEntities(state).length;
  const { cursor, withCursor } = state.entitiesScreen;
  const within = Math.max(0, Math.min(cursor, count - 1));
  // At 0 the "appears with" cursor is in range whatever the list: not worked out for it (the
  // library's entities arriving at the end of the pass, the screen not even open, walked the top
  // entity's articles on the UI thread).
  const withWithin = withCursor === 0 ? 0 : Math.max(0, Math.min(withCursor, appearsWithSelected({ ...state, entitiesScreen: { ...state.entitiesScreen, cursor: within } }).length - 1));
  return within === cursor && withWithin === withCursor ? state : moveTo(withScreen(state, { withCursor: withWithin }), within);
}

/** `e` in the list: the library's entities, remembered where it was left. */
export function openEntitiesScreen(state: State): State {
  return { ...pushHistory(state), screen: { name: 'entities' } };
}

/** The filter changed (typed at its `/` prompt): back to the first entity. */
export function filterEntities(state: State, query: string): State {
  return withScreen(state, { query, cursor: 0, top: 0, withCursor: 0 });
}

/** Goes to an entity by key (pivoting from "appears with"): the filter is cleared so it is listed. */
function selectKey(state: State, key: string): State {
  const cleared = withScreen(state, { query: '', type: null, focus: 'list' });
  const position = listedEntities(cleared).findIndex((e) => e.key === key);
  return position >= 0 ? moveTo(cleared, position) : cleared;
}

export type EntitiesCommand = Motion | 'open' | 'cycleType' | 'switchFocus' | 'search';

export function entitiesCommand(state: State, cmd: EntitiesCommand): State {
  const view = state.entitiesScreen;
  if (isMotion(cmd)) {
    if (view.focus === 'with') {
      const withCursor = moveCursor(cmd, view.withCursor, appearsWithSelected(state).length, APPEARS_WITH);
      return withCursor === undefined ? state : withScreen(state, { withCursor });
    }
    const cursor = moveCursor(cmd, view.cursor, listedEntities(state).length, entitiesPageSize(state));
    return cursor === undefined ? state : moveTo(state, cursor);
  }
  switch (cmd) {
    case 'open': {
      if (view.focus === 'with') {
        const other = appearsWithSelected(state)[view.withCursor];
        return other ? selectKey(pushHistory(state), other.entity.key) : state;
      }
      const entity = selectedLibraryEntity(state);
      return entity ? openEntityMentions(state, entity.key) : state;
    }
    case 'cycleType': {
      const next = TYPE_CYCLE[(TYPE_CYCLE.indexOf(view.type) + 1) % TYPE_CYCLE.length] ?? null;
      return withScreen(state, { type: next, cursor: 0, top: 0, withCursor: 0 });
    }
    case 'switchFocus':
      return appearsWithSelected(state).length > 0 ? withScreen(state, { focus: view.focus === 'list' ? 'with' : 'list', withCursor: 0 }) : state;
    case 'search':
      return { ...state, prompt: { target: 'entities', text: view.query } };
    default:
      return unreachable(cmd);
  }
}

