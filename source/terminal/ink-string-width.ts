/**
 * string-width as Ink (and widest-line, cli-truncate) call it in dist: the same answer, sooner.
 * Ink measures every new line of a frame — each row of a filtered list is new on every key — and
 * string-width segments any line that is not plain ASCII into graphemes, which the latency
 * bench's profile showed as the largest single cost of a key at 2,000 articles (~19 ms). Rows of
 * news are single-column characters (text-width.ts) with lede's own SGR styles around them: their
 * width is their length once the styles are taken out. Anything else goes to string-width.
 * test/tools/build.mjs puts this in place of string-width for those packages only.
 */
import stringWidth from 'string-width';
import { isSingleColumnText } from '../core/layout/text-width.js';

type Options = Parameters<typeof stringWidth>[1];

/** The SGR sequences lede and chalk style text with (CSI … m): no width of their own. */
const SGR = /\x1b\[[0-9;]*m/g;

export default function inkStringWidth(input: string, options?: Options): number {
  if (options === undefined && typeof input === 'string') {
    const plain = input.includes('\x1b') ? input.replace(SGR, '') : input;
    if (!plain.includes('\x1b') && !plain.includes('\x9b') && isSingleColumnText(plain)) return plain.length;
  }
  return stringWidth(input, options);
}
