import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Article } from '../../../source/core/article.js';
import { buildArticle } from '../../../source/core/load/build-article.js';
import { listDuplicatesOnce } from '../../../source/core/load/duplicates.js';
import { loadLibrary } from '../../../source/core/load/library.js';
import { searchLibrary } from '../../../source/commands/search.js';
import { makeTree } from './tmp-tree.js';

function article(id: string, title: string, text: string): Article {
  return buildArticle({ id, path: id.replace(/#.*/, ''), format: 'txt', title, paragraphs: text.split('\n\n') });
}

describe('listDuplicatesOnce', () => {
  test('the same title and text is listed once, the first kept, the others’ ids on it', () => {
    const kept = listDuplicatesOnce([
      article('a.txt', 'Floods in Porto', 'The river rose.'),
      article('b.txt', 'Other story', 'Something else.'),
      article('c/a.txt', 'Floods in Porto', 'The river rose.'),
      article('d.jsonl#3', 'Floods in Porto', 'The river rose.'),
    ]);
    assert.deepEqual(kept.map((a) => a.id), ['a.txt', 'b.txt']);
    assert.deepEqual(kept[0]!.duplicates, ['c/a.txt', 'd.jsonl#3']);
    assert.equal(kept[1]!.duplicates, undefined, 'no duplicates, no field');
  });

  test('same title, different text (even of the same length), or same text under another title: not duplicates', () => {
    const kept = listDuplicatesOnce([
      article('a.txt', 'Floods', 'The river rose.'),
      article('b.txt', 'Floods', 'The river fell.'),
      article('c.txt', 'Drought', 'The river rose.'),
    ]);
    assert.deepEqual(kept.map((a) => [a.id, a.duplicates]), [['a.txt', undefined], ['b.txt', undefined], ['c.txt', undefined]]);
  });

  test('property: the result is the first article of each distinct (title, text), each with the ids of its copies in order', () => {
    const texts = fc.constantFrom('', 'a', 'b', 'ab', 'ba', 'São', 'Sao', 'x\n\ny');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('T', 'U', 'Ü'), texts), { maxLength: 30 }), (pairs) => {
        const articles = pairs.map(([title, text], i) => article(`f${i}.txt`, title, text));
        // The reference model: a map keyed by the whole title and text.
        const first = new Map<string, { id: string; copies: string[] }>();
        for (const a of articles) {
          const key = JSON.stringify([a.title, a.text]);
          const seen = first.get(key);
          if (seen) seen.copies.push(a.id);
          else first.set(key, { id: a.id, copies: [] });
        }
        const kept = listDuplicatesOnce(articles);
        assert.deepEqual(kept.map((a) => [a.id, a.duplicates ?? []]), [...first.values()].map((f) => [f.id, f.copies]));
      }),
    );
  });
});

describe('a library with the same article under several paths', () => {
  test('is listed once with the other paths kept, whatever the format, and searched once', async () => {
    const page = '<html><head><title>Floods in Porto</title></head><body><p>The Douro rose four metres overnight in Porto.</p></body></html>';
    const { root, cleanup } = await makeTree({
      'a/floods.txt': 'Floods in Porto\n\nThe Douro rose four metres overnight in Porto.',
      'b/floods-copy.txt': 'Floods in Porto\n\nThe Douro rose four metres overnight in Porto.',
      'c/saved.html': page,
      'c/saved-again.htm': page,
      'd/feed.jsonl': `${JSON.stringify({ title: 'Floods in Porto', text: 'The Douro rose four metres overnight in Porto.' })}\n${JSON.stringify({ title: 'Other', text: 'Porto is quiet.' })}\n`,
    });
    try {
      const library = await loadLibrary([root]);
      assert.deepEqual(library.articles.map((a) => a.id.slice(root.length + 1)), ['a/floods.txt', 'd/feed.jsonl#2']);
      assert.deepEqual(library.articles[0]!.duplicates!.map((id) => id.slice(root.length + 1)), ['b/floods-copy.txt', 'c/saved-again.htm', 'c/saved.html', 'd/feed.jsonl#1']);
      const result = searchLibrary(library, 'douro', 10);
      assert.equal((await result).total, 1, 'a search counts the story once');
    } finally {
      await cleanup();
    }
  });
});
