// Slow tier: long reading sessions in a terminal, ~8 s of CPU.
// The interactive reader as a person at a real terminal sees it: list, open, page, back, help,
// resize. Each test starts its own lede in a pseudo-terminal and always kills it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeRegExp, pageStatus, readerPosition, seedPrefixes, seedTitles, waitForPage } from './fixtures';
import { startLede, type StartOptions, type TerminalSession } from './terminal';

async function withLede(
  args: string[],
  options: StartOptions,
  body: (t: TerminalSession) => Promise<void>,
): Promise<void> {
  const t = startLede(args, options);
  try {
    await body(t);
  } finally {
    await t.dispose();
  }
}

const listReady = async (t: TerminalSession) => {
  await t.waitFor((s) => s.includes('2 articles') && seedPrefixes.every((p) => s.includes(p)));
  await t.waitForRawMode();
  // Background work (search index, entities) reports in the status line until it is done;
  // tests that compare whole screens start once it has settled.
  await t.waitFor((s) => !/indexing|finding entities/.test(s));
};

/** No frame may be taller than the terminal: if one were, the screen would scroll and the
 * header would leave the first line. */
function assertHeaderOnTop(t: TerminalSession, header: RegExp, when: string): void {
  const first = t.screen()[0] ?? '';
  assert.match(first, header, `${when}: the first line should be the header, screen:\n${t.screenText()}`);
}

/** The article the list shows first, and the other one. */
function seedOrder(t: TerminalSession): [string, string] {
  const rows = seedPrefixes.map((p) => t.findLine(p));
  assert.ok(rows.every((r) => r > 0), `both seed titles should be listed:\n${t.screenText()}`);
  return rows[0]! < rows[1]! ? [seedPrefixes[0], seedPrefixes[1]] : [seedPrefixes[1], seedPrefixes[0]];
}

test('starts on the alternate screen, cursor hidden, and lists the bundled articles under a header', async () => {
  await withLede([], { cols: 100, rows: 24 }, async (t) => {
    await listReady(t);
    assert.equal(t.isAlternateScreen(), true, 'lede should run on the alternate screen');
    assert.equal(t.cursorVisible(), false, 'the cursor should be hidden while lede runs');
    assertHeaderOnTop(t, /lede/, 'list');
    assert.match(t.screen()[0] ?? '', /2 articles/, 'the header shows the article count');
    // At 100 columns both full titles fit.
    for (const title of seedTitles) assert.ok(t.findLine(title) > 0, `title "${title}" in full:\n${t.screenText()}`);
    const footer = t.screen().filter((l) => l.trim() !== '').at(-1) ?? '';
    assert.match(footer, /quit/i, `the footer shows key hints:\n${t.screenText()}`);
  });
});

test('truncates a long title with … to fit a narrow terminal instead of wrapping it', async () => {
  await withLede([], { cols: 48, rows: 16 }, async (t) => {
    await listReady(t);
    const screen = t.screen();
    const row = t.findLine('Netanyahu May');
    assert.match(screen[row] ?? '', /…/, `the long title is truncated with …:\n${t.screenText()}`);
    // A line wider than the terminal would wrap onto the next row in a real terminal.
    assert.ok(!screen.some((l) => l.includes('From Syria')), `no tail of the title on screen:\n${t.screenText()}`);
    assertHeaderOnTop(t, /lede/, 'narrow list');
  });
});

