// Slow tier: every screen at 51 sizes and a storm of 500 resizes, ~14 s of CPU.
// Every screen at the sizes where layout changes (each side of the too-small limit and of the
// panel's side/below threshold, the smallest and a huge one) plus seeded random sizes from 1×1 to
// 400×120, through the real reducer's resize and the App's own Screen; and a storm of 500
// resizes in the reader.
import './production-react';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Library } from '../../source/core/article';
import { loadEntityExtractor } from '../../source/core/entities';
import { lastTop } from '../../source/core/layout/paginate';
import { lineIndexAt } from '../../source/core/layout/wrap';
import { loadLibrary } from '../../source/core/load';
import { LibrarySearch } from '../../source/core/search';
import { panelPlacement, type Viewport } from '../../source/state/geometry';
import { firstVisibleOffset, readerLayout } from '../../source/state/position';
import { type Action, initialState, reducer, type State } from '../../source/state/reducer';
import { frameProblem, prng, renderApp, renderState, writeMonkeyCorpus } from './support';

// 39/40/41 and 9/10/11: each side of MIN_COLS×MIN_ROWS; 91/92: the widest terminal with the
// panel below the page and the narrowest with it beside (geometry.ts; a test below pins it).
const COLS = [1, 39, 40, 41, 91, 92, 400];
const ROWS = [1, 9, 10, 11, 120];

test('91 and 92 columns are the panel’s threshold, as the size grid assumes', () => {
  assert.equal(panelPlacement({ cols: 91, rows: 24 }, true), 'below');
  assert.equal(panelPlacement({ cols: 92, rows: 24 }, true), 'side');
});

function sizes(): Viewport[] {
  const random = prng(99);
  const grid = COLS.flatMap((cols) => ROWS.map((rows) => ({ cols, rows })));
  const randomSizes = Array.from({ length: 16 }, () => ({ cols: 1 + Math.floor(random() * 400), rows: 1 + Math.floor(random() * 120) }));
  return [...grid, ...randomSizes];
}

let corpus = '';
let library: Library;
let screens: { name: string; state: State }[] = [];

function keys(state: State, ...names: string[]): State {
  return names.reduce((s, name) => reducer(s, { type: 'key', name }), state);
}

before(async () => {
  corpus = writeMonkeyCorpus();
  library = await loadLibrary([corpus]);
  const search = new LibrarySearch(library.articles);
  const extractor = await loadEntityExtractor();
  const longIndex = library.articles.findIndex((a) => a.title.startsWith('Netanyahu and Shoigu'));
  assert.ok(longIndex >= 0, 'the long article loaded');
  const start = initialState(library, { cols: 80, rows: 24 });
  const open = (s: State, index: number): State => {
    const opened = reducer(s, { type: 'open', articleIndex: index });
    const article = library.articles[index]!;
    return reducer(opened, { type: 'entities', articleIndex: index, entities: extractor.extract(article.text) });
  };
  const filtering = keys(start, '/', 'n', 'e', 't', 'a', 'n');
  const filtered = reducer(filtering, { type: 'searchResult', query: 'netan', result: search.search('netan', { limit: 500 }) });
  const reader = keys(open(start, longIndex), 'pgdn', 'pgdn');
  const searching = keys(reader, '/', 's', 'h', 'o', 'i');
  const panel = keys(reader, 'tab', 'j');
  const mentions = keys(panel, 'm', 'j');
  screens = [
    { name: 'list', state: start },
    { name: 'filter prompt', state: filtered },
    { name: 'filtered list', state: keys(filtered, 'enter') },
    { name: 'reader', state: reader },
    { name: 'reader search', state: searching },
    { name: 'entity panel', state: panel },
    { name: 'mentions', state: mentions },
    { name: 'help (list)', state: keys(start, '?') },
    { name: 'help (reader)', state: keys(reader, '?') },
    { name: 'skipped', state: keys(start, 's') },
    { name: 'wide title', state: open(start, library.articles.findIndex((a) => a.path.endsWith('wide.md'))) },
    { name: 'long word', state: keys(open(start, library.articles.findIndex((a) => a.path.endsWith('longword.txt'))), 'G') },
  ];
  assert.equal(mentions.overlay, 'mentions', 'the mentions list opened');
  assert.equal(keys(start, 's').overlay, 'skipped', 'the skipped list opened');
  assert.ok(panel.entities.focus === 'panel' && searching.prompt?.target === 'article' && filtered.filter.result);
});

after(() => rmSync(corpus, { recursive: true, force: true }));

describe('extreme sizes', () => {
  test('every screen at every size renders, no taller than rows-1, no wider than cols', { timeout: 120_000 }, () => {
    let checked = 0;
    for (const { name, state } of screens) {
      for (const viewport of sizes()) {
        let resized: State;
        let frame: string;
        try {
          resized = reducer(state, { type: 'resize', viewport });
          frame = renderState(resized);
        } catch (error) {
          assert.fail(`${name} at ${viewport.cols}×${viewport.rows} threw: ${(error as Error).stack}`);
        }
        const problem = frameProblem(frame, viewport);
        assert.equal(problem, undefined, `${name}: ${problem}\n${frame}`);
        if (resized.screen.name === 'reader') {
          const layout = readerLayout(resized);
          assert.ok(layout);
          const max = lastTop(layout.geometry.lines.length, layout.geometry.pageHeight);
          assert.ok(resized.screen.top >= 0 && resized.screen.top <= max, `${name}: top ${resized.screen.top} outside [0, ${max}]`);
        }
        checked++;
      }
    }
    assert.equal(checked, sizes().length * screens.length, "every screen was drawn at every size");
  });

  test('the App itself draws its first frame at every size of the grid', { timeout: 60_000 }, () => {
    for (const cols of COLS) {
      for (const rows of ROWS) {
        const viewport = { cols, rows };
        const frame = renderApp(library, viewport);
        assert.equal(frameProblem(frame, viewport), undefined, `App at ${cols}×${rows}\n${frame}`);
      }
    }
  });
});

describe('resize storm', () => {
  test('500 resizes in the reader: frames always fit, and the first visible paragraph is on screen when the size returns', { timeout: 60_000 }, () => {
    const random = prng(4242);
    const home = { cols: 80, rows: 24 };
    for (const name of ['reader', 'entity panel', 'reader search']) {
      let state = screens.find((s) => s.name === name)!.state;
      const anchor = firstVisibleOffset(state);
      assert.ok(anchor > 0, 'the reader is scrolled into the article');
      for (let i = 0; i < 500; i++) {
        const r = random();
        const viewport =
          r < 0.1 ? { cols: 1, rows: 1 } : r < 0.2 ? { cols: 400, rows: 120 } : { cols: 1 + Math.floor(random() * 300), rows: 1 + Math.floor(random() * 100) };
        const action: Action = { type: 'resize', viewport };
        state = reducer(state, action);
        if (i % 25 === 0) assert.equal(frameProblem(renderState(state), viewport), undefined, `${name}, resize ${i}`);
      }
      state = reducer(state, { type: 'resize', viewport: home });
      const layout = readerLayout(state);
      assert.ok(layout && state.screen.name === 'reader');
      const line = lineIndexAt(layout.geometry.lines, anchor);
      assert.ok(
        line >= state.screen.top && line < state.screen.top + layout.geometry.pageHeight,
        `${name}: the line holding offset ${anchor} (${line}) is off the page [${state.screen.top}, ${state.screen.top + layout.geometry.pageHeight})`,
      );
      assert.equal(frameProblem(renderState(state), home), undefined);
    }
  });
});
