// Slow tier: every code point of planes 0, 1 and 14 against xterm.js, ~10 s of CPU.
// What lede counts is what the terminal draws: for any text, once sanitised, displayWidth (the
// count every row is padded and cut with, and the one Ink lays rows out with) equals the columns
// xterm.js advances its cursor by. The emulator runs with its Unicode 11 widths, as VS Code's and
// other xterm.js terminals do: the built-in Unicode 6 table draws every emoji one column wide,
// unlike every terminal in use. Where terminals disagree among themselves, sanitising picks what
// they agree on (see source/core/width-normalize.ts); these tests hold it to xterm.js.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import xterm from '@xterm/headless';
import fc from 'fast-check';
import { displayWidth, graphemes, padToWidth, tailToWidth, truncateToWidth } from '../../../source/core/layout/text-width';
import { expandTabs } from '../../../source/core/load/normalize';
import { sanitizeForTerminal, sanitizeSingleLine } from '../../../source/core/sanitize';

const COLS = 400;
const MARKER = '|';

/**
 * An xterm.js emulator that measures strings: each is written on a line of its own from column 0,
 * followed by a marker, and its width is the column the marker landed in. Lines are written in
 * batches of `rows`, so measuring many strings costs one parse. Each batch starts with a reset,
 * which allocates every cell of the screen afresh (rows × cols): the screen is sized to the
 * batches a caller writes (a few dozen pieces per property run, thousands of short strings in the
 * code-point sweep), since the reset, not the measuring, was most of this file's time at 1000 × 400.
 */
class Emulator {
  private readonly term: InstanceType<typeof xterm.Terminal>;

  constructor(
    private readonly rows = 100,
    private readonly cols = COLS,
  ) {
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
  }

  async widths(strings: string[]): Promise<number[]> {
    const out: number[] = [];
    for (let from = 0; from < strings.length; from += this.rows) {
      const batch = strings.slice(from, from + this.rows);
      this.term.reset();
      await new Promise<void>((resolve) => this.term.write(batch.map((s) => s + MARKER).join('\r\n'), resolve));
      batch.forEach((s, y) => out.push(this.markerColumn(y, s)));
    }
    return out;
  }

  async width(s: string): Promise<number> {
    return (await this.widths([s]))[0] as number;
  }

  /**
   * The column of the marker on line `y`: the first cell never written to is just past it (a
   * zero-width character joins the cell before it; a wide one is followed by a cell of width 0).
   */
  private markerColumn(y: number, s: string): number {
    const line = this.term.buffer.active.getLine(y);
    const cell = this.term.buffer.active.getNullCell();
    let x = 0;
    while (x < this.cols && line?.getCell(x, cell) && (cell.getChars() !== '' || cell.getWidth() === 0)) x++;
    const marker = line?.getCell(x - 1, cell)?.getChars();
    assert.equal(marker, MARKER, `the emulator wrapped or lost the marker after ${JSON.stringify(s)}`);
    return x - 1;
  }

  dispose(): void {
    this.term.dispose();
  }
}

const codes = (s: string) => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

/** The pieces a line of the frame can be cut into: itself, its words (wrapping), its graphemes (truncating). */
function cutsOf(line: string): string[] {
  const words = line.split(' ').filter((w) => w !== '');
  return [line, ...words, ...graphemes(line)];
}

/**
 * Asserts that each line, and every piece lede may cut it into, is as wide in displayWidth as on the
 * emulator, and that no grapheme is zero columns wide (Ink gives each grapheme at least one cell).
 */
async function assertSameWidths(emulator: Emulator, lines: string[], source: string): Promise<void> {
  const pieces = lines.flatMap(cutsOf);
  const drawn = await emulator.widths(pieces);
  pieces.forEach((piece, k) => {
    const context = `${JSON.stringify(piece)} (${codes(piece)}) from ${JSON.stringify(source)} (${codes(source)})`;
    assert.equal(displayWidth(piece), drawn[k], `displayWidth of ${context}`);
  });
  for (const line of lines) {
    for (const g of graphemes(line)) assert.ok(displayWidth(g) >= 1, `zero-width grapheme ${codes(g)} in ${JSON.stringify(line)}`);
  }
}

