// The end of a library pass builds the entity index on the UI thread; built in slices, it gives
// the event loop turns (keys are answered meanwhile) and the very index the one-go build gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorrectionSet, NO_CORRECTIONS } from '../../../source/core/entities/corrections';
import { LibraryIndexBuilder } from '../../../source/core/entities/library-index';
import type { Entity, EntityType } from '../../../source/core/entities/types';
import { prng } from '../../helpers/prng';
import { countTurns } from '../../helpers/event-loop-turns';

const NAMES: [string, EntityType][] = [
  ['Gordon Brown', 'person'], ['Brown', 'person'], ['Wes Brown', 'person'], ['Manchester United', 'organization'],
  ['London', 'place'], ['Vladimir Putin', 'person'], ['Putin', 'place'], ['Moscow', 'place'], ['Labour', 'organization'],
];

function entity(name: string, type: EntityType): Entity {
  return { id: `${type}:${name.toLowerCase()}`, name, type, aliases: [], mentions: [{ start: 0, end: name.length, text: name }] };
}

function builderOf(count: number, seed: number): { builder: LibraryIndexBuilder; order: string[] } {
  const random = prng(seed);
  const builder = new LibraryIndexBuilder(null);
  const order = Array.from({ length: count }, (_, i) => `a${i}`);
  for (const id of order) {
    const picked = new Map(NAMES.filter(() => random() < 0.4).map(([name, type]) => [name, entity(name, type)]));
    builder.add(id, [...picked.values()]);
  }
  return { builder, order };
}

/** What an index says, as plain data. */
const contents = (index: ReturnType<LibraryIndexBuilder['finish']>) => ({
  order: index.order,
  entities: index.entities,
  articlesByKey: [...index.articlesByKey],
  mentionsByKey: [...index.mentionsByKey].map(([k, v]) => [k, [...v]]),
  keysByArticle: [...index.keysByArticle],
  names: [...index.identity.names],
  links: [...index.identity.links].map(([id, m]) => [id, [...m]]),
});

test('built in slices: the same index as built at once, with turns for the event loop between slices', async () => {
  for (const seed of [1, 2, 3]) {
    const { builder, order } = builderOf(1_000, seed);
    const whole = builder.finish(order);
    const turns = countTurns();
    const sliced = await builder.finishInSlices(order, 0);
    const turnsTaken = turns.stop();
    assert.ok(turnsTaken > 10, `the event loop had turns while it was built (${turnsTaken})`);
    assert.deepEqual(contents(sliced), contents(whole), `seed ${seed}`);
  }
});

test('under other corrections in slices: the index withCorrections gives at once', async () => {
  const { builder, order } = builderOf(400, 4);
  const index = builder.finish(order);
  const corrections = new CorrectionSet([
    { op: 'hide', name: 'London' },
    { op: 'merge', name: 'Brown', into: 'Gordon Brown' },
    { op: 'type', name: 'Putin', type: 'person' },
  ]);
  assert.deepEqual(contents(await index.withCorrectionsInSlices(corrections, 0)), contents(index.withCorrections(corrections)));
  assert.equal(await index.withCorrectionsInSlices(NO_CORRECTIONS, 0), index, 'the corrections it was built with: itself');
});
