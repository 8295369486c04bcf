/**
 * The names keys go by, one definition for the decoder that produces them, the keymap that binds
 * them, prompt editing (which keys are text) and the labels help shows.
 *
 * A key is named by what it is: a printable character stands for itself ("j", "G", "é"), space is
 * "space", and every other key has a name from NAMED_KEYS, prefixed with its modifiers in the
 * fixed order ctrl+, alt+, shift+, super+ ("ctrl+u", "alt+x", "ctrl+shift+up"). Shift+Tab is
 * "shift+tab"; an upper-case letter carries its shift itself ("G", never "shift+g").
 */

/** Every key that is not a printable character. */
export const NAMED_KEYS = [
  'up',
  'down',
  'left',
  'right',
  'pgup',
  'pgdn',
  'home',
  'end',
  'insert',
  'delete',
  'enter',
  'esc',
  'tab',
  'backspace',
  'space',
  'f1',
  'f2',
  'f3',
  'f4',
  'f5',
  'f6',
  'f7',
  'f8',
  'f9',
  'f10',
  'f11',
  'f12',
] as const;

export type NamedKey = (typeof NAMED_KEYS)[number];

type Letter =
  | 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'm'
  | 'n' | 'o' | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'w' | 'x' | 'y' | 'z';
type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type Punctuation =
  | '!' | '"' | '#' | '$' | '%' | '&' | "'" | '(' | ')' | '*' | '+' | ',' | '-' | '.' | '/'
  | ':' | ';' | '<' | '=' | '>' | '?' | '@' | '[' | '\\' | ']' | '^' | '_' | '`' | '{' | '|' | '}' | '~';

/**
 * The keys a binding may name: typed so that a misspelt key in the keymap ("pgdwn", "ctrl+U")
 * does not compile. Keys the decoder can produce beyond these (an "é", "ctrl+alt+f5") are plain
 * strings: they are typed text or unbound.
 */
export type KeyName = NamedKey | Letter | Uppercase<Letter> | Digit | Punctuation | `ctrl+${Letter}` | 'shift+tab';

const NAMED = new Set<string>(NAMED_KEYS);

/** Modifier prefixes, in the order names carry them. */
const MODIFIERS = ['ctrl+', 'alt+', 'shift+', 'super+'] as const;

/** Whether a key name stands for a key rather than the character it is (which a prompt inserts). */
export function isNamedKey(name: string): boolean {
  if (NAMED.has(name)) return true;
  return MODIFIERS.some((m) => name.startsWith(m) && name.length > m.length);
}

/** The name of `base` pressed with the given modifiers, in the canonical order. */
export function withModifiers(base: string, mods: { ctrl?: boolean; alt?: boolean; shift?: boolean; super?: boolean }): string {
  if (base === 'tab' && mods.shift && !mods.ctrl && !mods.alt && !mods.super) return 'shift+tab';
  // An upper-case letter already says shift; a shifted lower-case letter is the upper-case one.
  let shift = mods.shift ?? false;
  let key = base;
  if (shift && /^[a-z]$/.test(base)) {
    key = base.toUpperCase();
    shift = false;
  } else if (/^[A-Z]$/.test(base)) shift = false;
  // Ctrl with a letter names the letter in lower case: Ctrl+Shift+U is still "ctrl+u" to a user.
  if (mods.ctrl && /^[A-Z]$/.test(key)) key = key.toLowerCase();
  return `${mods.ctrl ? 'ctrl+' : ''}${mods.alt ? 'alt+' : ''}${shift ? 'shift+' : ''}${mods.super ? 'super+' : ''}${key}`;
}

const LABELS: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pgup: 'PgUp',
  pgdn: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  'shift+tab': 'Shift+Tab',
  space: 'Space',
  backspace: 'Backspace',
  delete: 'Delete',
};

/** How help and the footer write a key: "PgDn", "Ctrl+D", "j". */
export function keyLabel(name: string): string {
  const label = LABELS[name];
  if (label) return label;
  const ctrl = /^ctrl\+(.+)$/.exec(name);
  if (ctrl) return `Ctrl+${ctrl[1]!.toUpperCase()}`;
  return name;
}
