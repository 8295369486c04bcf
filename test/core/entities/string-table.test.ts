// A saved file's strings: each written once, and read back at their positions as they were written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringsAt, stringTable } from '../../../source/core/entities/string-table.js';

test('a string table gives each string one position, and stringsAt reads any run of positions back as the strings', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 40 }), fc.nat(), fc.nat(), (written, a, b) => {
      const { strings, at } = stringTable();
      const positions = Int32Array.from(written.map(at));
      assert.equal(new Set(strings).size, strings.length);
      assert.deepEqual(stringsAt(strings, positions), written);
      const from = written.length === 0 ? 0 : a % (written.length + 1);
      const to = from + (written.length === 0 ? 0 : b % (written.length - from + 1));
      assert.deepEqual(stringsAt(strings, positions, from, to), written.slice(from, to));
    }),
  );
});
