// The pure helpers the corrections file and `lede correct` use: what is wrong with a correction,
// in words; whether a correction adds anything; how one is described.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addsNothing, asCorrection, type Correction, CorrectionSet, describeCorrection, readCorrection } from '../../../source/core/entities/corrections.js';

test('readCorrection says what is wrong, field by field', () => {
  const cases: [unknown, RegExp][] = [
    [null, /not an object/],
    [['hide', 'x'], /not an object/],
    [{ op: 'delete', name: 'x' }, /"op" must be one of hide, type, rename, merge, split/],
    [{ op: 'hide' }, /"name" must be a name \(1 to 200 characters, no control characters\)/],
    [{ op: 'hide', name: 'a\u202eb' }, /"name" must be a name/],
    [{ op: 'type', name: 'x', type: 'org' }, /"type" must be person, place or organization/],
    [{ op: 'rename', name: 'x', to: '' }, /"to" must be a name/],
    [{ op: 'merge', name: 'x' }, /"into" must be a name/],
    [{ op: 'merge', name: 'Lib Dems', into: 'lib  dems' }, /cannot be merged into itself/],
    [{ op: 'split', name: 'x', alias: 'X' }, /cannot be split from itself/],
  ];
  for (const [value, expected] of cases) {
    const read = readCorrection(value);
    assert.ok('problem' in read, JSON.stringify(value));
    assert.match(read.problem, expected, JSON.stringify(value));
  }
  assert.deepEqual(readCorrection({ op: 'split', name: ' Assad ', alias: 'Bashar ' }), { correction: { op: 'split', name: 'Assad', alias: 'Bashar' } });
});

test('asCorrection accepts exactly what readCorrection does, with the same result', () => {
  const field = fc.oneof(fc.constant(undefined), fc.constant('Assad'), fc.constant('assad'), fc.constant(''), fc.constant('place'), fc.string({ maxLength: 5 }), fc.integer());
  fc.assert(
    fc.property(fc.record({ op: fc.constantFrom('hide', 'type', 'rename', 'merge', 'split', 'x'), name: field, type: field, to: field, into: field, alias: field }), (value) => {
      const read = readCorrection(value);
      assert.deepEqual(asCorrection(value), 'correction' in read ? read.correction : undefined);
    }),
  );
});

test('addsNothing: a correction already in effect, and only that', () => {
  const set = new CorrectionSet([
    { op: 'hide', name: 'Christmas' },
    { op: 'type', name: 'Il Giornale', type: 'place' },
    { op: 'type', name: 'Il Giornale', type: 'organization' },
    { op: 'rename', name: 'Assad', to: 'Bashar al-Assad' },
    { op: 'merge', name: 'Assad', into: 'Hafez al-Assad' },
    { op: 'split', name: 'Putin', alias: 'Vladimir' },
  ]);
  const same: Correction[] = [
    { op: 'hide', name: 'christmas' },
    { op: 'type', name: 'Il Giornale', type: 'organization' },
    { op: 'merge', name: 'Assad', into: 'Hafez al-Assad' },
    { op: 'split', name: 'Putin', alias: 'vladimir' },
  ];
  for (const c of same) assert.equal(addsNothing(set, c), true, describeCorrection(c));
  const changes: Correction[] = [
    { op: 'hide', name: 'Easter' },
    // An earlier type of the name, overridden since: asking for it again is a change.
    { op: 'type', name: 'Il Giornale', type: 'place' },
    // The rename the merge overrode.
    { op: 'rename', name: 'Assad', to: 'Bashar al-Assad' },
    { op: 'split', name: 'Putin', alias: 'V. Putin' },
    { op: 'hide', name: 'Vladimir' },
  ];
  for (const c of changes) assert.equal(addsNothing(set, c), false, describeCorrection(c));
});

test('describeCorrection: one line for each op, "an organization"', () => {
  assert.equal(describeCorrection({ op: 'type', name: 'Il Giornale', type: 'organization' }), '“Il Giornale” is an organization');
  assert.equal(describeCorrection({ op: 'type', name: 'Golan', type: 'place' }), '“Golan” is a place');
  assert.equal(describeCorrection({ op: 'merge', name: 'Lib Dems', into: 'Liberal Democrats' }), 'merge “Lib Dems” into “Liberal Democrats”');
  assert.equal(describeCorrection({ op: 'split', name: 'Putin', alias: 'Vladimir' }), 'split “Vladimir” off “Putin”');
});

test('digest: the same for the same corrections however the file spelled them; another for any other set, order included', () => {
  const spelled = (json: string) => new CorrectionSet(JSON.parse(json).map(asCorrection));
  const a = spelled('[{"op":"merge","name":"Lib Dems","into":"Liberal Democrats"},{"op":"hide","name":"Christmas"}]');
  const b = spelled('[ { "into": "Liberal Democrats", "name": "  Lib Dems ", "op": "merge" }, {"name":"Christmas","op":"hide"} ]');
  assert.equal(a.digest, b.digest);
  assert.match(a.digest, /^[0-9a-f]{64}$/);
  const others = [
    new CorrectionSet([]),
    spelled('[{"op":"hide","name":"Christmas"},{"op":"merge","name":"Lib Dems","into":"Liberal Democrats"}]'),
    spelled('[{"op":"merge","name":"Lib Dems","into":"Liberal democrats"},{"op":"hide","name":"Christmas"}]'),
    spelled('[{"op":"rename","name":"Lib Dems","to":"Liberal Democrats"},{"op":"hide","name":"Christmas"}]'),
    spelled('[{"op":"merge","name":"Lib Dems","into":"Liberal Democrats"}]'),
  ];
  assert.equal(new Set([a, ...others].map((s) => s.digest)).size, others.length + 1);
});
