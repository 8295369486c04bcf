// No input ends a session: whatever throws while an action is handled (here, an article whose
// text cannot be read) leaves the state as it was, with the error on the status line, and the
// next keys work as before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Action, guardedReducer, initialState, type State } from '../../source/state/reducer';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';

function libraryWithABrokenArticle() {
  const broken = makeArticle('Broken', ['Never read.']);
  Object.defineProperty(broken, 'text', {
    get() {
      throw new Error('the disk went away\nat a second line');
    },
  });
  return makeLibrary([broken, makeArticle('Fine', numberedParagraphs(3, 4))]);
}

const run = (state: State, ...actions: Action[]) => actions.reduce(guardedReducer, state);
const keys = (state: State, ...names: string[]) => run(state, ...names.map((name) => ({ type: 'key', name }) as const));

test('an exception while handling a key keeps the state, says so in one line, and the session goes on', () => {
  const start = initialState(libraryWithABrokenArticle(), { cols: 80, rows: 24 });
  const failed = keys(start, 'enter');
  assert.equal(failed.screen.name, 'list', 'still on the list');
  assert.equal(failed.exitStatus, null, 'not ended');
  assert.deepEqual(failed.notice, { kind: 'error', text: 'error: the disk went away' });
  assert.equal(failed.library, start.library);
  // The next keys work: down to the other article, open it, and the notice is gone.
  const reading = keys(failed, 'j', 'enter');
  assert.equal(reading.screen.name, 'reader');
  assert.equal(reading.notice, null);
  assert.notEqual(keys(reading, 'q').exitStatus, null, 'q still quits');
});

test('an action that is no action at all (a bug in a caller) is reported, not thrown', () => {
  const start = initialState(libraryWithABrokenArticle(), { cols: 80, rows: 24 });
  const next = guardedReducer(start, { type: 'no such action' } as unknown as Action);
  assert.equal(next.notice?.kind, 'error');
  assert.match(next.notice?.text ?? '', /^error: unhandled command/);
  assert.equal(next.screen, start.screen);
});
