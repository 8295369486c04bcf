import { Transform } from 'ink';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { isPlain, paint, type Style } from '../terminal/sgr';
import { PLAIN_THEME, type Role, type Theme } from './theme';

const ThemeContext = createContext<Theme>(PLAIN_THEME);

/** Gives the views below it a theme (interactive.tsx: the one read from the environment at start). */
export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/**
 * Its children (text, or Text and Styled inside a Text) drawn in a role's style; nothing at all
 * for an undefined role or one the theme leaves plain. Inner styles keep the outer one after them.
 */
export function Styled({ role, children }: { role: Role | undefined; children: ReactNode }) {
  const theme = useTheme();
  const style: Style | undefined = role ? theme.styles[role] : undefined;
  if (isPlain(style)) return <>{children}</>;
  return <Transform transform={(text) => paint(style, text)}>{children}</Transform>;
}

/** Text in a role's style, as a string: what `<Styled role>` draws around the same text. */
export type Paint = (role: Role | undefined, text: string) => string;

/** A function of the theme, so text can be styled as a string (one Text node, no Transform per run). */
export function paintWith(theme: Theme): Paint {
  return (role, text) => {
    const style = role ? theme.styles[role] : undefined;
    return isPlain(style) ? text : paint(style, text);
  };
}

/** paintWith the theme in force, the same function for as long as the theme is. */
export function usePaint(): Paint {
  const theme = useTheme();
  return useMemo(() => paintWith(theme), [theme]);
}
