// The name index of a finished pass's entities is built in slices before the pass is declared
// done (a quarter of a second at 20,000 articles, else paid by the first key after it): the same
// matches as the index built at once, kept for that index, with turns for the event loop; a name
// asked for meanwhile finishes that build at once, and the slices then stop and hand back that one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LibraryIndexBuilder } from '../../../source/core/entities/library-index';
import { EntityNames, entityNames, entityNamesInSlices, hasEntityNames } from '../../../source/core/entities/name-search';
import type { EntityType } from '../../../source/core/entities/types';
import { prng } from '../../helpers/prng';
import { countTurns } from '../../helpers/event-loop-turns';

const FIRST = ['Vladimir', 'Gordon', 'Angela', 'Emmanuel', 'Xi', 'Wes', 'Benjamin', 'Sergei'];
const SYLLABLES = ['Pu', 'tin', 'Bro', 'wn', 'Mer', 'kel', 'Ma', 'cron', 'Jin', 'ping', 'Sho', 'igu', 'Lav', 'rov', 'Ne', 'ta'];
/** Enough surnames for more entities than a slice of the name index holds. */
const LAST = SYLLABLES.flatMap((a) => SYLLABLES.map((b) => a + b.toLowerCase()));
const PLACES = ['London', 'Moscow', 'Paris', 'Berlin', 'Tehran', 'Kyiv'];

function library(seed: number) {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const builder = new LibraryIndexBuilder(null);
  const order = Array.from({ length: 600 }, (_, i) => `a${i}`);
  for (const id of order) {
    const found = new Map<string, { name: string; type: EntityType; aliases: string[]; mentions: number; inTitle: boolean }>();
    for (let k = 0; k < 5; k++) {
      const name = random() < 0.6 ? `${pick(FIRST)} ${pick(LAST)}` : pick(PLACES);
      found.set(name, { name, type: PLACES.includes(name) ? 'place' : 'person', aliases: random() < 0.3 ? [name.split(' ').pop()!] : [], mentions: 1 + Math.floor(random() * 3), inTitle: random() < 0.2 });
    }
    builder.add(id, [...found.values()]);
  }
  return builder.finish(order);
}

test('built in slices: the matches of the name index built at once, kept for the index', async () => {
  for (const seed of [1, 2]) {
    const index = library(seed);
    const turns = countTurns();
    const sliced = await entityNamesInSlices(index, 0);
    const turnsTaken = turns.stop();
    assert.ok(turnsTaken > 1, `the event loop had turns while it was built (${turnsTaken})`);
    assert.equal(entityNames(index), sliced, 'the one the screens then use');
    const whole = new EntityNames(index.entities);
    for (const typed of ['putin', 'vladmir puttin', 'brown', 'gordon', 'lond', 'sergei shoigu', 'ma', 'nobody']) assert.deepEqual(sliced.match(typed), whole.match(typed), typed);
  }
});

test('asked for at once while it is built in slices: one name index, and the slices stop', async () => {
  // Many slices' worth of entities (NAMES_PER_STEP is 512), each its own name.
  const builder = new LibraryIndexBuilder(null);
  const order = Array.from({ length: 3000 }, (_, i) => `a${i}`);
  for (const [i, id] of order.entries()) builder.add(id, [`Putin ${LAST[i % LAST.length]} ${i}`, `Place ${i}`].map((name) => ({ name, type: 'person' as const, aliases: [], mentions: 1, inTitle: false })));
  const index = builder.finish(order);
  const sliced = entityNamesInSlices(index, 0);
  const again = entityNamesInSlices(index, 0);
  assert.equal(hasEntityNames(index), false, 'built before its slices ran');
  // The first slice is under way: a filter key asks for the names now.
  await new Promise((resolve) => setImmediate(resolve));
  const atOnce = entityNames(index);
  assert.equal(hasEntityNames(index), true);
  const turns = countTurns();
  assert.equal(await sliced, atOnce, 'the slices handed back another name index');
  assert.equal(await again, atOnce, 'a second caller meanwhile got another name index');
  assert.ok(turns.stop() <= 2, 'the slices went on building after it was built at once');
  assert.deepEqual(atOnce.match('putin'), new EntityNames(index.entities).match('putin'));
});
