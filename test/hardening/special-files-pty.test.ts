// The interactive reader with files that used to freeze it for good (q, Ctrl+C and SIGTERM
// ignored): a link to /proc/kmsg followed with -L, and a FIFO named on the command line whose
// writer never comes. The built CLI runs in a pseudo-terminal read by an emulator.
import assert from 'node:assert/strict';
import { accessSync, constants, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startLede } from '../e2e/terminal';
import { tempDir } from './support';

let root = '';
before(() => {
  root = tempDir('special-pty');
});
after(() => rmSync(root, { recursive: true, force: true }));

const kmsgReadable = (() => {
  try {
    accessSync('/proc/kmsg', constants.R_OK);
    return true;
  } catch {
    return false;
  }
})();

test('lede -L on a folder with a link to /proc/kmsg draws the list, the link skipped, and q quits', { skip: !kmsgReadable && '/proc/kmsg is not readable here', timeout: 60_000 }, async () => {
  const dir = join(root, 'kmsg');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.txt'), 'Readable article\n\nIt loads.');
  symlinkSync('/proc/kmsg', join(dir, 'kmsg.txt'));
  const t = startLede(['-L', dir]);
  try {
    await t.waitFor((s) => s.includes('Readable article') && s.includes('1 skipped'));
    await t.waitForRawMode();
    t.write('q');
    assert.equal((await t.exited()).exitCode, 0);
  } finally {
    await t.dispose();
  }
});

test('a FIFO named on the command line with no writer: the loading frame is drawn and SIGTERM still ends lede', { skip: spawnSync('mkfifo', ['--version']).status !== 0 && 'no mkfifo', timeout: 60_000 }, async () => {
  const fifo = join(root, 'never-written');
  spawnSync('mkfifo', [fifo]);
  const t = startLede([fifo]);
  try {
    await t.waitFor((s) => s.includes('reading') && s.includes('never-written'));
    t.kill('SIGTERM');
    const status = await t.exited();
    assert.equal(status.exitCode, 128 + 15);
    assert.equal(t.isAlternateScreen(), false, 'the main screen is back');
  } finally {
    await t.dispose();
  }
});

for (const [key, exitCode] of [['q', 0], ['ctrl-c', 130]] as const) {
  test(`a FIFO named on the command line with no writer: ${key} on the loading frame quits (exit ${exitCode}) and gives the terminal back`, { skip: spawnSync('mkfifo', ['--version']).status !== 0 && 'no mkfifo', timeout: 60_000 }, async () => {
    const fifo = join(root, `never-written-${exitCode}`);
    spawnSync('mkfifo', [fifo]);
    const t = startLede([fifo]);
    try {
      await t.waitFor((s) => s.includes('reading') && s.includes('never-written'));
      await t.waitForRawMode();
      await t.press(key);
      const status = await t.exited();
      assert.equal(status.exitCode, exitCode);
      assert.equal(t.isAlternateScreen(), false, 'the main screen is back');
    } finally {
      await t.dispose();
    }
  });
}
