// What the user read and flagged, and where they left off, survives to the next run: the built CLI
// in a pseudo-terminal, twice, with its own state directory; the articles are never touched.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, test } from 'node:test';
import { hashTree, makeTempDir, readerPosition, seedDir, seedPrefixes, waitForPage } from './fixtures';
import { startLede, type TerminalSession } from './terminal';

const state = makeTempDir('lede-e2e-state-');
const cache = makeTempDir('lede-e2e-cache-');
after(() => {
  state.remove();
  cache.remove();
});
const env = { LEDE_STATE_DIR: state.dir, LEDE_CACHE_DIR: cache.dir };

const listReady = async (t: TerminalSession) => {
  await t.waitFor((s) => s.includes('2 articles') && seedPrefixes.every((p) => s.includes(p)));
  await t.waitForRawMode();
};

/** The state column of the row showing `prefix`: N unread, ! flagged, blank read. */
function stateOf(t: TerminalSession, prefix: string): string {
  const line = t.screen()[t.findLine(prefix)] ?? '';
  return line[0] ?? '';
}

test('read, flagged and where the reader was left are kept for the next run', async () => {
  const seedHash = hashTree(seedDir);
  const first = startLede([], { cols: 100, rows: 30, env });
  let order: string[] = [];
  try {
    await listReady(first);
    order = [...seedPrefixes].sort((a, b) => first.findLine(a) - first.findLine(b));
    assert.equal(stateOf(first, order[0]!), 'N', `unread at first:\n${first.screenText()}`);
    await first.press('enter');
    await waitForPage(first, 1);
    await first.press('space');
    await waitForPage(first, 2);
    await first.press('esc');
    await listReady(first);
    await first.press('j', 'F');
    await first.waitFor('flagged');
    await first.press('q');
    assert.equal((await first.exited()).exitCode, 0);
  } finally {
    await first.dispose();
  }
  assert.deepEqual(readdirSync(state.dir), ['read-state.json'], 'one file in the state directory, no temporary file');

  const second = startLede([], { cols: 100, rows: 30, env });
  try {
    await listReady(second);
    assert.equal(stateOf(second, order[0]!), ' ', `the first article is read:\n${second.screenText()}`);
    assert.equal(stateOf(second, order[1]!), '!', `the second is flagged:\n${second.screenText()}`);
    await second.press('enter');
    await second.waitFor(() => readerPosition(second)?.page === 2);
    await second.press('q');
  } finally {
    await second.dispose();
  }
  assert.equal(hashTree(seedDir), seedHash, 'the articles are untouched');
});
