// Slow tier: frame-by-frame redraw checks in a terminal, ~10 s of CPU.
// Background progress rewrites its own line and nothing else: the built CLI in a pseudo-terminal
// over a generated library with a fresh entity cache, left alone while the entity pass reports
// progress, every byte it writes recorded. Before changed-lines rendering each tick erased and
// rewrote the whole screen (31 ticks, 1,200 line erases in 8 s).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { writeCorpus } from '../bench/generate-corpus';
import { makeTempDir } from './fixtures';
import { startLede } from './terminal';

const temp = makeTempDir('lede-e2e-redraw-');
after(() => temp.remove());

/** Ink brackets every frame in a synchronized update (ESC[?2026h … ESC[?2026l). */
const BEGIN_FRAME = '\x1b[?2026h';
/** Each line lede rewrites ends by erasing the rest of it (ESC[K). */
const LINE_REWRITE = /\x1b\[K/g;
/** The whole-frame renderer's way: erase a line (ESC[2K), for every line of the frame. */
const LINE_ERASE = '\x1b[2K';
/** A guard against a hang, not a timing assertion. */
const PASS_GUARD_MS = 240_000;

test('a progress tick rewrites only the status line, never the whole screen', async () => {
  const corpus = join(temp.dir, 'corpus');
  writeCorpus(400, corpus, 3);
  const rows = 24;
  const t = startLede([corpus], { cols: 100, rows, env: { LEDE_CACHE_DIR: join(temp.dir, 'cache') } });
  try {
    await t.waitFor(/finding entities \d+%/, { timeout: PASS_GUARD_MS });
    const drawn = t.output().length;
    await t.waitFor((s) => /400 articles/.test(s) && !/finding entities|indexing/.test(s), { timeout: PASS_GUARD_MS });
    const frames = t.output().subarray(drawn).toString('utf8').split(BEGIN_FRAME).slice(1);
    const ticks = frames.filter((frame) => /finding entities \d+%/.test(frame));
    assert.ok(ticks.length >= 2, `the pass reported progress at least twice (${ticks.length} ticks)`);
    for (const [i, frame] of frames.entries()) {
      const rewritten = frame.match(LINE_REWRITE)?.length ?? 0;
      assert.equal(rewritten, 1, `frame ${i + 1}/${frames.length} rewrote ${rewritten} lines: ${JSON.stringify(frame)}`);
      assert.ok(!frame.includes(LINE_ERASE), `frame ${i + 1} erased whole lines: ${JSON.stringify(frame)}`);
    }
    // The line rewritten is the status line at the bottom, and the rest of the screen survived.
    const screen = t.screen();
    assert.match(screen[0] ?? '', /lede/, screen.join('\n'));
    assert.match(screen.findLast((line) => line.trim() !== '') ?? '', /^ ?article 1 of 400/, screen.join('\n'));
    await t.press('q');
    assert.equal((await t.exited()).exitCode, 0);
  } finally {
    await t.dispose();
  }
});