test('opens an article and pages with Space, f, PgDn, b, PgUp, g and G; the title stays on top', async () => {
  await withLede([], { cols: 80, rows: 24 }, async (t) => {
    await listReady(t);
    const [first] = seedOrder(t);
    await t.press('enter');
    const start = await waitForPage(t, 1);
    assert.ok(start.pages >= 2, `a seed article is longer than one 80x24 page (got ${start.pages})`);
    const header = escapeRegExp(first);
    assertHeaderOnTop(t, header, 'reader page 1');
    const page1 = t.screenText();

    const steps: [string, number | 'last'][] = [
      ['space', 2],
      ['b', 1],
      ['pgdn', 2],
      ['pgup', 1],
      ['f', 2],
      ['G', 'last'],
      ['g', 1],
      ['G', 'last'],
      ['pgdn', 'last'], // past the end stays on the last page
      ['home', 1],
      ['end', 'last'],
    ];
    for (const [key, page] of steps) {
      await t.press(key);
      const pos = await waitForPage(t, page);
      assertHeaderOnTop(t, header, `after ${key}`);
      if (page === 'last') assert.equal(pos.percent, 100, `the last page is 100%:\n${t.screenText()}`);
      if (page === 2) assert.notEqual(t.screenText(), page1, 'page 2 shows different text');
    }
    await t.press('g');
    await waitForPage(t, 1);
    assert.equal(t.screenText(), page1, 'back on page 1 the screen is as it was');
    assert.ok(readerPosition(t)!.percent < 100);
  });
});

test('Esc, h and ← go back to the list with the cursor on the article just read', async () => {
  await withLede([], { cols: 100, rows: 24 }, async (t) => {
    await listReady(t);
    const [first, second] = seedOrder(t);
    const rowOf = (prefix: string) => t.findLine(prefix);
    // A row's look, but for its unread mark (N), which reading an article takes away.
    const look = (prefix: string) => t.lineSignature(rowOf(prefix)).replace(/}N/, '} ');
    const selectedFirst = look(first);
    const unselectedSecond = look(second);

    await t.press('j');
    await t.waitFor(() => look(second) !== unselectedSecond);
    const selectedSecond = look(second);
    assert.notEqual(look(first), selectedFirst, 'j moved the selection off the first row');

    for (const [round, back] of ['esc', 'h', 'left'].entries()) {
      await t.press('enter');
      // The first time at the top; after that where it was left (read state remembers it).
      await waitForPage(t, round === 0 ? 1 : 2);
      assertHeaderOnTop(t, escapeRegExp(second), `reader opened from row 2 (before ${back})`);
      if (round === 0) {
        await t.press('space');
        await t.waitFor(() => readerPosition(t)?.page !== 1);
      }
      await t.press(back);
      await t.waitFor((s) => s.includes('2 articles') && !pageStatus.test(s));
      assertHeaderOnTop(t, /lede/, `list after ${back}`);
      assert.equal(look(second), selectedSecond, `after ${back} the article just read is selected:\n${t.screenText()}`);
    }

    // k and ↑ move back up; Enter then opens the first article.
    await t.press('k');
    await t.waitFor(() => look(first) === selectedFirst);
    await t.press('down');
    await t.waitFor(() => look(second) === selectedSecond);
    await t.press('up');
    await t.waitFor(() => look(first) === selectedFirst);
    await t.press('enter');
    await waitForPage(t, 1);
    assertHeaderOnTop(t, escapeRegExp(first), 'reader opened from row 1');
  });
});

test('? shows the help page from the list and the reader; ?, Esc or q closes it (as in less); Ctrl+C quits from it', async () => {
  await withLede([], { cols: 100, rows: 30 }, async (t) => {
    await listReady(t);
    const list = t.screenText();
    for (const close of ['?', 'esc', 'q']) {
      await t.press('?');
      const help = await t.waitFor('Keys');
      assert.match(help, /quit/i, `help lists the bindings:\n${help}`);
      assert.match(help, /page/i, `help lists the paging keys:\n${help}`);
      await t.press(close);
      await t.waitFor((s) => s === list);
    }

    await t.press('enter');
    await waitForPage(t, 1);
    await t.press('space');
    await waitForPage(t, 2);
    const reader = t.screenText();
    for (const close of ['?', 'esc']) {
      await t.press('?');
      await t.waitFor('Keys');
      await t.press(close);
      await t.waitFor((s) => s === reader);
    }
    assert.equal(readerPosition(t)?.page, 2, 'closing help keeps the page');

    await t.press('?');
    await t.waitFor('Keys');
    await t.press('ctrl-c');
    const status = await t.exited();
    assert.equal(status.exitCode, 130, 'Ctrl+C exits 130, as after SIGINT');
  });
});

