// The library entity index keeps its postings as positions in flat typed arrays (each entity's
// articles, each article's entities): "appears with" and `@name` are answered from them. Over
// random libraries they say what the index's maps say, and "appears with" counts what the rule
// counts (shared articles, most first, then the more frequent entity, then by key).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { entityTermSource } from '../../../source/core/entities/entity-term-source';
import { appearsWith, type LibraryEntityIndex, LibraryIndexBuilder } from '../../../source/core/entities/library-index';
import type { EntityType } from '../../../source/core/entities/types';

const NAMES: [string, EntityType][] = [
  ['Gordon Brown', 'person'], ['Brown', 'person'], ['Wes Brown', 'person'], ['Manchester United', 'organization'],
  ['London', 'place'], ['Vladimir Putin', 'person'], ['Putin', 'place'], ['Moscow', 'place'], ['Labour', 'organization'],
  ['Kremlin', 'organization'], ['Paris', 'place'], ['Emmanuel Macron', 'person'],
];

/** A library: each article some of NAMES, each with 1–4 mentions, some in the title. */
const library = fc.array(
  fc.uniqueArray(fc.record({ at: fc.nat(NAMES.length - 1), mentions: fc.integer({ min: 1, max: 4 }), inTitle: fc.boolean() }), { selector: (e) => e.at, maxLength: 6 }),
  { minLength: 1, maxLength: 30 },
);

function indexOf(articles: { at: number; mentions: number; inTitle: boolean }[][]): LibraryEntityIndex {
  const builder = new LibraryIndexBuilder(null);
  const order = articles.map((_, i) => `a${i}`);
  articles.forEach((found, i) =>
    builder.add(
      order[i]!,
      found.map(({ at, mentions, inTitle }) => ({ name: NAMES[at]![0], type: NAMES[at]![1], aliases: [], mentions, inTitle })),
    ),
  );
  return builder.finish(order);
}

/** "Appears with" by the rule, from the index's maps. */
function appearsWithByTheRule(index: LibraryEntityIndex, key: string, limit: number) {
  const shared = new Map<string, number>();
  for (const id of index.articlesByKey.get(key) ?? []) for (const other of index.keysByArticle.get(id) ?? []) if (other !== key) shared.set(other, (shared.get(other) ?? 0) + 1);
  return [...shared]
    .map(([k, n]) => ({ entity: index.byKey.get(k)!, articles: n }))
    .sort((a, b) => b.articles - a.articles || b.entity.articles - a.entity.articles || a.entity.key.localeCompare(b.entity.key))
    .slice(0, limit);
}

test('the postings are the index’s articles by entity and entities by article, as positions', () => {
  fc.assert(
    fc.property(library, (articles) => {
      const index = indexOf(articles);
      const { positionOf, docStart, docs, mentions, inTitle, entityStart, entitiesOfDoc } = index.postings;
      assert.equal(docStart.length, index.entities.length + 1);
      for (const [p, entity] of index.entities.entries()) {
        assert.equal(positionOf.get(entity.key), p);
        const range = [docStart[p]!, docStart[p + 1]!] as const;
        assert.deepEqual([...docs.subarray(...range)].map((d) => index.order[d]), index.articlesByKey.get(entity.key));
        assert.deepEqual([...mentions.subarray(...range)], [...index.mentionsByKey.get(entity.key)!]);
        assert.deepEqual([...inTitle.subarray(...range)], [...index.titleByKey.get(entity.key)!]);
      }
      for (const [d, id] of index.order.entries()) {
        const here = [...entitiesOfDoc.subarray(entityStart[d], entityStart[d + 1])].map((p) => index.entities[p]!.key);
        assert.deepEqual(here.sort(), [...(index.keysByArticle.get(id) ?? [])].sort(), id);
      }
    }),
    { numRuns: 200 },
  );
});

test('"appears with" from the postings counts what the rule counts, in its order', () => {
  fc.assert(
    fc.property(library, fc.integer({ min: 0, max: 12 }), (articles, limit) => {
      const index = indexOf(articles);
      for (const entity of index.entities) assert.deepEqual(appearsWith(index, entity.key, limit), appearsWithByTheRule(index, entity.key, limit), entity.key);
      assert.deepEqual(appearsWith(index, 'person:nobody', limit), []);
    }),
    { numRuns: 200 },
  );
});

test('@name terms read the index’s own postings for the pass’s articles, the same as mapped from other articles', () => {
  fc.assert(
    fc.property(library, (found) => {
      const index = indexOf(found);
      const articles = index.order.map((id) => ({ id, title: id, text: '' }));
      // One article more than the pass saw: the search's positions are mapped from ids instead.
      const more = [...articles, { id: 'unseen', title: 'unseen', text: '' }];
      const none = { knownEntitiesOf: () => undefined };
      const own = entityTermSource(index, articles, none);
      const mapped = entityTermSource(index, more, none);
      for (const name of ['brown', 'putin', 'london', 'labour', 'paris']) {
        const plain = (source: typeof own) => source.match(name).map((m) => ({ ...m, docs: [...m.docs], mentions: [...m.mentions], inTitle: [...m.inTitle] }));
        assert.deepEqual(plain(own), plain(mapped), name);
      }
    }),
    { numRuns: 100 },
  );
});
