// What the keys of issue 11 show: the one-line notices, the panel's footer, and help's search
// with typos forgiven.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../source/app';
import { makeArticle, makeLibrary } from '../helpers/articles';
import { keys, press } from '../helpers/ink';

afterEach(() => cleanup());

const first = makeArticle('First story', ['One short paragraph.']);
const second = makeArticle('Second story', ['Another short paragraph.']);
const library = makeLibrary([first, second]);
const size = { cols: 80, rows: 20 };
const statusLine = (frame: string) => frame.split('\n').filter((line) => line.trim() !== '').at(-1) ?? '';

describe('notices and the reader’s Space', () => {
  test('Space on the last page opens the next article with a one-line notice; a key that does nothing says so', async () => {
    const app = render(<App library={library} viewport={size} />);
    await press(app, keys.enter, (f) => /First story/.test(f.split('\n')[0] ?? ''));
    const next = await press(app, ' ', (f) => /Second story/.test(f.split('\n')[0] ?? ''));
    assert.match(statusLine(next), /end of the article: on to the next \(2\/2\)/);
    const end = await press(app, ' ', (f) => /end of the last article/.test(f));
    assert.match(end.split('\n')[0] ?? '', /Second story/);
    const x = await press(app, 'x', (f) => /x does nothing here/.test(f));
    assert.match(statusLine(x), /x does nothing here · \? lists the keys/);
  });

  test('with the panel focused the footer says what Space and PgDn do there', async () => {
    const app = render(<App library={library} viewport={size} />);
    await press(app, keys.enter, (f) => /page 1\/1/.test(f));
    const focused = await press(app, keys.tab, (f) => /down the list/.test(f));
    assert.match(statusLine(focused), /PgDn down the list/);
    assert.match(statusLine(focused), /Tab page/);
  });
});

describe('help search', () => {
  test('“bokmark” finds the bookmark line and says the match has typos', async () => {
    const app = render(<App library={library} viewport={size} />);
    await press(app, '?', (f) => /Keys/.test(f));
    await press(app, '/');
    for (const ch of 'bokmark') await press(app, ch);
    const found = await press(app, keys.enter, (f) => /with typos/.test(f));
    assert.match(found, /flag or unflag the article \(!\), a bookmark/);
    assert.match(statusLine(found), /“bokmark” 1\/1 \(with typos\)/);
  });
});
