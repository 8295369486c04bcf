import assert from 'node:assert/strict';
import { test } from 'node:test';
import { throttleProgress } from '../../source/hooks/throttle-progress';

test('progress is reported at most once per interval, and always when done', () => {
  let clock = 0;
  const seen: number[] = [];
  const report = throttleProgress((done) => seen.push(done), 250, () => clock);
  for (let done = 1; done <= 100; done++) {
    clock += 10;
    report(done, 100);
  }
  // 1 s of 10 ms steps: the first call, then one every 250 ms, then the final one.
  assert.deepEqual(seen, [1, 26, 51, 76, 100]);
});
