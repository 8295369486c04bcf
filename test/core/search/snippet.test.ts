// The line of context under a hit: at every width it fits, holds a match (whole when the matches
// fit), and is a piece of one paragraph of the text with its highlights on the matched text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { displayWidth } from '../../../source/core/layout/text-width.js';
import { LibrarySearch } from '../../../source/core/search/index.js';
import type { FieldMatch } from '../../../source/core/search/highlight.js';
import { computeSnippet } from '../../../source/core/search/snippet.js';

const PIECES = ['a', 'war', 'Golan', 'the', 'Erdoğan', 'e\u0301', '中文', '😀', '👩‍👩‍👧', ' ', ' ', ' ', ',', '.', '\n\n', 'iraq'];
const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 120 }).map((parts) => parts.join(''));

/** Non-overlapping body matches on whole pieces of one paragraph: the shape computeMatches gives. */
function matchesIn(text: string, picks: number[]): FieldMatch[] {
  const words = [...text.matchAll(/[^\s,.]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const chosen = [...new Set(picks.map((p) => p % Math.max(1, words.length)))].sort((a, b) => a - b);
  return words.length === 0 ? [] : chosen.map((k) => ({ field: 'text' as const, ...words[k]! }));
}

function checkSnippet(text: string, matches: readonly FieldMatch[], width: number): void {
  const snippet = computeSnippet(text, matches, width, undefined, displayWidth);
  const shown = `${JSON.stringify(snippet.text)} at ${width} of ${JSON.stringify(text)}`;
  assert.ok(displayWidth(snippet.text) <= width, `too wide: ${shown}`);
  const inner = snippet.text.replace(/^…/, '').replace(/…$/, '');
  assert.ok(text.includes(inner) && !inner.includes('\n\n'), `a piece of one paragraph: ${shown}`);
  for (const h of snippet.highlights) {
    const piece = snippet.text.slice(h.start, h.end);
    assert.ok(h.start < h.end && piece.length > 0, `empty highlight: ${shown}`);
    assert.ok(matches.some((m) => text.slice(m.start, m.end).includes(piece)), `highlight on matched text: ${shown}`);
  }
  if (matches.length === 0) return;
  assert.ok(snippet.highlights.length > 0, `no match shown: ${shown}`);
  const widest = Math.max(...matches.map((m) => displayWidth(text.slice(m.start, m.end))));
  if (widest + 2 <= width) {
    const whole = snippet.highlights.some((h) => matches.some((m) => text.slice(m.start, m.end) === snippet.text.slice(h.start, h.end)));
    assert.ok(whole, `a whole match: ${shown}`);
  }
}

describe('snippets', () => {
  it('fit the width, hold a match (whole when it fits) and show only the text, at every width', () => {
    fc.assert(
      fc.property(textArb, fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 2, max: 200 }), (text, picks, width) => {
        checkSnippet(text, matchesIn(text, picks), width);
      }),
      { numRuns: 3000 },
    );
  });

  it("'golan and the other queries of the seeds show their match at every list width", () => {
    const seeds = ['000_09270935bd4655ee.txt', '004_eaf6071b633d695b.txt'].map((name) => {
      const raw = readFileSync(new URL(`../../../articles/${name}`, import.meta.url), 'utf8');
      const [title, ...rest] = raw.split('\n');
      return { title: title!, text: rest.join('\n').trim().split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).join('\n\n') };
    });
    const search = new LibrarySearch(seeds);
    for (const query of ["'golan", 'golan', 'iran israel', 'putin', '"prime minister"', 'sanctions relief']) {
      for (const hit of search.search(query).hits) {
        if (!hit.matches.some((m) => m.field === 'text')) continue;
        for (let width = 10; width <= 200; width++) {
          const snippet = hit.snippetAt(width, displayWidth);
          assert.ok(displayWidth(snippet.text) <= width, `${query} at ${width}`);
          assert.ok(snippet.highlights.length > 0, `${query} at ${width}: ${snippet.text}`);
        }
      }
    }
  });

  it('keeps context before the match and cuts at spaces', () => {
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(6)}The annexed Golan Heights were shelled. ${'More words follow here. '.repeat(6)}`;
    const at = text.indexOf('Golan');
    const snippet = computeSnippet(text, [{ field: 'text', start: at, end: at + 5 }], 60, undefined, displayWidth);
    assert.match(snippet.text, /^….{5,}Golan Heights/);
    assert.match(snippet.text, /^…\S/, 'starts at a word');
    assert.match(snippet.text, /\S…$/);
  });

  it('near the end of a paragraph, shows more of what comes before', () => {
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(6)}the annexed Golan.`;
    const at = text.indexOf('Golan');
    const snippet = computeSnippet(text, [{ field: 'text', start: at, end: at + 5 }], 60, undefined, displayWidth);
    assert.ok(snippet.text.endsWith('Golan.'));
    assert.ok(displayWidth(snippet.text) >= 55, snippet.text);
  });
});
