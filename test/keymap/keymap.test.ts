import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bindings, CONTEXTS, commandFor, footerHints, helpRows } from '../../source/keymap';
import { isNamedKey, keyLabel, NAMED_KEYS, withModifiers } from '../../source/terminal/key-names';

describe('keymap', () => {
  test('no key is bound to two commands in the same context', () => {
    for (const context of CONTEXTS) {
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

  test('every context can be left: quit and suspend are bound everywhere; q is text while typing and closes help', () => {
    for (const context of CONTEXTS) {
      assert.equal(commandFor(context, 'ctrl+c'), 'quit', `Ctrl+C quits in ${context}`);
      assert.equal(commandFor(context, 'ctrl+z'), 'suspend', `Ctrl+Z suspends in ${context}`);
      const q = context === 'prompt' ? undefined : context === 'help' ? 'back' : 'quit';
      assert.equal(commandFor(context, 'q'), q, `q in ${context}`);
    }
  });

  test('less and vim keys: d/u and Ctrl+D/U half pages, Ctrl+F/B pages, wherever there is something to move', () => {
    for (const context of ['list', 'reader', 'panel', 'mentions', 'skipped'] as const) {
      assert.equal(commandFor(context, 'd'), 'halfPageDown');
      assert.equal(commandFor(context, 'ctrl+d'), 'halfPageDown');
      assert.equal(commandFor(context, 'u'), 'halfPageUp');
      assert.equal(commandFor(context, 'ctrl+u'), 'halfPageUp');
      assert.equal(commandFor(context, 'ctrl+f'), 'pageDown');
      assert.equal(commandFor(context, 'ctrl+b'), 'pageUp');
    }
    // While typing, Ctrl+U is readline's "delete the line".
    assert.equal(commandFor('prompt', 'ctrl+u'), 'promptClear');
  });

  test('footer hints are the context’s basic keys, in table order; the panel says what its keys do', () => {
    assert.deepEqual(
      footerHints('reader').map((h) => `${h.keys} ${h.hint}`),
      ['PgDn page', 'e entities', 'Esc back', '/ search', '? help', 'q quit'],
    );
    assert.deepEqual(
      footerHints('panel').map((h) => `${h.keys} ${h.hint}`),
      ['PgDn down the list', 'Tab page', 'Esc back', '? help', 'q quit'],
    );
  });
});

describe('key names', () => {
  test('modifiers are written in one order, and a shifted letter is the capital', () => {
    assert.equal(withModifiers('up', { ctrl: true, shift: true, alt: true }), 'ctrl+alt+shift+up');
    assert.equal(withModifiers('g', { shift: true }), 'G');
    assert.equal(withModifiers('G', { shift: true }), 'G');
    assert.equal(withModifiers('U', { ctrl: true }), 'ctrl+u');
    assert.equal(withModifiers('tab', { shift: true }), 'shift+tab');
    assert.equal(withModifiers('f1', { ctrl: true }), 'ctrl+f1');
  });

  test('named and modified keys are keys, characters are text', () => {
    for (const name of NAMED_KEYS) assert.equal(isNamedKey(name), true, name);
    for (const name of ['ctrl+u', 'alt+x', 'shift+tab', 'ctrl+alt+up', 'super+a']) assert.equal(isNamedKey(name), true, name);
    for (const name of ['a', 'G', 'é', '日', '+', 'ctrl', 'alt+']) assert.equal(isNamedKey(name), false, name);
  });

  test('labels for help', () => {
    assert.equal(keyLabel('pgdn'), 'PgDn');
    assert.equal(keyLabel('ctrl+d'), 'Ctrl+D');
    assert.equal(keyLabel('j'), 'j');
  });
});
