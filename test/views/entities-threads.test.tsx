// Which thread extracts what: a long article never on the main thread (every key would wait for
// it), and a small library's articles once each. Checked by watching the main thread's extractor,
// not by timing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, mock, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../source/app';
import { loadEntityExtractor } from '../../source/core/entities';
import { MAIN_THREAD_MAX_CHARS } from '../../source/core/entities/entity-source';
import { makeArticle, makeLibrary } from '../helpers/articles';
import { keys, press, waitForFrame } from '../helpers/ink';

const size = { cols: 120, rows: 24 };
const panelReady = (f: string) => /Entities \(\d+\)/.test(f);

/** From the list: waits until the library pass has finished, which `@name` filtering needs. */
async function waitForLibraryPass(app: ReturnType<typeof render>, mentioning: number, total: number) {
  await press(app, '/');
  for (const ch of '@netanyahu') app.stdin.write(ch);
  await waitForFrame(app, (f) => f.includes(`${mentioning} of ${total}`), 'the library pass to finish', 30_000);
  // Enter leaves the prompt, keeping the filter: its first hit is selected.
  await press(app, keys.enter, (f) => /filter “@netanyahu”/.test(f));
}

let cacheDir = '';
before(() => {
  // A fresh cache, so the long article is really extracted rather than read back from an earlier run.
  cacheDir = mkdtempSync(join(tmpdir(), 'lede-threads-'));
  process.env.LEDE_CACHE_DIR = cacheDir;
});
after(() => rmSync(cacheDir, { recursive: true, force: true }));
afterEach(() => {
  cleanup();
  mock.restoreAll();
});

/** Every text the main thread's extractor (the one the app shares) is asked for, by length. */
async function spyOnExtract(): Promise<number[]> {
  const extractor = await loadEntityExtractor();
  const lengths: number[] = [];
  const extract = extractor.extract.bind(extractor);
  mock.method(extractor, 'extract', (text: string) => {
    lengths.push(text.length);
    return extract(text);
  });
  return lengths;
}

describe('entity extraction threads', () => {
  test('a long article is extracted in a worker: keys are handled meanwhile, and its entities arrive', async () => {
    const paragraph =
      'Prime Minister Benjamin Netanyahu met President Vladimir Putin in Moscow, where officials from the Kremlin and the army discussed the Golan Heights at length.';
    const long = makeArticle('A very long report', Array.from({ length: Math.ceil((MAIN_THREAD_MAX_CHARS * 6) / paragraph.length) }, () => paragraph));
    assert.ok(long.text.length > MAIN_THREAD_MAX_CHARS * 5);
    const short = makeArticle('Weather report', ['Sunny in Lisbon with a light breeze from the sea.']);
    const lengths = await spyOnExtract();
    const app = render(<App library={makeLibrary([long, short])} viewport={size} />);
    await press(app, keys.enter, (f) => /page 1\//.test(f));
    await press(app, 'e', (f) => /Entities/.test(f));
    // The help opens and closes while the article's entities are being found.
    await press(app, '?', (f) => /Keys/.test(f), 'the help');
    await press(app, '?', (f) => /page 1\//.test(f), 'the page again');
    const frame = await waitForFrame(app, panelReady, 'the long article’s entities', 30_000);
    assert.match(frame, /Benjamin Netanyahu/);
    // Then the library pass finishes and the article is opened again: its entities come from
    // the pass's cache.
    await press(app, keys.esc, (f) => /Weather report/.test(f));
    await waitForLibraryPass(app, 1, 2);
    await press(app, keys.enter, (f) => /page 1\//.test(f));
    await waitForFrame(app, (f) => panelReady(f) && /Benjamin Netanyahu/.test(f), 'the entities again');
    assert.deepEqual(
      lengths.filter((n) => n > MAIN_THREAD_MAX_CHARS),
      [],
      `the main thread extracted only short texts, got lengths ${lengths.join(', ')}`,
    );
  });

  test('a small library: each article is extracted once, by the pass or for the panel, never again', async () => {
    const articles = [
      makeArticle('Talks in Moscow', ['Israeli Prime Minister Benjamin Netanyahu met Russian President Vladimir Putin in Moscow on Wednesday.']),
      makeArticle('Weather report', ['Sunny with a light breeze from the sea, and rain later in the week.']),
      makeArticle('Rockets over the Golan', ['Prime Minister Benjamin Netanyahu said the army had intercepted the rockets over the Golan Heights.']),
    ];
    const lengths = await spyOnExtract();
    const app = render(<App library={makeLibrary(articles)} viewport={size} />);
    await press(app, keys.enter, (f) => /page 1\//.test(f));
    await press(app, 'e', panelReady, 'the panel');
    await press(app, keys.esc, (f) => /Weather report/.test(f));
    await waitForLibraryPass(app, 2, 3);
    // Opened again once the library's evidence is known: the kept entities, not a new extraction.
    await press(app, keys.enter, (f) => /page 1\//.test(f));
    await waitForFrame(app, (f) => panelReady(f) && /Benjamin Netanyahu/.test(f), 'the entities again');
    assert.deepEqual(
      [...lengths].sort((a, b) => a - b),
      articles.map((a) => a.text.length).sort((a, b) => a - b),
    );
  });
});
