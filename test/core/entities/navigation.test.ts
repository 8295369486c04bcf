import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mentionIndexAt, readingPosition, TITLE_START, type Mention } from '../../../source/core/entities/index.js';
import { nextArticleWith } from '../../../source/core/entities/library-index.js';
import { entityNames } from '../../../source/core/entities/name-search.js';
import { libraryIndexOf } from '../../helpers/entities.js';
import type { Entity } from '../../../source/core/entities/types.js';

const m = (start: number): Mention => ({ start, end: start + 3, text: 'abc' });

test('mentionIndexAt: next/previous with wrap-around, -1 when empty', () => {
  const ms = [m(10), m(20), m(30)];
  assert.equal(mentionIndexAt(ms, 0, 1), 0);
  assert.equal(mentionIndexAt(ms, 10, 1), 1);
  assert.equal(mentionIndexAt(ms, 30, 1), 0); // wraps
  assert.equal(mentionIndexAt(ms, 30, -1), 1);
  assert.equal(mentionIndexAt(ms, 10, -1), 2); // wraps
  assert.equal(mentionIndexAt([], 5, 1), -1);
  assert.equal(mentionIndexAt([], 5, -1), -1);
});

test('property: mentionIndexAt agrees with a linear scan, and stepping visits every mention in a cycle', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.nat(1000), { minLength: 1, maxLength: 30 }), fc.integer({ min: -5, max: 1005 }), (starts, offset) => {
      const ms = [...starts].sort((a, b) => a - b).map(m);
      const after = ms.findIndex((x) => x.start > offset);
      assert.equal(mentionIndexAt(ms, offset, 1), after === -1 ? 0 : after);
      let before = -1;
      ms.forEach((x, i) => {
        if (x.start < offset) before = i;
      });
      assert.equal(mentionIndexAt(ms, offset, -1), before === -1 ? ms.length - 1 : before);
      // Pressing ] from mention i always lands on i+1 (mod n); [ on i-1.
      const seen = new Set<number>();
      let i = mentionIndexAt(ms, -1, 1);
      for (let k = 0; k < ms.length; k++) {
        seen.add(i);
        const next = mentionIndexAt(ms, ms[i]!.start, 1);
        assert.equal(next, (i + 1) % ms.length);
        assert.equal(mentionIndexAt(ms, ms[next]!.start, -1), i);
        i = next;
      }
      assert.equal(seen.size, ms.length);
    }),
  );
});

test('property: with title mentions, stepping reads the title first, then the text, in a cycle', () => {
  const starts = fc.uniqueArray(fc.nat(1000), { maxLength: 10 });
  fc.assert(
    fc.property(starts, starts, (inTitle, inText) => {
      fc.pre(inTitle.length + inText.length > 0);
      const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
      const ms: Mention[] = [
        ...sorted(inTitle).map((start) => ({ ...m(start), field: 'title' as const })),
        ...sorted(inText).map((start) => ({ ...m(start), field: 'text' as const })),
      ];
      // From the article's top, ] visits each mention in list order, then wraps.
      let i = mentionIndexAt(ms, TITLE_START - 1, 1);
      for (let k = 0; k < ms.length; k++) {
        assert.equal(i, k);
        i = mentionIndexAt(ms, readingPosition(ms[i]!), 1);
      }
      assert.equal(i, 0);
      // From a text offset, the next is the next text mention, or the title's first when none is left.
      const offset = 500;
      const next = mentionIndexAt(ms, offset, 1);
      const expected = ms.findIndex((x) => x.field === 'text' && x.start > offset);
      assert.equal(next, expected === -1 ? 0 : expected);
    }),
  );
});

const entity = (name: string, type: Entity['type']): Entity => ({ id: `${type}:${name.toLowerCase()}`, name, type, aliases: [], mentions: [m(0)] });

test('library index: articles by entity key across alias forms, bare surnames tied only by context, next/previous with wrap-around', () => {
  const byArticle = new Map<string, Entity[]>([
    ['a', [entity('Benjamin Netanyahu', 'person'), entity('U.S.', 'place')]],
    ['b', [entity('Moscow', 'place')]],
    ['c', [entity('Netanyahu', 'person'), entity('United States', 'place')]],
    ['d', [entity('Netanyahu', 'person')]],
  ]);
  const index = libraryIndexOf(['a', 'b', 'c', 'd'], byArticle);
  // c shares the United States with a, so its bare "Netanyahu" is a's Benjamin Netanyahu; nothing ties d's to him.
  assert.deepEqual(index.articlesByKey.get('person:benjamin netanyahu'), ['a', 'c']);
  assert.deepEqual(index.articlesByKey.get('person:netanyahu'), ['d']);
  assert.deepEqual(index.articlesByKey.get('place:united states'), ['a', 'c']);
  assert.equal(nextArticleWith(index, 'person:benjamin netanyahu', 'a', 1), 'c');
  assert.equal(nextArticleWith(index, 'person:benjamin netanyahu', 'c', 1), 'a');
  assert.equal(nextArticleWith(index, 'person:benjamin netanyahu', 'a', -1), 'c');
  assert.equal(nextArticleWith(index, 'person:benjamin netanyahu', 'b', 1), 'c');
  assert.equal(nextArticleWith(index, 'person:netanyahu', 'd', 1), null, 'no other article names that Netanyahu');
  assert.equal(nextArticleWith(index, 'place:moscow', 'b', 1), null);
  assert.equal(nextArticleWith(index, 'place:nowhere', 'a', 1), null);
  const keys = (name: string) => entityNames(index).match(name).map((m) => m.entity.key).sort();
  assert.deepEqual(keys('netanyahu'), ['person:benjamin netanyahu', 'person:netanyahu']);
  assert.deepEqual(keys('united'), ['place:united states']);
  // A typo finds the name when no name contains the term…
  assert.deepEqual(keys('netanyhau'), ['person:benjamin netanyahu', 'person:netanyahu']);
  // …but an unrelated word finds nothing.
  assert.deepEqual(keys('zebra'), []);
});
