// p, o and y in the reducer: what each says, and what it asks the app to do (an effect), never
// doing it itself.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Entity } from '../../source/core/entities';
import { metadataLayout } from '../../source/state/article-meta';
import { type Action, initialState, reducer, type State } from '../../source/state/reducer';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';

const url = 'https://example.com/story';
const sourced = makeArticle('Sourced', ['First about Moscow.', ...numberedParagraphs(14, 6), 'Last one.'], {
  date: '2024-03-01',
  source: 'Example\x1b[31m News',
  author: 'Jane Doe',
  url,
});
const bare = makeArticle('Bare', ['Nothing known.']);
const badUrl = makeArticle('Bad', ['Text.'], { url: 'javascript:alert(1)', path: 'c.jsonl', id: 'c.jsonl#3' });
const library = makeLibrary([sourced, bare, badUrl]);
const start = initialState(library, { cols: 80, rows: 24 });
const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);
const keys = (state: State, ...names: string[]) => run(state, ...names.map((name) => ({ type: 'key', name }) as const));
const copied = (state: State) => state.effects.flatMap((e) => (e.type === 'copy' ? [e.text] : []));

describe('the metadata line', () => {
  test('date · source · author, each one safe line; the URL after it when it fits, else on its own line', () => {
    assert.deepEqual(metadataLayout(sourced, 80), { meta: '2024-03-01 · Example News · Jane Doe', url, lines: 1, urlOwnLine: false });
    assert.equal(metadataLayout(sourced, 50).lines, 2);
    assert.equal(metadataLayout(bare, 80).lines, 0);
    assert.deepEqual(metadataLayout(badUrl, 80), { meta: '', url: null, lines: 0, urlOwnLine: false });
  });
});

describe('o, p and y', () => {
  test('o asks for the URL to be opened and says so; without a clean URL it says why not, and asks nothing', () => {
    const opened = keys(start, 'enter', 'o');
    assert.deepEqual(opened.effects.filter((e) => e.type === 'openUrl'), [{ type: 'openUrl', url }]);
    assert.match(opened.notice?.text ?? '', /opening https:\/\/example\.com\/story/);
    const none = keys(start, 'j', 'enter', 'o');
    assert.equal(none.effects.some((e) => e.type === 'openUrl'), false);
    assert.equal(none.notice?.text, 'this article has no URL to open');
    const bad = keys(start, 'G', 'enter', 'o');
    assert.equal(bad.effects.some((e) => e.type === 'openUrl'), false);
    assert.match(bad.notice?.text ?? '', /only clean http and https links/);
  });

  test('p names the file, and the record of a collection', () => {
    assert.equal(keys(start, 'enter', 'p').notice?.text, 'file: sourced.txt');
    assert.equal(keys(start, 'G', 'enter', 'p').notice?.text, 'file: c.jsonl (record 3)');
  });

  test('y copies the paragraph at the top of the page, or the current match’s, with title, date and URL (else the path)', () => {
    assert.deepEqual(copied(keys(start, 'enter', 'y')), [`First about Moscow.\n\n— Sourced, 2024-03-01\n${url}\n`]);
    const searched = run(keys(start, 'enter', '/'), { type: 'text', text: 'Last one' }, { type: 'key', name: 'enter' });
    assert.deepEqual(copied(keys(searched, 'y')), [`Last one.\n\n— Sourced, 2024-03-01\n${url}\n`]);
    assert.deepEqual(copied(keys(start, 'j', 'enter', 'y')), ['Nothing known.\n\n— Bare\nbare.txt\n']);
    assert.match(keys(start, 'enter', 'y').notice?.text ?? '', /copied the paragraph with its source .*OSC 52/);
  });

  test('y in the mentions list copies the mention’s context line', () => {
    const moscow: Entity = { id: 'place:moscow', name: 'Moscow', type: 'place', aliases: [], mentions: [{ start: 11, end: 17, text: 'Moscow' }] };
    const listed = keys(run(keys(start, 'enter'), { type: 'entities', articleIndex: 0, entities: [moscow] }), 'e', 'm');
    assert.equal(listed.overlay, 'mentions');
    assert.deepEqual(copied(keys(listed, 'y')), [`First about Moscow.\n\n— Sourced, 2024-03-01\n${url}\n`]);
  });
});
