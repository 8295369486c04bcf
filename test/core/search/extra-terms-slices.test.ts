// The entities' names join the search in slices at the end of the entity pass (a second of work
// at 20,000 articles, else paid by the first key after it): the same results as joined at once,
// a search between two slices sees the names before, never half of the new ones, and an aborted
// join changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LibrarySearch } from '../../../source/core/search/index.js';
import { makeArticle } from '../../helpers/articles.js';
import { countTurns } from '../../helpers/event-loop-turns';

const FIRST = ['Vladimir', 'Benjamin', 'Angela', 'Emmanuel', 'Sergei', 'Gordon'];
const LAST = ['Putin', 'Netanyahu', 'Merkel', 'Macron', 'Shoigu', 'Brown'];
const docs = Array.from({ length: 1_200 }, (_, i) => makeArticle(`Article ${i}`, [`Plain words number ${i}.`]));
const names = docs.map((_, i) => [i, i % 7 === 0 ? [] : [`${FIRST[i % 6]} ${LAST[(i * 5) % 6]}`, LAST[i % 6]!]] as const);
const QUERIES = ['putin', 'benjamin netanyahu', 'netanyhau', 'merkel | macron', 'sergei', '!brown words'];
const hits = (search: LibrarySearch, q: string) => search.search(q, { limit: 2_000 }).hits.map((h) => h.index);

test('joined in slices: the results of the names joined at once, with turns for the event loop', async () => {
  const whole = new LibrarySearch(docs);
  whole.setManyExtraTerms(names);
  const sliced = new LibrarySearch(docs);
  let seenMidway: number[] | undefined;
  const counting = countTurns((turn) => {
    if (turn === 2) seenMidway = hits(sliced, 'putin');
  });
  await sliced.setManyExtraTermsInSlices(names, 0);
  const turns = counting.stop();
  assert.ok(turns > 2, `the event loop had turns (${turns})`);
  assert.deepEqual(seenMidway, [], 'between slices, no name has joined yet');
  for (const q of QUERIES) assert.deepEqual(hits(sliced, q), hits(whole, q), q);
  assert.ok(hits(sliced, 'putin').length > 100);
});

test('an aborted join leaves the names given before', async () => {
  const search = new LibrarySearch(docs);
  search.setManyExtraTerms([[3, ['Kofi Annan']]]);
  const controller = new AbortController();
  const joining = search.setManyExtraTermsInSlices(names, 0, controller.signal);
  controller.abort();
  await assert.rejects(joining);
  assert.deepEqual(hits(search, 'annan'), [3]);
  assert.deepEqual(hits(search, 'putin'), []);
});

test('a key’s search in slices goes first: answered while names join, never superseded by them', async () => {
  const search = new LibrarySearch(docs);
  // A phrase checks bodies a slice at a time (with 0 ms slices, ~19 pauses over 1,200 bodies);
  // 40 articles' names would join, and change the index, within two turns of the event loop.
  const searching = search.searchInSlices("'plain\\ words", { sliceMs: 0, limit: 2_000 });
  const joining = search.setManyExtraTermsInSlices(names.slice(0, 40), 0);
  assert.equal((await searching).total, docs.length);
  await joining;
  assert.ok(hits(search, 'putin').length > 0, 'the names joined once the search was answered');
});
