import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fittingHints } from '../../source/views/footer';

test('footer hints that fit are dropped from the front, so help and quit stay longest', () => {
  const all = fittingHints('list', 1000);
  assert.match(all, /^PgDn page · .* · \? help · q quit$/);
  assert.equal(fittingHints('list', '? help · q quit'.length), '? help · q quit');
  assert.equal(fittingHints('list', 3), '');
});
