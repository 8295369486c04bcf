/** The entity panel and mention navigation for the open article: its commands and arriving entities. */
import type { Entity } from '../core/entities';
import { fieldOf, mentionIndexAt, normalizeName, readingPosition, TITLE_START } from '../core/entities';
import { nextArticleWith } from '../core/entities/library-index';
import { type CommandIn, isMotion, type Motion, unreachable } from '../keymap';
import { frameHeight } from './geometry';
import { NO_CORRECTIONS } from '../core/entities/corrections';
import { pushHistory } from './history';
import { openArticle } from './navigation';
import { panelEntities, selectedEntity } from './panel';
import { firstVisibleOffset, moveCursor, resizeReader, revealOffset } from './position';
import type { EntityState, State } from './types';

/** The entity commands of the reader (and of the panel, which adds moving the selection). */
export type EntityCommand =
  | 'togglePanel'
  | 'switchFocus'
  | 'nextMention'
  | 'previousMention'
  | 'nextArticleMention'
  | 'previousArticleMention'
  | 'mentions';

const ENTITY_COMMANDS: readonly string[] = [
  'togglePanel',
  'switchFocus',
  'nextMention',
  'previousMention',
  'nextArticleMention',
  'previousArticleMention',
  'mentions',
] satisfies EntityCommand[];

export function isEntityCommand(cmd: string): cmd is EntityCommand {
  return ENTITY_COMMANDS.includes(cmd);
}

export function initialEntityState(total: number): EntityState {
  return {
    panelOpen: false,
    focus: 'page',
    selected: 0,
    mention: -1,
    current: null,
    library: null,
    libraryComplete: false,
    corrections: NO_CORRECTIONS,
    progress: { done: 0, total },
    reading: null,
    whenLoaded: null,
    mentionsCursor: 0,
  };
}

function withEntities(state: State, patch: Partial<EntityState>): State {
  return { ...state, entities: { ...state.entities, ...patch } };
}

const info = (state: State, text: string): State => ({ ...state, notice: { kind: 'info', text } });

/** The open article's entities arrived (from the library index or a direct extraction). */
export function receiveEntities(state: State, articleIndex: number, entities: Entity[]): State {
  const screen = state.screen;
  if (screen.name !== 'reader' || screen.articleIndex !== articleIndex) return state;
  const previous = state.entities.current?.articleIndex === articleIndex ? selectedEntity(state) : undefined;
  const next = withEntities(state, { current: { articleIndex, entities }, selected: 0, mention: -1, reading: null });
  if (previous) {
    // A refresh of the open article (the library pass gave it its identities): keep the selection.
    const selected = panelEntities(next).findIndex((e) => sameEntity(e, previous));
    if (selected >= 0) return withEntities(next, { selected, mention: state.entities.mention });
  }
  const pending = state.entities.whenLoaded;
  if (!pending) return next;
  const selected = panelEntities(next).findIndex((e) => e.id === pending.key);
  const followed = withEntities(next, { whenLoaded: null, selected: Math.max(0, selected) });
  if (selected < 0) return info(followed, `${pending.name} is not in this article’s panel`);
  return pending.mention >= 0 ? jumpToMention(followed, pending.mention) : followed;
}

/** The same entity before and after a refresh: the same id, or the same name (its id became the library's key). */
function sameEntity(a: Entity, b: Entity): boolean {
  return a.id === b.id || normalizeName(a.name) === normalizeName(b.name);
}

function jumpToMention(state: State, mention: number): State {
  const entity = selectedEntity(state);
  const target = entity?.mentions[mention];
  if (!entity || !target) return state;
  const jumped = withEntities(state, { mention });
  // The title is drawn above every page: a mention in it is on screen already.
  return fieldOf(target) === 'title' ? jumped : revealOffset(jumped, target.start);
}

/** The reading position at the top of the page: the title's start on the first page, where the text begins under it. */
function pageTopPosition(state: State): number {
  const offset = firstVisibleOffset(state);
  return offset === 0 ? TITLE_START : offset;
}