/** Characters and sequences where lede and terminals are known to count differently. */
const HARD_CASES = [
  // ASCII, Latin-1, Latin with combining marks (also on a space and at the start)
  'a', 'Z', ' ', ' ', '.', 'é', 'ß', '“', '’', '—', '…', 'e\u0301', '\u0301', '\u0308\u0323', 'n\u0303\u0304',
  // CJK, fullwidth, halfwidth kana with voiced marks, ideographic space and variation selector
  '東', '京', 'の', 'Ａ', 'ｶﾞ', 'ﾟ', '\u3000', '葛\u{E0100}', '\u{E0100}',
  // emoji: plain, text-default, presentation selectors, skin tones, ZWJ sequences, keycaps, tag flags
  '😀', '❤', '❤\ufe0f', '☔\ufe0e', '\ufe0f', '\ufe0e', '👍🏽', '🏽', '👨\u200d👩\u200d👧', '🏳\ufe0f\u200d🌈',
  '👩🏽\u200d💻', '1\ufe0f\u20e3', '#\u20e3', '\u20e3', '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
  // flags and lone regional indicators
  '🇺🇸', '🇫🇷', '\u{1F1E6}', '\u{1F1FF}',
  // invisible format characters: soft hyphen, zero-width space/joiners, word joiner, BOM, bidi marks, tags
  '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u061c', '\u180e', '\u{E0041}', '\u{E0001}',
  '\u2062', '\ufff9', '\u{1D173}', '\u{13430}', '\u034f', '\u{1BCA0}',
  // Hangul: syllables, conjoining jamo in and out of syllables, fillers
  '한', '\u1100', '\u1161', '\u11a8', '\u1100\u1161\u11a8', '\ud7b0', '\ud7cb', '\u115f', '\u1160', '\u3164', '\uffa0',
  // Thai and Lao (SARA AM, tone marks)
  'ท', 'ำ', 'น้ำ', 'ที่', 'ไทย', 'ຄ', 'ຳ',
  // Devanagari and other Indic scripts: conjuncts across a virama, explicit halant, nukta, prepended reph
  'क', '्', 'ष', 'ि', 'क्ष', 'न्द', 'क्\u200dष', 'क़', 'ক্ষ', 'க்ஷ', 'ക്ക', '\u0d4e', 'ខ្មែ', 'က္က',
  // Arabic: letters, harakat, lam-alef, Arabic number sign (prepended)
  'م', 'َ', 'لا', 'مَرحبا', '\u0600',
  // unassigned, noncharacters, private use, newer emoji and symbols whose width changed after Unicode 11
  '\u0378', '\uffff', '\u{E0080}', '\ue000', '🥲', '🫠', '䷀', '☰', '\u{1D360}', '\u2028',
];
const hardText = fc.array(fc.constantFrom(...HARD_CASES), { maxLength: 16 }).map((a) => a.join(''));
const anyText = fc.oneof(
  hardText,
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.array(fc.constantFrom(...HARD_CASES, '\n', '\t', '\n\n'), { maxLength: 16 }).map((a) => a.join('')),
);

