/**
 * The one table of key bindings. Key handling, the footer hints and the help overlay are all
 * generated from it, so they cannot disagree. The table is also checked by the compiler: every
 * key must be a KeyName, and the reducer's handler for each context must handle exactly the
 * commands bound in that context (`CommandIn<C>`, with exhaustive switches).
 */
import { type KeyName, keyLabel } from './terminal/key-names.js';

export type Context = 'list' | 'reader' | 'panel' | 'entities' | 'entityMentions' | 'help' | 'prompt' | 'mentions' | 'skipped';

export const CONTEXTS: readonly Context[] = ['list', 'reader', 'panel', 'entities', 'entityMentions', 'help', 'prompt', 'mentions', 'skipped'];

/** Commands that move a cursor or a page: every context with something to move handles all of them. */
export const MOTIONS = ['up', 'down', 'pageUp', 'pageDown', 'halfPageUp', 'halfPageDown', 'first', 'last'] as const;
export type Motion = (typeof MOTIONS)[number];

export type Command =
  | Motion
  | 'open'
  | 'back'
  | 'help'
  | 'quit'
  | 'suspend'
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
  | 'mentions'
  | 'libraryEntities'
  | 'libraryMentions'
  | 'jumpBack'
  | 'cycleType'
  | 'hideEntity'
  | 'retypeEntity'
  | 'renameEntity'
  | 'mergeEntity'
  | 'splitEntity'
  | 'undoCorrection'
  | 'pageOrNextArticle'
  | 'showPath'
  | 'openUrl'
  | 'copyWithSource'
  | 'toggleFlag'
  | 'toggleRead'
  | 'cycleOrder'
  | 'cycleShow';

export interface Binding {
  readonly command: Command;
  readonly keys: readonly KeyName[];
  readonly contexts: readonly Context[];
  /** What the help overlay says it does, per context where that differs. */
  readonly help: Partial<Record<Context, string>>;
  /** Short word for the footer, when the command deserves a place there (per context where it differs). */
  readonly hint?: string | Partial<Record<Context, string>>;
}

const MOVING: readonly ['list', 'reader', 'panel', 'entities', 'entityMentions', 'help', 'mentions', 'skipped'] = [
  'list',
  'reader',
  'panel',
  'entities',
  'entityMentions',
  'help',
  'mentions',
  'skipped',
];
/** The reader's Space is its own (pageOrNextArticle). */
const MOVING_BUT_READER: readonly ['list', 'panel', 'entities', 'entityMentions', 'help', 'mentions', 'skipped'] = ['list', 'panel', 'entities', 'entityMentions', 'help', 'mentions', 'skipped'];
/** Where the user's corrections are made: on the entity selected in the panel, or in the library's entities. */
const CORRECTING: readonly ['panel', 'entities'] = ['panel', 'entities'];

