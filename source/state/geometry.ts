import type { Article } from '../core/article';
import { truncateToWidth } from '../core/layout/text-width';
import { type WrappedLine, wrapText } from '../core/layout/wrap';
import { metadataLayout } from './article-meta';

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
  /** Columns of padding before the text, centring it in the text column. */
  margin: number;
  /** Width of the column holding title, rule and page: all columns, less the panel beside it. */
  textColumns: number;
  /** Columns between the text column and the panel beside it; 0 without a side panel. */
  panelGap: number;
  /** Width of the panel beside the text; 0 without a side panel. textColumns + panelGap + this = cols. */
  panelWidth: number;
  titleLines: TitleLine[];
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

/**
 * A line of the title: the stretch [start, end) of it, and whether an ellipsis follows (the rest
 * did not fit in the lines a title gets). Offsets, not text, so the title's mentions can be
 * highlighted in it as the text's are in the page.
 */
export interface TitleLine {
  start: number;
  end: number;
  cut: boolean;
}

/** The title as drawn on one line. */
export function titleLineText(title: string, line: TitleLine): string {
  return title.slice(line.start, line.end) + (line.cut ? '…' : '');
}

function titleLines(title: string, measure: number): TitleLine[] {
  const lines = wrapText(title, measure).map((l) => ({ start: l.start, end: l.end, cut: false }));
  if (lines.length <= MAX_TITLE_LINES) return lines;
  // The last line runs on into the next, cut at the measure.
  const last = lines[MAX_TITLE_LINES - 1]!;
  const runOn = title.slice(last.start, lines[MAX_TITLE_LINES]!.end);
  const shown = truncateToWidth(runOn, measure);
  const cut = shown !== runOn || lines.length > MAX_TITLE_LINES + 1;
  const end = shown === runOn ? last.start + runOn.length : last.start + shown.length - 1;
  return [...lines.slice(0, MAX_TITLE_LINES - 1), { start: last.start, end, cut }];
}

/** Where the entity panel goes: beside the page when the text keeps a readable measure, else below. */
export type PanelPlacement = 'side' | 'below' | null;

export const PANEL_WIDTH = 32;
/** Columns between the text column and the panel beside it. */
export const PANEL_GAP = 2;
/** Columns the text keeps free in its column: at least one either side. */
const TEXT_MARGINS = 2;
/** Narrowest measure worth keeping beside the panel; narrower terminals put the panel below. */
const MIN_TEXT_BESIDE_PANEL = 56;

/** Width of the text column: everything but the side panel and the gap before it. */
function textColumnWidth(viewport: Viewport, panel: PanelPlacement): number {
  return Math.max(1, viewport.cols - (panel === 'side' ? PANEL_GAP + PANEL_WIDTH : 0));
}

export function panelPlacement(viewport: Viewport, open: boolean): PanelPlacement {
  if (!open) return null;
  return textColumnWidth(viewport, 'side') - TEXT_MARGINS >= MIN_TEXT_BESIDE_PANEL ? 'side' : 'below';
}

/** Rows the panel takes below the page (its heading included). */
export function panelRowsBelow(viewport: Viewport): number {
  return Math.max(3, Math.min(8, Math.floor(frameHeight(viewport) / 3)));
}

export function readerMeasure(viewport: Viewport, widthOverride?: number, panel: PanelPlacement = null): number {
  const available = Math.max(1, textColumnWidth(viewport, panel) - TEXT_MARGINS);
  return Math.max(1, Math.min(available, widthOverride ?? DEFAULT_MEASURE));
}

export function readerGeometry(
  article: Article,
  viewport: Viewport,
  widthOverride?: number,
  panel: PanelPlacement = null,
): ReaderGeometry {
  const measure = readerMeasure(viewport, widthOverride, panel);
  const title = titleLines(article.title, measure);
  // Title lines, the metadata lines (when the article has any), one rule under them, the status
  // bar, and the panel when it sits below.
  const meta = metadataLayout(article, measure).lines;
  const chrome = title.length + meta + 1 + 1 + (panel === 'below' ? panelRowsBelow(viewport) : 0);
  const textColumns = textColumnWidth(viewport, panel);
  return {
    measure,
    margin: Math.max(0, Math.floor((textColumns - measure) / 2)),
    textColumns,
    panelGap: panel === 'side' ? PANEL_GAP : 0,
    panelWidth: panel === 'side' ? PANEL_WIDTH : 0,
    titleLines: title,
    lines: wrappedBody(article, measure),
    pageHeight: Math.max(1, frameHeight(viewport) - chrome),
  };
}

/** The lines on the page starting at line `top`, and the stretch of text [from, to) they show. */
export function readerPage(geometry: ReaderGeometry, top: number): { lines: WrappedLine[]; from: number; to: number } {
  const lines = geometry.lines.slice(top, top + geometry.pageHeight);
  return { lines, from: lines[0]?.start ?? 0, to: lines[lines.length - 1]?.end ?? 0 };
}
