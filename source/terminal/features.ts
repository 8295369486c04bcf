/**
 * What the terminal lede draws in can show, decided once at start from the environment (the
 * conventions other tools follow), so that every frame of a session is drawn the same way and a
 * test can ask for any of them by passing an environment of its own.
 */

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * How much colour to use. `none`: no colour at all, only bold, underline and inverse (no-color.org:
 * NO_COLOR, FORCE_COLOR=0, TERM=dumb). `basic`: the 16 colours a terminal theme remaps. `extended`:
 * the 256-colour palette, whose colours 16–255 keep their values under most themes.
 */
export type ColourDepth = 'none' | 'basic' | 'extended';

export interface TerminalFeatures {
  colour: ColourDepth;
  /** OSC 8 hyperlinks: only where the terminal is known to show them, or FORCE_HYPERLINK=1 asks. */
  hyperlinks: boolean;
}

export function colourDepth(env: Environment): ColourDepth {
  // no-color.org: any non-empty NO_COLOR, whatever else is set.
  if (env.NO_COLOR) return 'none';
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 'none';
    // FORCE_COLOR=2 and 3 ask for 256 colours and more, 1 (or empty, or true) for 16.
    if (force === '2' || force === '3') return 'extended';
    return 'basic';
  }
  const term = env.TERM ?? '';
  if (term === 'dumb') return 'none';
  if (/^(truecolor|24bit)$/i.test(env.COLORTERM ?? '') || /256|direct|truecolor|kitty|ghostty|foot|alacritty|wezterm/.test(term)) return 'extended';
  return 'basic';
}

/**
 * Terminals that show OSC 8 links (the list other tools keep, e.g. supports-hyperlinks). Elsewhere
 * a link could be printed as garbage by an old terminal, so none is sent; FORCE_HYPERLINK=1 or 0
 * says otherwise.
 */
export function hyperlinksSupported(env: Environment): boolean {
  const force = env.FORCE_HYPERLINK;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  const term = env.TERM ?? '';
  if (term === 'dumb' || term.startsWith('screen') || term.startsWith('linux')) return false;
  // tmux and screen pass OSC 8 through only when configured to: lede cannot tell.
  if (env.TMUX) return false;
  if (env.WT_SESSION || env.KITTY_WINDOW_ID || env.KONSOLE_VERSION || env.ALACRITTY_WINDOW_ID || env.WEZTERM_PANE) return true;
  // VTE 0.50 (GNOME Terminal, Tilix…) is the first to show them; VTE_VERSION is 5000 for 0.50.0.
  if (env.VTE_VERSION && Number(env.VTE_VERSION) >= 5000) return true;
  if (/^(iTerm\.app|WezTerm|vscode|ghostty|Hyper|Tabby|rio)$/.test(env.TERM_PROGRAM ?? '')) return true;
  return /^(xterm-kitty|xterm-ghostty|alacritty|foot|wezterm|contour)/.test(term);
}

export function terminalFeatures(env: Environment): TerminalFeatures {
  return { colour: colourDepth(env), hyperlinks: hyperlinksSupported(env) };
}
