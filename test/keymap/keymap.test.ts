import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bindings, commandFor, footerHints, helpRows, keyName, keyNames } from '../../source/keymap';

describe('keymap', () => {
  test('names keys the way bindings spell them', () => {
    assert.equal(keyName('', { downArrow: true }), 'down');
    assert.equal(keyName('', { pageDown: true }), 'pgdn');
    assert.equal(keyName(' ', {}), 'space');
    assert.equal(keyName('c', { ctrl: true }), 'ctrl+c');
    // Ink 6 reports DEL (0x7F, the usual Backspace) as `delete`.
    assert.equal(keyName('', { delete: true }), 'backspace');
    assert.equal(keyName('G', { shift: true }), 'G');
  });

  test('several plain characters in one chunk are one key each', () => {
    assert.deepEqual(keyNames('jq', {}), ['j', 'q']);
    assert.deepEqual(keyNames('a b', {}), ['a', 'space', 'b']);
    assert.deepEqual(keyNames('', { return: true }), ['enter']);
    assert.deepEqual(keyNames('j\r\x03', {}), ['j', 'enter', 'ctrl+c']);
  });

  test('no key is bound to two commands in the same context', () => {
    for (const context of ['list', 'reader', 'help', 'prompt', 'mentions'] as const) {
      const seen = new Map<string, string>();
      for (const binding of bindings.filter((b) => b.contexts.includes(context))) {
        for (const key of binding.keys) {
          assert.ok(!seen.has(key), `${key} is bound to ${seen.get(key)} and ${binding.command} in ${context}`);
          seen.set(key, binding.command);
        }
      }
    }
  });

  test('every binding resolves to its command, and help lists it in each of its contexts', () => {
    for (const binding of bindings) {
      for (const context of binding.contexts) {
        for (const key of binding.keys) assert.equal(commandFor(context, key), binding.command);
        if (binding.help[context]) {
          assert.ok(helpRows(context).some((row) => row.description === binding.help[context]));
        }
      }
    }
    assert.equal(commandFor('list', 'n'), undefined);
  });

  test('footer hints are the reader’s basic keys, in table order', () => {
    assert.deepEqual(
      footerHints('reader').map((h) => `${h.keys} ${h.hint}`),
      ['PgDn page', 'e entities', 'Esc back', '/ search', '? help', 'q quit'],
    );
  });
});

describe('footer hints that fit', () => {
  test('hints are dropped from the front, so help and quit stay longest', async () => {
    const { fittingHints } = await import('../../source/views/footer');
    const all = fittingHints('list', 1000);
    assert.match(all, /^PgDn page · .* · \? help · q quit$/);
    assert.equal(fittingHints('list', '? help · q quit'.length), '? help · q quit');
    assert.equal(fittingHints('list', 3), '');
  });
});
