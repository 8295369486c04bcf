import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import fc from 'fast-check';
import type { Entity } from '../../source/core/entities';
import { displayWidth } from '../../source/core/layout/text-width';
import { MIN_COLS, MIN_ROWS, panelPlacement, readerGeometry, titleLineText } from '../../source/state/geometry';
import { readerLayout } from '../../source/state/position';
import { initialState, reducer } from '../../source/state/reducer';
import { ReaderView } from '../../source/views/reader-view';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';

afterEach(() => cleanup());

const article = makeArticle('Talks in Moscow between the two leaders went on late into the night', [
  'Benjamin Netanyahu met Vladimir Putin in Moscow; 東京 and 👩‍👩‍👧 appear too.',
  ...numberedParagraphs(6, 4),
]);

describe('reader geometry', () => {
  test('text column + gap + side panel fill the width exactly; the text fits its column', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_COLS, max: 240 }),
        fc.integer({ min: MIN_ROWS, max: 80 }),
        fc.option(fc.integer({ min: 20, max: 200 }), { nil: undefined }),
        fc.boolean(),
        (cols, rows, width, open) => {
          const viewport = { cols, rows };
          const panel = panelPlacement(viewport, open);
          const g = readerGeometry(article, viewport, width, panel);
          assert.equal(g.textColumns + g.panelGap + g.panelWidth, cols);
          if (panel === 'side') assert.ok(g.panelGap > 0 && g.panelWidth > 0);
          else assert.equal(g.panelGap + g.panelWidth, 0);
          // At least a column either side of the text, in the column it is drawn in.
          assert.ok(g.margin >= 1 && g.margin + g.measure < g.textColumns, `margin ${g.margin} measure ${g.measure} column ${g.textColumns}`);
          for (const line of g.lines) assert.ok(displayWidth(article.text.slice(line.start, line.end)) <= g.measure);
          for (const line of g.titleLines) assert.ok(displayWidth(titleLineText(article.title, line)) <= g.measure);
          if (panel === 'side') assert.ok(g.measure >= Math.min(56, width ?? 80), 'a readable measure beside the panel');
        },
      ),
    );
  });

  test('drawn with the panel beside it: text centred in its column, the panel right after the gap', () => {
    // ink-testing-library's stdout is 100 columns wide: wider frames would be squeezed.
    for (const cols of [92, 95, 100]) {
      const viewport = { cols, rows: 24 };
      let state = reducer(initialState(makeLibrary([article]), viewport), { type: 'key', name: 'enter' });
      const mentions = [...article.text.matchAll(/Netanyahu/g)].map((m) => ({ start: m.index, end: m.index + 9, text: 'Netanyahu' }));
      const entity: Entity = { id: 'person:netanyahu', name: 'Benjamin Netanyahu', type: 'person', aliases: [], mentions };
      state = reducer(reducer(state, { type: 'entities', articleIndex: 0, entities: [entity] }), { type: 'key', name: 'e' });
      const layout = readerLayout(state)!;
      assert.equal(layout.panel, 'side', `${cols} columns`);
      const g = layout.geometry;
      const app = render(<ReaderView state={state} viewport={viewport} />);
      const rows = (app.lastFrame() ?? '').split('\n');
      for (const row of rows) assert.ok(displayWidth(row) <= cols, `${cols}: row wider than the terminal: ${JSON.stringify(row)}`);
      const heading = rows[0]!;
      assert.equal(heading.indexOf('Entities'), g.textColumns + g.panelGap, `${cols}: panel column`);
      assert.equal(heading.indexOf('Talks'), g.margin, `${cols}: title margin`);
      // The rule under the title spans the measure, inside the text column.
      const rule = rows[g.titleLines.length]!;
      assert.equal(rule.indexOf('─'), g.margin, `${cols}: rule margin`);
      assert.equal(rule.lastIndexOf('─'), g.margin + g.measure - 1, `${cols}: rule end`);
      assert.ok(g.margin + g.measure < g.textColumns);
      app.unmount();
    }
  });
});
