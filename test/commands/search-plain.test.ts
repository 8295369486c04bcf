// `lede search` on a terminal: matches drawn as rg draws them, and the same text as the plain
// output once the colour is taken away, whatever the spans; colour only where it is wanted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { colorOutput } from '../../source/commands/color';
import { type SearchOutput, searchPlain } from '../../source/commands/search';

const SGR = /\x1b\[[0-9;]*m/g;

function output(title: string, snippet: string, titleSpans: { start: number; end: number }[], snippetSpans: { start: number; end: number }[]): SearchOutput {
  return {
    query: 'q',
    total: 1,
    marks: [{ title: titleSpans.map((s) => ({ field: 'title' as const, ...s })), snippet: snippetSpans }],
    results: [{ path: 'a.txt', id: 'a.txt', title, score: 1, snippet, matches: [] }],
  };
}

test('colour on a terminal only, never under NO_COLOR; FORCE_COLOR asks for it or (0) refuses it', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  assert.equal(colorOutput(tty, {}), true);
  assert.equal(colorOutput(pipe, {}), false);
  assert.equal(colorOutput(tty, { NO_COLOR: '1' }), false);
  assert.equal(colorOutput(tty, { NO_COLOR: '' }), true, 'no-color.org: an empty NO_COLOR is unset');
  assert.equal(colorOutput(tty, { TERM: 'dumb' }), false);
  assert.equal(colorOutput(pipe, { FORCE_COLOR: '1' }), true);
  assert.equal(colorOutput(tty, { FORCE_COLOR: '0' }), false);
  assert.equal(colorOutput(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }), false, 'NO_COLOR wins');
});

test('matches are bold red, in the title (which stays bold after them) and in the snippet; the path magenta', () => {
  const text = searchPlain(output('Golan heights', '…the Golan and the golan.', [{ start: 0, end: 5 }], [{ start: 5, end: 10 }, { start: 19, end: 24 }]), true);
  assert.equal(
    text,
    '\x1b[1m\x1b[1;31mGolan\x1b[22;39m\x1b[1m heights\x1b[22m\n  \x1b[35ma.txt\x1b[39m\n  …the \x1b[1;31mGolan\x1b[22;39m and the \x1b[1;31mgolan\x1b[22;39m.',
  );
});

test('with colour taken away, the output is the plain output, and the highlighted pieces are the spans', () => {
  const span = (length: number) => fc.tuple(fc.nat(length), fc.nat(length)).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
  fc.assert(
    fc.property(
      fc.string({ minLength: 1, maxLength: 30 }).chain((title) => fc.tuple(fc.constant(title), fc.array(span(title.length), { maxLength: 4 }))),
      fc.string({ maxLength: 60 }).chain((snippet) => fc.tuple(fc.constant(snippet), fc.array(span(snippet.length), { maxLength: 4 }))),
      ([title, titleSpans], [snippet, snippetSpans]) => {
        const result = output(title, snippet, titleSpans, snippetSpans);
        const colored = searchPlain(result, true);
        assert.equal(colored.replace(SGR, ''), searchPlain(result, false));
        const [, , snippetLine] = colored.split('\n');
        const marked = [...(snippetLine ?? '').matchAll(/\x1b\[1;31m(.*?)\x1b\[22;39m/g)].map((m) => m[1]).join('');
        const covered = [...snippet].map((_, i) => snippetSpans.some((s) => i >= s.start && i < s.end));
        // Every character inside a span, and only those, is marked (for printable text, which is what articles hold).
        if (/^[\x20-\x7e]*$/.test(snippet)) assert.equal(marked, [...snippet].filter((_, i) => covered[i]).join(''));
      },
    ),
  );
});
