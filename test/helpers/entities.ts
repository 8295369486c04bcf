import type { Entity } from '../../source/core/entities';
import type { TagType } from '../../source/core/entities/features';
import { type LibraryEntityIndex, LibraryIndexBuilder } from '../../source/core/entities/library-index';
import type { TaggedSpan } from '../../source/core/entities/stages/context';
import { tokenize, type Token } from '../../source/core/entities/tokenize';

/** The library index of entities given per article id, built as the library pass builds it. */
export function libraryIndexOf(order: string[], byArticle: ReadonlyMap<string, Entity[]>): LibraryEntityIndex {
  const builder = new LibraryIndexBuilder(null);
  for (const id of order) {
    const entities = byArticle.get(id);
    if (entities) builder.add(id, entities);
  }
  return builder.finish(order);
}

/** Token span of the `nth` occurrence of `phrase` (whole tokens). */
export function spanOf(tokens: Token[], phrase: string, type: TagType, nth = 0): TaggedSpan {
  const parts = tokenize(phrase).map((t) => t.text);
  let seen = 0;
  for (let i = 0; i + parts.length <= tokens.length; i++) {
    if (parts.every((p, k) => tokens[i + k]!.text === p) && seen++ === nth) return { type, start: i, end: i + parts.length };
  }
  throw new Error(`no ${phrase} #${nth}`);
}
