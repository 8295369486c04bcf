/**
 * Letter tests on a word, as the Unicode regexes in their comments answer them, without running
 * a regex on ASCII words (most of newswire's): extraction asks them of every token several times.
 * A word with a character past ASCII goes to the regex itself, so the answers are the regex's.
 */

/** /\p{L}/u.test(word) */
export function hasLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c > 127) return /\p{L}/u.test(word);
    const folded = c | 32;
    if (folded >= 97 && folded <= 122) return true;
  }
  return false;
}

/** /\p{Ll}/u.test(word) */
export function hasLowerLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c > 127) return /\p{Ll}/u.test(word);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/** /\p{Lu}/u.test(word) */
export function hasUpperLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c > 127) return /\p{Lu}/u.test(word);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** /^\p{L}/u.test(word) */
export function startsWithLetter(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122;
  return /^\p{L}/u.test(word);
}

/** /^\p{Lu}/u.test(word) */
export function startsWithUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(word);
}

/** Has an upper-case letter and no lower-case one (/\p{Lu}/u and not /\p{Ll}/u). */
export function isAllCaps(word: string): boolean {
  let upper = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c > 127) return /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper;
}
