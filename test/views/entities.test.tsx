import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../source/app';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';
import { keys, press, waitForFrame } from '../helpers/ink';

afterEach(() => cleanup());

// Unambiguous newswire sentences, so the real tagger (not a stub) finds the same names every time.
const moscow = makeArticle('Talks in Moscow', [
  'Israeli Prime Minister Benjamin Netanyahu met Russian President Vladimir Putin in Moscow on Wednesday.',
  ...numberedParagraphs(8, 5),
  'Netanyahu told reporters in Jerusalem that the talks had gone well.',
  ...numberedParagraphs(8, 5),
  'Later, Netanyahu flew back to Israel.',
]);
const weather = makeArticle('Weather report', ['Sunny with a light breeze from the sea, and rain later in the week.']);
const golan = makeArticle('Rockets over the Golan', [
  'Prime Minister Benjamin Netanyahu said the army had intercepted the rockets over the Golan Heights.',
]);
const library = makeLibrary([moscow, weather, golan]);
const size = { cols: 120, rows: 24 };
const lines = (frame: string) => frame.split('\n');
const panelReady = (f: string) => /Entities \(\d+\)/.test(f);

async function openFirst(app: ReturnType<typeof render>) {
  await press(app, keys.enter, (f) => /page 1\//.test(f));
  await press(app, 'e', panelReady, 'the entity panel with its entities');
}

describe('entity panel', () => {
  test('e shows people, places and organizations with counts and type markers, beside the page', async () => {
    const app = render(<App library={library} viewport={size} />);
    await openFirst(app);
    const frame = app.lastFrame() ?? '';
    assert.match(frame, /People/);
    assert.match(frame, /Places/);
    assert.match(frame, /›P Benjamin Netanyahu +3/, 'the most mentioned person first, selected, with a count');
    assert.match(frame, /L Moscow +2/, 'one mention in the title, one in the text');
    // Beside the page: the title line also carries the panel heading.
    assert.match(lines(frame)[0] ?? '', /Talks in Moscow.*Entities/);
    await press(app, 'e', (f) => !/Entities \(/.test(f), 'e hides the panel');
  });

  test('on a narrow terminal the panel goes below the page', async () => {
    const app = render(<App library={library} viewport={{ cols: 60, rows: 24 }} />);
    await openFirst(app);
    const frame = app.lastFrame() ?? '';
    const headingRow = lines(frame).findIndex((l) => /Entities \(/.test(l));
    assert.ok(headingRow > 5, `panel below the text, got row ${headingRow}`);
    assert.equal(lines(frame).length, 23);
  });

  test('] and [ jump between mentions, turning pages and wrapping around, with a 1/3 status', async () => {
    const app = render(<App library={library} viewport={size} />);
    await openFirst(app);
    await press(app, ']', (f) => /Benjamin Netanyahu 1\/3/.test(f));
    let frame = await press(app, ']', (f) => /Benjamin Netanyahu 2\/3/.test(f));
    assert.match(frame, /told reporters in Jerusalem/, 'the page turned to the second mention');
    assert.ok(!/page 1\//.test(frame));
    frame = await press(app, ']', (f) => /Benjamin Netanyahu 3\/3/.test(f));
    assert.match(frame, /flew back to Israel/);
    frame = await press(app, ']', (f) => /Benjamin Netanyahu 1\/3/.test(f), 'wrapping to the first');
    assert.match(frame, /page 1\//);
    await press(app, '[', (f) => /Benjamin Netanyahu 3\/3/.test(f), '[ wraps backwards');
  });

  test('Tab gives the panel focus: j selects the next entity, Enter goes to its first mention', async () => {
    const app = render(<App library={library} viewport={size} />);
    await openFirst(app);
    await press(app, 'G', (f) => /100%/.test(f));
    await press(app, keys.tab, (f) => /·focus/.test(f));
    const selected = await press(app, 'j', (f) => !/›P Benjamin Netanyahu/.test(f));
    const name = /›[PLO] (\S+(?: \S+)*?) +\d+/.exec(selected)?.[1];
    assert.ok(name, 'another entity is selected');
    const frame = await press(app, keys.enter, (f) => f.includes(`${name} 1/`));
    assert.match(frame, /page 1\//, 'its first mention is on the first page');
    await press(app, keys.tab, (f) => !/·focus/.test(f));
    await press(app, 'j', (f) => /page 1\//.test(f), 'j scrolls the page again');
  });

  test('m lists the mentions in context; Enter jumps to the chosen one', async () => {
    const app = render(<App library={library} viewport={size} />);
    await openFirst(app);
    const list = await press(app, 'm', (f) => /Mentions of Benjamin Netanyahu \(3\)/.test(f));
    assert.match(list, /› *1\/3 .*Benjamin Netanyahu met Russian President/);
    assert.match(list, /3\/3 .*flew back to Israel/);
    await press(app, 'j', (f) => /› *2\/3/.test(f));
    const frame = await press(app, keys.enter, (f) => /Benjamin Netanyahu 2\/3/.test(f));
    assert.match(frame, /told reporters in Jerusalem/);
  });

  test('} and { open the next and previous article mentioning the entity, at its first mention', async () => {
    const app = render(<App library={library} viewport={size} />);
    // The list says when the library pass has finished (cross-article jumps need it): no guessing.
    await waitForFrame(app, (f) => /› Talks in Moscow/.test(f) && !/finding entities/.test(f), 'the library pass finished', 10_000);
    await openFirst(app);
    let frame = await press(app, '}', (f) => /Rockets over the Golan/.test(lines(f)[0] ?? ''), '} skipped the weather report');
    await waitForFrame(app, (f) => /Netanyahu 1\/1/.test(f), 'the followed entity selected at its mention');
    frame = await press(app, '{', (f) => /Talks in Moscow/.test(lines(f)[0] ?? ''));
    await waitForFrame(app, (f) => /Benjamin Netanyahu 1\/3/.test(f), 'back, at the first mention');
    assert.match(frame, /Talks in Moscow/);
  });

  test('} on an entity no other article names says so on the status line, and stays put', async () => {
    const app = render(<App library={makeLibrary([moscow, weather])} viewport={size} />);
    await waitForFrame(app, (f) => /› Talks in Moscow/.test(f) && !/finding entities/.test(f), 'the library pass finished', 10_000);
    await openFirst(app);
    const frame = await press(app, '}', (f) => /no other article mentions Benjamin Netanyahu/.test(f));
    assert.match(lines(frame)[0] ?? '', /Talks in Moscow/, 'still in the same article');
  });
});

describe('@name in the list filter', () => {
  test('keeps only the articles that mention the entity', async () => {
    const app = render(<App library={library} viewport={size} />);
    await press(app, '/');
    for (const ch of '@netanyahu') app.stdin.write(ch);
    const frame = await waitForFrame(app, (f) => /2 of 3/.test(f), 'two articles mention Netanyahu', 10_000);
    assert.match(frame, /Talks in Moscow/);
    assert.match(frame, /Rockets over the Golan/);
    assert.ok(!frame.includes('Weather report'));
  });
});
