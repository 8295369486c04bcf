import { Text } from 'ink';
import { memo } from 'react';
import { type Article, readingMinutes } from '../core/article';
import { groupedCount } from '../core/count-format';
import type { ArticleMark } from '../core/reading';
import { segmentField } from '../core/layout/segments';
import { displayWidth, truncateToWidth } from '../core/layout/text-width';
import type { SearchHit } from '../core/search';
import { paintSegments } from './segments';
import { type Paint, usePaint } from './styled';
import { glyphs } from './theme';

const metaOf = new WeakMap<Article, { words: number; meta: string }>();

/**
 * "date · source · 1,234 words · 5 min": the list's metadata column. Kept per article while its
 * word count stands (a body read back damaged from the library cache is repaired, and recounted):
 * every frame of the list measures the visible rows' metadata to line them up.
 */
export function articleMeta(article: Article): string {
  const kept = metaOf.get(article);
  if (kept?.words === article.words) return kept.meta;
  const parts = [article.date, article.source].filter((p): p is string => Boolean(p));
  parts.push(`${groupedCount(article.words)} words`, `${readingMinutes(article.words)} min`);
  const meta = parts.join(' · ');
  metaOf.set(article, { words: article.words, meta });
  return meta;
}

export interface RowProps {
  article: Article;
  hit?: SearchHit | undefined;
  selected: boolean;
  cols: number;
  /** Width of the metadata column, the same for every visible row so the columns line up. */
  metaWidth: number;
  mark: ArticleMark | undefined;
}

/** The state column, readable without colour as newsboat's: N unread, ! flagged, blank when read. */
function stateMarker(mark: ArticleMark | undefined): string {
  if (mark?.flagged) return '!';
  return mark?.read ? ' ' : 'N';
}

const SNIPPET_INDENT = '    ';

/** A row's title line, styled: the marker, the title with its matches, the metadata on the right. */
export function articleLine({ article, hit, selected, cols, metaWidth, mark }: RowProps, paint: Paint): string {
  const meta = truncateToWidth(articleMeta(article), metaWidth).padStart(metaWidth);
  const titleWidth = Math.max(1, cols - 3 - metaWidth - 2);
  const marker = `${stateMarker(mark)}${selected ? glyphs.selectedMarker : ' '}`;
  const titleHighlights = (hit?.matches ?? [])
    .filter((m) => m.field === 'title')
    .map((m) => ({ start: m.start, end: m.end, kind: 'titleMatch', priority: 1 }));
  const title = segmentField(article.title, titleHighlights, titleWidth);
  const titlePad = ' '.repeat(Math.max(0, titleWidth - displayWidth(title.map((s) => s.text).join(''))));
  return paint(selected ? 'selected' : undefined, `${marker} ${paintSegments(title, paint)}${titlePad}  ${paint(selected ? undefined : 'dim', meta)}`);
}

/** The hit's line of context, cut by the core to the columns it is drawn in, so its match is on screen. */
export function snippetLine(hit: SearchHit, cols: number, paint: Paint): string {
  const width = Math.max(1, cols - SNIPPET_INDENT.length);
  const snippet = hit.snippetAt(width, displayWidth);
  const highlights = snippet.highlights.map((h) => ({ ...h, kind: 'match' as const, priority: 1 }));
  return paint('dim', `${SNIPPET_INDENT}${paintSegments(segmentField(snippet.text, highlights, width), paint)}`);
}

/**
 * A row of the list (with its snippet line while filtering), each line one styled string: Ink
 * then squashes, measures and tokenises one text node a line instead of one per styled run, and a
 * row whose props are the last frame's (every row, on the frame that echoes a key) is not
 * rendered again at all.
 */
export const ArticleRow = memo(function ArticleRow(props: RowProps) {
  const paint = usePaint();
  return (
    <>
      <Text wrap="truncate">{articleLine(props, paint)}</Text>
      {props.hit ? <Text wrap="truncate">{snippetLine(props.hit, props.cols, paint)}</Text> : null}
    </>
  );
});
