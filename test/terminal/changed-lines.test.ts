// The changed-lines output, checked by what an emulator shows: every sequence of frames, drawn
// through it, leaves the screen exactly as drawing the last frame whole would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import xterm from '@xterm/headless';
import fc from 'fast-check';
import { redrawChangedLines } from '../../source/terminal/changed-lines';

const COLS = 20;
const ROWS = 8;

async function screenAfter(writes: string[]): Promise<string[]> {
  const term = new xterm.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true });
  for (const bytes of writes) await new Promise<void>((resolve) => term.write(bytes, resolve));
  const lines: string[] = [];
  for (let y = 0; y < ROWS; y++) lines.push(term.buffer.active.getLine(y)?.translateToString(true) ?? '');
  const cursor = [term.buffer.active.cursorY, term.buffer.active.cursorX];
  term.dispose();
  return [...lines, `cursor ${cursor.join(',')}`];
}

/** A frame as Ink writes it: lines joined by newlines, with the trailing newline. */
const frameArb = fc
  .array(fc.stringMatching(/^[a-c ]{0,6}$/), { minLength: 0, maxLength: ROWS - 1 })
  .map((lines) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`));

test('drawing frames by their changed lines shows what drawing the last one whole shows', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(frameArb, { minLength: 1, maxLength: 6 }), async (frames) => {
      let onScreen: string[] | null = null;
      const writes: string[] = [];
      for (const frame of frames) {
        const redraw = redrawChangedLines(onScreen, frame);
        writes.push(redraw.bytes);
        onScreen = redraw.lines;
      }
      const whole = redrawChangedLines(null, frames.at(-1) as string).bytes;
      assert.deepEqual(await screenAfter(writes), await screenAfter([whole]));
      // …which is the frame itself, from the top-left, with the cursor after it.
      const lines = (frames.at(-1) as string).split('\n');
      const expected = Array.from({ length: ROWS }, (_, y) => (y < lines.length - 1 ? (lines[y] as string) : ''));
      assert.deepEqual(await screenAfter([whole]), [...expected, `cursor ${lines.length - 1},0`]);
    }),
    { numRuns: 150 },
  );
});

test('a frame that differs from the last in one line rewrites that line only', () => {
  const before = redrawChangedLines(null, 'title\nbody\n1/400 · finding entities 10%\n');
  const after = redrawChangedLines(before.lines, 'title\nbody\n1/400 · finding entities 20%\n');
  assert.equal(after.bytes, '\x1b[3;1H1/400 · finding entities 20%\x1b[K\x1b[4;1H');
});
