/**
 * Case and diacritic folding for search, with an exact map back to the original string.
 *
 * Folding one code point: lower-case it, decompose it (NFD), drop combining marks (\p{M}), then
 * apply a few extra foldings NFD does not do (ß → ss, æ → ae, ø → o, ł → l, ’ → ', ﬁ → fi, …).
 * A code point can fold to zero, one or several UTF-16 units, so folded offsets differ from the
 * original ones; `foldWithMap` records, for every folded unit, the original range it came from.
 */

const MARKS = /\p{M}/gu;

/** Foldings NFD does not perform. Every value is already lower-case and mark-free. */
const EXTRA: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
  ς: 'σ',
  ﬀ: 'ff',
  ﬁ: 'fi',
  ﬂ: 'fl',
  ﬃ: 'ffi',
  ﬄ: 'ffl',
  ﬅ: 'st',
  ﬆ: 'st',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u02bc': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u00a0': ' ',
  // Articles carry a ZWNJ after a virama (sanitize.ts, so terminals draw the conjunct as lede
  // counts it), and SARA AM decomposed: a query typed without them must still match.
  '\u200c': '',
  '\u0e33': '\u0e32',
  '\u0eb3': '\u0eb2',
};
const EXTRA_RE = new RegExp(`[${Object.keys(EXTRA).join('')}]`, 'gu');
const HAS_EXTRA = new RegExp(`[${Object.keys(EXTRA).join('')}]`, 'u');

/** Folds one code point (given as a string of 1 or 2 UTF-16 units). */
function foldCodePoint(cp: string): string {
  const lower = cp.toLowerCase();
  const stripped = lower.normalize('NFD').replace(MARKS, '');
  return HAS_EXTRA.test(stripped) ? stripped.replace(EXTRA_RE, (c) => EXTRA[c] ?? c) : stripped;
}

/**
 * The folded form of `s`, without the offset map. Equal to `foldWithMap(s).folded` (a property
 * test checks it), and cheap enough for indexing: it runs over every body.
 */
export function fold(s: string): string {
  // Lower-casing the whole string first is native and fast; the few non-ASCII code points left
  // are then folded one by one (lower-casing again is harmless; final sigma is mapped to σ), in a
  // loop: a regex replace with a callback per character cost half as much again.
  const lower = s.toLowerCase();
  const n = lower.length;
  // Pieces joined at the end, not concatenated: join gives a flat string, and reading a
  // concatenation character by character (the tokenizer does) costs half as much again.
  const out: string[] = [];
  let copied = 0;
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    if (c < 0x80) continue;
    let folded: string;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(lower.charCodeAt(i + 1))) {
      folded = foldCodePointCached(lower.slice(i, i + 2));
      out.push(lower.slice(copied, i), folded);
      copied = i + 2;
      i++;
      continue;
    }
    folded = BMP_FOLDS[c] ??= foldCodePoint(lower[i]!);
    if (folded.length === 1 && folded.charCodeAt(0) === c) continue;
    out.push(lower.slice(copied, i), folded);
    copied = i + 1;
  }
  if (copied === 0) return lower;
  out.push(lower.slice(copied));
  return out.join('');
}

/** Folds of BMP code points by code unit, filled as they are met. */
const BMP_FOLDS: (string | undefined)[] = new Array<string | undefined>(0x10000);

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export interface FoldedText {
  folded: string;
  /**
   * For folded unit j: the original offset where its source code point starts. Length
   * folded.length. Absent when every code point folds to as many units as it had (most text:
   * ’ → ', é → e), so that folded offsets are the original ones; see originalStart.
   */
  starts?: Int32Array;
  /** For folded unit j: the original offset just after its source (plus any marks folded away after it). */
  ends?: Int32Array;
  /** The original string. */
  original: string;
}

/** The original offset where folded unit j's source starts (both halves of a surrogate pair: the pair's start). */
export function originalStart(f: FoldedText, j: number): number {
  if (f.starts) return f.starts[j]!;
  return isLowHalf(f.original, j) && isHighHalf(f.original, j - 1) ? j - 1 : j;
}

/** The original offset just after folded unit j's source (both halves of a surrogate pair: the pair's end). */
export function originalEnd(f: FoldedText, j: number): number {
  if (f.ends) return f.ends[j]!;
  return isHighHalf(f.original, j) && isLowHalf(f.original, j + 1) ? j + 2 : j + 1;
}

