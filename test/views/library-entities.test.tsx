import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../source/app';
import { makeArticle, makeLibrary, numberedParagraphs } from '../helpers/articles';
import { memoryCorrections } from '../helpers/corrections-store';
import { keys, press, waitForFrame } from '../helpers/ink';

afterEach(() => cleanup());

// Unambiguous newswire sentences, so the real tagger finds the same names every time.
const moscow = makeArticle('Talks in Moscow', [
  'Israeli Prime Minister Benjamin Netanyahu met Russian President Vladimir Putin in Moscow on Wednesday.',
  ...numberedParagraphs(8, 5),
  'Netanyahu told reporters in Jerusalem that the talks had gone well.',
]);
const golan = makeArticle('Rockets over the Golan', [
  'Prime Minister Benjamin Netanyahu said the army had intercepted the rockets over the Golan Heights.',
  'Netanyahu spoke to reporters in Jerusalem later.',
]);
const weather = makeArticle('Weather report', ['Sunny with a light breeze from the sea, and rain later in the week.']);
const library = makeLibrary([moscow, weather, golan]);
const size = { cols: 120, rows: 30 };
const passDone = (f: string) => /› Talks in Moscow/.test(f) && !/finding entities/.test(f);

async function openEntities(app: ReturnType<typeof render>) {
  await waitForFrame(app, passDone, 'the library pass finished', 10_000);
  return press(app, 'e', (f) => /^Entities · \d+/m.test(f), 'the library’s entities');
}

describe('the library’s entities', () => {
  test('e lists every entity with its type, articles and mentions, most articles first; t cycles the type shown', async () => {
    const app = render(<App library={library} viewport={size} />);
    const frame = await openEntities(app);
    assert.match(frame, /›P Benjamin Netanyahu +2 art 4/, 'Netanyahu: in 2 articles, 4 mentions, first');
    assert.match(frame, /L Jerusalem +2 art 2/);
    assert.match(frame, /Appears with/);
    const people = await press(app, 't', (f) => /· people/.test(f));
    assert.doesNotMatch(people, /L Jerusalem +2 art/, 'places are not listed (they may still appear with a person)');
    await press(app, 't', (f) => /· places/.test(f));
  });

  test('/ filters by name with typos forgiven; Esc clears the filter, then goes back to the list', async () => {
    const app = render(<App library={library} viewport={size} />);
    await openEntities(app);
    await press(app, '/');
    for (const ch of 'jerusalm') app.stdin.write(ch);
    const filtered = await waitForFrame(app, (f) => /Entities · 1 ·/.test(f), 'one entity left');
    assert.match(filtered, /Jerusalem/);
    await press(app, keys.enter, (f) => /filter “jerusalm”/.test(f));
    await press(app, keys.esc, (f) => /Entities · \d+ · all types$/m.test(f), 'Esc clears the filter');
    await press(app, keys.esc, passDone, 'and then back to the list');
  });

  test('Enter shows its mentions across the library; Enter on one opens the article there; Esc goes back up the way it came', async () => {
    const app = render(<App library={library} viewport={size} />);
    await openEntities(app);
    const mentions = await press(app, keys.enter, (f) => /Mentions of Benjamin Netanyahu · 2 articles/.test(f));
    assert.match(mentions, /Talks in Moscow · 3 mentions|Rockets over the Golan/);
    await waitForFrame(app, (f) => !/reading…/.test(f) && /Netanyahu met Russian President|intercepted the rockets/.test(f), 'the mentions read, in context');
    // The second mention of the library, in order.
    await press(app, 'j', (f) => /2\/4/.test(f));
    const opened = await press(app, keys.enter, (f) => /page \d+\//.test(f), 'the article opens');
    await waitForFrame(app, (f) => /Benjamin Netanyahu 2\/\d/.test(f), 'at that mention, the entity selected');
    assert.match(opened, /Entities/, 'with the panel open');
    await press(app, keys.esc, (f) => /Mentions of Benjamin Netanyahu/.test(f), 'Esc: back to the mentions');
    await press(app, keys.esc, (f) => /^Entities ·/m.test(f), 'Esc: back to the entities');
    await press(app, keys.esc, passDone, 'Esc: back to the list');
  });

  test('corrections: H hides an entity everywhere, U undoes it; they reach the panel too', async () => {
    const store = memoryCorrections();
    const app = render(<App library={library} viewport={size} corrections={store} />);
    await openEntities(app);
    const hidden = await press(app, 'H', (f) => /hide “Benjamin Netanyahu” · U undoes it/.test(f));
    assert.doesNotMatch(hidden, /P Benjamin Netanyahu/);
    assert.deepEqual(store.list, [{ op: 'hide', name: 'Benjamin Netanyahu' }]);
    await press(app, keys.esc, passDone);
    await press(app, keys.enter, (f) => /page 1\//.test(f));
    const panel = await press(app, 'e', (f) => /Entities \(\d+\)/.test(f));
    assert.doesNotMatch(panel, /Benjamin Netanyahu +\d/, 'hidden in the panel too');
    await press(app, keys.tab, (f) => /·focus/.test(f));
    await press(app, 'U', (f) => /undone: hide “Benjamin Netanyahu”/.test(f));
    await waitForFrame(app, (f) => /P Benjamin Netanyahu +2/.test(f), 'back in the panel');
    assert.deepEqual(store.list, []);
  });
});