const table = [
  {
    command: 'down',
    keys: ['down', 'j'],
    contexts: MOVING,
    help: {
      list: 'next article',
      reader: 'scroll down a line',
      panel: 'next entity',
      entities: 'next entity',
      entityMentions: 'next mention (across articles)',
      help: 'scroll down a line',
      mentions: 'next mention',
      skipped: 'scroll down',
    },
  },
  {
    command: 'up',
    keys: ['up', 'k'],
    contexts: MOVING,
    help: {
      list: 'previous article',
      reader: 'scroll up a line',
      panel: 'previous entity',
      entities: 'previous entity',
      entityMentions: 'previous mention',
      help: 'scroll up a line',
      mentions: 'previous mention',
      skipped: 'scroll up',
    },
  },
  {
    command: 'pageDown',
    keys: ['pgdn', 'space', 'f', 'ctrl+f'],
    contexts: MOVING_BUT_READER,
    help: { list: 'next page', panel: 'ten entities down', help: 'next page', mentions: 'next page', skipped: 'next page' },
    hint: { list: 'page', panel: 'down the list', help: 'page' },
  },
  {
    command: 'pageDown',
    keys: ['pgdn', 'f', 'ctrl+f'],
    contexts: ['reader'],
    help: { reader: 'next page' },
    hint: { reader: 'page' },
  },
  {
    // As in newsboat, and less's :n: reading on with one key from the end of an article.
    command: 'pageOrNextArticle',
    keys: ['space'],
    contexts: ['reader'],
    help: { reader: 'next page; on the last page, the next article in the list' },
  },
  {
    command: 'pageUp',
    keys: ['pgup', 'b', 'ctrl+b'],
    contexts: MOVING,
    help: { list: 'previous page', reader: 'previous page', panel: 'ten entities up', help: 'previous page', mentions: 'previous page', skipped: 'previous page' },
  },
  {
    command: 'halfPageDown',
    keys: ['d', 'ctrl+d'],
    contexts: MOVING,
    help: { list: 'half a page down', reader: 'half a page down', panel: 'five entities down', help: 'half a page down', mentions: 'half a page down', skipped: 'half a page down' },
  },
  {
    command: 'halfPageUp',
    keys: ['u', 'ctrl+u'],
    contexts: MOVING,
    help: { list: 'half a page up', reader: 'half a page up', panel: 'five entities up', help: 'half a page up', mentions: 'half a page up', skipped: 'half a page up' },
  },
  {
    command: 'first',
    keys: ['g', 'home'],
    contexts: MOVING,
    help: { list: 'first article', reader: 'first page', panel: 'first entity', entities: 'first entity', entityMentions: 'first mention', help: 'top', mentions: 'first mention', skipped: 'top' },
  },
  {
    command: 'last',
    keys: ['G', 'end'],
    contexts: MOVING,
    help: { list: 'last article', reader: 'last page', panel: 'last entity', entities: 'last entity', entityMentions: 'last mention', help: 'bottom', mentions: 'last mention', skipped: 'bottom' },
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
    contexts: ['panel', 'mentions'],
    // No footer hint: at 80 columns it would push out what Space/PgDn do in the panel.
    help: { panel: 'go to the entity’s first mention', mentions: 'go to this mention' },
  },
  {
    command: 'open',
    keys: ['enter', 'right', 'l'],
    contexts: ['entities', 'entityMentions'],
    help: { entities: 'its mentions across the library (in “appears with”: go to that entity)', entityMentions: 'open the article at this mention' },
    hint: { entities: 'mentions', entityMentions: 'open' },
  },
  {
    command: 'libraryEntities',
    keys: ['e'],
    contexts: ['list'],
    help: { list: 'the library’s entities: who is in it' },
    hint: { list: 'entities' },
  },
  {
    command: 'libraryMentions',
    keys: ['M'],
    contexts: ['reader', 'panel'],
    help: { reader: 'the selected entity’s mentions across the library' },
  },
  {
    command: 'cycleType',
    keys: ['t'],
    contexts: ['entities'],
    help: { entities: 'show all types, people, places, organizations' },
    hint: { entities: 'type' },
  },
  {
    command: 'nextMention',
    keys: [']'],
    contexts: ['entityMentions'],
    help: { entityMentions: 'next mention' },
  },
  {
    command: 'previousMention',
    keys: ['['],
    contexts: ['entityMentions'],
    help: { entityMentions: 'previous mention' },
  },
  {
    command: 'hideEntity',
    keys: ['H'],
    contexts: CORRECTING,
    help: { panel: 'correct: hide this entity everywhere', entities: 'correct: hide this entity everywhere' },
  },
  {
    command: 'retypeEntity',
    keys: ['T'],
    contexts: CORRECTING,
    help: { panel: 'correct: its type (person, place, organization)', entities: 'correct: its type (person, place, organization)' },
  },
  {
    command: 'renameEntity',
    keys: ['R'],
    contexts: CORRECTING,
    help: { panel: 'correct: rename it', entities: 'correct: rename it' },
  },
  {
    command: 'mergeEntity',
    keys: ['J'],
    contexts: CORRECTING,
    help: { panel: 'correct: merge it into another entity', entities: 'correct: merge it into another entity' },
  },
  {
    command: 'splitEntity',
    keys: ['S'],
    contexts: CORRECTING,
    help: { panel: 'correct: split one of its names off', entities: 'correct: split one of its names off' },
  },
  {
    command: 'undoCorrection',
    keys: ['U'],
    contexts: CORRECTING,
    help: { panel: 'undo the last correction', entities: 'undo the last correction' },
  },
  {
    command: 'jumpBack',
    keys: ['ctrl+o'],
    contexts: ['list', 'reader', 'panel', 'entities', 'entityMentions'],
    help: {
      list: 'back along the jump history',
      reader: 'back along the jump history',
      entities: 'back along the jump history',
      entityMentions: 'back along the jump history',
    },
  },
  {
    command: 'togglePanel',
    keys: ['e'],
    contexts: ['reader', 'panel'],
    help: { reader: 'show or hide the entity panel', panel: 'hide the entity panel' },
    hint: { reader: 'entities' },
  },
  {
    command: 'switchFocus',
    keys: ['tab'],
    contexts: ['reader', 'panel', 'entities'],
    help: { reader: 'move focus to the entity panel', panel: 'move focus back to the page', entities: 'move between the entities and “appears with”' },
    hint: { panel: 'page' },
  },
  {
    command: 'nextMention',
    keys: [']'],
    contexts: ['reader', 'panel'],
    help: { reader: 'next mention of the selected entity' },
  },
  {
    command: 'previousMention',
    keys: ['['],
    contexts: ['reader', 'panel'],
    help: { reader: 'previous mention of the selected entity' },
  },
  {
    command: 'nextArticleMention',
    keys: ['}'],
    contexts: ['reader', 'panel'],
    help: { reader: 'next article mentioning the selected entity' },
  },
  {
    command: 'previousArticleMention',
    keys: ['{'],
    contexts: ['reader', 'panel'],
    help: { reader: 'previous article mentioning it' },
  },
  {
    command: 'mentions',
    keys: ['m'],
    contexts: ['reader', 'panel'],
    help: { reader: 'the selected entity’s mentions in context' },
  },
  {
    // As in less, q leaves the help page rather than the program.
    command: 'back',
    keys: ['q'],
    contexts: ['help'],
    help: { help: 'close help' },
  },
  {
    command: 'back',
    keys: ['esc', 'h', 'left'],
    contexts: ['list', 'reader', 'panel', 'entities', 'entityMentions', 'help', 'mentions', 'skipped'],
    help: {
      list: 'clear the filter',
      reader: 'clear the search highlight, else back where you came from',
      panel: 'back to the page',
      entities: 'clear the filter, else back where you came from',
      entityMentions: 'back where you came from',
      help: 'close help',
      mentions: 'close the list',
      skipped: 'close the list',
    },
    hint: 'back',
  },
  {
    command: 'search',
    keys: ['/'],
    contexts: ['list', 'reader', 'panel', 'entities', 'help'],
    help: { list: 'filter the library (search syntax below)', reader: 'search in the article', entities: 'filter by name (typos forgiven)', help: 'search this help' },
    hint: { list: 'search', reader: 'search', entities: 'filter' },
  },
  {
    command: 'nextMatch',
    keys: ['n'],
    contexts: ['reader', 'panel', 'help'],
    help: { reader: 'next match', help: 'next line holding it' },
  },
  {
    command: 'previousMatch',
    keys: ['N'],
    contexts: ['reader', 'panel', 'help'],
    help: { reader: 'previous match', help: 'previous line holding it' },
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
    command: 'openUrl',
    keys: ['o'],
    contexts: ['reader', 'panel'],
    help: { reader: 'open the article’s URL in the browser ($BROWSER, else xdg-open / open)' },
  },
  {
    command: 'copyWithSource',
    keys: ['y'],
    contexts: ['reader', 'panel', 'mentions', 'entityMentions'],
    help: {
      reader: 'copy the paragraph with its source (title, date, URL or file)',
      mentions: 'copy the mention’s line with its source',
      entityMentions: 'copy the mention’s line with its source',
    },
  },
  {
    command: 'showPath',
    keys: ['p'],
    contexts: ['reader', 'panel'],
    help: { reader: 'the file the article was read from' },
  },
  {
    command: 'toggleFlag',
    keys: ['F'],
    contexts: ['list', 'reader', 'panel'],
    help: { list: 'flag or unflag the article (!), a bookmark kept between sessions', reader: 'flag or unflag the article (a bookmark)' },
  },
  {
    command: 'toggleRead',
    keys: ['N'],
    contexts: ['list'],
    help: { list: 'mark the article read or unread (N marks the unread)' },
  },
  {
    command: 'cycleOrder',
    keys: ['O'],
    contexts: ['list'],
    help: { list: 'order: by path, newest first, by title, longest first' },
  },
  {
    command: 'cycleShow',
    keys: ['v'],
    contexts: ['list'],
    help: { list: 'show all, unread only, flagged only' },
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
    contexts: ['list', 'reader', 'panel', 'entities', 'entityMentions', 'help'],
    help: { list: 'this help', reader: 'this help', help: 'close help' },
    hint: { list: 'help', reader: 'help', panel: 'help', entities: 'help', entityMentions: 'help', mentions: 'help', skipped: 'help', help: 'close' },
  },
  {
    command: 'suspend',
    keys: ['ctrl+z'],
    contexts: ['list', 'reader', 'panel', 'entities', 'entityMentions', 'help', 'prompt', 'mentions', 'skipped'],
    help: { list: 'suspend lede (fg brings it back)', reader: 'suspend lede (fg brings it back)' },
  },
  {
    command: 'quit',
    keys: ['q', 'ctrl+c'],
    contexts: ['list', 'reader', 'panel', 'entities', 'entityMentions', 'mentions', 'skipped'],
    help: { list: 'quit', reader: 'quit', mentions: 'quit', skipped: 'quit' },
    hint: 'quit',
  },
  {
    // While typing, q is a letter, and in help it closes help; Ctrl+C still quits.
    command: 'quit',
    keys: ['ctrl+c'],
    contexts: ['prompt', 'help'],
    help: { prompt: 'quit', help: 'quit' },
  },
] as const satisfies readonly Binding[];

