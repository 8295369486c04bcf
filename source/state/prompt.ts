/** The prompt being typed: the library filter or the in-article search. */
import { containsTerminalControls, sanitizeSingleLine } from '../core/sanitize';
import { type CommandIn, unreachable } from '../keymap';
import { isNamedKey } from '../terminal/key-names';
import { correctionFromPrompt } from './corrections';
import { filterEntities } from './entities-screen';
import { searchHelp } from './help';
import { clearFilter, setFilterQuery } from './list';
import { moveListCursor } from './position';
import { findInArticle } from './reader';
import type { Prompt, State } from './types';

/**
 * The longest query a prompt takes. A query is a few words; a 100 KB paste made one search take
 * forty seconds. What goes beyond is dropped, and the status line says so.
 */
export const MAX_QUERY_LENGTH = 256;

/**
 * The part of typed or pasted text a prompt can take: control characters, C1 codes and bidi
 * controls are dropped (a query never carries one to the terminal), line breaks and tabs become
 * spaces. A Thai tone mark or a virama typed as a key of its own is text: it joins what was typed
 * before it (the query as a whole is then drawn-width normalised, like every article).
 */
export function typeableText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?|\n|\t/g, ' ')) if (!containsTerminalControls(ch)) out += ch;
  return out;
}

/** Removes the last character (a whole code point, so an emoji is never cut in half). */
function withoutLastCharacter(text: string): string {
  return Array.from(text).slice(0, -1).join('');
}

/** The text changed: the list filters live; the reader searches live too, jumping as you type. */
function changeText(state: State, prompt: Prompt, text: string): State {
  const typing = { ...state, prompt: { ...prompt, text } };
  switch (prompt.target) {
    case 'library':
      return setFilterQuery(typing, text);
    case 'article':
      return findInArticle(typing, text);
    case 'help':
      return searchHelp(typing, text);
    case 'entities':
      return filterEntities(typing, text);
    case 'correction':
      return typing;
    default:
      return unreachable(prompt.target);
  }
}

/** Inserts typed or pasted text at the end of the query, up to MAX_QUERY_LENGTH characters. */
export function insertText(state: State, prompt: Prompt, text: string, cutAlready = false): State {
  const typed = typeableText(text);
  const room = MAX_QUERY_LENGTH - prompt.text.length;
  const kept = typed.length > room ? cutAfterCodePoint(typed, Math.max(0, room)) : typed;
  // Normalised as articles are (sanitize.ts), so a query and the text it is looked for in agree.
  const changed = kept.length > 0 ? changeText(state, prompt, sanitizeSingleLine(prompt.text + kept)) : state;
  if (kept.length < typed.length || cutAlready) {
    return { ...changed, notice: { kind: 'info', text: `a query holds at most ${MAX_QUERY_LENGTH} characters; the rest was dropped` } };
  }
  return changed;
}

/** `text` cut to at most `length` units, never inside a surrogate pair. */
function cutAfterCodePoint(text: string, length: number): string {
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}

/**
 * While a prompt is open every printable key is text; `cmd` is what the keymap's prompt context
 * bound the key to (Enter, Esc, Backspace, arrows).
 */
export function editPrompt(state: State, prompt: Prompt, name: string, cmd: Exclude<CommandIn<'prompt'>, 'quit' | 'suspend'> | undefined): State {
  if (cmd === undefined) {
    if (name === 'space') return insertText(state, prompt, ' ');
    return isNamedKey(name) ? state : insertText(state, prompt, name);
  }
  switch (cmd) {
    case 'promptAccept': {
      if (prompt.target !== 'correction' || !prompt.correcting) return { ...state, prompt: null };
      const correction = correctionFromPrompt(prompt.correcting, prompt.text);
      return correction ? { ...state, prompt: null, effects: [...state.effects, { type: 'correct', correction }] } : { ...state, prompt: null };
    }
    case 'promptCancel':
      switch (prompt.target) {
        case 'library':
          return { ...clearFilter(state), prompt: null };
        case 'article':
          return { ...state, prompt: null, find: null };
        case 'help':
          return searchHelp({ ...state, prompt: null }, '');
        case 'entities':
          return filterEntities({ ...state, prompt: null }, '');
        case 'correction':
          return { ...state, prompt: null };
        default:
          return unreachable(prompt.target);
      }
    case 'promptErase':
      return changeText(state, prompt, withoutLastCharacter(prompt.text));
    case 'promptClear':
      return changeText(state, prompt, '');
    case 'down':
    case 'up':
      // fzf habit: move through the results without leaving the prompt.
      return prompt.target === 'library' ? moveListCursor(state, state.list.cursor + (cmd === 'down' ? 1 : -1)) : state;
    default:
      return unreachable(cmd);
  }
}
