import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { toJson } from '../../source/commands/json';

// Anything a terminal acts on: C0 (newline included, outside strings it is only layout), DEL, C1, bidi.
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test('--json output parses back to the same value and holds no character a terminal acts on', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (path, title) => {
      const value = { articles: [{ path, title }] };
      const json = toJson(value);
      assert.deepEqual(JSON.parse(json), value);
      assert.doesNotMatch(json, TERMINAL_CONTROL);
    }),
  );
  assert.equal(toJson('a\u009b2J\u202eb'), '"a\\u009b2J\\u202eb"');
});
