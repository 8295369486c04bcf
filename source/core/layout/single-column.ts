/**
 * Characters that take one column each and are each a grapheme of their own beside one another
 * (with string-width's default, ambiguous characters narrow): printable ASCII, Latin-1 but the
 * soft hyphen, Latin Extended and the spacing modifier letters (up to the combining marks at
 * U+0300), general punctuation from the dashes to before the invisible operators (quotes, …, ‹ ›,
 * ·; not the line and paragraph separators nor the bidi controls), and box drawing. Almost every
 * line of news and of lede's own screens is made of them only, and so needs no segmenter and no
 * width table. The one definition: lede's widths and snippet cuts, and the string-width dist
 * bundles (test/tools/startup-patches.mjs), read it. test/core/layout/single-column.test.ts checks
 * every one, and pairs of them, against string-width and Intl.Segmenter.
 */
export const SINGLE_COLUMN_CLASS = '\\x20-\\x7e\\xa0-\\xac\\xae-\\u02ff\\u2010-\\u2027\\u2030-\\u205e\\u2500-\\u257f';

const SINGLE_COLUMN_RUN = new RegExp(`^[${SINGLE_COLUMN_CLASS}]*$`);

/** Whether the UTF-16 unit `code` is one of the single-column characters. */
export function isSingleColumnUnit(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0x2ff && code !== 0xad) ||
    (code >= 0x2010 && code <= 0x2027) ||
    (code >= 0x2030 && code <= 0x205e) ||
    (code >= 0x2500 && code <= 0x257f)
  );
}

/** Whether every character of `text` is a single-column one: its width is its length. */
export function isSingleColumnText(text: string): boolean {
  return SINGLE_COLUMN_RUN.test(text);
}
