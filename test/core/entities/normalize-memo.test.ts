// normalizeName keeps the forms it has worked out (a library says the same names over and over):
// what it answers from memory is what it would work out afresh, before and after the memo fills.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { normalizeName } from '../../../source/core/entities/normalize';

test('normalizeName answers the same from its memo as afresh, and past the memo’s bound', () => {
  const expected = new Map([['Erdoğan', 'erdogan'], ['U.S.', 'us'], ['  O’Neil\t Jr ', "o'neil jr"], ['ＴＯＫＹＯ', 'tokyo']]);
  for (const [name, form] of expected) assert.equal(normalizeName(name), form);
  for (let i = 0; i < 60_000; i++) normalizeName(`Name ${i}`);
  for (const [name, form] of expected) assert.equal(normalizeName(name), form, `${name}, after the memo was refilled`);
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (name) => {
      const first = normalizeName(name);
      assert.equal(normalizeName(name), first);
      assert.equal(normalizeName(`${name}`), first);
    }),
  );
});
