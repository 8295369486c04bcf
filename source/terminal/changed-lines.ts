/**
 * Rewrites only the lines of a frame that changed. Ink's own renderer erases and rewrites every
 * line of every frame (a background-progress tick redrew the whole screen); its
 * `incrementalRendering` (6.8) moves the cursor up one line too few when the frame ends in a
 * newline, as lede's always does (a frame one row shorter than the terminal, see frameHeight), so
 * each changed line landed one row low and the screen scrolled. lede's frame always starts at the
 * top-left of the alternate screen, so this positions each changed line absolutely instead of
 * trusting relative moves.
 */

/** What Ink's whole-frame renderer writes before a frame: erase the previous one, line by line. */
const ERASE_PREVIOUS = /^(?:\x1b\[2K\x1b\[1A)*\x1b\[2K\x1b\[G/;
/** Ink's clear-and-redraw (a frame as tall as the terminal, lede's repaint): the screen is new. */
const CLEAR_SCREEN = '\x1b[2J';
/** A write that is only escape sequences (cursor shown/hidden, synchronized-update marks). */
const CONTROL_ONLY = /^(?:\x1b\[[0-9;?<>=]*[ -/]*[@-~])+$/;

const moveTo = (row: number) => `\x1b[${row};1H`;
const ERASE_TO_END_OF_LINE = '\x1b[K';
const ERASE_BELOW = '\x1b[J';

export interface Redraw {
  /** The bytes that turn the screen showing `previous` into one showing the frame. */
  bytes: string;
  /** The frame's lines, to diff the next frame against. */
  lines: string[];
}

/**
 * The bytes that draw `frame` (lines separated by `\n`, as Ink writes it) from the top-left of the
 * screen over `previous` (null: the screen's content is unknown, draw every line). The cursor is
 * left where Ink expects it after writing the frame: after its last character.
 */
export function redrawChangedLines(previous: readonly string[] | null, frame: string): Redraw {
  const lines = frame.split('\n');
  const parts: string[] = [];
  // The last element is what follows the last newline: usually '', where the cursor rests.
  const last = lines.length - 1;
  for (let i = 0; i < last; i++) {
    if (previous !== null && previous[i] === lines[i]) continue;
    parts.push(moveTo(i + 1), lines[i] as string, ERASE_TO_END_OF_LINE);
  }
  parts.push(moveTo(last + 1), lines[last] as string);
  // Anything of a longer previous frame (or, unknown, of what was there) below the new one goes.
  if (previous === null || previous.length > lines.length || previous[last] !== lines[last]) parts.push(ERASE_BELOW);
  return { bytes: parts.join(''), lines };
}

export interface ChangedLinesOutput {
  /** The stream to give Ink: everything passes through to the terminal, frames as changed lines. */
  stream: NodeJS.WriteStream;
  /** Forgets what is on screen, so the next frame is drawn whole (after a resume, say). */
  invalidate(): void;
}

/**
 * Wraps the terminal's stream for Ink (rendering whole frames, `incrementalRendering` off): each
 * frame Ink writes becomes the changed lines only; any other write passes through. A resize, a
 * screen clear or anything not recognised makes the next frame whole.
 */
export function changedLinesOutput(stdout: NodeJS.WriteStream): ChangedLinesOutput {
  let onScreen: string[] | null = null;
  const invalidate = () => {
    onScreen = null;
  };
  stdout.on('resize', invalidate);
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const pass = () => (stdout.write as (...args: unknown[]) => boolean)(chunk, ...rest);
    if (typeof chunk !== 'string' || CONTROL_ONLY.test(chunk)) return pass();
    if (chunk.includes(CLEAR_SCREEN)) {
      invalidate();
      return pass();
    }
    const erase = ERASE_PREVIOUS.exec(chunk);
    // A frame after the first always starts by erasing the previous one; the first has nothing to erase.
    if (!erase && onScreen !== null) {
      invalidate();
      return pass();
    }
    const redraw = redrawChangedLines(onScreen, chunk.slice(erase ? erase[0].length : 0));
    onScreen = redraw.lines;
    return (stdout.write as (...args: unknown[]) => boolean)(redraw.bytes, ...rest);
  };
  const stream = new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { stream, invalidate };
}
