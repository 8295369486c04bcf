import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Action, initialState, reducer, type State } from '../../source/state/reducer';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';

const library = makeLibrary([makeArticle('One', numberedParagraphs(10, 6)), makeArticle('Two', ['Short.'])]);
const start = initialState(library, { cols: 80, rows: 24 });
const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);
const keys = (state: State, ...names: string[]) => run(state, ...names.map((name) => ({ type: 'key', name }) as const));

describe('quitting', () => {
  test('q and Ctrl+C quit from the list, the reader and the mentions list; Ctrl+C from help (where q closes it)', () => {
    for (const setup of [[], ['enter'], ['?'], ['enter', '?'], ['enter', 'm']]) {
      for (const quit of setup.at(-1) === '?' ? ['ctrl+c'] : ['q', 'ctrl+c']) {
        assert.equal(keys(keys(start, ...setup), quit).exitStatus !== null, true, `${quit} after ${setup.join(' ')}`);
      }
    }
  });

  test('while typing a query q is text; Ctrl+C still quits', () => {
    const typing = keys(start, '/', 'q');
    assert.equal(typing.exitStatus, null);
    assert.equal(typing.prompt?.text, 'q');
    assert.equal(keys(typing, 'ctrl+c').exitStatus !== null, true);
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

describe('typing into a prompt', () => {
  test('control characters, C1 codes and bidi controls are not inserted into a query', () => {
    const pasted = ['a', '\u009b', 'b', '\u202e', 'c', '\u001c', 'd', '\u0007', 'é', '東'];
    const typed = keys(start, '/', ...pasted);
    assert.equal(typed.prompt?.text, 'abcdé東');
    assert.equal(typed.filter.query, 'abcdé東');
  });
});

describe('library filter results', () => {
  const hit = (index: number) => ({ index, score: 1, matches: [], snippet: { text: '', highlights: [] }, snippetAt: () => ({ text: '', highlights: [] }) });
  const result = (...indices: number[]) => ({ hits: indices.map(hit), total: indices.length });

  test('a new query starts at the best hit; the same query run again keeps the cursor on its article', () => {
    const typed = keys(start, '/', 'o', 'enter');
    const first = run(typed, { type: 'searchResult', query: 'o', result: result(0, 1) });
    const moved = keys(first, 'j');
    assert.equal(moved.list.cursor, 1);
    // The index finished: the same query comes back ranked differently.
    const rerun = run(moved, { type: 'searchResult', query: 'o', result: result(1, 0) });
    assert.equal(rerun.list.cursor, 0, 'still on article 1, now ranked first');
    const reranked = run(moved, { type: 'searchResult', query: 'o', result: result(0, 1) });
    assert.equal(reranked.list.cursor, 1);
    // A different query starts over.
    const other = run(keys(moved, '/', 'n'), { type: 'searchResult', query: 'on', result: result(1, 0) });
    assert.equal(other.list.cursor, 0);
  });
});
