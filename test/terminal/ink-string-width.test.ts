// dist gives Ink lede's string-width (test/tools/build.mjs): it must answer exactly as string-width does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import stringWidth from 'string-width';
import inkStringWidth from '../../source/terminal/ink-string-width.js';

const PIECES = ['a', 'Golan', ' ', '·', '…', '—', 'ğ', 'é', 'e\u0301', '中文', '😀', '👩‍👩‍👧', '🇩🇪', '\u00ad', '\u200b', '\t', '\u2028', '\x1b[1m', '\x1b[22m', '\x1b[38;5;214m', '\x1b[0m', '\x1b]8;;https://x\x07', '\x1b[', '\x9b31m', '\x1b'];

describe("Ink's string-width", () => {
  it('is string-width, styled or not, wide characters or not', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join('')), fc.string({ unit: 'binary' })), (text) => {
        assert.equal(inkStringWidth(text), stringWidth(text), JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('passes options through', () => {
    assert.equal(inkStringWidth('\x1b[1mab\x1b[22m', { countAnsiEscapeCodes: true }), stringWidth('\x1b[1mab\x1b[22m', { countAnsiEscapeCodes: true }));
    assert.equal(inkStringWidth('±', { ambiguousIsNarrow: false }), 2);
  });
});
