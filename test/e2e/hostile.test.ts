// Articles are untrusted: whatever escape sequences they carry, the terminal must show lede and
// nothing else — same window title, no clipboard write, no hyperlink, no bell, no mode change, the
// header on top — and the files must be exactly as they were.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hashTree, hostileTags, makeTempDir, pageStatus, readerPosition, waitForPage, writeHostileArticles } from './fixtures';
import { startLede, type TerminalSession } from './terminal';

const initialTitle = 'lede-e2e: title set by the test';
const temp = makeTempDir('lede-e2e-hostile-');
let hashBefore = '';

before(() => {
  writeHostileArticles(temp.dir);
  hashBefore = hashTree(temp.dir);
});
after(() => temp.remove());

/** Byte strings only an article could have produced: lede itself has no reason to send any. */
const injected: [string, string][] = [
  ['OSC', '\x1b]'],
  ['DCS', '\x1bP'],
  ['BEL', '\x07'],
  ['backspace', '\x08'],
  ['C1 CSI', '\u009b'],
  ['C1 OSC', '\u009d'],
  ['C1 DCS', '\u0090'],
  ['cursor move from the article', '\x1b[7;77H'],
  ['cursor up 13', '\x1b[13A'],
  ['full reset', '\x1bc'],
  ['cursor position query', '\x1b[6n'],
  ['title query', '\x1b[21t'],
  ['mouse tracking', '\x1b[?1000h'],
  // lede turns bracketed paste on itself (so a paste is never taken for keys): an article must not turn it off.
  ['bracketed paste off', '\x1b[?2004l'],
  ['application cursor keys', '\x1b[?1h'],
  ['bidi override', '\u202e'],
];

function assertTerminalUntouched(t: TerminalSession, where: string): void {
  const screen = t.screenText();
  const context = `${where}; screen:\n${screen}`;
  assert.deepEqual(t.titleChanges(), [], `no title change (${context})`);
  assert.equal(t.title(), initialTitle);
  assert.deepEqual(t.clipboardWrites(), [], `no clipboard write (${context})`);
  assert.deepEqual(t.hyperlinkOpens(), [], `no hyperlink (${context})`);
  assert.equal(t.bellCount(), 0, `no bell (${context})`);
  assert.equal(t.isAlternateScreen(), true, `still on the alternate screen (${context})`);
  assert.equal(t.cursorVisible(), false, `the cursor is still hidden (${context})`);
  assert.equal(t.term.modes.mouseTrackingMode, 'none', `mouse tracking untouched (${context})`);
  assert.equal(t.term.modes.bracketedPasteMode, true, `bracketed paste as lede set it (${context})`);
  assert.equal(t.term.modes.applicationCursorKeysMode, false, `cursor key mode untouched (${context})`);
  assert.doesNotMatch(screen, /[\u202a-\u202e\u2066-\u2069]/, `no bidi control on screen (${context})`);
  for (const line of t.screen()) {
    if (line.includes('overprint:')) assert.match(line, /SAFE/, `backspaces did not overprint (${context})`);
    if (line.includes('GOODTEXT')) assert.match(line, /cr:/, `a carriage return did not overprint (${context})`);
  }
  const bytes = t.output();
  assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), `lede writes valid UTF-8 only (${where})`);
  const output = bytes.toString('utf8');
  for (const [name, sequence] of injected) {
    assert.ok(!output.includes(sequence), `${name} ${JSON.stringify(sequence)} reached the terminal (${where})`);
  }
}

test('hostile titles and bodies in every format cannot reach the terminal, and the files stay untouched', async () => {
  const t = startLede([temp.dir], { cols: 100, rows: 30, title: initialTitle });
  try {
    const list = await t.waitFor((s) => /\d+ articles?/.test(s) && s.includes('Hostile-'));
    await t.waitForRawMode();
    assert.match(t.screen()[0] ?? '', /lede/, `the list header is on top:\n${list}`);
    assertTerminalUntouched(t, 'list');
    const count = Number(/(\d+) articles?/.exec(list)![1]);
    for (const tag of hostileTags) assert.ok(list.includes(tag), `${tag} is listed:\n${list}`);
    assert.equal(count, hostileTags.length, `one article per hostile record:\n${list}`);

    for (let row = 0; row < count; row++) {
      await t.press('enter');
      await waitForPage(t, 1);
      const tag = hostileTags.find((tg) => new RegExp(`${tg}\\b`).test(t.screen()[0] ?? ''));
      assert.ok(tag, `the reader shows the article's title on the first line:\n${t.screenText()}`);
      assertTerminalUntouched(t, `${tag} page 1`);
      for (let page = 1; readerPosition(t)!.page < readerPosition(t)!.pages; page++) {
        await t.press('space');
        await waitForPage(t, page + 1);
        assert.match(t.screen()[0] ?? '', new RegExp(tag), `${tag} title stays on top on page ${page + 1}`);
        assertTerminalUntouched(t, `${tag} page ${page + 1}`);
      }
      await t.press('?');
      await t.waitFor('Keys');
      await t.press('esc');
      await t.waitFor(pageStatus);
      await t.press('esc');
      await t.waitFor((s) => /\d+ articles?/.test(s) && !pageStatus.test(s));
      assertTerminalUntouched(t, `list after ${tag}`);
      await t.press('j');
    }
    // The Latin-1 file was decoded as Windows-1252, not as replacement characters.
    assert.match(list, /Hostile-LATIN café/, `Windows-1252 fallback in the title:\n${list}`);

    await t.press('q');
    const status = await t.exited();
    assert.equal(status.exitCode, 0);
  } finally {
    await t.dispose();
  }
  assert.equal(hashTree(temp.dir), hashBefore, 'the article files were not modified');
});
