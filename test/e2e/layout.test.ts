// The frame fits the terminal at every size from the minimum up: the header stays on the first
// line through a whole article, and Ink never has to clear the screen to redraw (which is what a
// frame as tall as the terminal causes, and what a user sees as flicker).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeRegExp, pageStatus, readerPosition, seedPrefixes, waitForPage } from './fixtures';
import { startLede } from './terminal';

const sizes: [number, number][] = [
  [40, 10],
  [80, 24],
  [132, 43],
  [220, 60],
];

for (const [cols, rows] of sizes) {
  test(`at ${cols}x${rows} every frame fits: header on line 1, no full-screen clear`, async () => {
    const t = startLede([], { cols, rows });
    try {
      await t.waitFor((s) => s.includes('2 articles') && seedPrefixes.some((p) => s.includes(p)));
      await t.waitForRawMode();
      assert.doesNotMatch(t.screenText(), /too small/i, `${cols}x${rows} is big enough`);
      assert.match(t.screen()[0] ?? '', /lede/, `list header on top:\n${t.screenText()}`);
      const first = seedPrefixes.find((p) => t.screenText().includes(p))!;

      await t.press('enter');
      const { pages } = await waitForPage(t, 1);
      const title = escapeRegExp(first);
      for (let page = 1; ; page++) {
        assert.match(t.screen()[0] ?? '', title, `page ${page}/${pages}: title on top:\n${t.screenText()}`);
        const status = t.findLine(pageStatus);
        assert.ok(status > 0 && status < rows, `page ${page}: the status bar is on screen`);
        if (page === pages) break;
        await t.press('space');
        await waitForPage(t, page + 1);
      }
      assert.equal(readerPosition(t)?.percent, 100);

      await t.press('esc');
      await t.waitFor((s) => s.includes('2 articles') && !pageStatus.test(s));
      assert.match(t.screen()[0] ?? '', /lede/, `list header on top after reading:\n${t.screenText()}`);

      const output = t.output().toString('utf8');
      assert.ok(!output.includes('\x1b[2J'), 'the screen was never cleared (ESC[2J): a frame was too tall');
      assert.ok(!output.includes('\x1b[3J'), 'the scrollback was never cleared (ESC[3J): a frame was too tall');
      await t.press('q');
      assert.equal((await t.exited()).exitCode, 0);
    } finally {
      await t.dispose();
    }
  });
}
