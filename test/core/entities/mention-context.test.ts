import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mentionContext, mentionContextSegments } from '../../../source/core/entities/mention-context.js';
import { displayWidth } from '../../../source/core/layout/text-width.js';
import type { Segment } from '../../../source/core/layout/segments.js';

const highlighted = (segments: Segment[]) =>
  segments
    .filter((s) => s.kind === 'person')
    .map((s) => s.text)
    .join('');
const shownWidth = (segments: Segment[]) => displayWidth(segments.map((s) => s.text).join(''));

test('mention context: the mention is about a third of the way in, the lead-in starting at a word', () => {
  const text = 'First paragraph.\n\nThe talks in Moscow went on for hours before Benjamin Netanyahu flew home to Israel on Thursday.';
  const start = text.indexOf('Benjamin');
  const end = start + 'Benjamin Netanyahu'.length;
  const { line } = mentionContext(text, start, end, 60);
  assert.equal(line, '…on for hours before Benjamin Netanyahu flew home to Israel on Thursday.');
  const segments = mentionContextSegments(text, start, end, 60, 'person');
  assert.equal(highlighted(segments), 'Benjamin Netanyahu');
  // A short paragraph is shown from its start.
  assert.equal(mentionContext('Intro.\n\nNetanyahu spoke.', 8, 17, 60).line, 'Netanyahu spoke.');
});

test('mention context: no space before the mention (a URL, CJK) still shows it, never text after it', () => {
  const url = `see https://example.org/${'a'.repeat(80)}/Netanyahu and more.\n\nA later paragraph with spaces in it.`;
  const at = url.indexOf('Netanyahu');
  for (const width of [20, 40, 80]) {
    const segments = mentionContextSegments(url, at, at + 9, width, 'person');
    assert.equal(highlighted(segments), 'Netanyahu', `width ${width}`);
    assert.ok(shownWidth(segments) <= width);
  }
  const cjk = `${'東京'.repeat(40)}ネタニヤフ首相${'東京'.repeat(10)}\n\nLater text here.`;
  const start = cjk.indexOf('ネタニヤフ');
  const segments = mentionContextSegments(cjk, start, start + 5, 40, 'person');
  assert.equal(highlighted(segments), 'ネタニヤフ');
  assert.ok(shownWidth(segments) <= 40);
});

// Graphemes to build texts from: words, spaces, paragraph breaks, wide CJK, a combining accent,
// an emoji (a surrogate pair), punctuation.
const pieces = ['a', 'b', 'Z', ' ', ' ', '\n', '東', 'ネ', 'e\u0301', '😀', '/', '.', '-'];

test('mention context (property): the shown line holds the mention, highlighted, within the width', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...pieces), { maxLength: 300 }),
      fc.array(fc.constantFrom(...pieces.filter((p) => p !== '\n')), { minLength: 1, maxLength: 12 }),
      fc.nat(),
      fc.integer({ min: 1, max: 140 }),
      (around, mention, at, width) => {
        const cut = at % (around.length + 1);
        const before = around.slice(0, cut).join('');
        const name = mention.join('');
        const text = before + name + around.slice(cut).join('');
        const start = before.length;
        const end = start + name.length;
        const context = mentionContext(text, start, end, width);
        assert.equal(context.line.slice(context.start, context.end), name.replace(/\t/g, ' '), 'the span is the mention');
        assert.ok(!/[\n\r\t]/.test(context.line), 'one line');
        const segments = mentionContextSegments(text, start, end, width, 'person');
        const shown = highlighted(segments);
        assert.ok(name.startsWith(shown), `highlighted ${JSON.stringify(shown)} is the start of ${JSON.stringify(name)}`);
        assert.ok(shownWidth(segments) <= width, 'within the width');
        if (width >= 6) assert.ok(shown.length > 0, 'something of the mention shows');
        if (displayWidth(name) <= width - Math.floor(width / 3) - 2) assert.equal(shown, name, 'a mention that fits shows whole');
      },
    ),
    { numRuns: 2000 },
  );
});

test('mention context: a paragraph of megabytes is not scanned whole', () => {
  const text = `${'word '.repeat(400_000)}Netanyahu ${'word '.repeat(400_000)}`;
  const start = text.indexOf('Netanyahu');
  const { line } = mentionContext(text, start, start + 9, 80);
  assert.ok(line.length < 80 * 6, `line of ${line.length} code units`);
  assert.equal(highlighted(mentionContextSegments(text, start, start + 9, 80, 'person')), 'Netanyahu');
});
