/**
 * The one grapheme segmenter lede uses, built on first need. Building the first Intl.Segmenter of a
 * process loads ICU's break-iterator data: 17–33 ms of CPU measured here on Node 20, which the
 * first frame does not need when its text is single-column, as the bundled articles' is (and most
 * English news). Made as modules were imported, it ran before every first frame.
 */
let segmenter: Intl.Segmenter | undefined;

export function graphemeSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter;
}
