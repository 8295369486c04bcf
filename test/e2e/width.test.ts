// Articles full of characters whose width lede and terminals used to count differently (soft
// hyphens, zero-width and tag characters, lone regional indicators, emoji sequences, conjuncts,
// SARA AM, stray jamo, combining marks with nothing to sit on) keep every row of the frame in its
// shape: nothing wraps, the status line stays on the last drawn row, the side panel starts in its
// column on every row and its counts line up, and so do the list's columns.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { makeTempDir, pageStatus, readerPosition, waitForPage } from './fixtures';
import { startLede, type TerminalSession } from './terminal';

const COLS = 120;
const ROWS = 30;
/** The reader's geometry at 120 columns: the text column, a gap of 2, the 32-column panel. */
const PANEL_X = COLS - 32;
const GAP_X = PANEL_X - 2;

const HARD = [
  'co\u00adop\u00adera\u00adtion', 'zero\u200bwidth', 'word\u2060joiner', '\ufeffbom', 'tag\u{E0041}\u{E0042}s',
  '🇺🇸', '🇫🇷', '🇦', '🇿🇺', '👨\u200d👩\u200d👧', '👍🏽', '❤\ufe0f', '1\ufe0f\u20e3', '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
  '🏳\ufe0f\u200d🌈', 'e\u0301te\u0301', '\u0301alone', 'क्षेत्र', 'हिन्दी', 'น้ำท่วม', 'ทำ', '東京', '한국어', '\u1161jamo',
  'مرحبا', 'مَرحبا', '🥲', '䷀', '\u3164filler', '葛\u{E0100}', '\u0d4eക', '\u00a0', 'ｶﾞ',
];
const SENTENCES = [
  'Benjamin Netanyahu met Vladimir Putin in Moscow on Tuesday.',
  'Officials in Tehran and Damascus said the talks would resume.',
  'The United Nations called for calm across Syria.',
];

function paragraph(seed: number): string {
  const words: string[] = [];
  for (let i = 0; i < 60; i++) {
    words.push(HARD[(seed * 7 + i * 5) % HARD.length] as string);
    if (i % 12 === 11) words.push(SENTENCES[(seed + i) % SENTENCES.length] as string);
  }
  return words.join(' ');
}

const temp = makeTempDir('lede-e2e-width-');
before(() => {
  for (let n = 1; n <= 3; n++) {
    const title = `Width-${n} ${HARD.slice(n * 3, n * 3 + 9).join(' ')}`;
    const body = Array.from({ length: 12 }, (_, p) => paragraph(n * 13 + p)).join('\n\n');
    writeFileSync(join(temp.dir, `width-${n}.txt`), `${title}\n\n${body}\n`);
  }
});
after(() => temp.remove());

/** The emulator as xterm.js terminals run it (VS Code's among them): with its Unicode 11 widths. */
function startWithUnicode11(): TerminalSession {
  const t = startLede([temp.dir], { cols: COLS, rows: ROWS });
  // Before the first byte arrives: node-pty delivers output on a later turn of the event loop.
  t.term.loadAddon(new Unicode11Addon());
  t.term.unicode.activeVersion = '11';
  return t;
}

/** What each column of row `y` shows ('' for the second half of a wide character, ' ' for nothing). */
function cells(t: TerminalSession, y: number): string[] {
  const buffer = t.term.buffer.active;
  const line = buffer.getLine(buffer.viewportY + y);
  const cell = buffer.getNullCell();
  const out: string[] = [];
  for (let x = 0; x < t.cols; x++) {
    line?.getCell(x, cell);
    out.push(cell.getWidth() === 0 ? '' : cell.getChars() || ' ');
  }
  return out;
}

const lastDrawn = (row: string[]) => row.findLastIndex((c) => c !== ' ');

function assertNothingWrapped(t: TerminalSession, where: string): void {
  const buffer = t.term.buffer.active;
  for (let y = 0; y < t.rows; y++) {
    assert.equal(buffer.getLine(buffer.viewportY + y)?.isWrapped, false, `${where}: row ${y} is the wrapped end of the row above:\n${t.screenText()}`);
  }
}

