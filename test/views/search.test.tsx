import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../source/app';
import { initialState } from '../../source/state/reducer';
import { ListView } from '../../source/views/list-view';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';
import { keys, press, waitForFrame } from '../helpers/ink';

afterEach(() => cleanup());

const netanyahu = makeArticle('Netanyahu meets Putin in Moscow', [
  'Prime Minister Benjamin Netanyahu flew to Moscow.',
  'Putin said little. Netanyahu said more.',
]);
const golan = makeArticle('Rockets over the Golan Heights', ['The army said Netanyahu was briefed.', 'Nothing else.']);
const weather = makeArticle('Weather in Lisbon', ['Sunny, with a light breeze from the sea.']);
const library = makeLibrary([weather, golan, netanyahu]);
const size = { cols: 90, rows: 20 };
const lines = (frame: string) => frame.split('\n');

describe('library filter', () => {
  test('/ filters on every key, ranks title hits first, counts and shows a snippet', async () => {
    const app = render(<App library={library} viewport={size} />);
    await press(app, '/', (f) => /^\/ /m.test(lines(f).at(-1) ?? ''));
    for (const ch of 'netanyahu') app.stdin.write(ch);
    const frame = await waitForFrame(app, (f) => /2 of 3/.test(f), 'the counter');
    const rows = lines(frame);
    assert.match(rows[1] ?? '', /› Netanyahu meets Putin in Moscow/, 'the title hit ranks first');
    assert.match(rows[2] ?? '', /Benjamin Netanyahu/, 'a snippet under the hit');
    assert.match(rows[3] ?? '', /Rockets over the Golan Heights/, 'the body hit second');
    assert.ok(!frame.includes('Weather in Lisbon'));
  });

  test('a typo still finds the name; Backspace (DEL) edits; Esc clears the filter', async () => {
    const app = render(<App library={library} viewport={size} />);
    await press(app, '/');
    for (const ch of 'netanyhau') app.stdin.write(ch);
    await waitForFrame(app, (f) => /2 of 3/.test(f), 'typo-tolerant matches');
    for (const ch of ' zq') app.stdin.write(ch);
    await waitForFrame(app, (f) => /No article matches “netanyhau zq”/.test(f), 'no match');
    await press(app, keys.backspace, (f) => f.includes('/netanyhau z '));
    await press(app, keys.backspace);
    await press(app, keys.backspace, (f) => /2 of 3/.test(f) && f.includes('/netanyhau '));
    await press(app, keys.esc, (f) => /Weather in Lisbon/.test(f) && /› Weather/.test(f));
  });

  test('while typing, q and j are text; Enter keeps the filter and the list takes keys again', async () => {
    const app = render(<App library={library} viewport={size} />);
    await press(app, '/');
    await press(app, 'q', (f) => f.includes('/q'));
    await press(app, keys.backspace);
    for (const ch of 'golan') app.stdin.write(ch);
    await waitForFrame(app, (f) => /1 of 3/.test(f), 'one hit');
    const kept = await press(app, keys.enter, (f) => /filter “golan”/.test(f));
    assert.match(kept, /› Rockets over the Golan Heights/);
    const reader = await press(app, keys.enter, (f) => /page 1\//.test(f));
    assert.match(lines(reader)[0] ?? '', /Rockets over the Golan/);
    await press(app, keys.esc, (f) => /› Rockets over the Golan Heights/.test(f) && /filter “golan”/.test(f));
    await press(app, keys.esc, (f) => /› Weather in Lisbon/.test(f), 'Esc in the list clears the filter');
  });

  test('the help overlay documents the search syntax', async () => {
    const app = render(<App library={library} viewport={{ cols: 120, rows: 40 }} />);
    await press(app, '?', (f) => /Keys/.test(f));
    const help = await press(app, 'G', (f) => /Search syntax/.test(f), 'the end of the help page');
    assert.match(help, /iran \| syria +either word/);
    assert.match(help, /!russia +articles without it/);
  });
});

describe('@name in the library filter', () => {
  // Plain newswire sentences, so the real tagger finds the same names every time. The article
  // that mentions Putin once comes first in the library: ranking, not order, puts the other first.
  const once = makeArticle('Oil prices', ['Oil rose on Monday.', 'Traders in London said a remark by Vladimir Putin had moved the market.']);
  const about = makeArticle('Kremlin talks', [
    'Russian President Vladimir Putin met envoys in Moscow on Tuesday.',
    'Putin said the talks had gone well. Putin thanked the envoys, and Putin left for Sochi.',
  ]);
  const other = makeArticle('Weather in Lisbon', ['Sunny, with a light breeze from the sea.']);
  const entityLibrary = makeLibrary([once, about, other]);

  async function filterBy(app: ReturnType<typeof render>, query: string, counter: RegExp): Promise<string> {
    for (const ch of query) app.stdin.write(ch);
    // The prompt line shows the query and the counter, with … while the result is for an older query.
    const settled = (f: string) => {
      const prompt = lines(f).at(-1) ?? '';
      return prompt.startsWith(`/${query}`) && counter.test(prompt) && !prompt.endsWith('…') && !/need the library/.test(f);
    };
    return waitForFrame(app, settled, `“${query}”: ${counter}`, 10_000);
  }

  test('@putin ranks the article about him first, with his first mention as its snippet', async () => {
    const app = render(<App library={entityLibrary} viewport={size} />);
    await press(app, '/');
    const rows = lines(await filterBy(app, '@putin', /2 of 3/));
    assert.match(rows[1] ?? '', /› Kremlin talks/, 'more mentions rank first');
    assert.match(rows[2] ?? '', /^ +Russian President Vladimir Putin met envoys/, 'the snippet is the first mention');
    assert.match(rows[3] ?? '', /Oil prices/);
    assert.match(rows[4] ?? '', /remark by Vladimir Putin/, 'not the first paragraph: the one with the mention');
  });

  test('@names compose with the other terms: | and !', async () => {
    const app = render(<App library={entityLibrary} viewport={size} />);
    await press(app, '/');
    let frame = await filterBy(app, 'zzzz | @putin', /2 of 3/);
    assert.ok(!frame.includes('Weather in Lisbon'));
    for (let i = 0; i < 'zzzz | @putin'.length; i++) app.stdin.write(keys.backspace);
    frame = await filterBy(app, '!@putin', /1 of 3/);
    assert.match(frame, /› Weather in Lisbon/);
    for (let i = 0; i < '!@putin'.length; i++) app.stdin.write(keys.backspace);
    frame = await filterBy(app, 'oil @"vladimir putin"', /1 of 3/);
    assert.match(frame, /› Oil prices/);
  });

  test('while the library’s entities are not known, a query with an @name says it waits for them', () => {
    const base = initialState(entityLibrary, size);
    const withQuery = (query: string) => ({ ...base, filter: { ...base.filter, query } });
    const waits = (query: string) => (render(<ListView state={withQuery(query)} viewport={size} />).lastFrame() ?? '').includes('@names need the library’s entities');
    for (const query of ['@putin', 'iran | @putin', '!@putin', 'oil @"vladimir putin']) assert.ok(waits(query), query);
    for (const query of ['putin', "'@putin", 'mail@example', '@']) assert.ok(!waits(query), query);
  });
});

describe('search in the article', () => {
  const long = makeArticle('The long read', [
    ...numberedParagraphs(6, 6),
    'Here the needle appears once.',
    ...numberedParagraphs(6, 6),
    'And the needle again, at the end.',
  ]);
  const readerLibrary = makeLibrary([long]);

  test('/ highlights matches, jumps across pages, n and N wrap around, status says match i/n', async () => {
    const app = render(<App library={readerLibrary} viewport={size} />);
    await press(app, keys.enter, (f) => /page 1\//.test(f));
    await press(app, '/');
    for (const ch of 'needle') app.stdin.write(ch);
    await press(app, keys.enter, (f) => /match 1\/2/.test(f) && !/^\//m.test(lines(f).at(-1) ?? ''));
    let frame = app.lastFrame() ?? '';
    assert.match(frame, /Here the needle appears once/, 'the first match is on screen');
    assert.ok(!/page 1\//.test(frame), 'the reader turned pages to reach it');
    frame = await press(app, 'n', (f) => /match 2\/2/.test(f));
    assert.match(frame, /the needle again/);
    frame = await press(app, 'n', (f) => /match 1\/2/.test(f));
    assert.match(frame, /appears once/, 'n wraps around to the first match');
    frame = await press(app, 'N', (f) => /match 2\/2/.test(f));
    assert.match(frame, /the needle again/, 'N wraps around backwards');
  });

  test('a query with no match says so, and a typo falls back to fuzzy matches', async () => {
    const app = render(<App library={readerLibrary} viewport={size} />);
    await press(app, keys.enter, (f) => /page 1\//.test(f));
    await press(app, '/');
    for (const ch of 'zebra') app.stdin.write(ch);
    await press(app, keys.enter, (f) => /no match for “zebra”/.test(f));
    await press(app, '/');
    for (const ch of 'neddle') app.stdin.write(ch);
    await press(app, keys.enter, (f) => /match 1\/2 \(with typos\)/.test(f));
  });
});
