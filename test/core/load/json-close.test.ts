import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { closeCutJson } from '../../../source/core/load/json-close.js';

const closed = (text: string) => {
  const result = closeCutJson(Buffer.from(text, 'utf8'));
  return result === undefined ? undefined : Buffer.from(result).toString('utf8');
};

const text = fc.string({ unit: fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', ' ', '\n', 'é', '😀', '\u0001') });
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(true, false, null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const container = fc.oneof(fc.array(jsonValue, { minLength: 1, maxLength: 5 }), fc.dictionary(text, jsonValue, { minKeys: 1, maxKeys: 5 }));

describe('closeCutJson', () => {
  test('an array or object cut anywhere closes into valid JSON of the same kind', () => {
    fc.assert(
      fc.property(container, fc.constantFrom(undefined, 2), fc.double({ min: 0, max: 1, noNaN: true }), (value, space, at) => {
        const bytes = Buffer.from(JSON.stringify(value, null, space), 'utf8');
        const cut = 1 + Math.floor(at * (bytes.length - 1));
        const result = closeCutJson(bytes.subarray(0, cut));
        assert.ok(result, `nothing for ${bytes.subarray(0, cut).toString()}`);
        const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(result));
        assert.equal(Array.isArray(parsed), Array.isArray(value));
      }),
      { numRuns: 2000 },
    );
  });

  test('a body cut in its text keeps the text up to the cut', () => {
    assert.deepEqual(JSON.parse(closed('{"title": "T", "text": "The talks in Zürich went on')!), { title: 'T', text: 'The talks in Zürich went on' });
    assert.deepEqual(JSON.parse(closed('[{"title": "T", "text": ["one", "tw')!), [{ title: 'T', text: ['one', 'tw'] }]);
  });

  test('never a split escape or a split UTF-8 character', () => {
    assert.deepEqual(JSON.parse(closed('{"text": "a\\')!), { text: 'a' });
    assert.deepEqual(JSON.parse(closed('{"text": "a\\u00e')!), { text: 'a' });
    assert.deepEqual(JSON.parse(closed('{"text": "a\\u00e9')!), { text: 'aé' });
    assert.deepEqual(JSON.parse(closed('{"text": "a\\\\')!), { text: 'a\\' });
    const euro = Buffer.from('{"text": "5 €', 'utf8');
    for (const drop of [1, 2]) {
      const result = closeCutJson(euro.subarray(0, euro.length - drop));
      assert.deepEqual(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(result)), { text: '5 ' });
    }
  });

  test('a dangling key, colon, comma or literal is completed or dropped', () => {
    assert.deepEqual(JSON.parse(closed('{"title": "T", "te')!), { title: 'T', te: null });
    assert.deepEqual(JSON.parse(closed('{"title": "T", "text"')!), { title: 'T', text: null });
    assert.deepEqual(JSON.parse(closed('{"title": "T", "text":')!), { title: 'T', text: null });
    assert.deepEqual(JSON.parse(closed('{"title": "T",')!), { title: 'T', '': null });
    assert.deepEqual(JSON.parse(closed('{"ok": tru')!), { ok: null });
    assert.deepEqual(JSON.parse(closed('{"n": 12')!), { n: null });
    assert.deepEqual(JSON.parse(closed('[1, 2,')!), [1, 2, null]);
    assert.deepEqual(JSON.parse(closed('[[{"a": [')!), [[{ a: [null] }]]);
  });

  test('nothing of a value read: undefined', () => {
    assert.equal(closed(''), undefined);
    assert.equal(closed('  '), undefined);
    assert.equal(closed('12'), undefined);
  });
});
