/**
 * Colours and text styles in one place, chosen once at start from the environment (themeFor).
 *
 * Every meaning is carried by an attribute that survives a monochrome terminal — bold, underline,
 * inverse, or a marker character — and colour only adds to it, so under NO_COLOR (or FORCE_COLOR=0,
 * TERM=dumb) a match, the current match, a mention and the selection still show.
 *
 * The 256-colour palette is chosen to read on dark and light backgrounds alike: every foreground
 * colour is one of the 256-colour cube's (which terminal themes leave as they are, unlike the first
 * 16), with a contrast of at least 4.3:1 against pure black and pure white both; where a colour is a
 * background (search matches) its text colour is set too. With 16 colours the terminal's theme
 * decides what each colour looks like, so only what needs colour has it.
 */
import { type ColourDepth, type Environment, terminalFeatures, type TerminalFeatures } from '../terminal/features';
import type { Colour, Style } from '../terminal/sgr';

export type Role =
  /** Screen headings: "lede", "Keys", "Mentions of …". */
  | 'accent'
  /** Secondary text: metadata, hints, notes. */
  | 'dim'
  /** The reader's title, help headings, the status line. */
  | 'strong'
  | 'error'
  /** The selected row, the prompt's cursor. */
  | 'selected'
  /** The entity panel's heading while it has the keys. */
  | 'focus'
  | 'match'
  | 'current'
  | 'titleMatch'
  | 'person'
  | 'place'
  | 'organization'
  | 'currentMention'
  /** The article's URL under its title. */
  | 'link';

/** Roles whose colour LEDE_COLORS may set: `LEDE_COLORS='person=28,match=0/214'`. */
export const COLOURED_ROLES = ['accent', 'dim', 'match', 'person', 'place', 'organization', 'link'] as const;
type ColouredRole = (typeof COLOURED_ROLES)[number];

export interface Theme {
  features: TerminalFeatures;
  styles: Readonly<Record<Role, Style>>;
  /** What could not be used of LEDE_COLORS, one line each. */
  problems: readonly string[];
}

/** The attributes every meaning keeps without colour. */
const MARKS: Record<Role, Style> = {
  accent: { bold: true },
  dim: {},
  strong: { bold: true },
  error: { bold: true, inverse: true },
  selected: { inverse: true },
  focus: { bold: true, inverse: true },
  match: { bold: true, underline: true },
  current: { inverse: true, bold: true, underline: true },
  titleMatch: { bold: true, underline: true },
  person: { underline: true },
  place: { underline: true },
  organization: { underline: true },
  currentMention: { inverse: true, bold: true },
  link: { underline: true },
};

/** Colours per role (foreground, and background where one is set). */
type Palette = Record<ColouredRole, { fg?: Colour; bg?: Colour; faint?: boolean }>;

const BLACK = 16;
const EXTENDED: Palette = {
  accent: { fg: 30 }, // #008787
  dim: { fg: 243 }, // #767676
  match: { fg: BLACK, bg: 220 }, // black on #ffd700
  person: { fg: 29 }, // #00875f
  place: { fg: 63 }, // #5f5fff
  organization: { fg: 163 }, // #d700af
  link: { fg: 30 },
};

/** The 16 colours a theme remaps: no pale foreground is relied on; grey is faint, not colour 8. */
const BASIC: Palette = {
  accent: {},
  dim: { faint: true },
  match: { fg: 0, bg: 3 },
  person: { fg: 2 },
  place: { fg: 4 },
  organization: { fg: 5 },
  link: {},
};

/** Colour names LEDE_COLORS takes, besides 0–255. */
const NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

function parseColour(text: string): Colour | null | undefined {
  if (text === 'default') return null;
  if (/^\d{1,3}$/.test(text) && Number(text) <= 255) return Number(text);
  const bright = /^bright-(\w+)$/.exec(text);
  const at = NAMES.indexOf(bright ? bright[1]! : text);
  return at < 0 ? undefined : at + (bright ? 8 : 0);
}

/**
 * LEDE_COLORS, e.g. `person=28,place=bright-blue,match=black/214`: `role=colour[/background]`,
 * a colour being 0–255, a name (red, bright-red…) or `default`. What it cannot read is reported.
 */
export function parseColourOverrides(spec: string): { palette: Partial<Palette>; problems: string[] } {
  const palette: Partial<Palette> = {};
  const problems: string[] = [];
  for (const entry of spec.split(/[,:]/).map((e) => e.trim()).filter(Boolean)) {
    const m = /^([a-z]+)=([\w-]+)(?:\/([\w-]+))?$/.exec(entry);
    const role = m?.[1] as ColouredRole | undefined;
    const fg = m ? parseColour(m[2]!) : undefined;
    const bg = m?.[3] === undefined ? null : parseColour(m[3]);
    if (!m || !role || !(COLOURED_ROLES as readonly string[]).includes(role) || fg === undefined || bg === undefined) {
      problems.push(`LEDE_COLORS: “${entry.slice(0, 40)}” ignored (role=colour[/background]; roles: ${COLOURED_ROLES.join(', ')})`);
      continue;
    }
    palette[role] = { ...(fg === null ? {} : { fg }), ...(bg === null ? {} : { bg }) };
  }
  return { palette, problems };
}

function paletteFor(depth: ColourDepth): Palette | null {
  if (depth === 'none') return null;
  return depth === 'extended' ? EXTENDED : BASIC;
}

/** The styles for a colour depth, with a palette's colours added to the attributes. */
function stylesFor(palette: Palette | null): Record<Role, Style> {
  if (!palette) return MARKS;
  const styles: Record<Role, Style> = { ...MARKS };
  for (const role of COLOURED_ROLES) styles[role] = { ...MARKS[role], ...palette[role] };
  // A match in a title is drawn as one in the text.
  styles.titleMatch = { ...MARKS.titleMatch, ...palette.match };
  return styles;
}

/** The theme a terminal with these features gets, LEDE_COLORS applied (colour terminals only). */
export function themeFor(env: Environment): Theme {
  const features = terminalFeatures(env);
  const base = paletteFor(features.colour);
  if (!base || !env.LEDE_COLORS) return { features, styles: stylesFor(base), problems: [] };
  const { palette, problems } = parseColourOverrides(env.LEDE_COLORS);
  return { features, styles: stylesFor({ ...base, ...palette }), problems };
}

/**
 * What a render without a theme draws (view tests, renderToString): the text alone, no escape at
 * all, so a test reads a frame as what it says. A test of how something looks passes a theme.
 */
export const PLAIN_THEME: Theme = {
  features: { colour: 'none', hyperlinks: false },
  styles: Object.fromEntries(Object.keys(MARKS).map((role) => [role, {}])) as Record<Role, Style>,
  problems: [],
};

/** Glyphs that carry a meaning without colour. */
export const glyphs = {
  selectedMarker: '›',
  rule: '─',
} as const;

/** Type markers that read without colour: [P]erson, [L]ocation, [O]rganization. */
export const entityMarkers: Record<string, string> = { person: 'P', place: 'L', organization: 'O' };
export const entityHeadings: Record<string, string> = {
  person: 'People',
  place: 'Places',
  organization: 'Organizations',
};

/** The role a highlighted span of a kind (core/layout/highlights.ts) is drawn in. */
export function roleOfKind(kind: string | undefined): Role | undefined {
  return kind !== undefined && kind in MARKS ? (kind as Role) : undefined;
}
