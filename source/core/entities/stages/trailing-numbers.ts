/**
 * A number the tagger ran onto a name's end is no part of it: "Chet Holmgren 18" (his points),
 * "Indiana Pacers 103-91" (the score). No person's name in CoNLL-2003 train ends in a number, and
 * no name of any type in a score; other names may ("Windows 95", "Schalke 04", "Channel 4").
 */
import type { ResolveContext, TaggedSpan } from './context.js';

const NUMBER = /^\d+(?:[.,]\d+)*$/u;
const SCORE = /^\d+[-–]\d+$/u;

/** Cuts (in place) such numbers off the tagger's spans; a span that is all number is left alone. */
export function cutTrailingNumbers(ctx: Pick<ResolveContext, 'tokens'>, tagged: TaggedSpan[]): void {
  const { tokens } = ctx;
  for (const span of tagged) {
    while (span.end - span.start >= 2) {
      const last = tokens[span.end - 1]!.text;
      if (!SCORE.test(last) && !(span.type === 'PER' && NUMBER.test(last))) break;
      span.end--;
    }
  }
}
