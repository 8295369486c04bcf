/** What the entity panel holds for the open article: selectors over the state, nothing more. */
import type { Entity, EntityType } from '../core/entities';
import type { State } from './types';

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

/** The panel has the keys: open, and focused with Tab. */
export function panelHasFocus(state: State): boolean {
  return state.screen.name === 'reader' && state.entities.panelOpen && state.entities.focus === 'panel';
}
