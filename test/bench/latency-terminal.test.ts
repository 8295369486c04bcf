// The latency bench's terminal side, in a real pty: a condition is dated at the arrival of the
// chunk that made it true, screens are read as lede and fzf draw them, and typing into the built
// CLI sees every key echoed and settled.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pty from 'node-pty';
import { frameCensus, fzfQuery, ledePrompt } from './latency-screens.js';
import { ledeTarget, showsWholeList } from './latency-targets.js';
import { typeQuery } from './latency-typing.js';
import { TimedTerminal, userTerminalEnv } from './timed-terminal.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const GUARD_MS = 20_000;

const shell = (script: string) => new TimedTerminal(pty, '/bin/sh', ['-c', script], { cols: 60, rows: 8, env: userTerminalEnv() });

test('a condition is dated at the arrival of the chunk after which it first held', async () => {
  const term = shell('printf first; read line; printf second; sleep 5');
  try {
    const first = await term.until(() => term.line(0).includes('first'), GUARD_MS, 'first');
    const second = term.until(() => term.lines().some((l) => l.includes('second')), GUARD_MS, 'second');
    const wroteAt = term.write('\r');
    const seenAt = await second;
    // The time is a chunk's arrival, not the moment the parse finished, and it follows the input
    // that caused it.
    assert.ok(term.chunks.some((c) => c.at === first));
    assert.ok(term.chunks.some((c) => c.at === seenAt));
    assert.ok(seenAt > wroteAt && wroteAt > first);
  } finally {
    await term.dispose();
  }
});

test('a frame inside a synchronized update is seen once the update ends', async () => {
  const term = shell(`printf '\\033[?2026hhalf'; read line; printf ' whole\\033[?2026l'; sleep 5`);
  try {
    // Polled: inside the update no condition is checked, which is what this test is about.
    for (let waited = 0; !term.line(0).includes('half'); waited += 10) {
      assert.ok(waited < GUARD_MS, 'the first chunk never came');
      await sleep(10);
      await term.parsed();
    }
    const half = term.until(() => term.line(0).includes('half'), GUARD_MS, 'the frame');
    const wroteAt = term.write('\r');
    // The text was in the emulator's buffer before the key, but its frame ended only after it.
    assert.ok((await half) > wroteAt);
  } finally {
    await term.dispose();
  }
});

test("lede's prompt is read up to its inverse cursor cell, fzf's up to the cursor", async () => {
  const lede = shell(`printf '\\033[2J\\033[1;1Hlede\\033[4;1H/put s\\033[7m \\033[27m     3 of 2,000 articles match… · indexing 4%%'; sleep 5`);
  try {
    await lede.until(() => lede.line(3).includes('indexing'), GUARD_MS, 'the lede prompt');
    assert.deepEqual(ledePrompt(lede), { query: 'put s', note: '3 of 2,000 articles match… · indexing 4%' });
    assert.equal(fzfQuery(lede), null);
  } finally {
    await lede.dispose();
  }
  const fzf = shell(`printf '\\033[2J\\033[7;1H  12/300\\033[8;1H> net \\033[8;7H'; sleep 5`);
  try {
    await fzf.until(() => fzf.line(7).startsWith('> net'), GUARD_MS, 'the fzf prompt');
    // The typed trailing space counts: the cursor is after it.
    assert.equal(fzfQuery(fzf), 'net ');
    assert.equal(ledePrompt(fzf), null);
  } finally {
    await fzf.dispose();
  }
});

test('a frame census counts rows with text and runs of underlined (matched) cells', async () => {
  const term = shell(`printf '\\033[2J\\033[1;1Htitle \\033[4mnet\\033[24m and \\033[4;33mnet\\033[0m\\033[3;1H  snippet'; sleep 5`);
  try {
    await term.until(() => term.line(2).includes('snippet'), GUARD_MS, 'the frame');
    const census = frameCensus(term);
    assert.equal(census.rows, 2);
    assert.equal(census.highlights, 2);
    // plain, underlined, plain, underlined yellow, plain (to the end of the row); then the second row's one run.
    assert.equal(census.styleRuns, 6);
  } finally {
    await term.dispose();
  }
});

test('typing into the built CLI: every key is echoed, then settles, never before its echo', async () => {
  assert.ok(existsSync(cli), 'dist/cli.js is missing: run `npm run build` first');
  const home = mkdtempSync(join(tmpdir(), 'lede-latency-test-'));
  const term = new TimedTerminal(pty, process.execPath, [cli], {
    cols: 100,
    rows: 30,
    cwd: root,
    env: userTerminalEnv({ FORCE_COLOR: '1', LEDE_CACHE_DIR: join(home, 'cache'), LEDE_CONFIG_DIR: join(home, 'config'), LEDE_STATE_DIR: join(home, 'state') }),
  });
  try {
    await term.until(() => showsWholeList(term), GUARD_MS, 'the list');
    const samples = await typeQuery(term, ledeTarget(term), 'putin', [80, 80, 80, 80]);
    assert.equal(samples.length, 5);
    for (const s of samples) {
      assert.ok(s.echoMs !== null && s.settleMs !== null, `key ${s.index}: ${JSON.stringify(s)}`);
      assert.ok(s.settleMs >= s.echoMs);
    }
    // typeQuery clears the query (Esc) before it returns: the whole list is back.
    assert.equal(ledePrompt(term), null);
  } finally {
    await term.dispose();
    rmSync(home, { recursive: true, force: true, maxRetries: 5 });
  }
});
