// The pass's findings are kept packed (interned signatures, two integers an entity): they give
// back what was added, in order, and a frozen copy (a snapshot's) is unchanged by later adds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Findings } from '../../../source/core/entities/library-findings';
import { indexFindings, LibraryIndexBuilder } from '../../../source/core/entities/library-index';

const summary = fc.record({
  name: fc.constantFrom('Vladimir Putin', 'Putin', 'Moscow', 'Kremlin', 'Gordon Brown'),
  type: fc.constantFrom('person' as const, 'place' as const, 'organization' as const),
  aliases: fc.uniqueArray(fc.constantFrom('Putin', 'V. Putin', 'Brown'), { maxLength: 2 }),
  mentions: fc.integer({ min: 1, max: 100_000 }),
  inTitle: fc.boolean(),
}).map((s) => ({ ...s, aliases: [...s.aliases] }));
const articles = fc.array(fc.array(summary, { maxLength: 5 }), { minLength: 1, maxLength: 20 });
const plain = (found: ReturnType<Findings['get']>) => found.map(({ sig, mentions, inTitle }) => ({ name: sig.name, type: sig.type, aliases: [...sig.aliases], mentions, inTitle }));

test('findings give back what was added, article by article', () => {
  fc.assert(
    fc.property(articles, articles, (first, later) => {
      const findings = new Findings();
      first.forEach((list, i) => findings.add(`a${i}`, list));
      const frozen = findings.frozen();
      later.forEach((list, i) => findings.add(`b${i}`, list));
      first.forEach((list, i) => {
        assert.deepEqual(plain(findings.get(`a${i}`)), list);
        assert.deepEqual(plain(frozen.get(`a${i}`)), list);
      });
      later.forEach((list, i) => assert.deepEqual(plain(findings.get(`b${i}`)), list));
      assert.deepEqual(frozen.ids(), first.map((_, i) => `a${i}`));
      assert.deepEqual(frozen.get('b0'), []);
    }),
  );
});

test('an index’s findings are what its builder was given, in library order (what a saved index is built from)', () => {
  fc.assert(
    fc.property(articles, (lists) => {
      const builder = new LibraryIndexBuilder(null);
      const order = lists.map((_, i) => `a${i}`);
      [...lists.entries()].reverse().forEach(([i, list]) => builder.add(order[i]!, list));
      const saved = indexFindings(builder.finish(order));
      assert.deepEqual(saved && [...saved].map(([id, list]) => [id, list.map((e) => ({ ...e, aliases: [...e.aliases] }))]), order.map((id, i) => [id, lists[i]]));
    }),
  );
});
