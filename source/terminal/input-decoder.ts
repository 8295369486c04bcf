/**
 * What the terminal sends, decoded into key presses, typed text and pastes.
 *
 * Input arrives as Ink's input parser splits it: each event is one escape sequence (CSI, SS3,
 * Alt+key) or a run of plain characters. Ink 6.8's own `useInput` throws on sequences its key
 * table does not know (Ctrl+F1, `ESC[0m`: Ink issue #901), which ended the program; lede decodes
 * every event itself, and anything it does not understand is dropped, never thrown on:
 *
 * - cursor, editing and function keys in their CSI and SS3 forms, with xterm's modifier
 *   parameter (`ESC[1;5A` is Ctrl+Up), the linux console's `ESC[[A`, rxvt's shifted arrows,
 *   kitty's `CSI u` and xterm's modifyOtherKeys (`CSI 27;m;code~`);
 * - bracketed paste (`ESC[200~` … `ESC[201~`): one paste event, cut at `maxPaste` characters, whatever
 *   the pasted text holds (escape sequences in it are dropped);
 * - focus reports (`ESC[I`, `ESC[O`), mouse reports (SGR `ESC[<b;x;yM`, and X10 `ESC[M` with its three
 *   raw bytes), cursor-position and other replies: ignored.
 */
import { withModifiers } from './key-names.js';

export type InputEvent =
  /** One key press, named as key-names.ts says. */
  | { type: 'key'; name: string }
  /** Two or more printable characters that arrived together: fast typing, or a paste the terminal did not bracket. */
  | { type: 'text'; text: string }
  /** A bracketed paste: its text (line breaks kept), and whether it was cut. */
  | { type: 'paste'; text: string; truncated: boolean };

/** Characters a bracketed paste keeps; the rest is dropped (a 100 KB paste must not become a 100 KB query). */
export const MAX_PASTE_CHARS = 4096;

const ESC = '\x1b';

const TILDE_KEYS: Record<number, string> = {
  1: 'home',
  2: 'insert',
  3: 'delete',
  4: 'end',
  5: 'pgup',
  6: 'pgdn',
  7: 'home',
  8: 'end',
  11: 'f1',
  12: 'f2',
  13: 'f3',
  14: 'f4',
  15: 'f5',
  17: 'f6',
  18: 'f7',
  19: 'f8',
  20: 'f9',
  21: 'f10',
  23: 'f11',
  24: 'f12',
};

/** Final bytes of CSI and SS3 key sequences: `ESC[A`, `ESC[1;5A`, `ESC OA`, `ESC[1;5P`. */
const LETTER_KEYS: Record<string, string> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  E: 'clear',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
};

/** rxvt sends shifted arrows with a lower-case final byte: `ESC[a` is Shift+Up. */
const RXVT_SHIFTED: Record<string, string> = { a: 'up', b: 'down', c: 'right', d: 'left' };

