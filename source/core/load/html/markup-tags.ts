/** Reading tags out of markup as text, the way HTML's tokenizer does, for the scanners that need no DOM. */

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Just past `terminator` from `from`, or the end of the text when it never comes. */
export function endOf(markup: string, terminator: string, from: number): number {
  const at = markup.indexOf(terminator, from);
  return at === -1 ? markup.length : at + terminator.length;
}

/**
 * The tag whose name starts at `nameStart`: its lower-case name, and the position just past its
 * `>` (attribute values in quotes may hold `>`).
 */
export function readTag(markup: string, nameStart: number): { name: string; end: number } {
  let i = nameStart;
  while (i < markup.length && !isTagNameEnd(markup.charCodeAt(i))) i++;
  const name = markup.slice(nameStart, i).toLowerCase();
  while (i < markup.length) {
    const c = markup.charCodeAt(i);
    if (c === 0x3e /* > */) return { name, end: i + 1 };
    if (c === 0x3d /* = */) {
      i++;
      while (i < markup.length && isSpace(markup.charCodeAt(i))) i++;
      const quote = markup.charCodeAt(i);
      if (quote === 0x22 || quote === 0x27) {
        const close = markup.indexOf(quote === 0x22 ? '"' : "'", i + 1);
        i = close === -1 ? markup.length : close + 1;
        continue;
      }
    }
    i++;
  }
  return { name, end: markup.length };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function isTagNameEnd(c: number): boolean {
  return isSpace(c) || c === 0x2f /* / */ || c === 0x3e /* > */;
}

/** Just past `</name …>` (any case) from `from`, or -1. */
export function findEndTag(markup: string, name: string, from: number): number {
  let at = from;
  for (;;) {
    const found = indexOfIgnoringCase(markup, `</${name}`, at);
    if (found === -1) return -1;
    const after = markup.charCodeAt(found + 2 + name.length);
    if (Number.isNaN(after) || isTagNameEnd(after)) return readTag(markup, found + 2).end;
    at = found + 2;
  }
}

/** indexOf for an ASCII needle, any case, without a lower-cased copy of a long text. */
function indexOfIgnoringCase(text: string, needle: string, from: number): number {
  const first = needle[0] ?? '';
  for (let at = text.indexOf(first, from); at !== -1; at = text.indexOf(first, at + 1)) {
    if (text.slice(at, at + needle.length).toLowerCase() === needle) return at;
  }
  return -1;
}
