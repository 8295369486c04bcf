import type { Article } from '../core/article';
import { truncateToWidth } from '../core/layout/text-width';
import { type WrappedLine, wrapText } from '../core/layout/wrap';

/** Where every part of the screen goes for a terminal size: views only draw what this says. */
export interface Viewport {
  cols: number;
  rows: number;
}

export const MIN_COLS = 40;
export const MIN_ROWS = 10;
/** A comfortable reading measure; wider terminals centre the text. */
export const DEFAULT_MEASURE = 80;

export function isTooSmall(viewport: Viewport): boolean {
  return viewport.cols < MIN_COLS || viewport.rows < MIN_ROWS;
}

/**
 * Rows lede draws. Ink repaints the whole screen on every render once a frame is as tall as the
 * terminal (visible flicker), so the frame leaves the last row free.
 */
export function frameHeight(viewport: Viewport): number {
  return Math.max(1, viewport.rows - 1);
}

/** Rows of article rows in the list: the frame minus header and footer. */
export function listBodyHeight(viewport: Viewport): number {
  return Math.max(1, frameHeight(viewport) - 2);
}

export interface ReaderGeometry {
  measure: number;
  margin: number;
  titleLines: string[];
  lines: WrappedLine[];
  pageHeight: number;
}

const MAX_TITLE_LINES = 2;
const wrapCache = new WeakMap<Article, { measure: number; lines: WrappedLine[] }>();

function wrappedBody(article: Article, measure: number): WrappedLine[] {
  const cached = wrapCache.get(article);
  if (cached && cached.measure === measure) return cached.lines;
  const lines = wrapText(article.text, measure);
  wrapCache.set(article, { measure, lines });
  return lines;
}

function titleLines(title: string, measure: number): string[] {
  const lines = wrapText(title, measure).map((l) => title.slice(l.start, l.end));
  if (lines.length <= MAX_TITLE_LINES) return lines;
  const kept = lines.slice(0, MAX_TITLE_LINES);
  kept[MAX_TITLE_LINES - 1] = truncateToWidth(`${kept[MAX_TITLE_LINES - 1]} ${lines[MAX_TITLE_LINES]}`, measure);
  return kept;
}

export function readerMeasure(viewport: Viewport, widthOverride?: number): number {
  const available = Math.max(1, viewport.cols - 2);
  return Math.max(1, Math.min(available, widthOverride ?? DEFAULT_MEASURE));
}

export function readerGeometry(article: Article, viewport: Viewport, widthOverride?: number): ReaderGeometry {
  const measure = readerMeasure(viewport, widthOverride);
  const title = titleLines(article.title, measure);
  // Title lines, one rule under them, and the status bar.
  const chrome = title.length + 1 + 1;
  return {
    measure,
    margin: Math.max(0, Math.floor((viewport.cols - measure) / 2)),
    titleLines: title,
    lines: wrappedBody(article, measure),
    pageHeight: Math.max(1, frameHeight(viewport) - chrome),
  };
}