/** ]/[: the next or previous mention of the selected entity, from the current one or the page. */
function stepMention(state: State, direction: 1 | -1): State {
  const entity = selectedEntity(state);
  if (!entity || entity.mentions.length === 0) return info(state, state.entities.current ? 'no entity selected' : 'entities are still being found');
  const current = entity.mentions[state.entities.mention];
  // Before the first jump, "next" starts from the top of the page, so the first one on screen
  // counts: on the first page, that is the title's.
  const from = current ? readingPosition(current) : pageTopPosition(state) - (direction === 1 ? 1 : 0);
  return jumpToMention(state, mentionIndexAt(entity.mentions, from, direction));
}

/** }/{: open the next or previous article that mentions the selected entity, at its first mention. */
function stepArticle(state: State, direction: 1 | -1): State {
  const entity = selectedEntity(state);
  // A }/{ pressed again before this article's entities arrived follows the same entity on.
  const pending = state.entities.current ? null : state.entities.whenLoaded;
  // Once the library pass has finished, an entity's id is its key in the library (library-view.ts).
  const target = entity ? { key: entity.id, name: entity.name } : pending && { key: pending.key, name: pending.name };
  const screen = state.screen;
  if (!target || screen.name !== 'reader') return info(state, 'no entity selected');
  const index = state.entities.library;
  if (!index) return info(state, 'the library’s entities are still being found');
  const article = state.library.articles[screen.articleIndex];
  if (!article) return state;
  const nextId = nextArticleWith(index, target.key, article.id, direction);
  const nextIndex = nextId === null ? -1 : state.library.articles.findIndex((a) => a.id === nextId);
  if (nextIndex < 0) return info(state, `no other article mentions ${target.name}`);
  // Its entities are not at hand (the index keeps only keys and names): the entities hook reads
  // them, and receiveEntities carries out the pending selection.
  const opened = openArticle(pushHistory(state), nextIndex);
  // The new article starts with its page focused, as any opened article does (openArticle).
  return withEntities(opened, { whenLoaded: { type: 'selectEntity', ...target, mention: 0 } });
}

/** Reader and panel commands that belong to the entity panel. */
export function entityCommand(state: State, cmd: EntityCommand): State {
  const { panelOpen, focus } = state.entities;
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
      return selectedEntity(state) ? { ...withEntities(state, { mentionsCursor: 0 }), overlay: 'mentions' } : info(state, 'no entity selected');
    default:
      return unreachable(cmd);
  }
}

/** Entities a page of the panel moves by. */
const PANEL_PAGE = 10;

/** What the panel does itself while it has the focus (its other keys are the reader's). */
export type PanelCommand = Motion | 'open' | 'back';

/** The panel's own commands: moving the selection, Enter to the first mention, Esc back to the page. */
export function panelCommand(state: State, cmd: PanelCommand): State {
  if (isMotion(cmd)) {
    const selected = moveCursor(cmd, state.entities.selected, panelEntities(state).length, PANEL_PAGE);
    return selected === undefined ? state : withEntities(state, { selected, mention: -1 });
  }
  switch (cmd) {
    case 'open':
      return jumpToMention(state, 0);
    case 'back':
      return withEntities(state, { focus: 'page' });
    default:
      return unreachable(cmd);
  }
}

/** Rows of mentions the mentions list shows: the frame less its heading and footer. */
export function mentionsPageSize(state: State): number {
  return Math.max(1, frameHeight(state.viewport) - 2);
}

/** Keys in the mentions list (`m`): move, jump to the chosen mention, or close. */
export function mentionsCommand(state: State, cmd: Exclude<CommandIn<'mentions'>, 'quit' | 'suspend'> | undefined): State {
  const entity = selectedEntity(state);
  if (cmd !== undefined && isMotion(cmd)) {
    const cursor = moveCursor(cmd, state.entities.mentionsCursor, entity?.mentions.length ?? 0, mentionsPageSize(state));
    return cursor === undefined ? state : withEntities(state, { mentionsCursor: cursor });
  }
  if (cmd === 'open') return jumpToMention({ ...state, overlay: null }, state.entities.mentionsCursor);
  return { ...state, overlay: null };
}