test('the help page scrolls (G to its end) and another key leaves it open, saying how to close it', async () => {
  await withLede([], { cols: 100, rows: 30 }, async (t) => {
    await listReady(t);
    const list = t.screenText();
    await t.press('?');
    await t.waitFor('Keys');
    await t.press('x'); // bound to nothing
    await t.waitFor(/closes help/);
    await t.press('G');
    await t.waitFor(/Search syntax/);
    await t.press('esc');
    await t.waitFor((s) => s === list);
  });
});

test('a terminal smaller than 40x10 shows "too small", and enlarging it brings the view back', async () => {
  await withLede([], { cols: 30, rows: 8 }, async (t) => {
    await t.waitFor(/too small/i);
    t.resize(80, 24);
    await listReady(t);
    assertHeaderOnTop(t, /lede/, 'list after enlarging');

    await t.press('enter');
    await waitForPage(t, 1);
    await t.press('space');
    await waitForPage(t, 2);
    for (const [cols, rows] of [
      [39, 24],
      [80, 9],
    ] as const) {
      t.resize(cols, rows);
      await t.waitFor(/too small/i);
      t.resize(80, 24);
      await t.waitFor(pageStatus);
      assert.ok(!/too small/i.test(t.screenText()), `recovered from ${cols}x${rows}:\n${t.screenText()}`);
    }
    assert.equal(t.hasExited(), false);
  });
});

test('resizing the reader re-wraps and re-paginates; a resize storm from 1x1 to 400x120 does not crash', async () => {
  await withLede([], { cols: 100, rows: 30 }, async (t) => {
    await listReady(t);
    const [first] = seedOrder(t);
    const header = escapeRegExp(first);
    await t.press('enter');
    const wide = await waitForPage(t, 1);

    t.resize(50, 15);
    await t.waitFor(() => (readerPosition(t)?.pages ?? 0) > wide.pages);
    assertHeaderOnTop(t, header, 'reader at 50x15');
    const narrow = readerPosition(t)!;
    assert.ok(narrow.page <= narrow.pages);

    const sizes: [number, number][] = [
      [1, 1],
      [400, 120],
      [2, 50],
      [120, 2],
      [40, 10],
      [39, 9],
      [200, 60],
      [10, 10],
      [79, 23],
      [1, 120],
      [400, 1],
    ];
    for (const [cols, rows] of sizes) {
      t.resize(cols, rows);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    t.resize(100, 30);
    await t.waitFor(() => readerPosition(t)?.pages === wide.pages && !/too small/i.test(t.screenText()));
    assertHeaderOnTop(t, header, 'reader after the resize storm');
    assert.equal(t.hasExited(), false, 'lede survived the resize storm');

    await t.press('esc');
    await listReady(t);
    assertHeaderOnTop(t, /lede/, 'list after the resize storm');
  });
});

test('a key typed while lede starts is neither echoed nor lost (raw mode before the first frame)', async () => {
  await withLede([], { cols: 80, rows: 24 }, async (t) => {
    // lede owns the terminal from the moment it switches screens: Enter typed now must open the
    // first article, not be echoed as a newline by the still-cooked tty and dropped.
    await t.waitFor(() => t.isAlternateScreen());
    t.write('\r');
    await waitForPage(t, 1);
    assertHeaderOnTop(t, /How the \(Proxy\)|Netanyahu May/, 'reader opened by a key typed during start-up');
  });
});

test('draws interactively even when CI is set in the environment (Ink alone would stay blank)', async () => {
  await withLede([], { cols: 100, rows: 30, env: { CI: 'true', CONTINUOUS_INTEGRATION: '1' } }, async (t) => {
    await listReady(t);
    assert.match(t.screen()[0] ?? '', /lede/);
    await t.press('enter');
    await waitForPage(t, 1);
  });
});
