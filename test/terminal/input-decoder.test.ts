import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type InputEvent, InputDecoder, MAX_PASTE_CHARS } from '../../source/terminal/input-decoder';
import { allKeySequences, INK_901_SEQUENCES, pasteSequence, reportSequences } from '../helpers/terminal-input';
import { prng } from '../helpers/prng';

const decode = (...events: string[]): InputEvent[] => {
  const decoder = new InputDecoder();
  return events.flatMap((e) => decoder.push(e));
};
const keys = (...events: string[]) => decode(...events).map((e) => (e.type === 'key' ? e.name : `<${e.type}:${'text' in e ? e.text : ''}>`));

describe('decoding keys', () => {
  test('cursor, editing and function keys in their xterm, SS3, rxvt and linux-console forms', () => {
    assert.deepEqual(keys('\x1b[A', '\x1bOB', '\x1b[C', '\x1bOD', '\x1b[H', '\x1b[F', '\x1bOH', '\x1bOF'), ['up', 'down', 'right', 'left', 'home', 'end', 'home', 'end']);
    assert.deepEqual(keys('\x1b[5~', '\x1b[6~', '\x1b[1~', '\x1b[4~', '\x1b[7~', '\x1b[8~', '\x1b[2~', '\x1b[3~'), ['pgup', 'pgdn', 'home', 'end', 'home', 'end', 'insert', 'delete']);
    assert.deepEqual(keys('\x1bOP', '\x1bOS', '\x1b[15~', '\x1b[24~', '\x1b[[A', '\x1b[[E'), ['f1', 'f4', 'f5', 'f12', 'f1', 'f5']);
    assert.deepEqual(keys('\x1b[a', '\x1b[Z'), ['shift+up', 'shift+tab']);
    assert.deepEqual(keys('\x1bOM', '\x1bOp', '\x1bOy'), ['enter', '0', '9']);
  });

  test('xterm’s modifier parameter: Ctrl+Up, Shift+PgDn, Ctrl+Alt+Shift+F5, Ctrl+F1', () => {
    assert.deepEqual(keys('\x1b[1;5A', '\x1b[6;2~', '\x1b[15;8~', '\x1b[1;5P', '\x1b[1;3D', '\x1b[1;9C'), [
      'ctrl+up',
      'shift+pgdn',
      'ctrl+alt+shift+f5',
      'ctrl+f1',
      'alt+left',
      'super+right',
    ]);
  });

  test('kitty’s CSI u and xterm’s modifyOtherKeys', () => {
    assert.deepEqual(keys('\x1b[97;5u', '\x1b[13u', '\x1b[27;5;113~', '\x1b[9;2u', '\x1b[71u'), ['ctrl+a', 'enter', 'ctrl+q', 'shift+tab', 'G']);
  });

  test('plain characters, control keys and Alt', () => {
    assert.deepEqual(keys('j'), ['j']);
    assert.deepEqual(keys(' '), ['space']);
    assert.deepEqual(keys('\r', '\n', '\t', '\x7f', '\b', '\x03', '\x1a', '\x15'), ['enter', 'enter', 'tab', 'backspace', 'backspace', 'ctrl+c', 'ctrl+z', 'ctrl+u']);
    assert.deepEqual(keys('\x1b', '\x1b\x1b', '\x1bx', '\x1b\x7f', '\x1b\x1b[A'), ['esc', 'esc', 'alt+x', 'alt+backspace', 'alt+up']);
    assert.deepEqual(keys('😀'), ['😀'], 'an astral character is one key');
  });

  test('characters that arrive together are text, split at control keys; C1 codes are dropped', () => {
    assert.deepEqual(decode('jq'), [{ type: 'text', text: 'jq' }]);
    assert.deepEqual(keys('ab\rcd\x03'), ['<text:ab>', 'enter', '<text:cd>', 'ctrl+c']);
    assert.deepEqual(keys('a\u009bb'), ['a', 'b']);
    assert.deepEqual(keys('\r\n'), ['enter'], 'CR LF is one Enter');
  });
});

