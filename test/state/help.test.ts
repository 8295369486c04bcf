import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { displayWidth } from '../../source/core/layout/text-width';
import { QUERY_SYNTAX } from '../../source/core/search/syntax';
import { helpRows } from '../../source/keymap';
import { helpLines, helpPageHeight } from '../../source/state/help';
import { type Action, initialState, reducer, type State } from '../../source/state/reducer';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';

const library = makeLibrary([makeArticle('One', numberedParagraphs(10, 6))]);
const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);
const keys = (state: State, ...names: string[]) => run(state, ...names.map((name) => ({ type: 'key', name }) as const));
/** Everything the page says, reflowed: wrapped descriptions joined back into one line each. */
const pageText = (from: 'list' | 'reader', cols: number) =>
  helpLines(from, cols)
    .map((l) => l.text.trim())
    .join(' ')
    .replace(/\s+/g, ' ');

describe('the help page', () => {
  for (const [cols, rows] of [[80, 24], [100, 30], [40, 10]] as const) {
    test(`at ${cols}×${rows} every line fits and every key's description is there in full`, () => {
      for (const from of ['list', 'reader'] as const) {
        for (const line of helpLines(from, cols)) assert.ok(displayWidth(line.text) <= cols, `${JSON.stringify(line.text)} is wider than ${cols}`);
        const text = pageText(from, cols);
        const contexts = from === 'list' ? (['list', 'prompt', 'help'] as const) : (['reader', 'panel', 'prompt', 'mentions', 'help'] as const);
        for (const context of contexts) for (const row of helpRows(context)) assert.ok(text.includes(row.description), `${from} help at ${cols}: “${row.description}”`);
        if (from === 'list') for (const row of QUERY_SYNTAX) assert.ok(text.includes(row.meaning), `search syntax at ${cols}: “${row.meaning}”`);
      }
    });
  }

  test('it scrolls like a page, G reaches the end, and q, Esc or ? close it', () => {
    const start = initialState(library, { cols: 80, rows: 24 });
    const open = keys(start, '?');
    assert.equal(open.overlay, 'help');
    const lines = helpLines('list', 80).length;
    const height = helpPageHeight(open);
    assert.ok(lines > height, 'the list help is longer than one screen at 80×24');
    assert.equal(keys(open, 'j').help.top, 1);
    assert.equal(keys(open, 'space').help.top, height);
    assert.equal(keys(open, 'G').help.top, lines - height);
    assert.equal(keys(open, 'G', 'g').help.top, 0);
    for (const close of ['q', 'esc', '?']) assert.equal(keys(open, close).overlay, null, `${close} closes help`);
    assert.equal(keys(open, 'q').exitStatus, null, 'q in help closes help, it does not quit');
    const other = keys(open, 'x');
    assert.equal(other.overlay, 'help', 'another key does not close the page');
    assert.match(other.notice?.text ?? '', /closes help/);
  });

  test('/ searches it: the first line holding the query comes on screen, n goes to the next', () => {
    const open = keys(initialState(library, { cols: 80, rows: 24 }), '?');
    const found = keys(open, '/', ...'syntax', 'enter');
    const lines = helpLines('list', 80);
    const heading = lines.findIndex((l) => /syntax/i.test(l.text));
    assert.ok(found.help.top <= heading && heading < found.help.top + helpPageHeight(found), 'the line holding the query is on screen');
    assert.equal(found.help.query, 'syntax');
    const next = keys(found, 'n');
    assert.notEqual(next.help.match, found.help.match);
  });
});
