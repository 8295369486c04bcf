import { Transform } from 'ink';
import { createContext, type ReactNode, useContext } from 'react';
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
