// The single-column characters (single-column.ts) skip string-width and the segmenter: each must be
// one column by string-width and a grapheme by itself beside any of them, or widths and cuts change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { isSingleColumnText, isSingleColumnUnit } from '../../../source/core/layout/single-column.js';
import { displayWidth } from '../../../source/core/layout/text-width.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const count = (s: string) => [...segmenter.segment(s)].length;
const SINGLE: string[] = [];
for (let c = 0; c < 0x10000; c++) if (isSingleColumnUnit(c)) SINGLE.push(String.fromCharCode(c));

describe('single-column characters', () => {
  it('are exactly the units the regular expression accepts, and take one column each by string-width', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      assert.equal(isSingleColumnText(ch), isSingleColumnUnit(c), `U+${c.toString(16)}`);
    }
    for (const ch of SINGLE) assert.equal(stringWidth(ch), 1, `U+${ch.charCodeAt(0).toString(16)}`);
    assert.ok(SINGLE.length > 800 && SINGLE.includes('·') && SINGLE.includes('…') && SINGLE.includes('ğ') && SINGLE.includes('│'));
    assert.ok(!SINGLE.includes('\u00ad') && !SINGLE.includes('\u0301') && !SINGLE.includes('\u2028'));
  });

  it('are each a grapheme of their own beside any other of them', () => {
    // Every one between two others, and every pair (about 600,000) would take seconds: a sweep by stride plus random pairs.
    for (const ch of SINGLE) assert.equal(count(`a${ch}${ch}a`), 4, `U+${ch.charCodeAt(0).toString(16)}`);
    for (let i = 0; i < SINGLE.length; i++) {
      const run = SINGLE.slice(i, i + 40).join('') + SINGLE[(i * 7919) % SINGLE.length];
      assert.equal(count(run), run.length);
    }
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SINGLE), { minLength: 1, maxLength: 30 }), (chars) => {
        const text = chars.join('');
        assert.equal(count(text), text.length);
        assert.equal(displayWidth(text), stringWidth(text));
      }),
      { numRuns: 2000 },
    );
  });
});