function isHighHalf(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowHalf(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

const foldCache = new Map<string, string>();

function foldCodePointCached(cp: string): string {
  let f = foldCache.get(cp);
  if (f === undefined) {
    f = foldCodePoint(cp);
    if (foldCache.size > 20000) foldCache.clear();
    foldCache.set(cp, f);
  }
  return f;
}

/** Whether every code point of `s` folds to as many UTF-16 units as it has. */
function foldsUnitForUnit(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(s.charCodeAt(i + 1))) {
      if (foldCodePointCached(s.slice(i, i + 2)).length !== 2) return false;
      i++;
    } else if ((BMP_FOLDS[c] ??= foldCodePoint(s[i]!)).length !== 1) {
      return false;
    }
  }
  return true;
}

/**
 * Folds `s` and records where every folded unit came from. The map is only built when folding
 * moves offsets: two arrays of the text's length, for every hit on screen and every key, were most
 * of a search's garbage.
 */
export function foldWithMap(s: string): FoldedText {
  if (foldsUnitForUnit(s)) {
    const folded = fold(s);
    if (folded.length === s.length) return { folded, original: s };
  }
  return foldWithFullMap(s);
}

/** foldWithMap, always with the starts and ends arrays (exported for the test that compares the two). */
export function foldWithFullMap(s: string): FoldedText {
  const n = s.length;
  let cap = n + 16;
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  const pieces: string[] = [];
  let runStart = 0;
  let j = 0;
  let i = 0;
  while (i < n) {
    const code = s.charCodeAt(i);
    if (code < 0x80) {
      starts[j] = i;
      ends[j] = i + 1;
      j++;
      i++;
      continue;
    }
    if (runStart < i) pieces.push(s.slice(runStart, i).toLowerCase());
    let len = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) len = 2;
    }
    const f = foldCodePointCached(len === 1 ? s[i]! : s.slice(i, i + 2));
    if (f.length === 0) {
      // A mark (or anything that folds away) belongs to the unit before it.
      if (j > 0) ends[j - 1] = i + len;
    } else {
      const need = j + f.length + (n - i - len) + 1;
      if (need > cap) {
        cap = Math.max(need, cap * 2);
        const s2 = new Int32Array(cap);
        s2.set(starts.subarray(0, j));
        starts = s2;
        const e2 = new Int32Array(cap);
        e2.set(ends.subarray(0, j));
        ends = e2;
      }
      for (let k = 0; k < f.length; k++) {
        starts[j] = i;
        ends[j] = i + len;
        j++;
      }
      pieces.push(f);
    }
    i += len;
    runStart = i;
  }
  if (runStart < n) pieces.push(s.slice(runStart, n).toLowerCase());
  return { folded: pieces.join(''), starts: starts.subarray(0, j), ends: ends.subarray(0, j), original: s };
}

/** Maps a folded range [start, end) back to the original string. Requires start < end. */
export function mapRange(f: FoldedText, start: number, end: number): { start: number; end: number } {
  return { start: originalStart(f, start), end: originalEnd(f, end - 1) };
}

const ALNUM_RE = /[\p{L}\p{N}]/u;
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? 1 : 0;
/** BMP classification cache: 0 unknown, 1 word, 2 not a word. */
const BMP_WORD = new Uint8Array(65536);

/**
 * Is the UTF-16 unit at `i` part of a word (a letter or digit code point)? The one word rule of
 * search: indexing, queries, highlights and boundaries all use it. (The entity tokenizer has its
 * own, which also keeps combining marks and joins "al-Assad": it cuts names, not search words.)
 */
export function isWordUnit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x80) return ASCII_WORD[c] === 1;
  if (c >= 0xd800 && c <= 0xdfff) {
    // Surrogate halves: judge the whole code point.
    const hi = c <= 0xdbff ? i : i - 1;
    const cp = s.codePointAt(hi);
    return cp !== undefined && cp > 0xffff && ALNUM_RE.test(String.fromCodePoint(cp));
  }
  let k = BMP_WORD[c]!;
  if (k === 0) BMP_WORD[c] = k = ALNUM_RE.test(s[i]!) ? 1 : 2;
  return k === 1;
}

/** isWordUnit, false outside the string: for looking at what is around a match. */
export function isWordAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && isWordUnit(s, i);
}

/** Calls `onToken(start, end)` for every maximal run of word units in the (folded) string. */
export function forEachToken(s: string, onToken: (start: number, end: number) => void): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordUnit(s, i)) i++;
    if (i >= n) return;
    const start = i;
    while (i < n && isWordUnit(s, i)) i++;
    onToken(start, i);
  }
}

/** The word tokens of a folded string. */
export function tokens(s: string): string[] {
  const out: string[] = [];
  forEachToken(s, (a, b) => out.push(s.slice(a, b)));
  return out;
}
