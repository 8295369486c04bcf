// Slow tier: five starts of the reader in a terminal, ~2 s of CPU.
// V8's code cache of the chunks dist/ runs as scripts (source/core/script-chunk.ts), as a person's
// terminal sees it: the first start writes it after its first frame, the next starts take it
// (and keys typed before the first frame still work), and whatever is found in its place — a
// damaged file, a FIFO, a file past the cap — is never a reason not to start.
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { seedPrefixes, seedTitles } from './fixtures';
import { startLede, type TerminalSession } from './terminal';

const home = mkdtempSync(join(tmpdir(), 'lede-e2e-code-cache-'));
after(() => rmSync(home, { recursive: true, force: true }));

const listShown = (s: string) => s.includes('2 articles') && seedPrefixes.every((p) => s.includes(p));

async function session(cache: string, body: (t: TerminalSession) => Promise<void>): Promise<void> {
  const t = startLede([], { cols: 100, rows: 30, env: { LEDE_CACHE_DIR: cache } });
  try {
    await body(t);
    await t.press('q');
    await t.exited();
  } finally {
    await t.dispose();
  }
}

/** Until both cache files are there (written just after the first frame). */
async function written(t: TerminalSession, files: string[]): Promise<void> {
  await t.waitFor(() => files.every((f) => statSync(f, { throwIfNoEntry: false })?.isFile() === true), { timeout: 10_000 });
}

test('the first start writes the code cache after its first frame; the next takes it, keys typed at once included', async () => {
  const cache = join(home, 'one');
  const files = ['cli', 'interactive'].map((name) => join(cache, 'code', `${name}.v8`));
  await session(cache, async (t) => {
    await t.waitFor(listShown);
    await written(t, files);
  });
  const before = files.map((f) => statSync(f));
  await session(cache, async (t) => {
    // Typed as the process starts, long before its first frame: down, open.
    t.write('j\r');
    await t.waitFor((s) => s.includes(seedTitles[1].slice(0, 30)) && !s.includes('2 articles'));
  });
  // Taken, not written again (a rejected or unusable cache is replaced after the first frame).
  assert.deepEqual(files.map((f) => statSync(f).ino), before.map((s) => s.ino));
  assert.deepEqual(files.map((f) => statSync(f).mtimeMs), before.map((s) => s.mtimeMs));
});

test('a damaged cache, a FIFO and a file past the cap in its place: lede starts all the same, and writes good ones', async () => {
  const cache = join(home, 'two');
  const [cli, interactive] = ['cli', 'interactive'].map((name) => join(cache, 'code', `${name}.v8`)) as [string, string];
  await session(cache, async (t) => {
    await t.waitFor(listShown);
    await written(t, [cli, interactive]);
  });
  const good = readFileSync(interactive);
  const damaged = Buffer.from(good);
  damaged[damaged.length - 100]! ^= 0x55;
  writeFileSync(interactive, damaged);
  unlinkSync(cli);
  assert.equal(spawnSync('mkfifo', [cli]).status, 0);
  await session(cache, async (t) => {
    await t.waitFor(listShown);
    await t.waitFor(() => statSync(cli).isFile() && !readFileSync(interactive).equals(damaged), { timeout: 10_000 });
  });
  const fd = openSync(interactive, 'w');
  ftruncateSync(fd, 16 * 1024 * 1024 + 1);
  closeSync(fd);
  await session(cache, async (t) => {
    await t.waitFor(listShown);
    await t.waitFor(() => statSync(interactive).size < 16 * 1024 * 1024, { timeout: 10_000 });
  });
});
