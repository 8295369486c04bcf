import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { displayWidth, truncateToWidth } from '../../../source/core/layout/text-width';
import { lineIndexAt, type WrappedLine, wrapText } from '../../../source/core/layout/wrap';

const show = (text: string, lines: WrappedLine[]) => lines.map((l) => (l.blank ? '' : text.slice(l.start, l.end)));

describe('wrapText', () => {
  test('breaks at spaces and keeps paragraphs apart with one blank line', () => {
    const text = 'the quick brown fox jumps\n\nover the lazy dog';
    assert.deepEqual(show(text, wrapText(text, 10)), ['the quick', 'brown fox', 'jumps', '', 'over the', 'lazy dog']);
  });

  test('splits only a word longer than the line', () => {
    const text = 'a abcdefghijklmnop b';
    assert.deepEqual(show(text, wrapText(text, 5)), ['a', 'abcde', 'fghij', 'klmno', 'p b']);
  });

  test('counts CJK and emoji as two columns and never splits a grapheme', () => {
    const text = '東京都 👩‍👩‍👧 é';
    const lines = show(text, wrapText(text, 6));
    assert.deepEqual(lines, ['東京都', '👩‍👩‍👧 é']);
    const long = '漢字漢字漢字';
    assert.deepEqual(show(long, wrapText(long, 5)), ['漢字', '漢字', '漢字']);
  });

  test('lineIndexAt finds the line showing an offset', () => {
    const text = 'one two three\n\nfour five';
    const lines = wrapText(text, 8);
    assert.equal(show(text, lines)[lineIndexAt(lines, text.indexOf('three'))], 'three');
    assert.equal(show(text, lines)[lineIndexAt(lines, text.indexOf('four'))], 'four');
    assert.equal(lineIndexAt(lines, 0), 0);
  });
});

describe('truncateToWidth', () => {
  test('ends with an ellipsis only when something was cut', () => {
    assert.equal(truncateToWidth('Netanyahu', 20), 'Netanyahu');
    assert.equal(truncateToWidth('Netanyahu May Offer', 10), 'Netanyahu…');
    assert.equal(truncateToWidth('東京都庁', 5), '東京…');
  });
});

// Words drawn from ASCII, accented Latin, CJK, emoji and combining marks.
const word = fc.oneof(
  fc.stringMatching(/^[a-z]{1,12}$/),
  fc.constantFrom('é', 'naïve', '東京', '漢字漢字漢字漢字', '👍', '👩‍👩‍👧', 'e\u0301', 'Σ', 'ａｂｃ'),
  fc.stringMatching(/^[A-Za-z]{20,60}$/),
);
const paragraph = fc.array(word, { minLength: 1, maxLength: 40 }).map((ws) => ws.join(' '));
const article = fc.array(paragraph, { minLength: 1, maxLength: 6 }).map((ps) => ps.join('\n\n'));

describe('wrapText properties', () => {
  test('no line is wider than the width (for widths that fit any grapheme)', () => {
    fc.assert(
      fc.property(article, fc.integer({ min: 2, max: 120 }), (text, width) => {
        for (const line of wrapText(text, width)) {
          assert.ok(displayWidth(text.slice(line.start, line.end)) <= width);
        }
      }),
    );
  });

  test('the lines joined give back every word, in order, nothing lost or duplicated', () => {
    fc.assert(
      fc.property(article, fc.integer({ min: 2, max: 120 }), (text, width) => {
        const lines = wrapText(text, width);
        const paragraphs = text.split('\n\n');
        const rebuilt: string[] = paragraphs.map(() => '');
        for (const line of lines) {
          if (line.blank) continue;
          const piece = text.slice(line.start, line.end);
          const previous = rebuilt[line.paragraph] as string;
          // A line that continues a split word joins without a space.
          const continuesWord = line.start > 0 && text[line.start - 1] !== ' ' && previous.length > 0;
          rebuilt[line.paragraph] = previous + (previous.length === 0 || continuesWord ? '' : ' ') + piece;
        }
        assert.deepEqual(rebuilt, paragraphs);
      }),
    );
  });

  test('lines are in order and do not overlap', () => {
    fc.assert(
      fc.property(article, fc.integer({ min: 1, max: 80 }), (text, width) => {
        let previousEnd = 0;
        for (const line of wrapText(text, width)) {
          assert.ok(line.start >= previousEnd && line.end >= line.start && line.end <= text.length);
          previousEnd = line.end;
        }
      }),
    );
  });
});

describe('tailToWidth', () => {
  test('keeps the end that fits, behind an ellipsis', async () => {
    const { tailToWidth } = await import('../../../source/core/layout/text-width');
    assert.equal(tailToWidth('netanyahu', 20), 'netanyahu');
    assert.equal(tailToWidth('netanyahu putin', 6), '…putin');
    assert.equal(tailToWidth('東京都庁', 5), '…都庁');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 40 }), (text, width) => {
        const tail = tailToWidth(text, width);
        assert.ok(displayWidth(tail) <= width);
        assert.ok(text.endsWith(tail.replace(/^…/, '')));
      }),
    );
  });
});
