// Each correction, applied where the library's entities are decided: the library index
// (library-index.ts) and an article's entities as shown (library-view.ts) agree on it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entity, EntityType, Mention } from '../../../source/core/entities';
import { type Correction, CorrectionSet } from '../../../source/core/entities/corrections.js';
import { LibraryIndexBuilder } from '../../../source/core/entities/library-index.js';
import { entitiesAsShown } from '../../../source/core/entities/library-view.js';

/** An entity with one mention per form given, at made-up offsets. */
function entity(name: string, type: EntityType, forms: string[] = [name]): Entity {
  let at = 0;
  const mentions: Mention[] = forms.map((text) => {
    const m = { field: 'text' as const, start: at, end: at + text.length, text };
    at += text.length + 10;
    return m;
  });
  const aliases = [...new Set(forms)].filter((f) => f !== name);
  return { id: `${type}:${name.toLowerCase()}`, name, type, aliases, mentions };
}

/** Two articles, as extracted: the second names the Golan and Netanyahu by their short forms only. */
const extracted = new Map<string, Entity[]>([
  [
    'a',
    [
      entity('Benjamin Netanyahu', 'person', ['Benjamin Netanyahu', 'Netanyahu', 'Netanyahu']),
      entity('Golan Heights', 'place'),
      entity('Christmas', 'person'),
      entity('Il Giornale', 'place'),
      entity('Lib Dems', 'organization'),
    ],
  ],
  ['b', [entity('Golan', 'place'), entity('Liberal Democrats', 'organization'), entity('Benjamin Netanyahu', 'person')]],
]);

function library(corrections: Correction[]) {
  const builder = new LibraryIndexBuilder(null);
  for (const [id, entities] of extracted) builder.add(id, entities);
  const index = builder.finish(['a', 'b']).withCorrections(new CorrectionSet(corrections));
  const shown = (id: string) => entitiesAsShown(extracted.get(id)!, index, id);
  const names = (id: string) => shown(id).map((e) => `${e.type} ${e.name} ${e.mentions.length}`).sort();
  return { index, shown, names, libraryNames: index.entities.map((e) => e.name).sort() };
}

test('without corrections: the short forms are the long ones', () => {
  const { names, libraryNames } = library([]);
  assert.ok(names('b').includes('place Golan Heights 1'), names('b').join(', '));
  assert.ok(libraryNames.includes('Christmas'));
});

test('hide: gone from the index and from every article, its other forms included', () => {
  const { names, libraryNames, index } = library([{ op: 'hide', name: 'Golan Heights' }, { op: 'hide', name: 'christmas' }]);
  assert.ok(!libraryNames.includes('Christmas') && !libraryNames.includes('Golan Heights') && !libraryNames.includes('Golan'), libraryNames.join(', '));
  assert.ok(!names('a').some((n) => /Golan|Christmas/.test(n)), names('a').join(', '));
  // "Golan" in b is the Golan Heights the library showed: hidden with it.
  assert.ok(!names('b').some((n) => /Golan/.test(n)), names('b').join(', '));
  assert.equal(index.articlesByKey.get('place:golan'), undefined);
});

test('type: the entity is of that type everywhere', () => {
  const { names, index } = library([{ op: 'type', name: 'Il Giornale', type: 'organization' }]);
  assert.ok(names('a').includes('organization Il Giornale 1'));
  assert.equal(index.entities.find((e) => e.name === 'Il Giornale')?.type, 'organization');
});

test('merge: one entity in the index and in each article, under the name merged into', () => {
  const { names, index } = library([{ op: 'merge', name: 'Lib Dems', into: 'Liberal Democrats' }]);
  const merged = index.entities.find((e) => e.name === 'Liberal Democrats');
  assert.equal(merged?.articles, 2);
  assert.ok(!index.entities.some((e) => e.name === 'Lib Dems'));
  assert.ok(names('a').includes('organization Liberal Democrats 1'), names('a').join(', '));
});

test('rename: shown and keyed by the new name', () => {
  const { names, index } = library([{ op: 'rename', name: 'Benjamin Netanyahu', to: 'Bibi Netanyahu' }]);
  assert.ok(names('a').includes('person Bibi Netanyahu 3'), names('a').join(', '));
  assert.equal(index.entities.find((e) => e.name === 'Bibi Netanyahu')?.articles, 2);
});

test('split: the form is an entity of its own in that article, with its own mentions, not tied back', () => {
  const { names, shown, index } = library([{ op: 'split', name: 'Benjamin Netanyahu', alias: 'Netanyahu' }]);
  assert.deepEqual(
    names('a').filter((n) => n.includes('Netanyahu')),
    ['person Benjamin Netanyahu 1', 'person Netanyahu 2'],
  );
  const own = shown('a').find((e) => e.name === 'Netanyahu')!;
  assert.ok(own.mentions.every((m) => m.text === 'Netanyahu'));
  assert.notEqual(own.id, shown('a').find((e) => e.name === 'Benjamin Netanyahu')!.id);
  assert.ok(index.entities.some((e) => e.name === 'Netanyahu'), 'in the index too');
});

test('split, then the form renamed: its mentions follow it under the new name', () => {
  const { names } = library([
    { op: 'split', name: 'Benjamin Netanyahu', alias: 'Netanyahu' },
    { op: 'rename', name: 'Netanyahu', to: 'Iddo Netanyahu' },
  ]);
  assert.deepEqual(
    names('a').filter((n) => n.includes('Netanyahu')),
    ['person Benjamin Netanyahu 1', 'person Iddo Netanyahu 2'],
  );
});
