/**
 * Colours and text styles in one place. Every meaning is also carried by something that
 * survives NO_COLOR (inverse, bold, a marker character), so the UI works without colour.
 */
export const theme = {
  accent: 'cyan',
  dim: 'gray',
  selectedMarker: '›',
  rule: '─',
} as const;
