/**
 * Features of the entity tagger, shared by training (test/tools/train-entities.ts) and the app so
 * that the two can never drift apart. Features are strings hashed (FNV-1a) into 2^bits buckets;
 * each bucket holds one weight per label.
 */
export const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC'] as const;
export const NUM_LABELS = LABELS.length;
export type TagType = 'PER' | 'LOC' | 'ORG' | 'MISC';
export const LABEL_TYPES: Array<TagType | null> = [null, 'PER', 'PER', 'LOC', 'LOC', 'ORG', 'ORG', 'MISC', 'MISC'];

/** I-X may only follow B-X or I-X. */
export function allowed(prev: number, label: number): boolean {
  if (label === 0 || label % 2 === 1) return true;
  return prev === label || prev === label - 1;
}

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function charClass(c: number): string {
  if (c >= 65 && c <= 90) return 'X';
  if (c >= 97 && c <= 122) return 'x';
  if (c >= 48 && c <= 57) return 'd';
  if (c > 127) {
    const ch = String.fromCharCode(c);
    if (ch.toLowerCase() !== ch) return 'X';
    if (ch.toUpperCase() !== ch) return 'x';
    return 'o';
  }
  return String.fromCharCode(c);
}

/** Word shape with runs capped at 4 ("Xxxx", "dddd-dd-dd") and collapsed ("Xx", "d-d-d"). */
export function shapes(word: string): [string, string] {
  let long = '';
  let short = '';
  let prev = '';
  let run = 0;
  for (let i = 0; i < word.length && i < 24; i++) {
    const k = charClass(word.charCodeAt(i));
    if (k === prev) run++;
    else {
      run = 1;
      short += k;
    }
    if (run <= 4) long += k;
    prev = k;
  }
  return [long, short];
}

function isAllCaps(word: string): boolean {
  return /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
}
function isInitCap(word: string): boolean {
  return /^\p{Lu}/u.test(word) && /\p{Ll}/u.test(word);
}
function hasLetter(word: string): boolean {
  return /\p{L}/u.test(word);
}

/** Per-document casing evidence for each lower-cased word: how it is written elsewhere. */
export type DocCasing = Map<string, string>;

/**
 * `sentences` are arrays of words. Flags: "T" written with an initial capital somewhere other
 * than the start of a mixed-case sentence, "L" written in lower case, "U" all caps in a
 * mixed-case sentence.
 */