describe('what is not a key is dropped, never thrown on (Ink issue #901)', () => {
  test('each sequence of #901 and its relatives decodes without an error, to no key or a named one', () => {
    for (const sequence of INK_901_SEQUENCES) {
      const events = decode(sequence);
      for (const e of events) assert.equal(e.type, 'key', `${JSON.stringify(sequence)} gave ${JSON.stringify(e)}`);
    }
    assert.deepEqual(keys('\x1b[0m', '\x1b[5m', '\x1b[31m', '\x1b[12;40R', '\x1b[6n'), []);
  });

  test('focus and mouse reports are ignored, the X10 report’s raw bytes included (a click in column 81 is not q)', () => {
    assert.deepEqual(keys('\x1b[I', '\x1b[O', '\x1b[<0;10;5M', '\x1b[<0;10;5m', '\x1b[32;10;5M'), []);
    assert.deepEqual(keys('\x1b[M', ' q!', 'j'), ['j']);
  });

  test('every CSI and SS3 sequence with every modifier is at most one key, never text', () => {
    for (const sequence of allKeySequences()) {
      const events = decode(sequence);
      assert.ok(events.length <= 1, `${JSON.stringify(sequence)} gave ${events.length} events`);
      for (const e of events) assert.equal(e.type, 'key', `${JSON.stringify(sequence)} gave ${JSON.stringify(e)}`);
    }
  });

  test('property: any input decodes without throwing, and no key name or text holds ESC or a C1 control', () => {
    const sequences = allKeySequences();
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(...sequences, ...INK_901_SEQUENCES)), { maxLength: 20 }), (events) => {
        const decoder = new InputDecoder();
        for (const event of [...events.flatMap((e) => decoder.push(e)), ...decoder.flush()]) {
          const text = event.type === 'key' ? event.name : event.text;
          if (event.type !== 'paste') assert.doesNotMatch(text, /[\x1b\x80-\x9f]/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('bracketed paste', () => {
  test('a paste is one event, whatever it holds: no key in it is a key', () => {
    assert.deepEqual(decode('\x1b[200~', 'q\r', '\x1b[31m', 'x\x03', '\x1b[201~'), [{ type: 'paste', text: 'q\rx\x03', truncated: false }]);
  });

  test('a 100 KB paste is cut at MAX_PASTE_CHARS and says so', () => {
    const events = decode('\x1b[200~', 'a'.repeat(60_000), 'b'.repeat(40_000), '\x1b[201~');
    assert.equal(events.length, 1);
    const paste = events[0]!;
    assert.ok(paste.type === 'paste' && paste.text.length === MAX_PASTE_CHARS && paste.truncated);
  });

  test('a paste whose end marker was lost ends at a lone Esc, or when flushed; keys are keys again after it', () => {
    assert.deepEqual(keys('\x1b[200~', 'abc', '\x1b', 'j'), ['<paste:abc>', 'esc', 'j']);
    const decoder = new InputDecoder();
    decoder.push('\x1b[200~');
    decoder.push('abc');
    assert.equal(decoder.pasting, true);
    assert.deepEqual(decoder.flush(), [{ type: 'paste', text: 'abc', truncated: false }]);
    assert.deepEqual(decoder.push('j'), [{ type: 'key', name: 'j' }]);
  });

  test('random pastes and reports never leave the decoder stuck: after a flush, j is j', () => {
    const random = prng(7);
    for (let i = 0; i < 500; i++) {
      const decoder = new InputDecoder();
      for (const event of [...pasteSequence(random), ...reportSequences(random).flat()]) decoder.push(event);
      decoder.flush();
      assert.deepEqual(decoder.push('j'), [{ type: 'key', name: 'j' }]);
    }
  });
});
