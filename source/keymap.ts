/**
 * The one table of key bindings. Key handling, the footer hints and the help overlay are all
 * generated from it, so they cannot disagree.
 */
export type Context = 'list' | 'reader' | 'help' | 'prompt' | 'mentions' | 'skipped';

export type Command =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'first'
  | 'last'
  | 'open'
  | 'back'
  | 'help'
  | 'quit'
  | 'skipped'
  | 'search'
  | 'nextMatch'
  | 'previousMatch'
  | 'promptAccept'
  | 'promptCancel'
  | 'promptErase'
  | 'promptClear'
  | 'togglePanel'
  | 'switchFocus'
  | 'nextMention'
  | 'previousMention'
  | 'nextArticleMention'
  | 'previousArticleMention'
  | 'mentions';

export interface Binding {
  command: Command;
  /** Key names as produced by `keyName` (single characters stand for themselves). */
  keys: string[];
  contexts: Context[];
  /** What the help overlay says it does, per context where that differs. */
  help: Partial<Record<Context, string>>;
  /** Short word for the footer, when the command deserves a place there. */
  hint?: string;
}

export const bindings: readonly Binding[] = [
  {
    command: 'down',
    keys: ['down', 'j'],
    contexts: ['list', 'reader', 'mentions', 'skipped'],
    help: {
      list: 'next article',
      reader: 'scroll down a line (panel: next entity)',
      mentions: 'next mention',
      skipped: 'scroll down',
    },
  },
  {
    command: 'up',
    keys: ['up', 'k'],
    contexts: ['list', 'reader', 'mentions', 'skipped'],
    help: {
      list: 'previous article',
      reader: 'scroll up a line (panel: previous entity)',
      mentions: 'previous mention',
      skipped: 'scroll up',
    },
  },
  {
    command: 'pageDown',
    keys: ['pgdn', 'space', 'f'],
    contexts: ['list', 'reader', 'skipped'],
    help: { list: 'next page', reader: 'next page', skipped: 'next page' },
    hint: 'page',
  },
  {
    command: 'pageUp',
    keys: ['pgup', 'b'],
    contexts: ['list', 'reader', 'skipped'],
    help: { list: 'previous page', reader: 'previous page', skipped: 'previous page' },
  },
  {
    command: 'first',
    keys: ['g', 'home'],
    contexts: ['list', 'reader', 'mentions', 'skipped'],
    help: { list: 'first article', reader: 'first page', mentions: 'first mention', skipped: 'top' },
  },
  {
    command: 'last',
    keys: ['G', 'end'],
    contexts: ['list', 'reader', 'mentions', 'skipped'],
    help: { list: 'last article', reader: 'last page', mentions: 'last mention', skipped: 'bottom' },
  },
  {
    command: 'open',
    keys: ['enter', 'right', 'l'],
    contexts: ['list'],
    help: { list: 'open the article' },
    hint: 'open',
  },
  {
    command: 'open',
    keys: ['enter'],
    contexts: ['reader', 'mentions'],
    help: { reader: 'panel: go to the entity’s first mention', mentions: 'go to this mention' },
  },
  {
    command: 'togglePanel',
    keys: ['e'],
    contexts: ['reader'],
    help: { reader: 'show or hide the entity panel' },
    hint: 'entities',
  },
  {
    command: 'switchFocus',
    keys: ['tab'],
    contexts: ['reader'],
    help: { reader: 'move focus between page and panel' },
  },
  {
    command: 'nextMention',
    keys: [']'],
    contexts: ['reader'],
    help: { reader: 'next mention of the selected entity' },
  },
  {
    command: 'previousMention',
    keys: ['['],
    contexts: ['reader'],
    help: { reader: 'previous mention of the selected entity' },
  },
  {
    command: 'nextArticleMention',
    keys: ['}'],
    contexts: ['reader'],
    help: { reader: 'next article mentioning the selected entity' },
  },
  {
    command: 'previousArticleMention',
    keys: ['{'],
    contexts: ['reader'],
    help: { reader: 'previous article mentioning it' },
  },
  {
    command: 'mentions',
    keys: ['m'],
    contexts: ['reader'],
    help: { reader: 'the selected entity’s mentions in context' },
  },
  {
    command: 'back',
    keys: ['esc', 'h', 'left'],
    contexts: ['list', 'reader', 'help', 'mentions', 'skipped'],
    help: {
      list: 'clear the filter',
      reader: 'back to the list',
      help: 'close help',
      mentions: 'close the list',
      skipped: 'close the list',
    },
    hint: 'back',
  },
  {
    command: 'search',
    keys: ['/'],
    contexts: ['list', 'reader'],
    help: { list: 'filter the library (search syntax below)', reader: 'search in the article' },
    hint: 'search',
  },
  {
    command: 'nextMatch',
    keys: ['n'],
    contexts: ['reader'],
    help: { reader: 'next match' },
  },
  {
    command: 'previousMatch',
    keys: ['N'],
    contexts: ['reader'],
    help: { reader: 'previous match' },
  },
  {
    command: 'promptAccept',
    keys: ['enter'],
    contexts: ['prompt'],
    help: { prompt: 'keep the filter / search and leave the prompt' },
    hint: 'done',
  },
  {
    command: 'promptCancel',
    keys: ['esc'],
    contexts: ['prompt'],
    help: { prompt: 'clear it and leave the prompt' },
    hint: 'cancel',
  },
  {
    command: 'promptErase',
    keys: ['backspace'],
    contexts: ['prompt'],
    help: { prompt: 'delete a character' },
  },
  {
    command: 'promptClear',
    keys: ['ctrl+u'],
    contexts: ['prompt'],
    help: { prompt: 'delete the whole query' },
  },
  {
    command: 'down',
    keys: ['down'],
    contexts: ['prompt'],
    help: { prompt: 'move through the results while typing' },
  },
  {
    command: 'up',
    keys: ['up'],
    contexts: ['prompt'],
    help: {},
  },
  {
    command: 'skipped',
    keys: ['s'],
    contexts: ['list'],
    help: { list: 'files that were skipped, and why' },
  },
  {
    command: 'help',
    keys: ['?'],
    contexts: ['list', 'reader', 'help'],
    help: { list: 'this help', reader: 'this help', help: 'close help' },
    hint: 'help',
  },
  {
    command: 'quit',
    keys: ['q', 'ctrl+c'],
    contexts: ['list', 'reader', 'help', 'mentions', 'skipped'],
    help: { list: 'quit', reader: 'quit', help: 'quit', mentions: 'quit', skipped: 'quit' },
    hint: 'quit',
  },
  {
    // While typing, q is a letter; Ctrl+C still quits.
    command: 'quit',
    keys: ['ctrl+c'],
    contexts: ['prompt'],
    help: { prompt: 'quit' },
  },
];

