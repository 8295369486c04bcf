/**
 * Makes printable text as wide in lede's count as in the terminal's.
 *
 * lede and Ink lay out every row with string-width, one grapheme cluster at a time, while a terminal
 * advances its cursor by a width per code point (xterm.js, tmux, glibc's wcwidth). Where the two
 * counts differ, one wrong count shifts or wraps a row and breaks the frame. The rules below were
 * measured on xterm.js with its Unicode 11 widths, tmux 3.3a and glibc 2.36; test/core/layout/
 * text-width-terminal.test.ts holds them to xterm.js on random text and on every code point of
 * planes 0, 1 and 14 (samples of the others), alone and in context:
 * - Invisible format characters are dropped: soft hyphen, zero-width space and joiner, word joiner,
 *   BOM, tags, Arabic prepended marks, every other Cf and default-ignorable character. Terminals
 *   draw some of them as a column (soft hyphen, Hangul fillers) and string-width counts none.
 * - Emoji sequences terminals disagree on are split into emoji they agree on: the joiners (👨‍👩‍👧 is
 *   2 columns in string-width and tmux, 6 in xterm.js; 👨👩👧 is 6 in all three), skin-tone modifiers
 *   (👍🏽 is 2 or 4 columns), the presentation selectors U+FE0E/FE0F (❤️ is 1 or 2) and a keycap's
 *   U+20E3 (1️⃣ becomes 1). A flag (a pair of regional indicators naming a region) is 2 columns in
 *   all of them and stays; any other pair, and a lone indicator, become the letters they stand for.
 * - A combining mark with nothing to sit on (at the start, after a space, tab or newline, or after a
 *   flag) gets a no-break space to sit on: alone, it is a zero-width cluster that Ink still gives a
 *   cell to and xterm.js draws as one column at the start of a line.
 * - ZWNJ and variation selectors stay where they follow a character, and are dropped elsewhere.
 * - Clusters string-width measures by their first letter only get a ZWNJ that splits them where the
 *   terminal counts columns: Indic conjuncts after a virama that joins letters into one cluster (क्ष
 *   is 1 column in string-width, 2 in terminals), and prepended letters such as Malayalam dot reph.
 *   Thai and Lao SARA AM is decomposed (ำ → ํา) for the same reason.
 * - Hangul vowel and final jamo that do not complete a syllable are dropped: terminals draw them as
 *   zero-width, string-width as one column.
 * - Code points unassigned in this runtime's Unicode, and the few whose width changed after Unicode
 *   11 (newer emoji, Yijing hexagrams, Tangut components, newer combining marks), become U+FFFD:
 *   xterm.js draws them 1 column wide, string-width and newer terminals 0 or 2.
 * Everything else (CJK, Latin with combining marks, flags, emoji, Arabic, Thai, Devanagari) is kept
 * as it is. The output is a fixed point: normalising it again changes nothing.
 */

const NBSP = '\u00a0';
const ZWNJ = 0x200c;
const REPLACEMENT = '\ufffd';

/**
 * Assigned code points whose width xterm.js (Unicode 11), string-width (alone or after a letter) and
 * glibc 2.36's wcwidth do not all agree on, measured over every code point; the check of every code
 * point in text-width-terminal.test.ts fails if string-width or xterm.js moves.
 */
