/**
 * Colours and text styles in one place. Every meaning is also carried by something that
 * survives a monochrome terminal (inverse, bold, underline, a marker character).
 */
export const theme = {
  accent: 'cyan',
  dim: 'gray',
  selectedMarker: '›',
  rule: '─',
} as const;

export interface SpanStyle {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

/** How each kind of highlighted span looks. Search matches are yellow, unlike anything else. */
export const spanStyles: Record<string, SpanStyle> = {
  match: { backgroundColor: 'yellow', color: 'black', underline: true },
  current: { inverse: true, bold: true, underline: true },
  titleMatch: { color: 'yellow', bold: true, underline: true },
};
