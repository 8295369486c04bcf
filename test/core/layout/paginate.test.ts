import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { clampTop, lastTop, pageCount, pagePosition, topForLine } from '../../../source/core/layout/paginate';
import { segmentLine } from '../../../source/core/layout/segments';
import { wrapText } from '../../../source/core/layout/wrap';

describe('paging', () => {
  test('pages exactly fill the height and the last page starts on a page boundary', () => {
    assert.equal(pageCount(25, 10), 3);
    assert.equal(lastTop(25, 10), 20);
    assert.equal(clampTop(99, 25, 10), 20);
    assert.equal(clampTop(-3, 25, 10), 0);
    assert.deepEqual(pagePosition(10, 25, 10), { page: 2, pages: 3, percent: 80 });
    assert.deepEqual(pagePosition(20, 25, 10), { page: 3, pages: 3, percent: 100 });
    assert.equal(topForLine(17, 10), 10);
  });

  test('an empty text is one page, fully read', () => {
    assert.deepEqual(pagePosition(0, 0, 10), { page: 1, pages: 1, percent: 100 });
  });

  test('paging forward from the top visits every line exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 60 }), (lines, height) => {
        const seen: number[] = [];
        let top = 0;
        for (let page = 0; page < pageCount(lines, height); page++) {
          for (let l = top; l < Math.min(lines, top + height); l++) seen.push(l);
          top = clampTop(top + height, lines, height);
        }
        assert.deepEqual(
          seen,
          Array.from({ length: lines }, (_, i) => i),
        );
      }),
    );
  });
});

describe('segmentLine', () => {
  test('cuts a line into plain and highlighted runs, higher priority winning', () => {
    const text = 'Netanyahu met Putin in Moscow';
    const [line] = wrapText(text, 80);
    assert.ok(line);
    const segments = segmentLine(text, line, [
      { start: 0, end: 9, kind: 'person', priority: 1 },
      { start: 14, end: 19, kind: 'person', priority: 1 },
      { start: 16, end: 19, kind: 'match', priority: 2 },
    ]);
    assert.deepEqual(segments, [
      { text: 'Netanyahu', kind: 'person' },
      { text: ' met ' },
      { text: 'Pu', kind: 'person' },
      { text: 'tin', kind: 'match' },
      { text: ' in Moscow' },
    ]);
    assert.equal(segments.map((s) => s.text).join(''), text);
  });
});