const UNSETTLED_RANGES =
  '\\u{897}-\\u{89F}\\u{8CA}-\\u{8D2}\\u{B55}\\u{C3C}\\u{D81}\\u{ECE}\\u{1734}\\u{1ABF}-\\u{1AEB}\\u{1DFA}' +
  '\\u{2630}-\\u{2637}\\u{268A}-\\u{268F}\\u{2FFC}-\\u{2FFF}\\u{31BB}-\\u{31BF}\\u{31E4}-\\u{31EF}\\u{3248}-\\u{324F}' +
  '\\u{4DC0}-\\u{4DFF}\\u{A82C}\\u{D7B0}-\\u{D7FF}\\u{10D69}-\\u{10D6D}\\u{10EAB}-\\u{10EAC}\\u{10EFA}-\\u{10EFF}\\u{10F82}-\\u{10F85}' +
  '\\u{11070}\\u{11073}-\\u{11074}\\u{110C2}\\u{111CF}\\u{11241}\\u{113BB}-\\u{113C0}\\u{113CE}\\u{113D0}\\u{113D2}' +
  '\\u{113E1}-\\u{113E2}\\u{1171E}\\u{1193B}-\\u{1193C}\\u{1193E}\\u{11943}\\u{11B60}\\u{11B62}-\\u{11B64}\\u{11B66}' +
  '\\u{11F00}-\\u{11F01}\\u{11F36}-\\u{11F3A}\\u{11F40}\\u{11F42}\\u{11F5A}\\u{13440}\\u{13447}-\\u{13455}' +
  '\\u{1611E}-\\u{16129}\\u{1612D}-\\u{1612F}\\u{16FE4}-\\u{16FF6}\\u{187F8}-\\u{187FF}\\u{18AF3}-\\u{1AFFE}' +
  '\\u{1B11F}-\\u{1B132}\\u{1B155}\\u{1CF00}-\\u{1CF46}\\u{1D300}-\\u{1D376}\\u{1E08F}\\u{1E2AE}\\u{1E4EC}-\\u{1E4EF}' +
  '\\u{1E5EE}-\\u{1E5EF}\\u{1E6E3}\\u{1E6E6}\\u{1E6EE}-\\u{1E6EF}\\u{1E6F5}\\u{1F6D6}-\\u{1F6DF}\\u{1F6FB}-\\u{1F6FC}' +
  '\\u{1F7F0}\\u{1F90C}\\u{1F93B}\\u{1F946}\\u{1F972}\\u{1F977}-\\u{1F979}\\u{1F9A3}-\\u{1F9A4}\\u{1F9AB}-\\u{1F9AD}' +
  '\\u{1F9CB}-\\u{1F9CC}\\u{1FA74}-\\u{1FA77}\\u{1FA7B}-\\u{1FA7C}\\u{1FA83}-\\u{1FA8F}\\u{1FA96}-\\u{1FAF8}';

/** Letters that glue the next character into their cluster (Grapheme_Cluster_Break=Prepend). */
const PREPEND_LETTERS = '\\u{D4E}\\u{111C2}\\u{111C3}\\u{113D1}\\u{1193F}\\u{11941}\\u{11A84}-\\u{11A89}\\u{11D46}\\u{11F02}';

/**
 * Everything past Latin, IPA and general punctuation, and the invisible characters among those:
 * text without any of them, as almost every English or European news article is, needs no work,
 * and one native scan (no `u` flag, few ranges: several times faster on a long string) tells.
 */
const BEYOND_WESTERN = /[\u0300-\u200f\xad\u202a-\u202e\u205f-\uffff]/;

