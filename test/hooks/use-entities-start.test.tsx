// When the library pass starts: ENTITY_START_DELAY_MS after the app mounts (the first frame out
// first), or, for a library from the library cache (whose entity index may be saved beside it, a
// warm start loading it with no tagger), as soon as its search index is ready, if that is sooner.
// setTimeout is mocked, so the delay runs out only when a test says so.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, mock, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import type { Article } from '../../source/core/article';
import type { EntitySource } from '../../source/core/entities/entity-source';
import { LibraryIndexBuilder } from '../../source/core/entities/library-index';
import { loadLibrary } from '../../source/core/load/library';
import { ENTITY_START_DELAY_MS, useEntities } from '../../source/hooks/use-entities';
import { initialState, type State } from '../../source/state/reducer';
import { makeArticle, makeLibrary } from '../helpers/articles';

const root = mkdtempSync(join(tmpdir(), 'lede-pass-start-'));
after(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  cleanup();
  mock.timers.reset();
});

/** A source that only counts the passes it is asked for. */
function countingSource(): { source: EntitySource; passes: () => number } {
  let passes = 0;
  const source: EntitySource = {
    runLibraryPass: () => {
      passes++;
      return { cancel: () => {}, snapshot: () => new LibraryIndexBuilder(null).snapshot() };
    },
    entitiesOf: () => Promise.resolve([]),
    knownEntitiesOf: () => undefined,
  };
  return { source, passes: () => passes };
}

function Probe({ articles, source, state }: { articles: readonly Article[]; source: EntitySource; state: State }) {
  useEntities(articles, source, state, () => {});
  return null;
}

/** Turns of the event loop (setImmediate is not mocked): React's effects have run after them. */
const turns = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function cachedLibrary() {
  const tree = join(root, 'articles');
  mkdirSync(tree, { recursive: true });
  for (let i = 0; i < 3; i++) {
    const path = join(tree, `${i}.txt`);
    writeFileSync(path, `Talks number ${i}\n\nVladimir Putin met officials in Moscow.`);
    // Old enough for the library cache to trust its identity (isSettled).
    utimesSync(path, 1_600_000_000 + i, 1_600_000_000 + i);
  }
  return loadLibrary([tree], { cache: { dir: join(root, 'cache'), minArticles: 1 } });
}

const viewport = { cols: 80, rows: 24 };

test('a cached library: the pass starts when its search index is ready, before the delay, and once', async () => {
  const library = await cachedLibrary();
  mock.timers.enable({ apis: ['setTimeout'] });
  const { source, passes } = countingSource();
  const start = initialState(library, viewport);
  const app = render(<Probe articles={library.articles} source={source} state={start} />);
  await turns();
  assert.equal(passes(), 0, 'started before the search index was ready');
  const ready = { ...start, indexing: { done: library.articles.length, total: library.articles.length } };
  app.rerender(<Probe articles={library.articles} source={source} state={ready} />);
  await turns();
  assert.equal(passes(), 1, 'not started once the search index was ready');
  mock.timers.tick(ENTITY_START_DELAY_MS);
  await turns();
  assert.equal(passes(), 1, 'started again when the delay ran out');
});

test('a library not from the cache: the pass starts when the delay runs out, search index ready or not', async () => {
  const library = makeLibrary([makeArticle('One', ['Vladimir Putin met officials in Moscow.']), makeArticle('Two', ['Angela Merkel stayed in Berlin.'])]);
  mock.timers.enable({ apis: ['setTimeout'] });
  const { source, passes } = countingSource();
  const start = initialState(library, viewport);
  const ready = { ...start, indexing: { done: library.articles.length, total: library.articles.length } };
  const app = render(<Probe articles={library.articles} source={source} state={start} />);
  app.rerender(<Probe articles={library.articles} source={source} state={ready} />);
  await turns();
  assert.equal(passes(), 0, 'started before the delay ran out');
  mock.timers.tick(ENTITY_START_DELAY_MS);
  await turns();
  assert.equal(passes(), 1);
});
