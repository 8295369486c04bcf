/**
 * Text styles as SGR escapes, written by lede itself rather than by Ink's chalk: chalk draws no
 * attribute at all once colour is off (FORCE_COLOR=0, TERM=dumb), and without colour a match or a
 * selection must still show as bold, underline or inverse. A style is pure data; `paint` wraps
 * text in it, and a style painted inside another keeps the outer one in force after it ends.
 */

/** A colour: an index in the 256-colour palette (0–15 are the 16 a terminal theme remaps). */
export type Colour = number;

export interface Style {
  fg?: Colour;
  bg?: Colour;
  bold?: boolean;
  faint?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

function colourCode(colour: Colour, background: boolean): string {
  if (colour < 8) return String((background ? 40 : 30) + colour);
  if (colour < 16) return String((background ? 100 : 90) + colour - 8);
  return `${background ? 48 : 38};5;${colour}`;
}

/** Each attribute's opening and closing codes. Bold and faint share their closing code (22). */
function attributes(style: Style): { open: string; close: string }[] {
  const out: { open: string; close: string }[] = [];
  if (style.fg !== undefined) out.push({ open: colourCode(style.fg, false), close: '39' });
  if (style.bg !== undefined) out.push({ open: colourCode(style.bg, true), close: '49' });
  if (style.bold) out.push({ open: '1', close: '22' });
  if (style.faint) out.push({ open: '2', close: '22' });
  if (style.underline) out.push({ open: '4', close: '24' });
  if (style.inverse) out.push({ open: '7', close: '27' });
  return out;
}

const sgr = (code: string) => `\x1b[${code}m`;

export function isPlain(style: Style | undefined): boolean {
  return !style || attributes(style).length === 0;
}

/**
 * `text` in `style`. Where a style inside it ends one of this style's attributes (its closing code),
 * the attribute is opened again, so the rest of the text keeps it — the way chalk nests styles.
 */
export function paint(style: Style | undefined, text: string): string {
  if (!style || text === '') return text;
  const parts = attributes(style);
  if (parts.length === 0) return text;
  let inner = text;
  if (inner.includes('\x1b[')) {
    for (const { open, close } of parts) {
      const closing = sgr(close);
      if (inner.includes(closing)) inner = inner.split(closing).join(closing + sgr(open));
    }
  }
  // Closed one code at a time, so that a style around this one finds each of its own codes.
  return sgr(parts.map((p) => p.open).join(';')) + inner + [...new Set(parts.map((p) => p.close))].map(sgr).join('');
}
