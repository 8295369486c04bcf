import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detached } from '../../../source/core/detached';
import { buildArticle } from '../../../source/core/load/build-article';

test('detached copies are equal to their source, so cleaning a field changes nothing visible', () => {
  const parent = `Headline of the day\n\n${'body text '.repeat(1000)}`;
  const title = parent.slice(0, parent.indexOf('\n'));
  assert.equal(detached(title), title);
  assert.equal(detached('short'), 'short');
  const article = buildArticle({ id: 'a', path: 'a.txt', format: 'txt', title, paragraphs: ['body'] });
  assert.equal(article.title, 'Headline of the day');
});
