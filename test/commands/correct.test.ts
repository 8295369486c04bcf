// `lede correct …` read as a command: each op with its arguments, and every mistake a usage error
// (exit 2) saying what is wrong, before the corrections file is touched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCorrectArgs } from '../../source/commands/correct.js';
import { UsageError } from '../../source/core/errors.js';

test('each op and its arguments', () => {
  assert.deepEqual(parseCorrectArgs(['hide', 'Christmas']), { action: 'add', correction: { op: 'hide', name: 'Christmas' } });
  assert.deepEqual(parseCorrectArgs(['type', 'Il Giornale', 'place']), { action: 'add', correction: { op: 'type', name: 'Il Giornale', type: 'place' } });
  // `org`, as the tables print it, and any case.
  assert.deepEqual(parseCorrectArgs(['type', 'IDF', 'Org']), { action: 'add', correction: { op: 'type', name: 'IDF', type: 'organization' } });
  assert.deepEqual(parseCorrectArgs(['rename', 'Bibi', 'Benjamin Netanyahu']), { action: 'add', correction: { op: 'rename', name: 'Bibi', to: 'Benjamin Netanyahu' } });
  assert.deepEqual(parseCorrectArgs(['merge', 'Assad', 'Hafez al-Assad']), { action: 'add', correction: { op: 'merge', name: 'Assad', into: 'Hafez al-Assad' } });
  assert.deepEqual(parseCorrectArgs(['split', 'Benjamin Netanyahu', 'Netanyahu']), { action: 'add', correction: { op: 'split', name: 'Benjamin Netanyahu', alias: 'Netanyahu' } });
  assert.deepEqual(parseCorrectArgs(['undo']), { action: 'undo' });
  assert.deepEqual(parseCorrectArgs(['list']), { action: 'list' });
});

test('mistakes are usage errors that say what is wrong, in one line', () => {
  const cases: [string[], RegExp][] = [
    [[], /^correct needs what to do: lede correct hide NAME \| type NAME/],
    [['delete', 'x'], /^no correction “delete”: lede correct hide NAME/],
    [['hide'], /^correct hide takes NAME \(missing arguments; quote a name of several words\)$/],
    [['hide', 'Gordon', 'Brown'], /^correct hide takes NAME \(too many arguments/],
    [['type', 'X'], /^correct type takes NAME person\|place\|organization \(missing/],
    [['type', 'X', 'ruler'], /^correct type: "type" must be person, place or organization$/],
    [['merge', 'Assad', 'ASSAD'], /^correct merge: an entity cannot be merged into itself$/],
    [['hide', 'a\x1b[31mb'], /^correct hide: "name" must be a name \(1 to 200 characters, no control characters\)$/],
    [['undo', 'now'], /^lede correct undo takes no arguments$/],
    [['list', 'all'], /^lede correct list takes no arguments$/],
  ];
  for (const [args, expected] of cases) {
    assert.throws(
      () => parseCorrectArgs(args),
      (error: unknown) => error instanceof UsageError && error.exitCode === 2 && expected.test(error.message) && !error.message.includes('\n'),
      `correct ${args.join(' ')}`,
    );
  }
});

test('an unknown op is echoed sanitised', () => {
  assert.throws(() => parseCorrectArgs(['\x1b]0;PWNED\x07']), (error: unknown) => error instanceof UsageError && !/[\x00-\x1f]/.test(error.message));
});
