// The reader's keys as a user of less, vim and newsboat expects them: Esc undoes the last thing
// first, Space reads on into the next article, a key that does nothing says so, and `/` in help
// forgives typos.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Entity } from '../../source/core/entities';
import { helpLines } from '../../source/state/help';
import { searchHelpLines } from '../../source/state/help-search';
import { activeContext, type Action, initialState, reducer, type State } from '../../source/state/reducer';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';

const long = makeArticle('The long read', numberedParagraphs(12, 6));
const short = makeArticle('A short note', ['Just one paragraph about Moscow.']);
const third = makeArticle('Third', ['The last one.']);
const library = makeLibrary([long, short, third]);
const start = initialState(library, { cols: 80, rows: 24 });
const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);
const keys = (state: State, ...names: string[]) => run(state, ...names.map((name) => ({ type: 'key', name }) as const));
const articleOf = (state: State) => (state.screen.name === 'reader' ? state.screen.articleIndex : -1);
const topOf = (state: State) => (state.screen.name === 'reader' ? state.screen.top : -1);

const moscow: Entity = { id: 'place:moscow', name: 'Moscow', type: 'place', aliases: [], mentions: [{ start: 25, end: 31, text: 'Moscow' }] };

describe('Esc in the reader', () => {
  test('clears the search highlight, then leaves the panel’s focus, and only then goes back to the list', () => {
    const reading = run(keys(start, 'j', 'enter'), { type: 'entities', articleIndex: 1, entities: [moscow] });
    const searched = run(keys(reading, 'tab', '/'), { type: 'text', text: 'para' });
    const focused = keys(searched, 'enter');
    assert.equal(activeContext(focused), 'panel');
    assert.ok(focused.find && focused.find.matches.length > 0);
    const once = keys(focused, 'esc');
    assert.equal(once.find, null, 'the highlight goes first');
    assert.equal(activeContext(once), 'panel', 'the panel keeps the focus');
    const twice = keys(once, 'esc');
    assert.equal(activeContext(twice), 'reader', 'then the page has the keys');
    assert.equal(twice.entities.panelOpen, true, 'the panel stays open');
    assert.equal(keys(twice, 'esc').screen.name, 'list');
  });
});

describe('Space in the reader', () => {
  test('pages through the article, then on the last page opens the next one in the list, saying so', () => {
    const reading = keys(start, 'enter');
    const pageDown = keys(reading, 'pgdn');
    assert.ok(topOf(pageDown) > 0);
    assert.equal(topOf(keys(reading, 'space')), topOf(pageDown), 'Space is a page down until the last page');
    let state = reading;
    for (let i = 0; i < 20 && articleOf(state) === 0; i++) state = keys(state, 'space');
    assert.equal(articleOf(state), 1, 'the next article in the list');
    assert.equal(topOf(state), 0);
    assert.match(state.notice?.text ?? '', /next \(2\/3\)/);
    // PgDn on the last page stays there: only Space reads on.
    const last = keys(reading, 'G');
    assert.equal(articleOf(keys(last, 'pgdn')), 0);
  });

  test('follows the list as it is filtered and ordered; on the last article it says so and stays', () => {
    const lastArticle = keys(start, 'G', 'enter');
    assert.equal(articleOf(lastArticle), 2);
    const end = keys(lastArticle, 'space');
    assert.equal(articleOf(end), 2);
    assert.match(end.notice?.text ?? '', /end of the last article/);
    // Esc after reading on lands the list's cursor on the article now open.
    const back = keys(keys(start, 'j', 'enter', 'space'), 'esc');
    assert.equal(back.screen.name, 'list');
    assert.equal(back.list.cursor, 2);
  });
});

describe('keys that do nothing say so', () => {
  test('an unbound letter, Esc in the list with no filter, n with no search, s with nothing skipped', () => {
    assert.match(keys(start, 'x').notice?.text ?? '', /x does nothing here · \? lists the keys/);
    assert.match(keys(start, 'enter', 'x').notice?.text ?? '', /x does nothing here/);
    assert.match(keys(start, 'esc').notice?.text ?? '', /no filter to clear/);
    assert.match(keys(start, 'enter', 'n').notice?.text ?? '', /no search yet/);
    assert.match(keys(start, 's').notice?.text ?? '', /no file was skipped/);
    // A key with a meaning, and a function key, leave no notice.
    assert.equal(keys(start, 'j').notice, null);
    assert.equal(keys(start, 'f12').notice, null);
  });
});

describe('search in help', () => {
  const helpFor = (query: string) => run(keys(start, 'enter', '?', '/'), { type: 'text', text: query }, { type: 'key', name: 'enter' });

  test('forgives typos: “bokmark” goes to the bookmark line', () => {
    const state = helpFor('bokmark');
    assert.equal(state.help.match, 0);
    const lines = helpLines(state.help.from, state.viewport.cols);
    const shown = lines.slice(state.help.top, state.help.top + 20).map((l) => l.text);
    assert.ok(shown.some((text) => /flag or unflag the article \(a bookmark\)/.test(text)), shown.join('\n'));
  });

  test('lines holding the query as typed come before lines close to it, each highlighted where it matched', () => {
    const lines = ['  s  sarch for files', '  /  search in the article', '  q  quit', '  n  next line holding it'];
    const matches = searchHelpLines(lines, 'Search');
    assert.deepEqual(
      matches.map((m) => [m.line, m.typos]),
      [
        [1, false],
        [0, true],
      ],
    );
    assert.deepEqual(matches[0]?.spans, [{ start: 5, end: 11 }]);
    assert.ok((matches[1]?.spans.length ?? 0) > 0, 'the typo match is highlighted too');
    // Under three characters only exact matches count: nearly every line is "close" to "qu".
    assert.deepEqual(searchHelpLines(lines, 'qu').map((m) => m.line), [2]);
    assert.equal(keys(helpFor('qqqqqq'), 'n').notice?.text, 'no line holds “qqqqqq”');
  });
});
