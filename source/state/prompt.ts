import { sanitizeSingleLine } from '../core/sanitize';
import type { Command } from '../keymap';
import { clearFilter, moveListCursor, setFilterQuery } from './list';
import type { Prompt, State } from './reducer';
import { findInArticle } from './reader';

/** Key names that are keys, not text: everything else typed into a prompt is inserted. */
const NAMED_KEYS = new Set([
  'up',
  'down',
  'left',
  'right',
  'pgup',
  'pgdn',
  'home',
  'end',
  'enter',
  'esc',
  'tab',
  'shift+tab',
  'backspace',
]);

/**
 * A key that types text. A pasted or typed control character, C1 code or bidi control is not
 * text: it is dropped rather than inserted, so a query can never carry one to the terminal.
 */
function isText(name: string): boolean {
  if (name === 'space') return true;
  return !NAMED_KEYS.has(name) && !name.startsWith('ctrl+') && sanitizeSingleLine(name) === name;
}

/** Removes the last character (a whole code point, so an emoji is never cut in half). */
function withoutLastCharacter(text: string): string {
  return Array.from(text).slice(0, -1).join('');
}

/** The text changed: the list filters live; the reader searches live too, jumping as you type. */
function changeText(state: State, prompt: Prompt, text: string): State {
  const typing = { ...state, prompt: { ...prompt, text } };
  return prompt.target === 'library' ? setFilterQuery(typing, text) : findInArticle(typing, text);
}

/**
 * While a prompt is open every printable key is text; `cmd` is what the keymap's prompt context
 * bound the key to (Enter, Esc, Backspace, arrows).
 */
export function editPrompt(state: State, prompt: Prompt, name: string, cmd: Command | undefined): State {
  switch (cmd) {
    case 'promptAccept':
      return { ...state, prompt: null };
    case 'promptCancel':
      return prompt.target === 'library'
        ? { ...clearFilter(state), prompt: null }
        : { ...state, prompt: null, find: null };
    case 'promptErase':
      return changeText(state, prompt, withoutLastCharacter(prompt.text));
    case 'promptClear':
      return changeText(state, prompt, '');
    case 'down':
    case 'up':
      // fzf habit: move through the results without leaving the prompt.
      return prompt.target === 'library'
        ? moveListCursor(state, state.list.cursor + (cmd === 'down' ? 1 : -1))
        : state;
    default:
      if (!isText(name)) return state;
      return changeText(state, prompt, prompt.text + (name === 'space' ? ' ' : name));
  }
}
