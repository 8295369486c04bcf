import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { Loading } from '../../source/views/loading';

test('the loading frame counts files, and the articles read so far (a big collection is one file)', () => {
  const many = render(<Loading label="~/news" done={120} total={2000} articles={0} />);
  assert.match(many.lastFrame() ?? '', /reading ~\/news… 120\/2,000 files$/);
  const collection = render(<Loading label="reuters.jsonl" done={0} total={1} articles={7497} />);
  assert.match(collection.lastFrame() ?? '', /0\/1 files · 7,497 articles/);
  const hostile = render(<Loading label={'evil\x1b]0;pwned\x07'} done={0} total={0} articles={0} />);
  assert.doesNotMatch(hostile.lastFrame() ?? '', /\x1b\]/);
});
