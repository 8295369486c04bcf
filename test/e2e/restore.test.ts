// Slow tier: the terminal restored after every signal and crash, one session each, ~6 s of CPU.
// However lede ends, the user gets their terminal back: main screen, cursor visible, echo and
// canonical mode on, and nothing of lede's UI left behind. lede runs under a shell in the pty, so
// the shell itself prints `stty -a` before and after, on the screen lede had to restore.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { hashTree, makeTempDir, seedDir, seedPrefixes, seedTitles, waitForPage } from './fixtures';
import {
  childPids,
  exitMarker,
  readShellTranscript,
  startLedeInShell,
  type ShellTranscript,
  type TerminalSession,
} from './terminal';

/** The modes raw mode turns off, which a shell and the user's typing need back. */
const cookedModes = ['echo', 'icanon', 'isig', 'iexten', 'icrnl', 'ixon', 'opost', 'onlcr'];

const listReady = async (t: TerminalSession) => {
  await t.waitFor((s) => s.includes('2 articles') && seedPrefixes.every((p) => s.includes(p)));
  await t.waitForRawMode();
};

const temp = makeTempDir('lede-e2e-restore-');
/**
 * Loaded into lede with `node --import`: SIGUSR1 (which lede leaves alone) makes it throw an error
 * nothing catches.
 */
const throwOnSignal = join(temp.dir, 'throw-on-sigusr1.mjs');
let seedHash = '';

before(() => {
  writeFileSync(
    throwOnSignal,
    "process.on('SIGUSR1', () => setImmediate(() => { throw new Error('e2e: an uncaught error'); }));\n",
  );
  seedHash = hashTree(seedDir);
});
after(() => {
  temp.remove();
  assert.equal(hashTree(seedDir), seedHash, 'no session wrote to articles/');
});

function ledePid(t: TerminalSession): number {
  const [pid] = childPids(t.pid);
  assert.ok(pid, 'lede runs as the shell’s child');
  return pid;
}

async function runUntilShellDone(t: TerminalSession): Promise<ShellTranscript> {
  // The shell runs `stty -a` last; its final line mentions echoctl.
  await t.waitFor((s) => s.includes(exitMarker) && /echoctl/.test(s.slice(s.indexOf(exitMarker))));
  await t.exited();
  return readShellTranscript(t);
}

function assertRestored(t: TerminalSession, transcript: ShellTranscript, allowedLeftovers = 0): void {
  const screen = t.normalBuffer().join('\n');
  assert.equal(t.isAlternateScreen(), false, `back on the main screen:\n${screen}`);
  assert.equal(t.cursorVisible(), true, 'the cursor is visible again');
  assert.equal(transcript.modesAfter.get('echo'), true, `echo is on after lede:\n${screen}`);
  assert.equal(transcript.modesAfter.get('icanon'), true, `canonical mode is on after lede:\n${screen}`);
  for (const mode of cookedModes) {
    assert.equal(transcript.modesAfter.get(mode), transcript.modesBefore.get(mode), `stty ${mode} as before lede`);
  }
  const leftovers = transcript.leftOnScreen.filter((l) => l.trim() !== '');
  assert.ok(
    leftovers.length <= allowedLeftovers,
    `lede left ${leftovers.length} line(s) on the main screen (allowed ${allowedLeftovers}):\n${leftovers.join('\n')}`,
  );
  for (const prefix of seedPrefixes) assert.ok(!screen.includes(prefix), `no article title left on the main screen:\n${screen}`);
}

async function openReader(t: TerminalSession): Promise<void> {
  await t.press('enter');
  await waitForPage(t, 1);
  await t.press('space');
  await waitForPage(t, 2);
}

