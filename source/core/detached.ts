/**
 * A copy of `s` that does not point into the string it was cut from. V8 keeps a slice of 13
 * characters or more as a view of its parent, so a title cut from a file's decoded text, or a word
 * cut from a folded body, would keep the whole parent alive.
 */
export function detached(s: string): string {
  // The concatenation is flattened into a new string before slicing; the slice points into that.
  return s.length < 13 ? s : (` ${s}`).slice(1);
}
