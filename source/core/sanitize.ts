/**
 * Makes untrusted text safe to write to a terminal byte for byte.
 *
 * Policy, applied the same way everywhere:
 * - Escape sequences (CSI, OSC, DCS/SOS/PM/APC strings, nF and two-character ESC sequences) are
 *   removed whole: they are formatting instructions, not words, and printing them as `^[[31m`
 *   would bury the text in noise.
 * - Bidi overrides and isolates (U+202A–202E, U+2066–2069) are removed: they are invisible
 *   formatting too, and the only thing they can do in a terminal is disguise the text around them.
 * - Every other control character is made visible, so nothing the file contains vanishes silently
 *   and backspace/carriage-return overprinting cannot hide text: C0 and DEL in caret notation
 *   (`^H`, `^[`, `^?`, as `cat -v` and `less` show them), C1 as `<U+0085>`.
 * - Lone UTF-16 surrogates become U+FFFD, so the string encodes to exactly what is measured.
 * - What is left is made as wide in lede's count as in the terminal's (`normalizeForTerminalWidth`:
 *   invisible format characters dropped, emoji sequences terminals disagree on split, a lone
 *   regional indicator shown as its letter…), so every row lede pads to the terminal's width is
 *   exactly that wide on screen.
 * "\n" and "\t" are kept (callers decide what they mean) unless `singleLine` turns them into spaces.
 * Everything this emits is printable, so sanitising twice changes nothing.
 */

import { normalizeForTerminalWidth } from './width-normalize.js';

export interface SanitizeOptions {
  /** Titles and other one-line fields: newlines and tabs become spaces. */
  singleLine?: boolean;
}

const ESC = 0x1b;
const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;
const ST_8BIT = 0x9c;

// Characters this file's scan handles. Lone surrogates are found by isWellFormed, which is native
// and much faster than a `u`-flag regex on the long strings this usually sees.
const NEEDS_WORK = /[\0-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const NEEDS_WORK_KEEPING_NEWLINES = /[\0-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
// The fast path: text with none of these needs no work at all, neither here nor in
// normalizeForTerminalWidth (they include its BEYOND_WESTERN). Surrogates are among them, so a
// string that passes is well-formed too, and one native scan without the `u` flag decides.
const ANY_WORK = /[\u0300-\u200f\0-\x1f\x7f-\x9f\xad\u202a-\u202e\u205f-\uffff]/;
const ANY_WORK_KEEPING_NEWLINES = /[\u0300-\u200f\0-\x08\x0b-\x1f\x7f-\x9f\xad\u202a-\u202e\u205f-\uffff]/;

/** ES2024, in Node 20 but not in the ES2023 lib this project compiles against. */
const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

export function sanitizeForTerminal(s: string, options: SanitizeOptions = {}): string {
  const singleLine = options.singleLine === true;
  if (!(singleLine ? ANY_WORK : ANY_WORK_KEEPING_NEWLINES).test(s)) return s;
  const needsWork = singleLine ? NEEDS_WORK : NEEDS_WORK_KEEPING_NEWLINES;
  const printable = !needsWork.test(s) && isWellFormed(s) ? s : new Sanitizer(s, singleLine).run();
  return normalizeForTerminalWidth(printable);
}

/**
 * Whether `s` holds anything the terminal would act on (a control character, newline or tab
 * included, C1, a bidi control, a lone surrogate): what a typed key must not carry. Unlike
 * comparing with sanitizeSingleLine, it accepts what only the width rules rewrite, such as a Thai
 * tone mark or a virama typed as a key of its own, which join the text typed before them.
 */
export function containsTerminalControls(s: string): boolean {
  return NEEDS_WORK.test(s) || !isWellFormed(s);
}

/** For titles, names and other fields shown on one line. */
export function sanitizeSingleLine(s: string): string {
  return sanitizeForTerminal(s, { singleLine: true });
}

/** Caret notation for C0 and DEL (`^@`…`^_`, `^?`), `<U+XXXX>` for C1. */
export function visibleControl(code: number): string {
  if (code < 0x20) return '^' + String.fromCharCode(code + 0x40);
  if (code === 0x7f) return '^?';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

function isBidiControl(code: number): boolean {
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

function isStringTerminatorStart(code: number): boolean {
  return code === BEL || code === ESC || code === ST_8BIT || code === CAN || code === SUB;
}

class Sanitizer {
  private readonly out: string[] = [];
  /** Start of the run of plain characters not yet copied to `out`. */
  private plainFrom = 0;

  constructor(
    private readonly s: string,
    private readonly singleLine: boolean,
  ) {}

  run(): string {
    const { s } = this;
    let i = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x0a || c === 0x09) {
        if (this.singleLine) this.replace(i, i + 1, ' ');
        i++;
      } else if (c === ESC) {
        const end = this.escapeSequenceEnd(i);
        this.replace(i, end, end === i + 1 ? visibleControl(ESC) : '');
        i = end;
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        this.replace(i, i + 1, visibleControl(c));
        i++;
      } else if (isBidiControl(c)) {
        this.replace(i, i + 1, '');
        i++;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const paired =
          c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
        if (paired) i += 2;
        else {
          this.replace(i, i + 1, '\ufffd');
          i++;
        }
      } else {
        i++;
      }
    }
    this.out.push(s.slice(this.plainFrom));
    return this.out.join('');
  }

  private replace(start: number, end: number, replacement: string): void {
    this.out.push(this.s.slice(this.plainFrom, start), replacement);
    this.plainFrom = end;
  }

  /**
   * Index just past the escape sequence that starts with the ESC at `i`,
   * or `i + 1` when the ESC starts no complete sequence (it is then shown as `^[`).
   */
  private escapeSequenceEnd(i: number): number {
    const { s } = this;
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : -1;
    if (next === 0x5b) return this.csiEnd(i + 2); // ESC [
    // ESC ] (OSC), ESC P (DCS), ESC X (SOS), ESC ^ (PM), ESC _ (APC): strings up to a terminator.
    if (next === 0x5d || next === 0x50 || next === 0x58 || next === 0x5e || next === 0x5f) {
      return this.controlStringEnd(i + 2) ?? i + 1;
    }
    if (next >= 0x20 && next <= 0x2f) {
      // nF sequences such as ESC ( B or ESC # 8: intermediates, then one final byte.
      let j = i + 1;
      while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
      const final = j < s.length ? s.charCodeAt(j) : -1;
      return final >= 0x30 && final <= 0x7e ? j + 1 : i + 1;
    }
    if (next >= 0x30 && next <= 0x7e) return i + 2; // ESC 7, ESC c, ESC M ...
    return i + 1;
  }

  /** CSI: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, one final byte 0x40–0x7E. */
  private csiEnd(from: number): number {
    const { s } = this;
    let j = from;
    while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x3f) j++;
    while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
    const final = j < s.length ? s.charCodeAt(j) : -1;
    // A malformed or cut-off CSI loses what was read of it; the character that broke it is
    // handled on its own, as a terminal would.
    return final >= 0x40 && final <= 0x7e ? j + 1 : j;
  }

  /**
   * End of an OSC/DCS/SOS/PM/APC string: BEL, ST (ESC \ or U+009C) or CAN/SUB end it, and any other
   * ESC ends it and starts a new sequence. Undefined when the text holds no terminator at all.
   * Linear overall: every opener is an ESC, so a scan never runs past the next opener.
   */
  private controlStringEnd(from: number): number | undefined {
    const { s } = this;
    for (let j = from; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (!isStringTerminatorStart(c)) continue;
      if (c !== ESC) return j + 1;
      return s.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
    }
    return undefined;
  }
}
