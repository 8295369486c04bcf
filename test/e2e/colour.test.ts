// no-color.org in a real terminal: under NO_COLOR, FORCE_COLOR=0 and TERM=dumb no cell has a
// colour, yet the search matches, the current match and the list's selection are still marked
// (bold, underline, inverse); with colour allowed the same matches are coloured.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedPrefixes, waitForPage } from './fixtures';
import { cliPath, startLede, startProgram, type TerminalSession, withOwnState } from './terminal';

interface CellLook {
  char: string;
  coloured: boolean;
  bold: boolean;
  underline: boolean;
  inverse: boolean;
}

function cells(t: TerminalSession): CellLook[][] {
  const buffer = t.term.buffer.active;
  const cell = buffer.getNullCell();
  const rows: CellLook[][] = [];
  for (let y = 0; y < t.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    const row: CellLook[] = [];
    for (let x = 0; line && x < t.cols; x++) {
      if (!line.getCell(x, cell)) break;
      row.push({
        char: cell.getChars() || ' ',
        coloured: cell.getFgColorMode() !== 0 || cell.getBgColorMode() !== 0,
        bold: cell.isBold() !== 0,
        underline: cell.isUnderline() !== 0,
        inverse: cell.isInverse() !== 0,
      });
    }
    rows.push(row);
  }
  return rows;
}

/** Every place the word is on screen, with how its first letter is drawn. */
function occurrences(t: TerminalSession, word: string): CellLook[] {
  const found: CellLook[] = [];
  for (const row of cells(t)) {
    const text = row.map((c) => c.char).join('');
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) found.push(row[at]!);
  }
  return found;
}

const withoutColour: [string, Record<string, string | undefined>][] = [
  ['NO_COLOR=1', { NO_COLOR: '1', FORCE_COLOR: undefined }],
  ['FORCE_COLOR=0', { NO_COLOR: undefined, FORCE_COLOR: '0' }],
  // node-pty sets TERM from the terminal's name: TERM=dumb goes through env(1) (see start()).
  ['TERM=dumb', { NO_COLOR: undefined, FORCE_COLOR: undefined, COLORTERM: undefined }],
];

function start(name: string, env: Record<string, string | undefined>): TerminalSession {
  const options = { cols: 100, rows: 30, env: withOwnState(env) };
  if (name !== 'TERM=dumb') return startLede([], options);
  return startProgram('/usr/bin/env', ['TERM=dumb', process.execPath, cliPath], options);
}

async function searchIran(t: TerminalSession): Promise<void> {
  await t.waitFor((s) => seedPrefixes.some((p) => s.includes(p)));
  await t.waitForRawMode();
  // The list's selection is drawn inverse, colour or not.
  const selected = cells(t).find((row) => row.some((c) => c.char === '›'));
  assert.ok(selected?.some((c) => c.inverse), 'the selected row is inverse');
  await t.press('enter');
  await waitForPage(t, 1);
  await t.press('/', 'I', 'r', 'a', 'n', 'enter');
  // The status line (not the prompt's note, which shows while typing): the query is complete.
  await t.waitFor(/page 1\/\d+ · \d+% · match 1\/\d+/);
}

for (const [name, env] of withoutColour) {
  test(`under ${name}: no colour anywhere, and the matches still marked`, async () => {
    const t = start(name, env);
    try {
      await searchIran(t);
      assert.ok(cells(t).every((row) => row.every((c) => !c.coloured)), `no cell is coloured:\n${t.screenText()}`);
      const matches = occurrences(t, 'Iran').filter((c) => c.underline);
      assert.ok(matches.length >= 2, `the matches on the page are underlined:\n${t.screenText()}`);
      assert.ok(matches.every((c) => c.bold), 'and bold');
      assert.equal(matches.filter((c) => c.inverse).length, 1, 'exactly one, the current match, is inverse');
      await t.press('q');
      assert.equal((await t.exited()).exitCode, 0);
    } finally {
      await t.dispose();
    }
  });
}

test('with colour allowed the same matches are coloured as well as marked', async () => {
  const t = startLede([], { cols: 100, rows: 30, env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
  try {
    await searchIran(t);
    const matches = occurrences(t, 'Iran').filter((c) => c.underline && !c.inverse);
    assert.ok(matches.length >= 1, t.screenText());
    assert.ok(matches.every((c) => c.coloured), `the matches other than the current one have a colour:\n${t.screenText()}`);
    assert.ok(cells(t).some((row) => row.some((c) => c.coloured && c.char === '─')), 'the rule is drawn in its colour');
    await t.press('q');
    await t.exited();
  } finally {
    await t.dispose();
  }
});
