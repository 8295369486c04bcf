// `lede entities` prints names as they are, but sanitised: whatever the entities say, no control
// character reaches the terminal from the plain table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articleEntitiesPlain, type ArticleEntities } from '../../source/commands/entities.js';

test('plain output: names and aliases sanitised, clean ones printed as they are', () => {
  const article: ArticleEntities = {
    path: '/a.txt',
    id: '/a.txt',
    title: 'Talks',
    entities: [
      { id: 'person:x', name: 'Evil\x1b]0;PWNED\x07Name', type: 'person', aliases: ['E\x1b[2Jvil', 'Evil\x1b]0;PWNED\x07Name'], mentions: [{ start: 0, end: 1, text: 'E' }] },
      { id: 'place:moscow', name: 'Moscow', type: 'place', aliases: [], mentions: [{ start: 2, end: 8, text: 'Moscow' }] },
    ],
  };
  const out = articleEntitiesPlain(article);
  assert.doesNotMatch(out, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/, JSON.stringify(out));
  assert.match(out, /person {3}1 {2}EvilName {2}\(also Evil\)/);
  assert.match(out, /place {4}1 {2}Moscow$/m);
});
