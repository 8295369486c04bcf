import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import type { Entity } from '../../source/core/entities';
import { visibleHighlights } from '../../source/core/layout/highlights';
import { readerPage } from '../../source/state/geometry';
import { readerLayout } from '../../source/state/position';
import { findInArticle } from '../../source/state/reader';
import { initialState, reducer, type State } from '../../source/state/reducer';
import { highlightLayers, ReaderView } from '../../source/views/reader-view';
import { makeArticle, makeLibrary } from '../helpers/articles';

afterEach(() => cleanup());

// 2,000 paragraphs of one sentence with several "n"s: 18,000 find matches.
const article = makeArticle(
  'Long',
  Array.from({ length: 2000 }, (_, i) => `Paragraph ${i}: Netanyahu and the minister went on. Nothing new.`),
);
const library = makeLibrary([article]);

function reading(): State {
  let state = reducer(initialState(library, { cols: 120, rows: 30 }), { type: 'key', name: 'enter' });
  const mentions = [...article.text.matchAll(/Netanyahu/g)].map((m) => ({ start: m.index, end: m.index + 9, text: 'Netanyahu' }));
  const netanyahu: Entity = { id: 'person:netanyahu', name: 'Netanyahu', type: 'person', aliases: [], mentions };
  state = reducer(state, { type: 'entities', articleIndex: 0, entities: [netanyahu] });
  state = reducer(state, { type: 'key', name: 'e' });
  return findInArticle(state, 'n');
}

/** The array, behind a proxy counting how many of its elements are read. */
function counted<T>(items: T[]): { items: T[]; reads: () => number; reset: () => void } {
  let reads = 0;
  const proxy = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { items: proxy, reads: () => reads, reset: () => (reads = 0) };
}

describe('reader highlights', () => {
  test('a frame reads only the matches on its page, however many there are', () => {
    const base = reading();
    const total = base.find!.matches.length;
    assert.ok(total > 15_000, `many matches (${total})`);
    const matches = counted(base.find!.matches);
    let state: State = { ...base, find: { ...base.find!, matches: matches.items } };
    const app = render(<ReaderView state={state} viewport={state.viewport} />);
    for (let i = 0; i < 5; i++) {
      state = reducer(state, { type: 'key', name: 'j' });
      matches.reset();
      app.rerender(<ReaderView state={state} viewport={state.viewport} />);
      // A page of 25 lines holds a few hundred matches; binary search adds a few dozen reads.
      assert.ok(matches.reads() < 1000, `j frame ${i} read ${matches.reads()} of ${total} matches`);
    }
    app.unmount();
  });

  test('the page’s highlights are what building, sorting and filtering all of them gave', () => {
    let state = reading();
    for (const key of ['j', 'j', ' ', ']', 'n']) {
      state = reducer(state, { type: 'key', name: key });
      const layout = readerLayout(state)!;
      const page = readerPage(layout.geometry, layout.screen.top);
      const entity = state.entities.current!.entities[0]!;
      const find = state.find!;
      const all = [
        ...entity.mentions.map((m, i) => ({
          start: m.start,
          end: m.end,
          kind: i === state.entities.mention ? 'currentMention' : 'person',
          priority: i === state.entities.mention ? 2 : 1,
        })),
        ...find.matches.map((m, i) => ({ start: m.start, end: m.end, kind: i === find.current ? 'current' : 'match', priority: i === find.current ? 4 : 3 })),
      ].sort((a, b) => a.start - b.start);
      const expected = all.filter((h) => h.end > page.from && h.start < page.to);
      assert.ok(expected.length > 0 && expected.length < 2000);
      assert.deepEqual(visibleHighlights(highlightLayers(state), page.from, page.to), expected, `after ${key}`);
    }
  });
});

describe('mentions in the title', () => {
  const titled = makeArticle(
    'Netanyahu in Moscow',
    Array.from({ length: 200 }, (_, i) => `Paragraph ${i}: ${i % 50 === 0 ? 'Netanyahu spoke.' : 'Nothing new.'}`),
  );
  const inText = [...titled.text.matchAll(/Netanyahu/g)].map((m) => ({ field: 'text' as const, start: m.index, end: m.index + 9, text: 'Netanyahu' }));
  const netanyahu: Entity = {
    id: 'person:netanyahu',
    name: 'Netanyahu',
    type: 'person',
    aliases: [],
    mentions: [{ field: 'title', start: 0, end: 9, text: 'Netanyahu' }, ...inText],
  };
  const opened = (): State => {
    let state = reducer(initialState(makeLibrary([titled]), { cols: 100, rows: 20 }), { type: 'key', name: 'enter' });
    state = reducer(state, { type: 'entities', articleIndex: 0, entities: [netanyahu] });
    return reducer(state, { type: 'key', name: 'e' });
  };
  const key = (state: State, name: string) => reducer(state, { type: 'key', name });

  test('] on the first page goes to the title’s mention first, drawn in the title, not in the text', () => {
    const state = key(opened(), ']');
    assert.equal(state.entities.mention, 0);
    assert.deepEqual(visibleHighlights(highlightLayers(state, 'title'), 0, titled.title.length), [{ start: 0, end: 9, kind: 'currentMention', priority: 2 }]);
    const layout = readerLayout(state)!;
    const page = readerPage(layout.geometry, layout.screen.top);
    const inPage = visibleHighlights(highlightLayers(state), page.from, page.to);
    assert.ok(inPage.length > 0 && inPage.every((h) => h.kind === 'person'), 'the text’s mentions, none current');
    const frame = render(<ReaderView state={state} viewport={state.viewport} />).lastFrame() ?? '';
    assert.match(frame, /Netanyahu 1\/5/);
    assert.match(frame.split('\n')[0]!, /^ +Netanyahu in Moscow/);
  });

  test('stepping goes title, text in order, then wraps to the title without moving the page', () => {
    let state = key(opened(), ']');
    const seen = [state.entities.mention];
    const tops = [readerLayout(state)!.screen.top];
    for (let i = 0; i < 5; i++) {
      state = key(state, ']');
      seen.push(state.entities.mention);
      tops.push(readerLayout(state)!.screen.top);
    }
    assert.deepEqual(seen, [0, 1, 2, 3, 4, 0]);
    assert.ok(tops[4]! > 0, 'the last mention is past the first page');
    assert.equal(tops[5], tops[4], 'the title is on every page: reaching its mention scrolls nothing');
    assert.equal(key(state, '[').entities.mention, 4, '[ from the title wraps to the last');
  });
});