/** The status line is the last row drawn (the frame is one row shorter than the terminal). */
function assertStatusLast(t: TerminalSession, status: RegExp, where: string): void {
  const screen = t.screen();
  const row = screen.findIndex((line) => status.test(line));
  assert.equal(row, ROWS - 2, `${where}: the status line is on the last drawn row:\n${t.screenText()}`);
  assert.ok(screen.slice(row + 1).every((line) => line === ''), `${where}: nothing below the status line`);
}

function assertPanelInItsColumn(t: TerminalSession, where: string): void {
  const context = `${where}:\n${t.screenText()}`;
  const heading = cells(t, 0).slice(PANEL_X, PANEL_X + 8).join('');
  assert.equal(heading, 'Entities', `the panel heading starts at column ${PANEL_X}: ${context}`);
  const countEnds = new Set<number>();
  for (let y = 0; y < ROWS - 2; y++) {
    const row = cells(t, y);
    assert.equal(row.slice(GAP_X, PANEL_X).join(''), '  ', `row ${y}: the gap before the panel is blank: ${context}`);
    const panel = row.slice(PANEL_X);
    // Entity rows end in their mention count, right-aligned in the panel.
    if (/\d/.test(panel[lastDrawn(panel)] ?? '') && y > 0) countEnds.add(lastDrawn(panel));
  }
  assert.ok(countEnds.size > 0, `the panel lists entities: ${context}`);
  assert.deepEqual([...countEnds], [30], `every count ends in the panel's last column but one: ${context}`);
}

/** Waits for the list, whether or not its rows kept their shape (a wrapped row pushes the header off). */
async function startAtTheList(): Promise<TerminalSession> {
  const t = startWithUnicode11();
  await t.waitFor((s) => s.includes('Width-3') && s.includes('q quit'));
  await t.waitForRawMode();
  return t;
}

test('the list of such articles keeps its shape: header on top, one row each, metadata in the last columns', async () => {
  const t = await startAtTheList();
  try {
    const list = t.screenText();
    assert.match(t.screen()[0] ?? '', /3 articles/, `the header is on the first row:\n${list}`);
    assertNothingWrapped(t, 'list');
    assertStatusLast(t, /q quit/, 'list');
    const rows = t.screen().flatMap((line, y) => (/Width-\d/.test(line) ? [y] : []));
    assert.deepEqual(rows, [1, 2, 3], `one row per article, under the header:\n${list}`);
    for (const y of rows) assert.equal(lastDrawn(cells(t, y)), COLS - 1, `row ${y}'s metadata ends in the last column:\n${list}`);
    await t.press('q');
    assert.equal((await t.exited()).exitCode, 0);
  } finally {
    await t.dispose();
  }
});

test('the reader keeps its shape on every page of each, with the entity panel beside the text', async () => {
  const t = await startAtTheList();
  try {
    for (const n of [1, 2, 3]) {
      await t.press('enter');
      const { pages } = await waitForPage(t, 1);
      assert.ok(pages > 1, `Width-${n} takes more than a page`);
      assert.match(t.screen()[0] ?? '', new RegExp(`Width-${n}`), `the title on top:\n${t.screenText()}`);
      await t.press('e');
      // The whole frame, not its first rows: a frame can arrive in more than one read.
      await t.waitFor((s) => /Entities \(\d+\)/.test(s) && pageStatus.test(s));
      for (let page = 1; ; page++) {
        const where = `Width-${n}, page ${page}/${pages}`;
        assertNothingWrapped(t, where);
        assertStatusLast(t, pageStatus, where);
        assertPanelInItsColumn(t, where);
        if (page === pages) break;
        await t.press('space');
        await waitForPage(t, page + 1);
      }
      assert.equal(readerPosition(t)?.percent, 100);
      await t.press('e');
      await t.waitFor((s) => !/Entities \(/.test(s));
      await t.press('esc');
      await t.waitFor((s) => /3 articles/.test(s) && !pageStatus.test(s));
      await t.press('j');
    }
    assert.ok(!t.output().toString('utf8').includes('\x1b[2J'), 'the screen was never cleared: no frame was too tall');
    await t.press('q');
    assert.equal((await t.exited()).exitCode, 0);
  } finally {
    await t.dispose();
  }
});
