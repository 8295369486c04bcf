// The changed-lines output, checked by what an emulator shows: every sequence of frames, drawn
// through it, leaves the screen exactly as drawing the last frame whole would.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import xterm from '@xterm/headless';
import fc from 'fast-check';
import { changedLinesOutput, redrawChangedLines } from '../../source/terminal/changed-lines';

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

/** A terminal stream that records what reaches it. */
function recordingStdout(): { stdout: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const emitter = new EventEmitter() as EventEmitter & { write: (chunk: string) => boolean };
  emitter.write = (chunk: string) => {
    written.push(chunk);
    return true;
  };
  return { stdout: emitter as unknown as NodeJS.WriteStream, written };
}

/** Ink's whole-frame write after the first: erase the previous frame's lines, then the frame. */
const inkFrame = (previousLines: number, frame: string) => `${'\x1b[2K\x1b[1A'.repeat(Math.max(0, previousLines - 1))}\x1b[2K\x1b[G${frame}`;

test('after a resume the last frame is drawn whole on the blank screen, with nothing from Ink', async () => {
  await fc.assert(
    // lede never draws an empty frame (an all-erase or all-clear write passes through as control sequences).
    fc.asyncProperty(fc.array(frameArb.filter((f) => f.replace(/\n$/, '') !== ''), { minLength: 1, maxLength: 5 }), fc.boolean(), async (frames, lastClears) => {
      const { stdout, written } = recordingStdout();
      const output = changedLinesOutput(stdout);
      frames.forEach((frame, i) => {
        const cleared = lastClears && i === frames.length - 1;
        // Ink's clear-and-redraw writes the frame without its trailing newline.
        output.stream.write(cleared ? `\x1b[2J\x1b[3J\x1b[H${frame.replace(/\n$/, '')}` : i === 0 ? frame : inkFrame(ROWS, frame));
      });
      const last = frames.at(-1) as string;
      // The resume: the alternate screen is entered again, blank; lede redraws what it had.
      written.length = 0;
      output.redrawWhole();
      const shown = await screenAfter(written);
      const lines = (lastClears ? last.replace(/\n$/, '') : last).split('\n');
      const rows = Array.from({ length: ROWS }, (_, y) => (y < lines.length && (y < lines.length - 1 || lines[y] !== '') ? (lines[y] as string) : ''));
      assert.deepEqual(shown.slice(0, ROWS), rows);
      // The next frame Ink writes is drawn against the redrawn screen, as if nothing had happened.
      const next = 'next\n';
      output.stream.write(inkFrame(ROWS, next));
      assert.deepEqual((await screenAfter(written)).slice(0, 2), ['next', '']);
    }),
    { numRuns: 60 },
  );
});

test('after a resize the last frame is not redrawn: it was laid out for the old size', () => {
  const { stdout, written } = recordingStdout();
  const output = changedLinesOutput(stdout);
  output.stream.write('a\nb\n');
  stdout.emit('resize');
  written.length = 0;
  output.redrawWhole();
  assert.deepEqual(written, []);
});
