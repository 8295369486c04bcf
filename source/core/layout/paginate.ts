/**
 * Paging over wrapped lines. The view shows `pageHeight` lines from `top`. Pages start at
 * multiples of the page height, so "page 2/5" means the same lines whatever key led there;
 * line scrolling (j/k) may leave `top` between two page starts.
 */
export interface PagePosition {
  page: number;
  pages: number;
  percent: number;
}

export function pageCount(lineCount: number, pageHeight: number): number {
  return Math.max(1, Math.ceil(lineCount / Math.max(1, pageHeight)));
}

/** The largest useful `top`: the start of the last page. */
export function lastTop(lineCount: number, pageHeight: number): number {
  return (pageCount(lineCount, pageHeight) - 1) * Math.max(1, pageHeight);
}

export function clampTop(top: number, lineCount: number, pageHeight: number): number {
  return Math.min(Math.max(0, Math.floor(top)), lastTop(lineCount, pageHeight));
}

/** Where `top` lies: the page holding the first visible line, and how much has been seen. */
export function pagePosition(top: number, lineCount: number, pageHeight: number): PagePosition {
  const height = Math.max(1, pageHeight);
  const pages = pageCount(lineCount, height);
  const page = Math.min(pages, Math.floor(top / height) + 1);
  const seen = Math.min(lineCount, top + height);
  const percent = lineCount === 0 ? 100 : Math.round((seen / lineCount) * 100);
  return { page, pages, percent };
}

/** The `top` that shows the page holding line `line`. */
export function topForLine(line: number, pageHeight: number): number {
  const height = Math.max(1, pageHeight);
  return Math.floor(Math.max(0, line) / height) * height;
}