/** The linux console's function keys: `ESC[[A` … `ESC[[E`. */
const LINUX_FUNCTION_KEYS: Record<string, string> = { A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5' };

/** SS3 sequences of the keypad in application mode: `ESC OM` is Enter, `ESC Op` is 0. */
const KEYPAD: Record<string, string> = {
  M: 'enter',
  j: '*',
  k: '+',
  l: ',',
  m: '-',
  n: '.',
  o: '/',
  p: '0',
  q: '1',
  r: '2',
  s: '3',
  t: '4',
  u: '5',
  v: '6',
  w: '7',
  x: '8',
  y: '9',
  X: '=',
};

/** xterm's modifier parameter: 1 + a bit set (1 shift, 2 alt, 4 ctrl, 8 super/meta). */
function modifiersOf(param: number | undefined): { shift: boolean; alt: boolean; ctrl: boolean; super: boolean } {
  const bits = param !== undefined && param >= 1 ? param - 1 : 0;
  return { shift: (bits & 1) !== 0, alt: (bits & 2) !== 0, ctrl: (bits & 4) !== 0, super: (bits & 8) !== 0 };
}

/** The key a Unicode code point names when a terminal reports it with modifiers (kitty, modifyOtherKeys). */
function codePointKey(code: number): string | undefined {
  switch (code) {
    case 9:
      return 'tab';
    case 13:
      return 'enter';
    case 27:
      return 'esc';
    case 32:
      return 'space';
    case 8:
    case 127:
      return 'backspace';
  }
  if (code < 32 || (code >= 0x7f && code < 0xa0) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  // Kitty's private-use codes for functional keys are not characters.
  if (code >= 0xe000 && code <= 0xf8ff) return undefined;
  return String.fromCodePoint(code);
}

/** A control character's key: Enter, Tab, Backspace, Ctrl+A … Ctrl+Z; undefined for the rest (FS, GS…). */
function controlKey(code: number): string | undefined {
  switch (code) {
    case 13:
    case 10:
      return 'enter';
    case 9:
      return 'tab';
    case 8:
    case 127:
      return 'backspace';
    case 0:
      return 'ctrl+space';
  }
  if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  return undefined;
}

function isPrintable(code: number): boolean {
  return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
}

export class InputDecoder {
  private paste: string[] | null = null;
  private pasteLength = 0;
  private pasteTruncated = false;
  /** Raw bytes still owed by an X10 mouse report (`ESC[M` and three characters). */
  private mouseBytes = 0;

  constructor(private readonly maxPaste = MAX_PASTE_CHARS) {}

  /** Whether a bracketed paste has begun and not yet ended. */
  get pasting(): boolean {
    return this.paste !== null;
  }

  /** Decodes one event of Ink's input parser. Never throws. */
  push(event: string): InputEvent[] {
    try {
      return this.decode(event);
    } catch {
      return [];
    }
  }

  /**
   * Ends a bracketed paste whose end marker never came (a terminal that lost it): what was pasted
   * so far is delivered, and keys are keys again. Called when input has been quiet for a while.
   */
  flush(): InputEvent[] {
    if (!this.paste) return [];
    return [this.endPaste()];
  }

  private decode(event: string): InputEvent[] {
    if (event.length === 0) return [];
    if (event.charCodeAt(0) !== 0x1b) return this.plain(event);
    if (this.paste) {
      // Inside a paste only its end marker means anything; a lone Esc (a key, not pasted text)
      // ends a paste whose marker was lost.
      if (/^\x1b\[201~$/.test(event)) return [this.endPaste()];
      if (event === ESC) return [this.endPaste(), { type: 'key', name: 'esc' }];
      return [];
    }
    this.mouseBytes = 0;
    const key = this.sequence(event);
    return key === undefined ? [] : key === PASTE_START ? this.startPaste() : [{ type: 'key', name: key }];
  }

  private startPaste(): InputEvent[] {
    this.paste = [];
    this.pasteLength = 0;
    this.pasteTruncated = false;
    return [];
  }

  private endPaste(): InputEvent {
    const text = (this.paste ?? []).join('');
    const truncated = this.pasteTruncated;
    this.paste = null;
    this.pasteLength = 0;
    this.pasteTruncated = false;
    return { type: 'paste', text, truncated };
  }

  /** A run of characters without ESC: typed text, control keys, or the inside of a paste. */
  private plain(run: string): InputEvent[] {
    if (this.mouseBytes > 0) {
      // The three raw bytes of an X10 mouse report are not keys (a click in column 81 is a "q").
      const skip = Math.min(this.mouseBytes, run.length);
      this.mouseBytes -= skip;
      run = run.slice(skip);
      if (run.length === 0) return [];
    }
    if (this.paste) {
      const room = this.maxPaste - this.pasteLength;
      if (room > 0) {
        const kept = run.length > room ? run.slice(0, room) : run;
        this.paste.push(kept);
        this.pasteLength += kept.length;
      }
      if (run.length > room) this.pasteTruncated = true;
      return [];
    }
    const events: InputEvent[] = [];
    let textStart = -1;
    const flushText = (end: number) => {
      if (textStart < 0) return;
      const text = run.slice(textStart, end);
      events.push(text.length === 1 || (text.length === 2 && isSurrogatePair(text)) ? { type: 'key', name: text === ' ' ? 'space' : text } : { type: 'text', text });
      textStart = -1;
    };
    for (let i = 0; i < run.length; i++) {
      const code = run.charCodeAt(i);
      if (isPrintable(code)) {
        if (textStart < 0) textStart = i;
        continue;
      }
      flushText(i);
      // \r\n is one Enter.
      if (code === 13 && run.charCodeAt(i + 1) === 10) i++;
      const name = controlKey(code);
      if (name) events.push({ type: 'key', name });
    }
    flushText(run.length);
    return events;
  }

  /** The key an escape sequence names; PASTE_START; or undefined for what is not a key. */
  private sequence(event: string): string | undefined {
    // ESC ESC [ A: Alt with a cursor key (and ESC ESC alone: Esc).
    if (event.startsWith('\x1b\x1b')) {
      if (event.length === 2) return 'esc';
      const inner = this.sequence(event.slice(1));
      return inner === undefined || inner === PASTE_START ? undefined : addAlt(inner);
    }
    if (event === ESC) return 'esc';
    const kind = event[1];
    if (kind === '[') return this.csi(event.slice(2));
    if (kind === 'O' && event.length === 3) return ss3(event[2]!);
    // Alt with a character or a control key.
    const rest = event.slice(1);
    const code = rest.codePointAt(0);
    if (code === undefined || rest.length !== String.fromCodePoint(code).length) return undefined;
    if (isPrintable(code)) return withModifiers(rest === ' ' ? 'space' : rest, { alt: true });
    const control = controlKey(code);
    return control ? addAlt(control) : undefined;
  }

  /** A CSI sequence's key, from what follows `ESC [`. */
  private csi(body: string): string | undefined {
    if (body.length === 0) return undefined;
    const final = body[body.length - 1]!;
    const params = body.slice(0, -1);
    // The linux console's function keys: ESC [ [ A.
    if (params === '[' ) return LINUX_FUNCTION_KEYS[final];
    // Mouse reports: SGR (ESC [ < b ; x ; y M/m) and urxvt (ESC [ b ; x ; y M) are complete
    // sequences; X10 (ESC [ M) is followed by three raw bytes.
    if (params.startsWith('<')) return undefined;
    if (final === 'M' && params === '') {
      this.mouseBytes = 3;
      return undefined;
    }
    if (!/^[0-9;:]*$/.test(params)) return undefined;
    const numbers = params === '' ? [] : params.split(';').map((p) => Number.parseInt(p.split(':')[0]!, 10));
    if (numbers.some((n) => !Number.isFinite(n))) return undefined;
    switch (final) {
      case '~':
        return this.tilde(numbers);
      case 'u': {
        // kitty: CSI code ; modifiers u
        const key = codePointKey(numbers[0] ?? -1);
        return key ? withModifiers(key, modifiersOf(numbers[1])) : undefined;
      }
      case 'Z':
        return numbers.length === 0 ? 'shift+tab' : undefined;
      case 'I':
      case 'O':
        // Focus in and out.
        return undefined;
    }
    const letterKey = LETTER_KEYS[final];
    if (letterKey) {
      // ESC [ A, ESC [ 1 ; 5 A (modifiers); ESC [ 5 A in some terminals. Anything else with these
      // finals (a cursor-position report, ESC [ 12 ; 40 R) is a reply, not a key.
      if (numbers.length === 0) return letterKey === 'clear' || /^[PQRS]$/.test(final) ? undefined : letterKey;
      if (numbers.length === 2 && numbers[0] === 1) return letterKey === 'clear' ? undefined : withModifiers(letterKey, modifiersOf(numbers[1]));
      if (numbers.length === 1 && numbers[0]! > 1 && numbers[0]! <= 16 && !/^[PQRS]$/.test(final)) {
        return letterKey === 'clear' ? undefined : withModifiers(letterKey, modifiersOf(numbers[0]));
      }
      return undefined;
    }
    const shifted = RXVT_SHIFTED[final];
    if (shifted && numbers.length === 0) return withModifiers(shifted, { shift: true });
    return undefined;
  }

  /** ESC [ n ~ and ESC [ n ; m ~ keys, bracketed paste's start, and modifyOtherKeys (27 ; m ; code ~). */
  private tilde(numbers: number[]): string | undefined {
    const [first, second, third] = numbers;
    if (first === 200 && numbers.length === 1) return PASTE_START;
    if (first === 201) return undefined; // a stray end of paste
    if (first === 27 && third !== undefined) {
      const key = codePointKey(third);
      return key ? withModifiers(key, modifiersOf(second)) : undefined;
    }
    if (numbers.length > 2 || first === undefined) return undefined;
    const key = TILDE_KEYS[first];
    return key ? withModifiers(key, modifiersOf(second)) : undefined;
  }
}

/** A marker the CSI decoder returns for `ESC[200~`: never a key name (names have no spaces). */
const PASTE_START = 'paste start';

function ss3(final: string): string | undefined {
  const key = LETTER_KEYS[final];
  if (key) return key === 'clear' ? undefined : key;
  return KEYPAD[final];
}

/** The same key with Alt held: "alt+x", "ctrl+alt+up". */
function addAlt(name: string): string {
  const ctrl = name.startsWith('ctrl+');
  const rest = ctrl ? name.slice(5) : name;
  if (rest.startsWith('alt+')) return name;
  return `${ctrl ? 'ctrl+' : ''}alt+${rest}`;
}

function isSurrogatePair(text: string): boolean {
  const hi = text.charCodeAt(0);
  const lo = text.charCodeAt(1);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}
