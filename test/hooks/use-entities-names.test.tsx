// A finished pass's entities are handed to the screens before their name index is built (at
// 20,000 articles a warm start's entities screen waited 150–250 ms for it), and the index is built
// right after, in slices: a filter key or an `@name` typed a moment later finds it there.
import assert from 'node:assert/strict';
import { afterEach, mock, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import type { Article } from '../../source/core/article';
import type { EntitySource } from '../../source/core/entities/entity-source';
import { type LibraryEntityIndex, LibraryIndexBuilder } from '../../source/core/entities/library-index';
import { entityNames, hasEntityNames } from '../../source/core/entities/name-search';
import { ENTITY_START_DELAY_MS, useEntities } from '../../source/hooks/use-entities';
import { type Action, initialState, type State } from '../../source/state/reducer';
import { makeArticle, makeLibrary } from '../helpers/articles';

afterEach(() => {
  cleanup();
  mock.timers.reset();
});

const library = makeLibrary([makeArticle('One', ['Vladimir Putin met officials in Moscow.']), makeArticle('Two', ['Angela Merkel stayed in Berlin.'])]);

function finishedIndex(): LibraryEntityIndex {
  const builder = new LibraryIndexBuilder(null);
  const order = library.articles.map((a) => a.id);
  builder.add(order[0]!, [{ name: 'Vladimir Putin', type: 'person', aliases: ['Putin'], mentions: 2, inTitle: false }]);
  builder.add(order[1]!, [{ name: 'Angela Merkel', type: 'person', aliases: [], mentions: 1, inTitle: false }]);
  return builder.finish(order);
}

/** A source whose pass is over at once, with `index`. */
const doneSource = (index: LibraryEntityIndex): EntitySource => ({
  runLibraryPass: (handlers) => {
    queueMicrotask(() => handlers.onDone(index));
    return { cancel: () => {}, snapshot: () => index };
  },
  entitiesOf: () => Promise.resolve([]),
  knownEntitiesOf: () => undefined,
});

function Probe({ articles, source, state, dispatch }: { articles: readonly Article[]; source: EntitySource; state: State; dispatch: (action: Action) => void }) {
  useEntities(articles, source, state, dispatch);
  return null;
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

test('the entities are handed out complete before their name index is built, and it is built right after', async () => {
  const index = finishedIndex();
  mock.timers.enable({ apis: ['setTimeout'] });
  const handedOut: { complete: boolean; namesBuilt: boolean }[] = [];
  const dispatch = (action: Action) => {
    if (action.type === 'libraryEntities' && action.index === index) handedOut.push({ complete: action.complete, namesBuilt: hasEntityNames(index) });
  };
  render(<Probe articles={library.articles} source={doneSource(index)} state={initialState(library, { cols: 80, rows: 24 })} dispatch={dispatch} />);
  await turns(2);
  mock.timers.tick(ENTITY_START_DELAY_MS);
  await turns(20);
  assert.deepEqual(handedOut, [{ complete: true, namesBuilt: false }]);
  assert.equal(hasEntityNames(index), true, 'the name index was not built after the entities were handed out');
  assert.deepEqual(
    entityNames(index).match('putin').map((m) => m.entity.name),
    ['Vladimir Putin'],
  );
});
