/**
 * The jump history: where the user was before each jump (into the library's entities, to an
 * entity's mentions, to another article with } or {, to an article from its mentions). Esc goes
 * back where you came from, and so on back up; Ctrl+O too, as in vim's jump list.
 */
import { listedEntities } from './entity-lists';
import { selectedEntity } from './panel';
import { moveListCursor, scrollReader } from './position';
import type { HistoryEntry, State } from './types';

/** The most entries kept: older jumps are forgotten. */
const HISTORY_LIMIT = 100;

/** Where the user is now, as an entry to come back to. */
export function here(state: State): HistoryEntry {
  const screen = state.screen;
  switch (screen.name) {
    case 'list':
      return { screen: 'list', list: state.list };
    case 'reader': {
      const entity = selectedEntity(state);
      return {
        screen: 'reader',
        articleIndex: screen.articleIndex,
        top: screen.top,
        panelOpen: state.entities.panelOpen,
        key: entity?.id ?? null,
        name: entity?.name ?? '',
        mention: state.entities.mention,
      };
    }
    case 'entities':
      return { screen: 'entities', view: state.entitiesScreen };
    case 'entityMentions':
      return { screen: 'entityMentions', key: screen.key, cursor: state.mentionsScreen?.cursor ?? 0, top: state.mentionsScreen?.top ?? 0 };
  }
}

/** Remembers where the user is before a jump. */
export function pushHistory(state: State): State {
  const history = [...state.history, here(state)];
  return { ...state, history: history.length > HISTORY_LIMIT ? history.slice(-HISTORY_LIMIT) : history };
}

/** Back to the last place remembered; undefined when there is none. */
export function popHistory(state: State): State | undefined {
  const entry = state.history[state.history.length - 1];
  if (!entry) return undefined;
  const rest = { ...state, history: state.history.slice(0, -1), find: null, prompt: null, overlay: null };
  switch (entry.screen) {
    case 'list':
      return moveListCursor({ ...rest, screen: { name: 'list' }, list: entry.list }, entry.list.cursor);
    case 'reader': {
      const entities = {
        ...rest.entities,
        panelOpen: entry.panelOpen,
        focus: 'page' as const,
        current: null,
        selected: 0,
        mention: -1,
        // Its entities come again from the entities hook: the selection waits for them.
        whenLoaded: entry.key ? { type: 'selectEntity' as const, key: entry.key, name: entry.name, mention: entry.mention } : null,
      };
      const opened: State = { ...rest, entities, screen: { name: 'reader', articleIndex: entry.articleIndex, top: 0 } };
      return opened.screen.name === 'reader' ? scrollReader(opened, opened.screen, entry.top) : opened;
    }
    case 'entities': {
      // The entities may have changed since (the pass found more, a correction hid some).
      const restored: State = { ...rest, screen: { name: 'entities' }, entitiesScreen: { ...entry.view, focus: 'list', withCursor: 0 } };
      const count = listedEntities(restored).length;
      const cursor = Math.max(0, Math.min(entry.view.cursor, count - 1));
      return { ...restored, entitiesScreen: { ...restored.entitiesScreen, cursor, top: Math.min(entry.view.top, cursor) } };
    }
    case 'entityMentions':
      return { ...rest, screen: { name: 'entityMentions', key: entry.key }, mentionsScreen: { key: entry.key, cursor: entry.cursor, top: entry.top, loaded: new Map() } };
  }
}
