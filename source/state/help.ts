/**
 * The help page: every key of the screen it was opened from (and of what that screen leads to),
 * then the search syntax, as lines wrapped to the terminal, scrolled and searched like a page.
 */
import { displayWidth, padToWidth } from '../core/layout/text-width';
import { wrapText } from '../core/layout/wrap';
import { querySyntaxLines } from '../core/search/syntax';
import { type CommandIn, type Context, helpRows, isMotion, unreachable } from '../keymap';
import { frameHeight } from './geometry';
import { type HelpMatch, searchHelpLines } from './help-search';
import { moveCursor } from './position';
import type { HelpPage, State } from './types';

export interface HelpLine {
  text: string;
  heading?: boolean;
}

const HEADINGS: Partial<Record<Context, string>> = {
  list: 'Article list',
  reader: 'Reader',
  panel: 'Entity panel (Tab gives it the keys)',
  prompt: 'While typing a search (every other key is text)',
  mentions: 'Mentions list (m)',
  help: 'This help',
  entities: 'The library’s entities (e in the list)',
  entityMentions: 'An entity’s mentions across the library (Enter, or M in the reader)',
};

/** Help for the screen it was opened from, and what can be reached from there. */
const SECTIONS: Record<HelpPage['from'], Context[]> = {
  list: ['list', 'prompt', 'help'],
  reader: ['reader', 'panel', 'prompt', 'mentions', 'help'],
  entities: ['entities', 'entityMentions', 'prompt', 'help'],
  entityMentions: ['entityMentions', 'entities', 'help'],
};

const linesCache = new Map<string, HelpLine[]>();

/** The help page's lines at a width: a row whose description does not fit wraps under itself. */
export function helpLines(from: HelpPage['from'], cols: number): HelpLine[] {
  const cacheKey = `${from}:${cols}`;
  const cached = linesCache.get(cacheKey);
  if (cached) return cached;
  const lines: HelpLine[] = [];
  for (const context of SECTIONS[from]) {
    const rows = helpRows(context);
    const keyWidth = Math.max(...rows.map((r) => displayWidth(r.keys)));
    lines.push(...headingLines(HEADINGS[context] ?? context, cols));
    for (const row of rows) lines.push(...wrappedRow(padToWidth(row.keys, keyWidth), row.description, cols));
    lines.push({ text: '' });
  }
  if (from === 'list') {
    lines.push(...headingLines('Search syntax (case and accents ignored)', cols));
    for (const line of querySyntaxLines('')) {
      const split = line.indexOf('  ');
      lines.push(...wrappedRow(line.slice(0, split), line.slice(split).trim(), cols));
    }
  }
  // A few widths are kept (a resize storm must not keep a page per width it passed).
  if (linesCache.size >= 8) linesCache.delete(linesCache.keys().next().value as string);
  linesCache.set(cacheKey, lines);
  return lines;
}

function headingLines(heading: string, cols: number): HelpLine[] {
  return wrapText(heading, cols).map((l) => ({ text: heading.slice(l.start, l.end), heading: true }));
}

/** "  keys  description", the description wrapped under itself when it does not fit. */
function wrappedRow(keys: string, description: string, cols: number): HelpLine[] {
  const indent = 2 + displayWidth(keys) + 2;
  const room = cols - indent;
  if (room < 16) return [{ text: `  ${keys}` }, ...wrapText(description, Math.max(1, cols - 4)).map((l) => ({ text: `    ${description.slice(l.start, l.end)}` }))];
  const parts = wrapText(description, room).map((l) => description.slice(l.start, l.end));
  return parts.map((part, i) => ({ text: i === 0 ? `  ${keys}  ${part}` : `${' '.repeat(indent)}${part}` }));
}

/** Rows of help on screen: the frame less its heading and status line. */
export function helpPageHeight(state: State): number {
  return Math.max(1, frameHeight(state.viewport) - 2);
}

export function openHelp(state: State): State {
  const from: HelpPage['from'] = state.screen.name === 'reader' ? 'reader' : state.screen.name === 'list' ? 'list' : state.screen.name;
  return { ...state, overlay: 'help', help: { from, top: 0, query: '', match: -1 } };
}

const textsOf = new WeakMap<HelpLine[], string[]>();
let lastSearch: { lines: HelpLine[]; query: string; matches: HelpMatch[] } | null = null;

/** Lines of the help page that hold the query (case-insensitive), exact ones first, then those close to it. */
export function helpMatches(state: State): HelpMatch[] {
  const lines = helpLines(state.help.from, state.viewport.cols);
  const { query } = state.help;
  // Asked for by the reducer and the view with the same page and query: searched once.
  if (lastSearch && lastSearch.lines === lines && lastSearch.query === query) return lastSearch.matches;
  let texts = textsOf.get(lines);
  if (!texts) {
    texts = lines.map((line) => line.text);
    textsOf.set(lines, texts);
  }
  const matches = searchHelpLines(texts, query);
  lastSearch = { lines, query, matches };
  return matches;
}

function withHelp(state: State, patch: Partial<HelpPage>): State {
  return { ...state, help: { ...state.help, ...patch } };
}

/** Scrolls so that line `line` is on the page. */
function showLine(state: State, line: number): State {
  const height = helpPageHeight(state);
  const { top } = state.help;
  if (line >= top && line < top + height) return state;
  return withHelp(state, { top: Math.max(0, line - Math.floor(height / 3)) });
}

/** The help query changed (typed at its `/` prompt): go to the first line holding it from the top of the page. */
export function searchHelp(state: State, query: string): State {
  const searching = withHelp(state, { query, match: -1 });
  const matches = helpMatches(searching);
  if (matches.length === 0) return searching;
  // The first line holding it as typed from the top of the page on (else the first above);
  // only when none does, the closest line with typos.
  const exact = matches.filter((m) => !m.typos);
  const at = exact.findIndex((m) => m.line >= state.help.top);
  const match = at >= 0 ? at : 0;
  return showLine(withHelp(searching, { match }), matches[match]!.line);
}

function stepHelpMatch(state: State, direction: 1 | -1): State {
  const matches = helpMatches(state);
  if (matches.length === 0) return { ...state, notice: { kind: 'info', text: state.help.query ? `no line holds “${state.help.query}”` : '/ searches the help' } };
  const match = (((state.help.match + direction) % matches.length) + matches.length) % matches.length;
  return showLine(withHelp(state, { match }), matches[match]!.line);
}

export function helpCommand(state: State, cmd: Exclude<CommandIn<'help'>, 'quit' | 'suspend' | 'help'>): State {
  if (isMotion(cmd)) {
    const height = helpPageHeight(state);
    const scrollable = Math.max(0, helpLines(state.help.from, state.viewport.cols).length - height) + 1;
    return withHelp(state, { top: moveCursor(cmd, state.help.top, scrollable, height) ?? 0 });
  }
  switch (cmd) {
    case 'search':
      return { ...state, prompt: { target: 'help', text: state.help.query } };
    case 'nextMatch':
      return stepHelpMatch(state, 1);
    case 'previousMatch':
      return stepHelpMatch(state, -1);
    case 'back':
      return { ...state, overlay: null };
    default:
      return unreachable(cmd);
  }
}
