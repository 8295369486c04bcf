import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../source/app';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';
import { keys, press, waitForFrame } from '../helpers/ink';

afterEach(() => cleanup());

const long = makeArticle('The long read', numberedParagraphs(12, 6));
const short = makeArticle('A short note', ['Just one paragraph.']);
const library = makeLibrary([long, short]);
const size = { cols: 80, rows: 20 };
const lines = (frame: string) => frame.split('\n');

describe('list view', () => {
  test('shows a header with the count, one row per article and key hints', () => {
    const app = render(<App library={library} viewport={size} />);
    const frame = app.lastFrame() ?? '';
    assert.match(lines(frame)[0] ?? '', /lede .*2 articles/);
    assert.match(frame, /› The long read/);
    assert.match(frame, /A short note/);
    assert.match(frame, /\? help/);
  });

  test('j and k move the selection; Enter opens the selected article', async () => {
    const app = render(<App library={library} viewport={size} />);
    await press(app, 'j', (f) => /› A short note/.test(f));
    await press(app, 'k', (f) => /› The long read/.test(f));
    await press(app, keys.down, (f) => /› A short note/.test(f));
    const reader = await press(app, keys.enter, (f) => /page 1\/1/.test(f));
    assert.match(lines(reader)[0] ?? '', /A short note/);
    assert.match(reader, /Just one paragraph\./);
  });

  test('an empty library says what was looked for and which formats are read', () => {
    const app = render(<App library={makeLibrary([], { label: 'empty/' })} viewport={size} />);
    const frame = app.lastFrame() ?? '';
    assert.match(frame, /No articles found in empty\//);
    assert.match(frame, /\.txt, \.md, \.json and \.jsonl/);
  });

  test('skipped files are counted in the header and listed one key away', async () => {
    const withSkipped = makeLibrary([short], { skipped: [{ path: 'photo.jpg.txt', reason: 'binary (NUL bytes)' }] });
    const app = render(<App library={withSkipped} viewport={size} />);
    assert.match(app.lastFrame() ?? '', /1 skipped \(s\)/);
    const frame = await press(app, 's', (f) => /Skipped files/.test(f));
    assert.match(frame, /binary \(NUL bytes\) +photo\.jpg\.txt/);
    await press(app, keys.esc, (f) => /› A short note/.test(f));
  });
});

describe('skipped files', () => {
  test('a long list of skipped files scrolls with j, G and g; any other key closes it', async () => {
    const skipped = Array.from({ length: 100 }, (_, i) => ({ path: `bad-${String(i).padStart(3, '0')}.txt`, reason: 'binary (NUL bytes)' }));
    const app = render(<App library={makeLibrary([short], { skipped })} viewport={size} />);
    const first = await press(app, 's', (f) => /Skipped files \(100\)/.test(f));
    assert.match(first, /bad-000\.txt/);
    assert.match(first, /1–17 of 100/);
    await press(app, 'j', (f) => /2–18 of 100/.test(f) && !/bad-000\.txt/.test(f));
    await press(app, 'G', (f) => /bad-099\.txt/.test(f) && /84–100 of 100/.test(f));
    await press(app, 'g', (f) => /bad-000\.txt/.test(f));
    await press(app, 'x', (f) => /› A short note/.test(f));
  });
});

describe('reader view', () => {
  test('pages forward and back with Space, f, PgDn, b, PgUp, g and G', async () => {
    const app = render(<App library={library} viewport={size} />);
    await press(app, keys.enter, (f) => /page 1\/\d+ · \d+%/.test(f));
    const first = app.lastFrame() ?? '';
    const pages = Number(/page 1\/(\d+)/.exec(first)?.[1]);
    assert.ok(pages >= 3, `expected several pages, got ${pages}`);
    await press(app, ' ', (f) => f.includes(`page 2/${pages}`));
    await press(app, 'f', (f) => f.includes(`page 3/${pages}`));
    await press(app, 'b', (f) => f.includes(`page 2/${pages}`));
    await press(app, keys.pageDown, (f) => f.includes(`page 3/${pages}`));
    await press(app, keys.pageUp, (f) => f.includes(`page 2/${pages}`));
    await press(app, 'G', (f) => f.includes(`page ${pages}/${pages} · 100%`));
    await press(app, 'g', (f) => f.includes(`page 1/${pages}`));
  });

  test('the page exactly fills the frame, which is one row shorter than the terminal', async () => {
    const app = render(<App library={library} viewport={size} />);
    const frame = await press(app, keys.enter, (f) => /page 1\//.test(f));
    assert.equal(lines(frame).length, size.rows - 1);
    assert.match(lines(frame).at(-1) ?? '', /page 1\//);
    // Title, rule, then body text right away.
    assert.match(lines(frame)[1] ?? '', /─{10}/);
    assert.match(lines(frame)[2] ?? '', /Sentence p1s1/);
  });

  test('j scrolls one line: the second line moves to the top', async () => {
    const app = render(<App library={library} viewport={size} />);
    const frame = await press(app, keys.enter, (f) => /page 1\//.test(f));
    const secondBodyLine = (lines(frame)[3] ?? '').trim();
    const scrolled = await press(app, 'j');
    assert.equal((lines(scrolled)[2] ?? '').trim(), secondBodyLine);
  });

  test('Esc, h and ← return to the list with the cursor on the article just read', async () => {
    const app = render(<App library={library} viewport={size} />);
    for (const back of [keys.esc, 'h', keys.left]) {
      await press(app, 'j', (f) => /› A short note/.test(f));
      await press(app, keys.enter, (f) => /page 1\/1/.test(f));
      const list = await press(app, back, (f) => /articles/.test(f));
      assert.match(list, /› A short note/);
      await press(app, 'k', (f) => /› The long read/.test(f));
    }
  });

  test('resizing re-wraps and keeps the first visible paragraph on screen', async () => {
    const app = render(<App library={library} viewport={size} />);
    await press(app, keys.enter, (f) => /page 1\//.test(f));
    await press(app, ' ', (f) => /page 2\//.test(f));
    await press(app, ' ', (f) => /page 3\//.test(f));
    const before = app.lastFrame() ?? '';
    const topSentence = /p\d+s\d+/.exec(lines(before)[2] ?? '')?.[0];
    assert.ok(topSentence);
    app.rerender(<App library={library} viewport={{ cols: 50, rows: 14 }} />);
    const after = await waitForFrame(app, (f) => lines(f).length === 13, 'a 13-row frame');
    const body = lines(after).slice(2, -1).join(' ');
    assert.ok(body.includes(topSentence), `${topSentence} should still be on screen:\n${after}`);
    for (const line of lines(after)) assert.ok(line.length <= 50);
  });

  test('a terminal smaller than 40×10 gets a notice and recovers when enlarged', async () => {
    const app = render(<App library={library} viewport={size} />);
    app.rerender(<App library={library} viewport={{ cols: 30, rows: 8 }} />);
    await waitForFrame(app, (f) => /too small/.test(f), 'the too-small notice');
    app.rerender(<App library={library} viewport={size} />);
    await waitForFrame(app, (f) => /› The long read/.test(f), 'the list again');
  });
});

describe('help and quitting', () => {
  test('? shows help for the current screen, generated from the keymap; any key closes it', async () => {
    const app = render(<App library={library} viewport={{ cols: 80, rows: 40 }} />);
    const listHelp = await press(app, '?', (f) => /Keys/.test(f));
    assert.match(listHelp, /Article list/);
    assert.match(listHelp, /PgDn Space f Ctrl\+F +next page/);
    const listEnd = await press(app, 'G', (f) => /Search syntax/.test(f), 'the search syntax at the end of the list help');
    assert.match(listEnd, /'golan' +exactly this word/);
    await press(app, '?', (f) => /› The long read/.test(f));
    await press(app, keys.enter, (f) => /page 1\//.test(f));
    const readerHelp = await press(app, '?', (f) => /Keys/.test(f));
    assert.match(readerHelp, /Reader/);
    assert.match(readerHelp, /\] +next mention of the selected entity/);
    const end = await press(app, 'G', (f) => /Mentions list/.test(f), 'G scrolls help to its end');
    assert.match(end, /close help/);
    await press(app, 'q', (f) => /page 1\//.test(f), 'q closes help');
  });
});

describe('keys in one chunk', () => {
  test('two keys written at once are both handled', async () => {
    const app = render(<App library={library} viewport={size} />);
    // "j" then Enter in one write, as a fast typist or a script sends them.
    await press(app, 'j\r', (f) => /page 1\/1/.test(f) && /A short note/.test(f), 'the second article open');
  });
});

describe('background work', () => {
  test('the list says the library’s entities are being found, then stops saying so', async () => {
    const app = render(<App library={library} viewport={size} />);
    await waitForFrame(app, (f) => /finding entities \d+%/.test(f), 'the progress note', 5000);
    await waitForFrame(app, (f) => !/finding entities/.test(f) && /› The long read/.test(f), 'the note gone', 10_000);
  });
});
