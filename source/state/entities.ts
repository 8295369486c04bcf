import type { Entity, EntityType } from '../core/entities';
import { entityKey, mentionIndexAt } from '../core/entities';
import type { LibraryEntityIndex } from '../core/entities/library-entities';
import { nextArticleWith } from '../core/entities/library-entities';
import type { Command } from '../keymap';
import { openArticle } from './list';
import type { State } from './reducer';
import { firstVisibleOffset, resizeReader, revealOffset } from './reader';

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
  /** Set by }/{: the entity to select (and jump to) when the opened article's entities arrive. */
  follow: string | null;
  /** Cursor in the mentions list (`m`). */
  mentionsCursor: number;
}

export function initialEntityState(total: number): EntityState {
  return {
    panelOpen: false,
    focus: 'page',
    selected: 0,
    mention: -1,
    current: null,
    library: null,
    progress: { done: 0, total },
    follow: null,
    mentionsCursor: 0,
  };
}

export const PANEL_TYPES: readonly EntityType[] = ['person', 'place', 'organization'];

const panelCache = new WeakMap<Entity[], Entity[]>();

/** The panel's entities: people, then places, then organizations, each by mention count. */
export function panelEntities(state: State): Entity[] {
  const screen = state.screen;
  const current = state.entities.current;
  if (screen.name !== 'reader' || !current || current.articleIndex !== screen.articleIndex) return [];
  let grouped = panelCache.get(current.entities);
  if (!grouped) {
    grouped = PANEL_TYPES.flatMap((type) =>
      current.entities
        .filter((e) => e.type === type && e.mentions.length > 0)
        .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name)),
    );
    panelCache.set(current.entities, grouped);
  }
  return grouped;
}

export function selectedEntity(state: State): Entity | undefined {
  return panelEntities(state)[state.entities.selected];
}

function withEntities(state: State, patch: Partial<EntityState>): State {
  return { ...state, entities: { ...state.entities, ...patch } };
}

/** The open article's entities arrived (from the library index or a direct extraction). */
export function receiveEntities(state: State, articleIndex: number, entities: Entity[]): State {
  const screen = state.screen;
  if (screen.name !== 'reader' || screen.articleIndex !== articleIndex) return state;
  const previous = state.entities.current?.articleIndex === articleIndex ? selectedEntity(state) : undefined;
  const next = withEntities(state, { current: { articleIndex, entities }, selected: 0, mention: -1 });
  if (previous) {
    // A refresh of the open article (the library pass corrected a type): keep the selection.
    const key = entityKey(previous);
    const selected = panelEntities(next).findIndex((e) => entityKey(e) === key);
    if (selected >= 0) return withEntities(next, { selected, mention: state.entities.mention });
  }
  const follow = state.entities.follow;
  if (!follow) return next;
  const selected = panelEntities(next).findIndex((e) => entityKey(e) === follow);
  const followed = withEntities(next, { follow: null, selected: Math.max(0, selected) });
  return selected >= 0 ? jumpToMention(followed, 0) : followed;
}

function jumpToMention(state: State, mention: number): State {
  const entity = selectedEntity(state);
  const target = entity?.mentions[mention];
  if (!entity || !target) return state;
  return revealOffset(withEntities(state, { mention }), target.start);
}

/** ]/[: the next or previous mention of the selected entity, from the current one or the page. */
function stepMention(state: State, direction: 1 | -1): State {
  const entity = selectedEntity(state);
  if (!entity || entity.mentions.length === 0) return state;
  const current = entity.mentions[state.entities.mention];
  // Before the first jump, "next" starts from the top of the page, so the first one on screen counts.
  const from = current ? current.start : firstVisibleOffset(state) - (direction === 1 ? 1 : 0);
  return jumpToMention(state, mentionIndexAt(entity.mentions, from, direction));
}

/** }/{: open the next or previous article that mentions the selected entity, at its first mention. */
function stepArticle(state: State, direction: 1 | -1): State {
  const entity = selectedEntity(state);
  // A }/{ pressed again before this article's entities arrived follows the same entity on.
  const key = entity ? entityKey(entity) : state.entities.current ? null : state.entities.follow;
  const index = state.entities.library;
  const screen = state.screen;
  if (!key || !index || screen.name !== 'reader') return state;
  const article = state.library.articles[screen.articleIndex];
  if (!article) return state;
  const nextId = nextArticleWith(index, key, article.id, direction);
  const nextIndex = nextId === null ? -1 : state.library.articles.findIndex((a) => a.id === nextId);
  if (nextIndex < 0) return state;
  // Its entities are not at hand (the index keeps only keys and names): the entities hook reads
  // them, and receiveEntities selects the followed entity at its first mention.
  return withEntities(openArticle(state, nextIndex), { follow: key, current: null });
}

function moveSelection(state: State, selected: number): State {
  const count = panelEntities(state).length;
  if (count === 0) return state;
  return withEntities(state, { selected: Math.max(0, Math.min(count - 1, selected)), mention: -1 });
}

/** Reader commands that belong to the entity panel; undefined when the command is not one. */
export function entityCommand(state: State, cmd: Command): State | undefined {
  const { panelOpen, focus, selected } = state.entities;
  const panelHasFocus = panelOpen && focus === 'panel';
  switch (cmd) {
    // Opening or closing the panel changes the page's size: re-wrap as for a resize, so the page
    // stays in range and the first visible paragraph stays on screen.
    case 'togglePanel':
      return resizeReader(state, withEntities(state, { panelOpen: !panelOpen, focus: 'page' }));
    case 'switchFocus':
      return panelOpen
        ? withEntities(state, { focus: focus === 'panel' ? 'page' : 'panel' })
        : resizeReader(state, withEntities(state, { panelOpen: true, focus: 'panel' }));
    case 'nextMention':
      return stepMention(state, 1);
    case 'previousMention':
      return stepMention(state, -1);
    case 'nextArticleMention':
      return stepArticle(state, 1);
    case 'previousArticleMention':
      return stepArticle(state, -1);
    case 'mentions':
      return selectedEntity(state) ? { ...withEntities(state, { mentionsCursor: 0 }), overlay: 'mentions' } : state;
    default:
      break;
  }
  if (!panelHasFocus) return undefined;
  switch (cmd) {
    case 'down':
      return moveSelection(state, selected + 1);
    case 'up':
      return moveSelection(state, selected - 1);
    case 'pageDown':
      return moveSelection(state, selected + 10);
    case 'pageUp':
      return moveSelection(state, selected - 10);
    case 'first':
      return moveSelection(state, 0);
    case 'last':
      return moveSelection(state, panelEntities(state).length - 1);
    case 'open':
      return jumpToMention(state, 0);
    default:
      return undefined;
  }
}

/** Keys in the mentions list (`m`): move, jump to the chosen mention, or close. */
export function mentionsCommand(state: State, cmd: Command | undefined): State {
  const entity = selectedEntity(state);
  const count = entity?.mentions.length ?? 0;
  const cursor = state.entities.mentionsCursor;
  const move = (to: number) => withEntities(state, { mentionsCursor: Math.max(0, Math.min(count - 1, to)) });
  switch (cmd) {
    case 'down':
      return move(cursor + 1);
    case 'up':
      return move(cursor - 1);
    case 'first':
      return move(0);
    case 'last':
      return move(count - 1);
    case 'open':
      return jumpToMention({ ...state, overlay: null }, cursor);
    default:
      return { ...state, overlay: null };
  }
}
