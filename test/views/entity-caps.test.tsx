// What the panel says about a long or dense article: how far its reading has got, and that it
// holds more than lede keeps.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import type { Entity } from '../../source/core/entities';
import { CAPPED_NOTE, MAX_EXTRACTED_CHARS, MAX_MENTIONS_PER_ENTITY } from '../../source/core/entities/chunked';
import { initialState, reducer, type State } from '../../source/state/reducer';
import { ReaderView } from '../../source/views/reader-view';
import { makeArticle, makeLibrary } from '../helpers/articles';

afterEach(() => cleanup());

const text = 'US, UN, EU, UK. '.repeat(MAX_MENTIONS_PER_ENTITY + 10);
const dense = makeArticle('Dense names', [text]);
const viewport = { cols: 120, rows: 24 };

function opened(article = dense): State {
  const state = reducer(initialState(makeLibrary([article]), viewport), { type: 'key', name: 'enter' });
  return reducer(state, { type: 'key', name: 'e' });
}

const frame = (state: State) => render(<ReaderView state={state} viewport={viewport} />).lastFrame() ?? '';

describe('the panel on a long or dense article', () => {
  test('while the article is read in chunks, the panel says how far it has got', () => {
    const state = reducer(opened(), { type: 'articleEntityProgress', articleIndex: 0, done: 250_000, total: 1_000_000 });
    assert.match(frame(state), /reading this long article… 25%/);
  });

  test('at the caps: the count says "+", the note says so, and the status line too', () => {
    const mentions = Array.from({ length: MAX_MENTIONS_PER_ENTITY }, (_, k) => ({ field: 'text' as const, start: k * 16, end: k * 16 + 2, text: 'US' }));
    const us: Entity = { id: 'place:us', name: 'US', type: 'place', aliases: [], mentions };
    let state = reducer(opened(), { type: 'entities', articleIndex: 0, entities: [us] });
    const shown = frame(state);
    assert.ok(shown.includes(CAPPED_NOTE), shown);
    assert.match(shown, /US +5000\+/);
    assert.doesNotMatch(shown, /reading this long article/, 'the progress line goes once the entities are in');
    state = reducer(state, { type: 'key', name: ']' });
    assert.match(frame(state), /US 1\/5000\+/);
  });

  test('within the caps: no note, plain counts', () => {
    const us: Entity = { id: 'place:us', name: 'US', type: 'place', aliases: [], mentions: [{ field: 'text', start: 0, end: 2, text: 'US' }] };
    const shown = frame(reducer(opened(), { type: 'entities', articleIndex: 0, entities: [us] }));
    assert.ok(!shown.includes(CAPPED_NOTE));
    assert.match(shown, /US +1\n|US +1 /);
  });

  test('a text longer than extraction reads: the note says only the first mentions are listed, with one entity', () => {
    const long = makeArticle('A dump', ['US officials said little. ' + 'x '.repeat(MAX_EXTRACTED_CHARS / 2)]);
    const us: Entity = { id: 'place:us', name: 'US', type: 'place', aliases: [], mentions: [{ field: 'text', start: 0, end: 2, text: 'US' }] };
    const shown = frame(reducer(opened(long), { type: 'entities', articleIndex: 0, entities: [us] }));
    assert.ok(shown.includes(CAPPED_NOTE), shown);
  });
});
