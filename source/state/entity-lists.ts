/** The library's entities as the entities screen lists them: selectors, nothing more. */
import type { LibraryEntity, LibraryEntityIndex } from '../core/entities/library-index';
import { entityNames } from '../core/entities/name-search';
import type { State } from './types';

const shownCache = new WeakMap<LibraryEntityIndex, Map<string, LibraryEntity[]>>();

/** The entities the screen lists, in order: those the filter's name and type let through. */
export function listedEntities(state: State): LibraryEntity[] {
  const index = state.entities.library;
  if (!index) return [];
  const { query, type } = state.entitiesScreen;
  const cacheKey = `${type ?? ''}\0${query}`;
  let forIndex = shownCache.get(index);
  if (!forIndex) shownCache.set(index, (forIndex = new Map()));
  let shown = forIndex.get(cacheKey);
  if (!shown) {
    const named = query.trim() ? entityNames(index).match(query).map((m) => m.entity) : index.entities;
    shown = type ? named.filter((e) => e.type === type) : named;
    // A handful of filters are kept (the last ones typed), not every prefix of every query.
    if (forIndex.size > 16) forIndex.delete(forIndex.keys().next().value as string);
    forIndex.set(cacheKey, shown);
  }
  return shown;
}

export function selectedLibraryEntity(state: State): LibraryEntity | undefined {
  return listedEntities(state)[state.entitiesScreen.cursor];
}

