// What terminals send: every key sequence with every modifier, pastes, focus and mouse reports,
// and the sequences that crashed Ink 6.8's useInput (Ink issue #901). Each generator returns
// input split the way Ink's input parser hands it over: one escape sequence per event, plain
// text runs as they come.
import { pick } from './prng';

const ESC = '\x1b';

/** xterm's modifier parameter: 1 (none) to 16 (shift+alt+ctrl+super). */
export const MODIFIER_PARAMS = Array.from({ length: 16 }, (_, i) => i + 1);

const CSI_LETTER_FINALS = ['A', 'B', 'C', 'D', 'H', 'F', 'E', 'P', 'Q', 'R', 'S'];
const TILDE_CODES = [1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24, 25, 26, 28, 29, 31, 32, 33, 34];
const SS3_FINALS = [...'ABCDHFEPQRSMjklmnopqrstuvwxyX'];

/**
 * Every CSI and SS3 key sequence xterm, the linux console, rxvt and kitty send, with every
 * modifier combination: the ones the monkey and the pseudo-terminal test must survive.
 */
export function allKeySequences(): string[] {
  const out: string[] = [];
  for (const final of CSI_LETTER_FINALS) {
    out.push(`${ESC}[${final}`);
    for (const m of MODIFIER_PARAMS) out.push(`${ESC}[1;${m}${final}`, `${ESC}[${m}${final}`);
  }
  for (const code of TILDE_CODES) {
    out.push(`${ESC}[${code}~`);
    for (const m of MODIFIER_PARAMS) out.push(`${ESC}[${code};${m}~`);
  }
  for (const final of SS3_FINALS) {
    out.push(`${ESC}O${final}`);
    // Some terminals put the modifier in SS3 sequences too.
    for (const m of MODIFIER_PARAMS) out.push(`${ESC}O${m}${final}`);
  }
  for (const final of 'ABCDE') out.push(`${ESC}[[${final}`);
  for (const final of 'abcd') out.push(`${ESC}[${final}`, `${ESC}O${final}`);
  out.push(`${ESC}[Z`, `${ESC}[1;2Z`);
  for (const code of [9, 13, 27, 32, 97, 113, 127, 57399, 0x1f600]) {
    for (const m of MODIFIER_PARAMS) out.push(`${ESC}[${code};${m}u`, `${ESC}[27;${m};${code}~`);
  }
  // Alt with every printable ASCII key and control key, and with cursor keys (ESC ESC [ A).
  for (let c = 0; c < 128; c++) if (c !== 0x1b && c !== 0x5b && c !== 0x4f) out.push(`${ESC}${String.fromCharCode(c)}`);
  for (const final of 'ABCD') out.push(`${ESC}${ESC}[${final}`, `${ESC}${ESC}O${final}`);
  return out;
}

/** The sequences of Ink issue #901 (each ended the program) and their relatives: SGR codes typed or pasted, Ctrl+F1…F4. */
export const INK_901_SEQUENCES = [
  `${ESC}[1;5P`,
  `${ESC}[1;5Q`,
  `${ESC}[1;5R`,
  `${ESC}[1;5S`,
  `${ESC}[0m`,
  `${ESC}[5m`,
  `${ESC}[31m`,
  `${ESC}[1;31m`,
  `${ESC}[38;5;196m`,
  `${ESC}[?25l`,
  `${ESC}[2J`,
  `${ESC}[0c`,
  `${ESC}[6n`,
  `${ESC}[12;40R`,
];

/** Focus in/out, and mouse reports in the SGR, urxvt and X10 encodings (X10: ESC[M and three raw bytes). */
export function reportSequences(random: () => number): string[][] {
  const x = 1 + Math.floor(random() * 300);
  const y = 1 + Math.floor(random() * 100);
  const button = pick(random, [0, 1, 2, 3, 32, 35, 64, 65]);
  return [
    [`${ESC}[I`],
    [`${ESC}[O`],
    [`${ESC}[<${button};${x};${y}${random() < 0.5 ? 'M' : 'm'}`],
    [`${ESC}[${button + 32};${x};${y}M`],
    // X10: the three bytes arrive as a text run after the sequence; in column 81 the x byte is "q".
    [`${ESC}[M`, String.fromCharCode(32 + button, Math.min(126, 32 + x), Math.min(126, 32 + y))],
  ];
}

const PASTE_PIECES = ['netanyahu', 'q', 'Q', '\r', '\n', '\t', ' ', 'é', '😀', '\u202e', '\u009b', '/', '?', 'gg', '\x03', '\x7f'];

/** A bracketed paste as Ink splits it: start marker, text runs and embedded sequences, end marker (sometimes lost). */
export function pasteSequence(random: () => number): string[] {
  const events = [`${ESC}[200~`];
  const pieces = 1 + Math.floor(random() * 8);
  for (let i = 0; i < pieces; i++) {
    if (random() < 0.2) events.push(pick(random, INK_901_SEQUENCES));
    else if (random() < 0.05) events.push('x'.repeat(5000 + Math.floor(random() * 5000)));
    else events.push(Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(random, PASTE_PIECES)).join(''));
  }
  if (random() < 0.9) events.push(`${ESC}[201~`);
  return events;
}

/** One random burst of terminal input, as Ink would hand it over. */
export function randomTerminalInput(random: () => number, keySequences: readonly string[]): string[] {
  const r = random();
  if (r < 0.45) return [pick(random, keySequences)];
  if (r < 0.6) return [pick(random, INK_901_SEQUENCES)];
  if (r < 0.75) return pick(random, reportSequences(random));
  if (r < 0.9) return pasteSequence(random);
  // Raw bytes: control characters, C1 codes, DEL, a lone ESC.
  return [Array.from({ length: 1 + Math.floor(random() * 4) }, () => String.fromCharCode(Math.floor(random() * 0xa0))).join('').replaceAll(ESC, '')];
}
