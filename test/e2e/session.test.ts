// Slow tier: whole sessions across restarts, ~6 s of CPU.
// No input ends a session, and the session survives being suspended: the built CLI in a real
// pseudo-terminal, read by a real emulator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputDecoder } from '../../source/terminal/input-decoder';
import { allKeySequences, INK_901_SEQUENCES, pasteSequence, reportSequences } from '../helpers/terminal-input';
import { prng } from '../helpers/prng';
import { seedPrefixes, waitForPage } from './fixtures';
import { childPids, startLede, startProgram, sttyFlags, type TerminalSession, withOwnState } from './terminal';

const listReady = async (t: TerminalSession) => {
  await t.waitFor((s) => s.includes('2 articles') && seedPrefixes.every((p) => s.includes(p)));
  await t.waitForRawMode();
};

/** The app still answers: ? opens help, Esc closes it. */
async function assertResponsive(t: TerminalSession, after: string): Promise<void> {
  assert.equal(t.hasExited(), false, `lede is still running after ${after}`);
  await t.press('?');
  await t.waitFor('Keys', { timeout: 10_000 });
  await t.press('esc');
  await t.waitFor((s) => !s.includes('Keys'));
}

test('the keys that ended Ink 6.8 programs (Ctrl+F1…F4, typed SGR codes: Ink #901) do not end lede', async () => {
  const t = startLede([], { cols: 100, rows: 30 });
  try {
    await listReady(t);
    for (const sequence of INK_901_SEQUENCES) {
      t.write(sequence);
      await t.quiet(60);
      assert.equal(t.hasExited(), false, `lede exited after ${JSON.stringify(sequence)}`);
    }
    await assertResponsive(t, 'the #901 sequences');
    // In the reader too.
    await t.press('enter');
    await waitForPage(t, 1);
    for (const sequence of INK_901_SEQUENCES) t.write(sequence);
    await t.quiet(200);
    await assertResponsive(t, 'the #901 sequences in the reader');
  } finally {
    await t.dispose();
  }
});

test('every CSI and SS3 key with every modifier, focus and mouse reports and pastes: lede keeps running', async () => {
  const t = startLede([], { cols: 100, rows: 30 });
  try {
    await listReady(t);
    // Sent as a terminal would, one sequence at a time but without waiting between them; those
    // that name a key that leaves (q in kitty's encoding, Ctrl+C, Ctrl+Z) are left out.
    const random = prng(11);
    const sequences = allKeySequences().filter((s) => !isExitKey(s));
    for (let i = 0; i < sequences.length; i += 40) {
      t.write(sequences.slice(i, i + 40).join(''));
      await t.quiet(30);
    }
    for (let i = 0; i < 20; i++) for (const report of reportSequences(random)) t.write(report.join(''));
    await t.quiet(100);
    await assertResponsive(t, 'every key sequence, focus and mouse reports');
    // Pastes in the list are ignored, whatever they hold (a q included).
    for (let i = 0; i < 10; i++) t.write(pasteSequence(random).join('') + '\x1b[201~');
    await t.quiet(300);
    await assertResponsive(t, 'pastes');
  } finally {
    await t.dispose();
  }
});

/** Whether a sequence decodes to a key that quits or suspends. */
function isExitKey(sequence: string): boolean {
  return new InputDecoder().push(sequence).some((e) => e.type === 'key' && ['q', 'ctrl+c', 'ctrl+z'].includes(e.name));
}

test('a 100 KB paste into the filter is cut to a query, says so, and Esc answers at once', async () => {
  const t = startLede([], { cols: 100, rows: 30 });
  try {
    await listReady(t);
    await t.press('/');
    await t.waitFor((s) => /^\//m.test(s));
    t.write(`\x1b[200~${'netanyahu '.repeat(10_000)}\x1b[201~`);
    await t.waitFor(/at most 256 characters/);
    await t.press('esc');
    await t.waitFor((s) => !/at most 256/.test(s) && /2 articles/.test(s));
    // An unbracketed paste (a terminal without the mode) arrives as plain text: cut the same way.
    await t.press('/');
    t.write('iran '.repeat(20_000));
    await t.waitFor(/at most 256 characters/);
    await t.press('esc');
    await t.waitFor((s) => !/^\//m.test(s));
    await t.press('q');
    const status = await t.exited();
    assert.equal(status.exitCode, 0);
  } finally {
    await t.dispose();
  }
});

/** An interactive bash with job control, lede started from it as a user would. */
function startShell(): TerminalSession {
  return startProgram('/bin/bash', ['--norc', '--noprofile', '-i'], {
    cols: 100,
    rows: 30,
    env: withOwnState({ PS1: 'PROMPT$ ', HISTFILE: '/dev/null' }),
  });
}

function ledeUnder(t: TerminalSession): number {
  const [pid] = childPids(t.pid);
  assert.ok(pid, 'lede runs as the shell’s child');
  return pid;
}

test('Ctrl+Z gives the shell its terminal back; fg brings lede back, redrawn, raw, keys working', async () => {
  const t = startShell();
  try {
    await t.waitFor('PROMPT$');
    t.write(`${process.execPath} dist/cli.js\r`);
    await listReady(t);
    await t.press('enter');
    await waitForPage(t, 1);
    await t.press('ctrl-z');
    await t.waitFor((s) => /Stopped/.test(s) && /PROMPT\$ *$/m.test(s));
    assert.equal(t.isAlternateScreen(), false, 'back on the main screen while suspended');
    assert.equal(t.cursorVisible(), true, 'the cursor is visible while suspended');
    t.write('fg\r');
    await waitForPage(t, 1);
    assert.equal(t.isAlternateScreen(), true, 'the alternate screen again');
    assert.equal(t.cursorVisible(), false);
    await t.waitForRawMode();
    assert.match(t.screen()[0] ?? '', /Netanyahu|Proxy/, `the reader is drawn in full again:\n${t.screenText()}`);
    await t.press('space');
    await waitForPage(t, 2);
    await t.press('q');
    await t.waitFor(/PROMPT\$ *$/m);
    assert.equal(t.isAlternateScreen(), false);
    assert.equal(t.cursorVisible(), true);
    // At its prompt readline keeps the terminal in its own mode: ask from a command instead.
    t.write('stty -a; echo MODES-DONE\r');
    const shown = await t.waitFor(/^MODES-DONE/m);
    const modes = sttyFlags(shown.split('\n'));
    assert.equal(modes.get('echo'), true, `echo on after lede:\n${shown}`);
    assert.equal(modes.get('icanon'), true, `line mode after lede:\n${shown}`);
  } finally {
    await t.dispose();
  }
});

test('kill -TSTP suspends lede the same way, and SIGCONT resumes it even after the modes were changed', async () => {
  const t = startShell();
  try {
    await t.waitFor('PROMPT$');
    t.write(`${process.execPath} dist/cli.js\r`);
    await listReady(t);
    const pid = ledeUnder(t);
    process.kill(pid, 'SIGTSTP');
    await t.waitFor((s) => /Stopped/.test(s));
    assert.equal(t.isAlternateScreen(), false);
    // The shell runs fg in its own cooked mode: lede must ask for raw mode again on resume.
    t.write('fg\r');
    await listReady(t);
    await t.press('j');
    await t.waitFor((s) => /article 2 of 2/.test(s));
    await t.press('q');
    await t.waitFor(/PROMPT\$ *$/m);
  } finally {
    await t.dispose();
  }
});
