// `lede entities --library`'s "with": for any library, the entities sharing the most articles with
// each one, in the order the library screen uses, as counting every pair and sorting them all says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { APPEARS_WITH_LIMIT, libraryEntitiesJson } from '../../source/commands/library-entities.js';
import type { Entity } from '../../source/core/entities/index.js';
import { libraryIndexOf } from '../helpers/entities.js';

const NAMES = ['Syria', 'Iran', 'Moscow', 'Ankara', 'Beirut', 'Cairo', 'Doha', 'Oslo', 'Paris', 'Rome', 'Tokyo', 'Lima', 'Quito', 'Riga', 'Sofia', 'Zürich', 'Érd', 'Athens'];

test('"with" is the top of every co-occurring entity sorted by shared articles, then articles, then id', () => {
  const article = fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: NAMES.length });
  fc.assert(
    fc.property(fc.array(article, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 5 }), (articles, mentions) => {
      const order = articles.map((_, i) => `a${i}`);
      const byArticle = new Map<string, Entity[]>(
        articles.map((names, i) => [
          `a${i}`,
          names.map((name) => ({ id: `place:${name.toLowerCase()}`, name, type: 'place' as const, aliases: [], mentions: Array.from({ length: mentions }, (_, m) => ({ field: 'text' as const, start: m, end: m + 1, text: name })) })),
        ]),
      );
      const index = libraryIndexOf(order, byArticle);
      const { entities } = libraryEntitiesJson(index);
      const articlesOf = new Map(entities.map((e) => [e.id, e.articles]));
      // Each article's entities under the library's ids ("Érd" is place:erd).
      const idsOf = order.map((id) => new Set(index.keysByArticle.get(id) ?? []));
      for (const e of entities) {
        const shared = new Map<string, number>();
        for (const ids of idsOf) if (ids.has(e.id)) for (const other of ids) if (other !== e.id) shared.set(other, (shared.get(other) ?? 0) + 1);
        const expected = [...shared]
          .sort((a, b) => b[1] - a[1] || articlesOf.get(b[0])! - articlesOf.get(a[0])! || a[0].localeCompare(b[0]))
          .slice(0, APPEARS_WITH_LIMIT)
          .map(([id, n]) => [id, n]);
        assert.deepEqual(e.with.map((w) => [w.id, w.articles]), expected, e.id);
      }
    }),
    { numRuns: 200 },
  );
});
