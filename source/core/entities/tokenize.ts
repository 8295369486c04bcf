/**
 * Offset-preserving tokenizer and sentence splitter for plain article text.
 *
 * Tokens are CoNLL-like (the tagger was trained on CoNLL-2003 tokens): words keep internal
 * hyphens, apostrophes and periods ("al-Assad", "O'Brien", "U.S.", "1,600"); a possessive
 * "'s" / "’s" is its own token; every other punctuation character is a token of its own.
 * Offsets are UTF-16 code units into the input, end exclusive.
 */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations that keep their final period (titles, initials handled separately). */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr gen lt col sgt capt cpt sen rep gov st jr sr inc corp co ltd prof rev maj adm cmdr ' +
    'cdr brig pres supt insp det no vs etc jan feb mar apr aug sep sept oct nov dec mt ft ave blvd bros'
  ).split(' '),
);
/** US states as newswire abbreviates them ("Miami, Fla."), only when capitalised ("ill." is a word). */
const STATE_ABBREVIATIONS = new Set('Ala Ariz Ark Calif Colo Conn Fla Ga Ill Ind Kan Ky Md Mass Mich Minn Miss Mont Neb Nev Okla Ore Penn Tenn Tex Vt Wash Wis Wyo'.split(' '));

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
// A word: letters/digits, optionally joined by - ' ’ . & or (between digits) a comma.
const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:(?:[-'’.&]|,(?=\d))[\p{L}\p{M}\p{N}]+)*/uy;
// Acronyms written with periods: "U.S.", "U.N.", "a.m.".
const DOTTED_RE = /(?:[\p{L}]\.){2,}/uy;

function isWordChar(ch: string): boolean {
  return WORD_CHAR.test(ch);
}

/** isWordChar of the code unit at i, without the regex for ASCII (letters and digits are its only word characters there). */
function isWordCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return isWordChar(text[i]!);
}

/**
 * A possessive "'s" / "’s" ending a word ("Israel's"): the word's split point, or -1. What
 * /^(.+)(['’][sS])$/u matched, without the regex (a word holds no line terminator for "." to miss).
 */
function possessiveAt(word: string): number {
  const n = word.length;
  if (n < 3) return -1;
  const s = word.charCodeAt(n - 1);
  const q = word.charCodeAt(n - 2);
  return (s === 115 || s === 83) && (q === 39 || q === 0x2019) ? n - 2 : -1;
}

function dottedAt(text: string, i: number): RegExpExecArray | null {
  DOTTED_RE.lastIndex = i;
  return DOTTED_RE.exec(text);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    // Whitespace (including no-break space and other Unicode spaces).
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000) {
      i++;
      continue;
    }
    if (isWordCharAt(text, i) || (c >= 0xd800 && c <= 0xdbff)) {
      // A dotted acronym has a period after its first letter (one code unit on, or two for an astral letter).
      const dotted = text.charCodeAt(i + 1) === 46 || (c >= 0xd800 && c <= 0xdbff && text.charCodeAt(i + 2) === 46) ? dottedAt(text, i) : null;
      if (dotted && !(i + dotted[0].length < n && isWordCharAt(text, i + dotted[0].length))) {
        tokens.push({ text: dotted[0], start: i, end: i + dotted[0].length });
        i += dotted[0].length;
        continue;
      }
      WORD_RE.lastIndex = i;
      const m = WORD_RE.exec(text);
      if (!m) {
        // A lone surrogate or a character the regex does not see as a word: one token.
        const len = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
        tokens.push({ text: text.slice(i, i + len), start: i, end: i + len });
        i += len;
        continue;
      }
      let word = m[0];
      let end = i + word.length;
      // Split a possessive 's off the word ("Israel's" -> "Israel" "'s").
      const split = possessiveAt(word);
      if (split > 1 && word[split - 1] !== "'" && word[split - 1] !== '’') {
        tokens.push({ text: word.slice(0, split), start: i, end: i + split });
        tokens.push({ text: word.slice(split), start: i + split, end });
        i = end;
        continue;
      }
      // Keep the period of a known abbreviation or of a single capital initial ("W.").
      if (end < n && text[end] === '.') {
        const lower = word.toLowerCase();
        if (ABBREVIATIONS.has(lower) || STATE_ABBREVIATIONS.has(word) || /^\p{Lu}$/u.test(word)) {
          word += '.';
          end++;
        }
      }
      tokens.push({ text: word, start: i, end });
      i = end;
      continue;
    }
    const ch = text[i]!;
    // Possessive after a token that ended in punctuation-free text was handled above; a
    // stand-alone "'s" (as in CoNLL's "Clinton 's") is one token too.
    if ((ch === "'" || ch === '’') && i + 1 < n && (text[i + 1] === 's' || text[i + 1] === 'S') && !(i + 2 < n && isWordCharAt(text, i + 2))) {
      tokens.push({ text: text.slice(i, i + 2), start: i, end: i + 2 });
      i += 2;
      continue;
    }
    // "..." as one token; any other character alone.
    if (ch === '.' && text.startsWith('...', i)) {
      tokens.push({ text: '...', start: i, end: i + 3 });
      i += 3;
      continue;
    }
    const len = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    tokens.push({ text: text.slice(i, i + len), start: i, end: i + len });
    i += len;
  }
  return tokens;
}

function hasNewline(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}

const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»']);

/**
 * Splits tokens into sentences: at paragraph breaks (any newline between two tokens) and after
 * . ! ? (plus closing quotes/brackets) when the next token starts with a capital, digit or quote.
 * Returns [start, end) token index ranges.
 */
export function sentenceRanges(text: string, tokens: Token[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (!next) break;
    const gapStart = tokens[i]!.end;
    const spaced = next.start > gapStart;
    let split = spaced && hasNewline(text, gapStart, next.start);
    if (!split) {
      const t = tokens[i]!.text;
      if ((t === '.' || t === '!' || t === '?' || t === '...') && spaced) {
        split = /^[\p{Lu}\p{N}"'“‘([]/u.test(next.text);
      } else if (CLOSERS.has(t) && spaced && i > 0) {
        const prev = tokens[i - 1]!.text;
        split = (prev === '.' || prev === '!' || prev === '?') && /^[\p{Lu}"“]/u.test(next.text);
      }
    }
    if (split) {
      ranges.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < tokens.length) ranges.push([start, tokens.length]);
  return ranges;
}