const endings: { name: string; inReader?: boolean; end: (t: TerminalSession) => Promise<void> | void; status?: number }[] = [
  { name: 'q in the list', end: (t) => t.press('q'), status: 0 },
  { name: 'q in the reader', inReader: true, end: (t) => t.press('q'), status: 0 },
  { name: 'Ctrl+C in the list', end: (t) => t.press('ctrl-c'), status: 130 },
  { name: 'Ctrl+C in the reader', inReader: true, end: (t) => t.press('ctrl-c') },
  { name: 'SIGTERM', inReader: true, end: (t) => void process.kill(ledePid(t), 'SIGTERM') },
  { name: 'SIGHUP', end: (t) => void process.kill(ledePid(t), 'SIGHUP') },
  // Signals nobody expects, which killed lede without a word before it restored the terminal.
  { name: 'SIGUSR2', inReader: true, end: (t) => void process.kill(ledePid(t), 'SIGUSR2') },
  { name: 'SIGALRM', end: (t) => void process.kill(ledePid(t), 'SIGALRM') },
  { name: 'SIGQUIT', end: (t) => void process.kill(ledePid(t), 'SIGQUIT') },
];

for (const { name, inReader, end, status } of endings) {
  test(`the terminal is restored after ${name}`, async () => {
    const t = startLedeInShell([], { cols: 100, rows: 40 });
    try {
      await listReady(t);
      assert.equal(t.isAlternateScreen(), true);
      assert.equal(t.cursorVisible(), false);
      if (inReader) await openReader(t);
      await end(t);
      const transcript = await runUntilShellDone(t);
      assertRestored(t, transcript);
      if (status !== undefined) assert.equal(transcript.exitStatus, status, `exit status after ${name}`);
      else assert.notEqual(transcript.exitStatus, 2, 'an interruption is not a usage error');
    } finally {
      await t.dispose();
    }
  });
}

test('a path error leaves exactly one line on the main screen, exit status 2 and a sane terminal', async () => {
  const t = startLedeInShell(['/nonexistent/lede-e2e'], { cols: 100, rows: 40 });
  try {
    const transcript = await runUntilShellDone(t);
    assertRestored(t, transcript, 1);
    assert.equal(transcript.exitStatus, 2);
    const [message] = transcript.leftOnScreen.filter((l) => l.trim() !== '');
    assert.match(message ?? '', /nonexistent/, `the error names the path: ${JSON.stringify(transcript.leftOnScreen)}`);
    assert.doesNotMatch(message ?? '', /^\s+at /, 'no stack trace');
  } finally {
    await t.dispose();
  }
});

test('the terminal is restored after an uncaught error, and the error is shown in one line', async () => {
  const t = startLedeInShell([], { cols: 100, rows: 40, nodeArgs: ['--import', throwOnSignal] });
  try {
    await listReady(t);
    await openReader(t);
    process.kill(ledePid(t), 'SIGUSR1');
    const transcript = await runUntilShellDone(t);
    assertRestored(t, transcript, 1);
    assert.notEqual(transcript.exitStatus, 0, 'an uncaught error is a failure');
    const shown = transcript.leftOnScreen.join('\n');
    assert.match(shown, /e2e: an uncaught error/, `the error message is left on the main screen:\n${shown}`);
  } finally {
    await t.dispose();
  }
});

test('an article piped on standard input opens in the reader, keys come from the terminal', async () => {
  const t = startLedeInShell([], { cols: 100, rows: 30, pipeFrom: join(seedDir, '004_eaf6071b633d695b.txt') });
  try {
    await waitForPage(t, 1);
    await t.waitForRawMode();
    assert.match(t.screen()[0] ?? '', /Netanyahu May Offer Putin/, `the piped article is open:\n${t.screenText()}`);
    assert.equal(t.isAlternateScreen(), true);
    await t.press('space');
    await waitForPage(t, 2);
    await t.press('q');
    const transcript = await runUntilShellDone(t);
    assertRestored(t, transcript);
    assert.equal(transcript.exitStatus, 0);
    assert.ok(!t.normalBuffer().join('\n').includes(seedTitles[1]));
  } finally {
    await t.dispose();
  }
});
