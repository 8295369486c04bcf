/**
 * The casing evidence as features.ts computed it before its letter tests lost their regexes
 * (commit 3540d39): kept only to check that the faster one answers the same
 * (casing-reference.test.ts).
 */
function isAllCaps(word: string): boolean {
  return /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
}
function isInitCap(word: string): boolean {
  return /^\p{Lu}/u.test(word) && /\p{Ll}/u.test(word);
}
function hasLetter(word: string): boolean {
  return /\p{L}/u.test(word);
}

export function referenceSentenceIsCaps(words: string[]): boolean {
  let letters = 0;
  let caps = 0;
  for (const w of words) {
    if (!hasLetter(w)) continue;
    letters++;
    if (isAllCaps(w)) caps++;
  }
  return letters >= 2 && caps / letters > 0.8;
}

export function referenceSentenceIsTitleCase(words: string[]): boolean {
  let long = 0;
  let caps = 0;
  for (const w of words) {
    if (w.length < 4 || !/^\p{L}/u.test(w)) continue;
    long++;
    if (/^\p{Lu}/u.test(w)) caps++;
  }
  return long >= 3 && caps / long >= 0.75;
}

export function referenceDocCasing(sentences: string[][]): Map<string, string> {
  const flags = new Map<string, Set<string>>();
  const add = (w: string, f: string) => {
    const k = w.toLowerCase();
    let s = flags.get(k);
    if (!s) flags.set(k, (s = new Set()));
    s.add(f);
  };
  for (const sent of sentences) {
    if (referenceSentenceIsCaps(sent)) continue;
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
  const out = new Map<string, string>();
  for (const [k, s] of flags) out.set(k, [...s].sort().join(''));
  return out;
}