/** The subset of Ink's `Key` that naming a key needs (kept structural so the table has no Ink import). */
export interface KeyFlags {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

/** One name per key press: "j", "G", "enter", "pgdn", "ctrl+c"… */
export function keyName(input: string, key: KeyFlags): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pgup';
  if (key.pageDown) return 'pgdn';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  // Ink 6 reports byte 0x7F (what most terminals send for Backspace) as `delete`.
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

/**
 * The key names in one input event. Ink hands over several plain characters that arrive in
 * one chunk (fast typing, a paste, a script) as a single multi-character input; each is a key.
 */
export function keyNames(input: string, key: KeyFlags): string[] {
  const name = keyName(input, key);
  if (input.length <= 1 || key.ctrl || key.meta || name !== input) return [name];
  return Array.from(input, charKeyName);
}

/** A key name for one raw character, as a terminal sends it. */
function charKeyName(ch: string): string {
  switch (ch) {
    case '\r':
    case '\n':
      return 'enter';
    case '\t':
      return 'tab';
    case '\x7f':
    case '\b':
      return 'backspace';
    case '\x1b':
      return 'esc';
    case ' ':
      return 'space';
  }
  const code = ch.charCodeAt(0);
  // Ctrl+A … Ctrl+Z arrive as bytes 1 to 26.
  if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  return ch;
}

export function commandFor(context: Context, name: string): Command | undefined {
  return bindings.find((b) => b.contexts.includes(context) && b.keys.includes(name))?.command;
}

const keyLabels: Record<string, string> = {
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
  'ctrl+c': 'Ctrl+C',
  backspace: 'Backspace',
};

export function keyLabel(name: string): string {
  return keyLabels[name] ?? name;
}

/** Footer hints for a context: "j/k move · Enter open · ? help · q quit". */
export function footerHints(context: Context): { keys: string; hint: string }[] {
  return bindings
    .filter((b) => b.hint && b.contexts.includes(context))
    .map((b) => ({ keys: keyLabel(b.keys[0] as string), hint: b.hint as string }));
}

export interface HelpRow {
  keys: string;
  description: string;
}

/** Help rows for a context, in table order. */
export function helpRows(context: Context): HelpRow[] {
  return bindings
    .filter((b) => b.contexts.includes(context) && b.help[context])
    .map((b) => ({ keys: b.keys.map(keyLabel).join(' '), description: b.help[context] as string }));
}
