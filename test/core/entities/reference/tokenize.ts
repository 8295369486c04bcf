/**
 * The tokenizer and sentence splitter as tokenize.ts was before its ASCII fast paths (commit
 * d756c91), kept only to check that the faster one splits every text the same
 * (tokenize-reference.test.ts).
 */
interface Token {
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

export function referenceTokenize(text: string): Token[] {
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
    const ch = text[i]!;
    if (isWordChar(ch) || (c >= 0xd800 && c <= 0xdbff)) {
      DOTTED_RE.lastIndex = i;
      const dotted = DOTTED_RE.exec(text);
      if (dotted && !(i + dotted[0].length < n && isWordChar(text[i + dotted[0].length]!))) {
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
      const poss = /^(.+)(['’][sS])$/u.exec(word);
      if (poss && poss[1]!.length > 1 && !/['’]/u.test(poss[1]!.slice(-1))) {
        const base = poss[1]!;
        tokens.push({ text: base, start: i, end: i + base.length });
        tokens.push({ text: poss[2]!, start: i + base.length, end });
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
    // Possessive after a token that ended in punctuation-free text was handled above; a
    // stand-alone "'s" (as in CoNLL's "Clinton 's") is one token too.
    if ((ch === "'" || ch === '’') && i + 1 < n && (text[i + 1] === 's' || text[i + 1] === 'S') && !(i + 2 < n && isWordChar(text[i + 2]!))) {
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

const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»']);

/**
 * Splits tokens into sentences: at paragraph breaks (any newline between two tokens) and after
 * . ! ? (plus closing quotes/brackets) when the next token starts with a capital, digit or quote.
 * Returns [start, end) token index ranges.
 */
export function referenceSentenceRanges(text: string, tokens: Token[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (!next) break;
    const gap = text.slice(tokens[i]!.end, next.start);
    let split = gap.includes('\n');
    if (!split) {
      const t = tokens[i]!.text;
      if ((t === '.' || t === '!' || t === '?' || t === '...') && gap.length > 0) {
        split = /^[\p{Lu}\p{N}"'“‘([]/u.test(next.text);
      } else if (CLOSERS.has(t) && gap.length > 0 && i > 0) {
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
