import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Span } from '../../../source/core/article';
import { type HighlightLayer, spansInRange, spanWindow, visibleHighlights } from '../../../source/core/layout/highlights';
import type { Highlight } from '../../../source/core/layout/segments';

const overlapping = (spans: readonly Span[], from: number, to: number) =>
  spans.flatMap((span, index) => (span.end > from && span.start < to && span.end > span.start ? [{ span, index }] : []));

/** Spans sorted by start; some nest, some are empty. */
const sortedSpans = fc
  .array(fc.tuple(fc.nat(200), fc.nat(40)), { maxLength: 60 })
  .map((pairs) => pairs.map(([start, length]) => ({ start, end: start + length })).sort((a, b) => a.start - b.start));

describe('spansInRange', () => {
  test('finds exactly the spans a linear scan finds, nested and empty ones included', () => {
    fc.assert(
      fc.property(sortedSpans, fc.nat(250), fc.nat(60), (spans, from, length) => {
        assert.deepEqual(spansInRange(spans, from, from + length), overlapping(spans, from, from + length));
      }),
    );
  });

  test('a window over many non-overlapping spans holds only the visible ones', () => {
    const spans = Array.from({ length: 300_000 }, (_, i) => ({ start: i * 10, end: i * 10 + 3 }));
    // [1_000_000, 1_000_003) ends before the range; [1_004_000, …) starts at its end.
    assert.deepEqual(spanWindow(spans, 1_000_005, 1_004_000), [100_001, 100_400]);
    assert.equal(spansInRange(spans, 1_000_005, 1_004_000).length, 399);
    // A span that started before the range and runs into it counts.
    assert.equal(spansInRange(spans, 1_000_002, 1_000_003)[0]?.index, 100_000);
  });

  test('a long span nesting short ones is found from anywhere inside it', () => {
    const spans = [{ start: 0, end: 1000 }, { start: 5, end: 6 }, { start: 10, end: 12 }];
    assert.deepEqual(
      spansInRange(spans, 500, 600).map((s) => s.index),
      [0],
    );
  });
});

describe('visibleHighlights', () => {
  const mentions: HighlightLayer = {
    spans: [{ start: 0, end: 5 }, { start: 20, end: 25 }, { start: 40, end: 45 }],
    kind: 'person',
    priority: 1,
    current: { index: 1, kind: 'currentMention', priority: 2 },
  };
  const matches: HighlightLayer = {
    spans: [{ start: 2, end: 4 }, { start: 20, end: 22 }, { start: 30, end: 31 }, { start: 50, end: 52 }],
    kind: 'match',
    priority: 3,
    current: { index: 2, kind: 'current', priority: 4 },
  };

  test('merges the layers’ windows by start, styling each current span', () => {
    const h = (start: number, end: number, kind: string, priority: number): Highlight => ({ start, end, kind, priority });
    assert.deepEqual(visibleHighlights([mentions, matches], 3, 41), [
      h(0, 5, 'person', 1),
      h(2, 4, 'match', 3),
      h(20, 25, 'currentMention', 2),
      h(20, 22, 'match', 3),
      h(30, 31, 'current', 4),
      h(40, 45, 'person', 1),
    ]);
    assert.deepEqual(visibleHighlights([mentions, matches], 100, 200), []);
    assert.deepEqual(visibleHighlights([], 0, 200), []);
  });

  test('equals building every highlight, sorting, and keeping those in range', () => {
    const layer = (spans: Span[], current: number, base: number): HighlightLayer => ({
      spans,
      kind: `k${base}`,
      priority: base,
      current: { index: current, kind: `c${base}`, priority: base + 1 },
    });
    fc.assert(
      fc.property(sortedSpans, sortedSpans, fc.integer({ min: -1, max: 60 }), fc.nat(250), fc.nat(60), (a, b, current, from, length) => {
        const layers = [layer(a, current, 1), layer(b, current, 3)];
        const all = layers
          .flatMap((l) =>
            l.spans.map((s, i) => ({ start: s.start, end: s.end, kind: i === current ? l.current!.kind : l.kind, priority: i === current ? l.current!.priority : l.priority })),
          )
          .sort((x, y) => x.start - y.start)
          .filter((x) => x.end > from && x.start < from + length && x.end > x.start);
        assert.deepEqual(visibleHighlights(layers, from, from + length), all);
      }),
    );
  });
});
