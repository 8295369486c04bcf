import { decodeWindows1252 } from './cp1252.js';

/** The note on an article whose bytes were not UTF-8 and were read as the one guessed encoding. */
export const WINDOWS_1252_NOTE = 'not valid UTF-8; read as Windows-1252';

export type DecodeResult = { text: string; encoding: string } | { binary: true; reason: string };

export interface DecodeOptions {
  /** The bytes were cut at a size cap: a character split by the cut is dropped, not an error. */
  truncated?: boolean;
}

/** How much of the start of a file the encoding and binary heuristics look at. */
const SNIFF_BYTES = 8192;
/** More control bytes than this share of the sniffed start means the file is not text. */
const MAX_CONTROL_SHARE = 0.1;
/** Below this many bytes a share means little: a short note with a stray bell is still text. */
const MIN_SHARE_SAMPLE = 32;
/** In ASCII-heavy UTF-16 about half the bytes are NUL, all on one side of each pair. */
const UTF16_NUL_SHARE = 0.4;
const UTF16_OTHER_SIDE_MAX_NUL_SHARE = 0.05;

/**
 * Bytes of an untrusted file → text, naming the encoding used; or a reason it is not text.
 * Order: BOM; NUL bytes (BOM-less UTF-16 by their pattern, else binary); strict UTF-8, else
 * Windows-1252 (any byte sequence is valid cp1252, so a Latin-1 file never turns into replacement
 * characters); finally a file that decodes to mostly control characters is binary after all.
 * Never throws.
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  const stream = options.truncated === true;
  if (bytes.length === 0) return { text: '', encoding: 'utf-8' };

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    // A BOM is a promise of UTF-8, so bad sequences become U+FFFD rather than a cp1252 guess.
    return textUnlessBinary(new TextDecoder('utf-8').decode(bytes.subarray(3), { stream }), 'utf-8');
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes.subarray(2), 'utf-16le', stream);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes.subarray(2), 'utf-16be', stream);

  // Only files with NUL bytes need the (slower) UTF-16 and binary checks: text in any 8-bit encoding has none.
  if (bytes.indexOf(0) !== -1) {
    const utf16 = sniffBomlessUtf16(bytes);
    return utf16 ? decodeUtf16(bytes, utf16, stream) : { binary: true, reason: 'binary (NUL bytes)' };
  }
  let text: string;
  let encoding: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream });
    encoding = 'utf-8';
  } catch {
    text = decodeWindows1252(bytes);
    encoding = 'windows-1252';
  }
  return textUnlessBinary(text, encoding);
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', stream: boolean): DecodeResult {
  try {
    return textUnlessBinary(new TextDecoder(encoding).decode(bytes, { stream }), encoding);
  } catch {
    // Only reachable on a Node built without ICU, which lacks utf-16be.
    return { binary: true, reason: `unsupported encoding (${encoding})` };
  }
}

/** NULs or a wall of control characters mean the bytes are not text, whatever they decoded as. */
function textUnlessBinary(text: string, encoding: string): DecodeResult {
  if (text.includes('\0')) return { binary: true, reason: 'binary (NUL bytes)' };
  const sample = text.slice(0, SNIFF_BYTES);
  // A native regex scan first: the per-character count below is only needed when one is present.
  if (sample.length >= MIN_SHARE_SAMPLE && BINARY_CONTROL.test(sample)) {
    let controls = 0;
    for (let i = 0; i < sample.length; i++) if (isBinaryControl(sample.charCodeAt(i))) controls++;
    if (controls / sample.length > MAX_CONTROL_SHARE) return { binary: true, reason: 'binary (control characters)' };
  }
  return { text, encoding };
}

function sniffBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(Math.min(bytes.length, SNIFF_BYTES) / 2);
  if (pairs < 2) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let p = 0; p < pairs; p++) {
    if (bytes[2 * p] === 0) evenNuls++;
    if (bytes[2 * p + 1] === 0) oddNuls++;
  }
  const even = evenNuls / pairs;
  const odd = oddNuls / pairs;
  if (odd >= UTF16_NUL_SHARE && even <= UTF16_OTHER_SIDE_MAX_NUL_SHARE) return 'utf-16le';
  if (even >= UTF16_NUL_SHARE && odd <= UTF16_OTHER_SIDE_MAX_NUL_SHARE) return 'utf-16be';
  return undefined;
}

/** Control codes that do not occur in text files; tab, newlines, form feed and ESC (ANSI colour) do. */
const BINARY_CONTROL = /[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]/;

function isBinaryControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d && code !== 0x1b) || code === 0x7f;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}