export function docCasing(sentences: string[][]): DocCasing {
  const flags = new Map<string, Set<string>>();
  const add = (w: string, f: string) => {
    const k = w.toLowerCase();
    let s = flags.get(k);
    if (!s) flags.set(k, (s = new Set()));
    s.add(f);
  };
  for (const sent of sentences) {
    if (sentenceIsCaps(sent)) continue;
    for (let i = 0; i < sent.length; i++) {
      const w = sent[i]!;
      if (!hasLetter(w)) continue;
      if (isAllCaps(w)) {
        if (w.length > 1) add(w, 'U');
      } else if (isInitCap(w)) {
        if (i > 0 && !/^["'“‘([]$/u.test(sent[i - 1]!)) add(w, 'T');
      } else if (!/\p{Lu}/u.test(w)) add(w, 'L');
    }
  }
  const out: DocCasing = new Map();
  for (const [k, s] of flags) out.set(k, [...s].sort().join(''));
  return out;
}

/** A headline or table row written in capitals: case tells nothing there. */
export function sentenceIsCaps(words: string[]): boolean {
  let letters = 0;
  let caps = 0;
  for (const w of words) {
    if (!hasLetter(w)) continue;
    letters++;
    if (isAllCaps(w)) caps++;
  }
  return letters >= 2 && caps / letters > 0.8;
}

export interface TokenInfo {
  lower: string;
  shape: string;
  short: string;
}

/** Hashed static (label-history-free) features of every token of one sentence. */
/**
 * A headline written in title case ("Netanyahu May Offer Putin US Sanctions Relief"): most longer
 * words start with a capital, so capitals say little.
 */
export function sentenceIsTitleCase(words: string[]): boolean {
  let long = 0;
  let caps = 0;
  for (const w of words) {
    if (w.length < 4 || !/^\p{L}/u.test(w)) continue;
    long++;
    if (/^\p{Lu}/u.test(w)) caps++;
  }
  return long >= 3 && caps / long >= 0.75;
}

/**
 * `lexicon`: words that running text usually writes in lower case (learned from the training
 * text, no labels), so "Offer" in a headline looks like the verb it is.
 */
export function sentenceFeatures(
  words: string[],
  casing: DocCasing,
  mask: number,
  lexicon?: ReadonlySet<string>,
): { info: TokenInfo[]; feats: Int32Array[] } {
  const info: TokenInfo[] = words.map((w) => {
    const [shape, short] = shapes(w);
    return { lower: w.toLowerCase(), shape, short };
  });
  const caps = sentenceIsCaps(words);
  const title = !caps && sentenceIsTitleCase(words);
  const pad = (i: number): TokenInfo =>
    i < 0 ? { lower: '<s>', shape: '<s>', short: '<s>' } : i >= words.length ? { lower: '</s>', shape: '</s>', short: '</s>' } : info[i]!;
  const feats: Int32Array[] = [];
  for (let i = 0; i < words.length; i++) {
    const t = info[i]!;
    const lw = t.lower;
    const p1 = pad(i - 1);
    const p2 = pad(i - 2);
    const n1 = pad(i + 1);
    const n2 = pad(i + 2);
    const dc = casing.get(lw) ?? '-';
    const f: string[] = [
      'b',
      'w=' + lw,
      'sh=' + t.shape,
      'ss=' + t.short,
      'w-1=' + p1.lower,
      'w+1=' + n1.lower,
      'w-2=' + p2.lower,
      'w+2=' + n2.lower,
      'sh-1=' + p1.short,
      'sh+1=' + n1.short,
      'sh-2=' + p2.short,
      'sh+2=' + n2.short,
      'w-1|w=' + p1.lower + '|' + lw,
      'w|w+1=' + lw + '|' + n1.lower,
      'sh3=' + p1.short + '|' + t.short + '|' + n1.short,
      'w-1|sh=' + p1.lower + '|' + t.short,
      'sh|w+1=' + t.short + '|' + n1.lower,
      'dc=' + dc,
      'dc|sh=' + dc + '|' + t.short,
    ];
    for (let k = 1; k <= 4 && k <= lw.length; k++) {
      f.push('p' + k + '=' + lw.slice(0, k));
      f.push('s' + k + '=' + lw.slice(-k));
    }
    if (i === 0) f.push('first|sh=' + t.short, 'first|w=' + lw);
    if (caps) f.push('caps|dc=' + dc, 'caps|w=' + lw);
    if (lw.length === 1) f.push('len1');
    const lex = lexicon?.has(lw) ? 'L' : '-';
    f.push('lex=' + lex + '|' + t.short, 'lex-1|lex+1=' + (lexicon?.has(p1.lower) ? 'L' : '-') + (lexicon?.has(n1.lower) ? 'L' : '-'));
    if (i === 0) f.push('first|lex=' + lex);
    if (title) f.push('title|lex=' + lex, 'title|w=' + lw, 'title|dc=' + dc);
    feats.push(Int32Array.from(f, (s) => fnv1a(s) & mask));
  }
  return { info, feats };
}

/** Hashed features that depend on the labels already chosen to the left. */
export function historyFeatures(prev: number, prev2: number, t: TokenInfo, mask: number): number[] {
  const p = prev < 0 ? '<s>' : LABELS[prev]!;
  const pp = prev2 < 0 ? '<s>' : LABELS[prev2]!;
  return [
    fnv1a('t-1=' + p) & mask,
    fnv1a('t-2|t-1=' + pp + '|' + p) & mask,
    fnv1a('t-1|w=' + p + '|' + t.lower) & mask,
    fnv1a('t-1|sh=' + p + '|' + t.short) & mask,
  ];
}
