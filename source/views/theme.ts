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
  person: { color: 'green', underline: true },
  place: { color: 'blue', underline: true },
  organization: { color: 'magenta', underline: true },
  currentMention: { inverse: true, bold: true },
};

/** Type markers that read without colour: [P]erson, [L]ocation, [O]rganization. */
export const entityMarkers: Record<string, string> = { person: 'P', place: 'L', organization: 'O' };
export const entityHeadings: Record<string, string> = {
  person: 'People',
  place: 'Places',
  organization: 'Organizations',
};