/** What a code point needs; KIND_PATTERNS tries them in this order. */
const Kind = {
  Plain: 0,
  /** ZWNJ and the variation selectors that only pick a glyph: kept on a character, dropped elsewhere. */
  AttachedInvisible: 1,
  Invisible: 2,
  /** Unassigned, or width not settled between terminals: shown as U+FFFD. */
  Unsettled: 3,
  /** Regional indicators, skin tones, Hangul vowel and final jamo, SARA AM, prepended letters. */
  Special: 4,
  ZeroWidthMark: 5,
  /** Visible characters that join the cluster before them: spacing marks, halfwidth voiced marks. */
  SpacingMark: 6,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

const KIND_PATTERNS: [Kind, string][] = [
  [Kind.AttachedInvisible, '[\\u200c\\ufe00-\\ufe0d\\u{e0100}-\\u{e01ef}\\u180b-\\u180d]'],
  [Kind.Invisible, '[\\p{Cf}\\p{Default_Ignorable_Code_Point}]'],
  [Kind.Unsettled, `[\\p{Cn}${UNSETTLED_RANGES}]`],
  [Kind.Special, `[\\u{1F1E6}-\\u{1F1FF}\\u{1F3FB}-\\u{1F3FF}\\u{1161}-\\u{11FF}\\u{E33}\\u{EB3}${PREPEND_LETTERS}]`],
  [Kind.ZeroWidthMark, '[\\p{Mn}\\p{Me}]'],
  [Kind.SpacingMark, '[\\p{Mc}\\uff9e\\uff9f]'],
];
const KIND_TESTS = KIND_PATTERNS.map(([kind, source]) => [kind, new RegExp(`^${source}$`, 'u')] as const);
const LETTER = /^\p{L}$/u;
/** A flag string-width knows as one (a region with an emoji); `v` for properties of strings. */
const RGI_FLAG = new RegExp('^\\p{RGI_Emoji_Flag_Sequence}$', 'v');
/** Set in a code point's entry, next to its kind, when it is a letter / a joining virama. */
const LETTER_BIT = 0x80;
const VIRAMA_BIT = 0x40;

/**
 * Kinds (and the letter bit) of the code points met so far, 256 to a page. A page is classified
 * the first time one of its code points is seen, so a text pays for the scripts it uses (a few
 * microseconds each), never for all of Unicode.
 */
const pages: (Uint8Array | undefined)[] = [];

function classifyPage(page: number): Uint8Array {
  const entries = new Uint8Array(256);
  for (let k = 0; k < 256; k++) {
    const cp = page * 256 + k;
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    const found = KIND_TESTS.find(([, re]) => re.test(c));
    entries[k] = (found ? found[0] : Kind.Plain) | (LETTER.test(c) ? LETTER_BIT : 0) | (JOINING_VIRAMAS.has(cp) ? VIRAMA_BIT : 0);
  }
  pages[page] = entries;
  return entries;
}

function entryOf(cp: number): number {
  const page = cp >> 8;
  return (pages[page] ?? classifyPage(page))[cp & 0xff] as number;
}

function kindOf(cp: number): Kind {
  return cp < 0x80 ? Kind.Plain : ((entryOf(cp) & ~(LETTER_BIT | VIRAMA_BIT)) as Kind);
}

const isJoiningVirama = (cp: number) => cp >= 0x80 && (entryOf(cp) & VIRAMA_BIT) !== 0;

function isLetter(cp: number): boolean {
  return cp < 0x80 ? (cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a : (entryOf(cp) & LETTER_BIT) !== 0;
}

const isRegionalIndicator = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;
const isSkinTone = (cp: number) => cp >= 0x1f3fb && cp <= 0x1f3ff;
const isHangulLeading = (cp: number) => (cp >= 0x1100 && cp <= 0x115e) || (cp >= 0xa960 && cp <= 0xa97c);
const isHangulVowel = (cp: number) => cp >= 0x1161 && cp <= 0x11a7;
const isHangulTrailing = (cp: number) => cp >= 0x11a8 && cp <= 0x11ff;
const isHangulSyllable = (cp: number) => cp >= 0xac00 && cp <= 0xd7a3;
const isKeycapBase = (cp: number) => (cp >= 0x30 && cp <= 0x39) || cp === 0x23 || cp === 0x2a;
/**
 * Where a following mark would start a cluster of its own: the start, a line or paragraph
 * separator, or a space or tab (where lines are wrapped, and a tab becomes spaces).
 */
const isLineBreakOrSpace = (cp: number) =>
  cp === -1 || cp === 0x0a || cp === 0x09 || cp === 0x20 || cp === 0x2028 || cp === 0x2029;

/**
 * Viramas that this runtime's grapheme segmenter (string-width's and Ink's: Node 20's ICU, Unicode
 * 17) joins letters across, as in क्ष. A test checks the list against the segmenter itself.
 */
export const JOINING_VIRAMAS: ReadonlySet<number> = new Set([
  0x094d, 0x09cd, 0x0acd, 0x0b4d, 0x0c4d, 0x0d4d, 0x1039, 0x17d2, 0x1a60, 0x1bab, 0xaaf6, 0x10a3f, 0x11133,
  0x113d0, 0x1193e, 0x11a47, 0x11a99, 0x11f42,
]);

/** Hangul syllable shapes: which jamo may follow without being counted wrong. */
type HangulShape = 'L' | 'LV' | 'LVT' | 'syllableLV' | 'syllableLVT' | 'none';

export function normalizeForTerminalWidth(s: string): string {
  if (!BEYOND_WESTERN.test(s)) return s;
  return new WidthNormalizer(s).run();
}

const nextIndex = (i: number, cp: number) => i + (cp > 0xffff ? 2 : 1);

class WidthNormalizer {
  private readonly out: string[] = [];
  /** Start of the run of characters not yet copied to `out`. */
  private plainFrom = 0;
  /** The last code point written so far, -1 at the start. */
  private last = -1;
  /** After the first half of a regional-indicator pair: how its second half is written. */
  private partner: 'flag' | 'letter' | undefined;
  /** The syllable shape after the last code point written, when that is a jamo this class wrote. */
  private hangul: HangulShape | undefined;
  /** The last look past marks for a letter: from, to (where it stopped), and what it found. */
  private scanFrom = -1;
  private scanTo = -1;
  private scanFoundLetter = false;

  constructor(private readonly s: string) {}

  run(): string {
    const { s } = this;
    for (let i = 0; i < s.length; ) {
      const cp = s.codePointAt(i) as number;
      const next = nextIndex(i, cp);
      const kind = kindOf(cp);
      if (kind !== Kind.Plain && !this.staysAsIs(kind, cp, i, next)) {
        this.copyPlain(i);
        this.handle(kind, cp, next);
        this.plainFrom = next;
      }
      i = next;
    }
    if (this.plainFrom === 0) return s; // nothing needed work
    this.copyPlain(s.length);
    return this.out.join('');
  }

  /** A mark or selector on a character it can sit on stays in the run being copied, unchanged. */
  private staysAsIs(kind: Kind, cp: number, i: number, next: number): boolean {
    const before = this.codePointBefore(i);
    if (kind === Kind.SpacingMark) return !isRegionalIndicator(before);
    if (kind !== Kind.AttachedInvisible && kind !== Kind.ZeroWidthMark) return false;
    if (isLineBreakOrSpace(before) || isRegionalIndicator(before)) return false;
    if (kind === Kind.AttachedInvisible) return true;
    if (cp === 0x20e3 && isKeycapBase(before)) return false;
    return !(isJoiningVirama(cp) && this.letterFollows(next));
  }

  /** The last code point of the output if the text up to `i` were copied as it is. */
  private codePointBefore(i: number): number {
    if (i <= this.plainFrom) return this.last;
    const before = this.s.charCodeAt(i - 1);
    return before >= 0xdc00 && before <= 0xdfff ? (this.s.codePointAt(i - 2) as number) : before;
  }

  private copyPlain(end: number): void {
    if (end <= this.plainFrom) return;
    this.out.push(this.s.slice(this.plainFrom, end));
    this.last = this.codePointBefore(end);
    this.partner = undefined;
    this.hangul = undefined;
  }

  private write(text: string, lastCodePoint: number): void {
    this.out.push(text);
    this.last = lastCodePoint;
    this.partner = undefined;
    this.hangul = undefined;
  }

  private writeCodePoint(cp: number): void {
    this.write(String.fromCodePoint(cp), cp);
  }

  private handle(kind: Kind, cp: number, next: number): void {
    if (kind === Kind.AttachedInvisible) {
      if (!isLineBreakOrSpace(this.last) && !isRegionalIndicator(this.last)) this.writeCodePoint(cp);
    } else if (kind === Kind.Unsettled) {
      this.write(REPLACEMENT, 0xfffd);
    } else if (kind === Kind.ZeroWidthMark) {
      this.mark(cp, next);
    } else if (kind === Kind.Special) {
      this.special(cp, next);
    } else if (kind === Kind.SpacingMark) {
      // After a flag, which string-width would then count as one column.
      this.write(NBSP, 0xa0);
      this.writeCodePoint(cp);
    }
    // Kind.Invisible: dropped.
  }

  private special(cp: number, next: number): void {
    if (isSkinTone(cp)) return; // dropped: the emoji it followed is kept as it is
    if (isRegionalIndicator(cp)) this.regionalIndicator(cp, next);
    else if (isHangulVowel(cp) || isHangulTrailing(cp)) this.jamo(cp);
    else if (cp === 0x0e33 || cp === 0x0eb3) this.saraAm(cp);
    else this.prependedLetter(cp, next);
  }

  /**
   * A pair that is a flag stays; any other pair and a lone indicator become the letters they stand
   * for (🇦 → A): string-width counts them one column each, terminals one column each code point.
   */
  private regionalIndicator(cp: number, next: number): void {
    const partner = this.partner;
    const following = partner ? -1 : this.codePointAfterDropped(next);
    const opensPair = !partner && isRegionalIndicator(following);
    const flag = partner ? partner === 'flag' : opensPair && RGI_FLAG.test(String.fromCodePoint(cp, following));
    if (flag) this.writeCodePoint(cp);
    else this.write(String.fromCharCode(0x41 + cp - 0x1f1e6), 0x41);
    if (opensPair) this.partner = flag ? 'flag' : 'letter';
  }

  /** The next code point from `i` on that is kept next to a regional indicator (-1 at the end). */
  private codePointAfterDropped(i: number): number {
    const { s } = this;
    while (i < s.length) {
      const cp = s.codePointAt(i) as number;
      const kind = kindOf(cp);
      const dropped = kind === Kind.Invisible || kind === Kind.AttachedInvisible || isSkinTone(cp);
      if (!dropped) return cp;
      i = nextIndex(i, cp);
    }
    return -1;
  }

  private mark(cp: number, next: number): void {
    if (cp === 0x20e3 && isKeycapBase(this.last)) return;
    if (isLineBreakOrSpace(this.last) || isRegionalIndicator(this.last)) this.write(NBSP, 0xa0);
    this.writeCodePoint(cp);
    if (isJoiningVirama(cp) && this.letterFollows(next)) this.writeCodePoint(ZWNJ);
  }

  /**
   * Whether the next code point from `i` on that stays visible (past marks, selectors, skin tones and
   * dropped format characters) is a letter, or a regional indicator that may become one. A ZWNJ
   * already there answers no.
   */
  private letterFollows(i: number): boolean {
    // A run of viramas would have each scan the rest of the run: the end of the last scan is kept,
    // and a scan starting inside it has the same answer.
    if (i >= this.scanFrom && i <= this.scanTo) return this.scanFoundLetter;
    const { s } = this;
    let j = i;
    let letter = false;
    while (j < s.length) {
      const cp = s.codePointAt(j) as number;
      const kind = kindOf(cp);
      const passedOver =
        kind === Kind.Invisible || kind === Kind.ZeroWidthMark || (kind === Kind.AttachedInvisible && cp !== ZWNJ) || isSkinTone(cp);
      if (!passedOver) {
        letter = isLetter(cp) || isRegionalIndicator(cp);
        break;
      }
      j = nextIndex(j, cp);
    }
    this.scanFrom = i;
    this.scanTo = j;
    this.scanFoundLetter = letter;
    return letter;
  }

  /** A prepended letter glues whatever follows into its cluster; a ZWNJ keeps them apart. */
  private prependedLetter(cp: number, next: number): void {
    this.writeCodePoint(cp);
    const following = this.s.codePointAt(next);
    if (following !== undefined && following !== ZWNJ && following !== 0x0a) this.writeCodePoint(ZWNJ);
  }

  /** ำ after a character: string-width counts the pair as one column, terminals as two. */
  private saraAm(cp: number): void {
    if (this.last === -1 || this.last === 0x0a) {
      this.writeCodePoint(cp);
      return;
    }
    this.mark(cp === 0x0e33 ? 0x0e4d : 0x0ecd, this.s.length);
    this.writeCodePoint(cp === 0x0e33 ? 0x0e32 : 0x0eb2);
  }

  /** A vowel jamo completes L or a syllable LV; a final jamo completes LV. Any other is dropped. */
  private jamo(cp: number): void {
    const shape = this.hangul ?? shapeAfter(this.last);
    const vowel = isHangulVowel(cp);
    let after: HangulShape | undefined;
    if (vowel) after = shape === 'L' ? 'LV' : shape === 'syllableLV' ? 'syllableLV' : undefined;
    else after = shape === 'LV' ? 'LVT' : shape === 'syllableLV' || shape === 'syllableLVT' ? 'syllableLVT' : undefined;
    if (after === undefined) return;
    this.writeCodePoint(cp);
    this.hangul = after;
  }
}

function shapeAfter(cp: number): HangulShape {
  if (isHangulLeading(cp)) return 'L';
  if (isHangulSyllable(cp)) return (cp - 0xac00) % 28 === 0 ? 'syllableLV' : 'syllableLVT';
  return 'none';
}
