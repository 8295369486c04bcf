import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readingKey } from '../../source/core/reading';
import { firstVisibleOffset, visibleArticles } from '../../source/state/position';
import { type Action, initialState, reducer, type State } from '../../source/state/reducer';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';

const long = { ...makeArticle('B long read', numberedParagraphs(40, 8)), date: '2024-03-01' };
const short = { ...makeArticle('A short note', ['Only a line.']), date: '2025-06-01' };
const undated = makeArticle('C undated', ['No date here, and some words to make it longer than the note.']);
const library = makeLibrary([long, short, undated]);
const start = initialState(library, { cols: 80, rows: 24 });
const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);
const keys = (state: State, ...names: string[]) => run(state, ...names.map((name) => ({ type: 'key', name }) as const));
const markOf = (state: State, i: number) => state.reading.marks.get(readingKey(library.articles[i]!));

describe('reading', () => {
  test('opening an article marks it read and asks to keep the marks; N toggles it back', () => {
    const opened = keys(start, 'enter');
    assert.equal(markOf(opened, 0)?.read, true);
    assert.ok(opened.effects.some((e) => e.type === 'saveReading'));
    const unread = keys(opened, 'esc', 'N');
    assert.equal(markOf(unread, 0)?.read, false);
    assert.match(unread.notice?.text ?? '', /unread/);
  });

  test('leaving an article remembers its first line on screen; reopening shows the same paragraph', () => {
    const paged = keys(start, 'enter', 'space', 'space');
    const where = firstVisibleOffset(paged);
    assert.ok(where > 0);
    const left = keys(paged, 'esc');
    assert.equal(markOf(left, 0)?.offset, where);
    const again = keys(left, 'enter');
    assert.equal(firstVisibleOffset(again), where, 'back on the same first line');
    // From the top, nothing to remember.
    const top = keys(again, 'g', 'esc');
    assert.equal(markOf(top, 0)?.offset, undefined);
  });

  test('quitting from the reader remembers where too', () => {
    const quit = keys(start, 'enter', 'space', 'q');
    assert.equal(quit.exitStatus, 0);
    assert.ok((markOf(quit, 0)?.offset ?? 0) > 0);
  });

  test('F flags in the list and the reader; v shows unread only, then flagged only, then all', () => {
    const flagged = keys(start, 'j', 'F');
    assert.equal(markOf(flagged, 1)?.flagged, true);
    const read = keys(flagged, 'k', 'enter', 'esc'); // the first is now read
    const unreadOnly = keys(read, 'v');
    assert.deepEqual(visibleArticles(unreadOnly), [1, 2]);
    const flaggedOnly = keys(unreadOnly, 'v');
    assert.deepEqual(visibleArticles(flaggedOnly), [1]);
    assert.deepEqual(visibleArticles(keys(flaggedOnly, 'v')), [0, 1, 2]);
    const inReader = keys(start, 'enter', 'F');
    assert.equal(markOf(inReader, 0)?.flagged, true);
  });

  test('O cycles the order: newest first (undated last), by title, longest first, by path; the cursor stays on its article', () => {
    const onShort = keys(start, 'j');
    const byDate = keys(onShort, 'O');
    assert.deepEqual(visibleArticles(byDate), [1, 0, 2]);
    assert.equal(visibleArticles(byDate)[byDate.list.cursor], 1, 'still on the short note');
    assert.deepEqual(visibleArticles(keys(byDate, 'O')), [1, 0, 2], 'by title: A, B, C');
    assert.deepEqual(visibleArticles(keys(byDate, 'O', 'O')), [0, 2, 1], 'longest first');
    assert.deepEqual(visibleArticles(keys(byDate, 'O', 'O', 'O')), [0, 1, 2], 'and back to path order');
  });
});
