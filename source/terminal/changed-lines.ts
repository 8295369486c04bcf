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
/** ansi-escapes' clearTerminal, which Ink writes before such a frame: erase, scrollback, home. */
const CLEAR_TERMINAL = '\x1b[2J\x1b[3J\x1b[H';
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
  /** Forgets what is on screen, so the next frame is drawn whole. */
  invalidate(): void;
  /**
   * The terminal lost what was drawn (a suspend and resume): draws the last frame whole, now.
   * Ink cannot be relied on for it: its repaint frame (one row taller, see State.repaint) ends in
   * a blank row that Ink trims, so its text equals the last frame's and Ink writes nothing until
   * the next render — after a resume with nothing else to draw, the screen stayed blank.
   */
  redrawWhole(): void;
}

/**
 * Wraps the terminal's stream for Ink (rendering whole frames, `incrementalRendering` off): each
 * frame Ink writes becomes the changed lines only; any other write passes through. A resize, a
 * screen clear or anything not recognised makes the next frame whole.
 */
export function changedLinesOutput(stdout: NodeJS.WriteStream): ChangedLinesOutput {
  let onScreen: string[] | null = null;
  // The last frame's text, kept when the screen is forgotten, so a resume can draw it again.
  let lastFrame: string | null = null;
  const invalidate = () => {
    onScreen = null;
  };
  stdout.on('resize', () => {
    invalidate();
    lastFrame = null;
  });
  const writeThrough = (chunk: unknown, rest: unknown[]) => (stdout.write as (...args: unknown[]) => boolean)(chunk, ...rest);
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk !== 'string' || CONTROL_ONLY.test(chunk)) return writeThrough(chunk, rest);
    if (chunk.includes(CLEAR_SCREEN)) {
      invalidate();
      lastFrame = chunk.startsWith(CLEAR_TERMINAL) ? chunk.slice(CLEAR_TERMINAL.length) : null;
      return writeThrough(chunk, rest);
    }
    const erase = ERASE_PREVIOUS.exec(chunk);
    // A frame after the first always starts by erasing the previous one; the first has nothing to erase.
    if (!erase && onScreen !== null) {
      invalidate();
      lastFrame = null;
      return writeThrough(chunk, rest);
    }
    lastFrame = chunk.slice(erase ? erase[0].length : 0);
    const redraw = redrawChangedLines(onScreen, lastFrame);
    onScreen = redraw.lines;
    return writeThrough(redraw.bytes, rest);
  };
  const redrawWhole = () => {
    invalidate();
    if (lastFrame === null) return;
    const redraw = redrawChangedLines(null, lastFrame);
    onScreen = redraw.lines;
    writeThrough(redraw.bytes, []);
  };
  const stream = new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { stream, invalidate, redrawWhole };
}
