import type { Entity } from '../../source/core/entities';
import { type LibraryEntityIndex, LibraryIndexBuilder } from '../../source/core/entities/library-index';

/** The library index of entities given per article id, built as the library pass builds it. */
export function libraryIndexOf(order: string[], byArticle: ReadonlyMap<string, Entity[]>): LibraryEntityIndex {
  const builder = new LibraryIndexBuilder(null);
  for (const id of order) {
    const entities = byArticle.get(id);
    if (entities) builder.add(id, entities);
  }
  return builder.finish(order);
}
