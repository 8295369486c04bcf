import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expandTabs, normalizeText, unifyLineBreaks } from '../../../source/core/load/normalize.js';

describe('normalizeText', () => {
  test('CRLF, CR, NEL and LINE SEPARATOR become LF; PARAGRAPH SEPARATOR and form feed a blank line', () => {
    assert.equal(unifyLineBreaks('a\r\nb\rc\u0085d\u2028e'), 'a\nb\nc\nd\ne');
    assert.equal(unifyLineBreaks('a\u2029b\fc'), 'a\n\nb\n\nc');
    assert.equal(unifyLineBreaks('a\r\n\r\nb'), 'a\n\nb');
  });

  test('tabs expand to the next multiple of 8 columns, counted per line', () => {
    assert.equal(expandTabs('\tx'), '        x');
    assert.equal(expandTabs('abc\tx'), 'abc     x');
    assert.equal(expandTabs('12345678\tx'), '12345678        x');
    assert.equal(expandTabs('ab\n\tx'), 'ab\n        x');
    assert.equal(expandTabs('😀\tx'), '😀       x'); // a surrogate pair is one column
  });

  test('sanitises after unifying line breaks, so CR is a line break and not ^M', () => {
    assert.equal(normalizeText('Title\r\n\x1b[31mred\x1b[0m\tx\x08'), 'Title\nred     x^H');
  });
});