describe('displayWidth of sanitised text equals the width xterm.js draws', () => {
  const emulator = new Emulator();

  test('examples from each family of hard cases', async () => {
    for (const piece of HARD_CASES) {
      await assertSameWidths(emulator, [sanitizeSingleLine(piece), sanitizeSingleLine(`x${piece}y`), sanitizeSingleLine(` ${piece} `)], piece);
    }
  });

  test('property: any one-line text (titles, names)', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (s) => assertSameWidths(emulator, [sanitizeSingleLine(s)], s)),
      { numRuns: 600 },
    );
  });

  test('property: every line of a body, tabs expanded as loading does', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (s) => assertSameWidths(emulator, expandTabs(sanitizeForTerminal(s)).split('\n'), s)),
      { numRuns: 400 },
    );
  });

  test('property: a row padded or cut to N columns is N columns (at most N when cut) on the emulator', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, fc.integer({ min: 1, max: 40 }), async (s, width) => {
        const line = sanitizeSingleLine(s);
        const [padded, cut, tail] = await emulator.widths([padToWidth(line, width), truncateToWidth(line, width), tailToWidth(line, width)]);
        const context = `${JSON.stringify(line)} (${codes(line)}) at ${width}`;
        assert.equal(padded, width, `padToWidth of ${context}`);
        // A cut ends before the first grapheme that does not fit: it can fall short by that grapheme less a column.
        const widest = Math.max(1, ...graphemes(line).map(displayWidth));
        const least = Math.min(width, displayWidth(line)) - (widest - 1);
        assert.ok((cut as number) <= width && (cut as number) >= least, `truncateToWidth of ${context}: ${cut}`);
        assert.ok((tail as number) <= width, `tailToWidth of ${context}: ${tail}`);
      }),
      { numRuns: 400 },
    );
  });

  test('the emulator is the one real terminals agree with: emoji are two columns, soft hyphens one', async () => {
    assert.deepEqual(await emulator.widths(['😀', '東', '\u00ad', 'e\u0301']), [2, 2, 1, 1]);
    assert.equal(await emulator.width('\u200b'), 1, 'a zero-width character at the start of a line takes a column');
  });
});

describe('every code point, alone and in context, once sanitised', () => {
  /** Blocks of thousands of code points of one kind (CJK ideographs, Hangul syllables, private use…). */
  const UNIFORM_BLOCKS: [number, number][] = [
    [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa48f], [0xac00, 0xd7a3], [0xe000, 0xf8ff], [0x12000, 0x1254f],
    [0x13000, 0x1342f], [0x14400, 0x1467f], [0x16800, 0x16a3f], [0x17000, 0x18aff], [0x18b00, 0x18cff], [0x1b170, 0x1b2ff],
  ];
  const inUniformBlock = (cp: number) => UNIFORM_BLOCKS.some(([from, to]) => cp >= from && cp <= to);

  /** Every code point of planes 0, 1 and 14 (each script, symbol, emoji, tag and selector), and samples of the rest. */
  function codePoints(): number[] {
    const cps: number[] = [];
    for (let cp = 0x20; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const plane = cp >> 16;
      const everyOne = (plane === 0 || plane === 1 || plane === 14) && !inUniformBlock(cp);
      if (everyOne || cp % 31 === 0) cps.push(cp);
    }
    return cps;
  }

  test('alone, and between letters with a combining mark after it', { timeout: 300_000 }, async () => {
    // One code point between two letters is a few columns at most: a screen 64 wide holds it, and
    // one that did not would lose its marker to the next line, which markerColumn asserts against.
    const emulator = new Emulator(1000, 64);
    const cps = codePoints();
    const failures: string[] = [];
    for (let from = 0; from < cps.length; from += 4000) {
      const strings = cps
        .slice(from, from + 4000)
        .flatMap((cp) => [String.fromCodePoint(cp), `a${String.fromCodePoint(cp)}\u0301a`])
        .map(sanitizeSingleLine);
      const drawn = await emulator.widths(strings);
      strings.forEach((s, k) => {
        const width = displayWidth(s);
        // Most strings here are one grapheme: its width is the string's, already counted.
        const pieces = graphemes(s);
        const zeroWidth = pieces.length === 1 && pieces[0] === s ? width < 1 : pieces.some((g) => displayWidth(g) < 1);
        if ((width !== drawn[k] || zeroWidth) && failures.length < 20) {
          failures.push(`${codes(s)}: displayWidth ${width}, drawn ${drawn[k]}${zeroWidth ? ', zero-width grapheme' : ''}`);
        }
      });
    }
    emulator.dispose();
    assert.ok(cps.length > 100_000, `${cps.length} code points checked`);
    assert.deepEqual(failures, [], `${failures.length} strings measured differently`);
  });
});
