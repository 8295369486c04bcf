import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Action, initialState, reducer, type State } from '../../source/state/reducer';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';

const library = makeLibrary([makeArticle('One', numberedParagraphs(10, 6)), makeArticle('Two', ['Short.'])]);
const start = initialState(library, { cols: 80, rows: 24 });
const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);
const keys = (state: State, ...names: string[]) => run(state, ...names.map((name) => ({ type: 'key', name }) as const));

describe('quitting', () => {
  test('q and Ctrl+C quit from the list, the reader, help and the mentions list', () => {
    for (const setup of [[], ['enter'], ['?'], ['enter', '?']]) {
      for (const quit of ['q', 'ctrl+c']) {
        assert.equal(keys(keys(start, ...setup), quit).quitting, true, `${quit} after ${setup.join(' ')}`);
      }
    }
  });

  test('while typing a query q is text; Ctrl+C still quits', () => {
    const typing = keys(start, '/', 'q');
    assert.equal(typing.quitting, false);
    assert.equal(typing.prompt?.text, 'q');
    assert.equal(keys(typing, 'ctrl+c').quitting, true);
  });
});

describe('reader paging', () => {
  test('G goes to the last page start and g back; j never scrolls past the last page', () => {
    const reader = keys(start, 'enter');
    const last = keys(reader, 'G');
    assert.equal(last.screen.name, 'reader');
    const top = last.screen.name === 'reader' ? last.screen.top : -1;
    assert.ok(top > 0);
    const scrolled = keys(last, ...Array.from({ length: 50 }, () => 'j'));
    assert.equal(scrolled.screen.name === 'reader' ? scrolled.screen.top : -1, top);
    const first = keys(last, 'g');
    assert.equal(first.screen.name === 'reader' ? first.screen.top : -1, 0);
  });
});