export const bindings: readonly Binding[] = table;

type AnyBinding = (typeof table)[number];

/** The commands bound in context C: what that context's handler must handle, no more and no less. */
export type CommandIn<C extends Context> = AnyBinding extends infer B
  ? B extends { readonly command: infer Cmd; readonly contexts: readonly (infer X)[] }
    ? C extends X
      ? Cmd
      : never
    : never
  : never;

/** Compile-time exhaustiveness: a switch over commands that reaches this has forgotten a case. */
export function unreachable(value: never): never {
  throw new Error(`unhandled command ${String(value)}`);
}

export function isMotion(cmd: Command): cmd is Motion {
  return (MOTIONS as readonly string[]).includes(cmd);
}

/** The command a key means in a context, if any. */
export function commandFor<C extends Context>(context: C, name: string): CommandIn<C> | undefined {
  const binding = bindings.find((b) => b.contexts.includes(context) && (b.keys as readonly string[]).includes(name));
  return binding?.command as CommandIn<C> | undefined;
}

function hintFor(binding: Binding, context: Context): string | undefined {
  return typeof binding.hint === 'string' ? binding.hint : binding.hint?.[context];
}

/** Footer hints for a context: "j/k move · Enter open · ? help · q quit". */
export function footerHints(context: Context): { keys: string; hint: string }[] {
  const hints: { keys: string; hint: string }[] = [];
  for (const b of bindings) {
    const hint = b.contexts.includes(context) ? hintFor(b, context) : undefined;
    if (hint) hints.push({ keys: keyLabel(b.keys[0] as string), hint });
  }
  return hints;
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
