// The list's counter says what its numbers count ("article 2 of 3", "2 of 3 articles match",
// "(with typos)" when typo tolerance let articles in), and every snippet under a hit shows its
// match at the widths the list is drawn at.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../source/app';
import { makeArticle, makeLibrary } from '../helpers/articles';
import { keys, press, waitForFrame } from '../helpers/ink';

afterEach(() => cleanup());

const lines = (frame: string) => frame.split('\n');
const lastLine = (frame: string) => lines(frame).at(-1) ?? '';
/** The prompt's count is for the query typed, not one still being searched (the count is then followed by …). */
const counted = (frame: string, count: RegExp) => count.test(lastLine(frame)) && !/(match|matches|\(with typos\))…/.test(lastLine(frame));

const library = makeLibrary([
  makeArticle('Weather in Lisbon', ['Sunny, with a light breeze from the sea.']),
  makeArticle('Rockets over the heights', ['The army said Netanyahu was briefed.']),
  makeArticle('A meeting in Moscow', ['Prime Minister Benjamin Netanyahu flew to Moscow.']),
]);

async function typeFilter(app: ReturnType<typeof render>, query: string): Promise<void> {
  await press(app, '/', (f) => /^\/ /m.test(lastLine(f)));
  for (const ch of query) app.stdin.write(ch);
}

describe('the list counter', () => {
  test('names what it counts, with and without a filter', async () => {
    const app = render(<App library={library} viewport={{ cols: 90, rows: 20 }} />);
    await waitForFrame(app, (f) => /article 1 of 3\b/.test(lastLine(f)), 'the position among the articles');
    await press(app, keys.down, (f) => /article 2 of 3\b/.test(lastLine(f)));
    await typeFilter(app, 'netanyahu');
    await waitForFrame(app, (f) => counted(f, /2 of 3 articles match\b/), 'the prompt counts matching articles');
    const kept = await press(app, keys.enter, (f) => /match 1 of 2 · 2 of 3 articles match/.test(lastLine(f)));
    assert.doesNotMatch(kept, /with typos/, 'no typo was needed');
  });

  test('says (with typos) when typo matches are counted, and not for an exact term', async () => {
    const app = render(<App library={library} viewport={{ cols: 90, rows: 20 }} />);
    await typeFilter(app, 'netanyhau');
    await waitForFrame(app, (f) => counted(f, /2 of 3 articles match \(with typos\)/), 'the typo note');
    for (let i = 0; i < 'netanyhau'.length; i++) await press(app, keys.backspace);
    for (const ch of "'netanyahu") app.stdin.write(ch);
    const exact = await waitForFrame(app, (f) => counted(f, /2 of 3 articles match/) && lastLine(f).includes("'netanyahu"), 'the exact count');
    assert.doesNotMatch(lastLine(exact), /with typos/);
    for (let i = 0; i < "'netanyahu".length; i++) await press(app, keys.backspace);
    for (const ch of 'lisbon') app.stdin.write(ch);
    await waitForFrame(app, (f) => counted(f, /1 of 3 articles matches/) && lastLine(f).includes('lisbon'), 'one article matches');
  });
});

describe('snippets in the list', () => {
  // The match lies far to the right in a long paragraph: a window cut at a fixed length and then
  // truncated to the screen would lose it.
  const lead = 'The committee heard evidence from several witnesses over the course of a long afternoon session, ';
  const far = makeLibrary([
    makeArticle('First report', [`${lead.repeat(2)}and then the Golan question was raised again by the chair.`]),
    makeArticle('Second report', [`${lead}${lead.slice(0, 40)} finally the Angolan envoy spoke about the golan.`]),
    makeArticle('Third report', [`Golan first. ${lead.repeat(3)}`]),
  ]);

  for (const cols of [40, 60, 80, 100, 120]) {
    test(`at ${cols} columns every snippet shows the match`, async () => {
      const app = render(<App library={far} viewport={{ cols, rows: 24 }} />);
      await typeFilter(app, "'golan");
      const frame = await waitForFrame(app, (f) => counted(f, /3 of 3 articles match/), 'three hits');
      const snippets = lines(frame).filter((line) => /^ {4}\S/.test(line));
      assert.equal(snippets.length, 3, frame);
      for (const line of snippets) {
        assert.match(line, /golan/i, `a snippet without its match at ${cols}: ${JSON.stringify(line)}`);
        assert.ok(line.length <= cols, `fits ${cols}: ${line}`);
      }
    });
  }
});
