import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findInText } from '../../../source/core/search/find-in-text.js';

const slices = (text: string, query: string): string[] => findInText(text, query).map((m) => text.slice(m.start, m.end));

describe('findInText reuses the folded text', () => {
  const article = Array.from({ length: 200 }, (_, i) => `Paragraph ${i}: Erdoğan met the Prime Minister in Zürich.`).join('\n\n');

  it('typing a query key by key folds the article once', () => {
    findInText('something else', 'x');
    // Folding starts by lower-casing the whole text: count how often that happens to the article.
    const lowerCase = String.prototype.toLowerCase;
    let folds = 0;
    String.prototype.toLowerCase = function (this: string) {
      if (this.length === article.length) folds++;
      return lowerCase.call(this);
    };
    try {
      let typed = '';
      for (const key of 'zurich') {
        typed += key;
        assert.equal(findInText(article, typed).length, 200, typed);
      }
      // Typo searches (no exact match) reuse it too.
      assert.equal(findInText(article, 'zurihc').length, 200);
      assert.equal(findInText(article, 'prime minster').length, 200);
    } finally {
      String.prototype.toLowerCase = lowerCase;
    }
    assert.equal(folds, 1);
  });

  it('a different text is folded afresh, and results never come from the previous one', () => {
    const a = 'Zürich in spring. Zurich again.';
    const b = 'Nothing about that city here, only Zürch with a typo.';
    assert.deepEqual(slices(a, 'zurich'), ['Zürich', 'Zurich']);
    assert.deepEqual(slices(b, 'zurich'), ['Zürch']);
    assert.deepEqual(slices(a, 'zurihc'), ['Zürich', 'Zurich']);
    assert.deepEqual(slices(b, 'city'), ['city']);
    // An equal text built separately (another string object) gives the same answer.
    const copy = ['Zürich in spring.', 'Zurich again.'].join(' ');
    assert.deepEqual(slices(copy, 'zurich'), ['Zürich', 'Zurich']);
  });

  it('typo matches use distinct words once but report every occurrence, within paragraphs', () => {
    const text = 'Shiogu spoke. Shiogu left.\n\nPrime\n\nMinster Shiogu.';
    assert.deepEqual(slices(text, 'shoigu'), ['Shiogu', 'Shiogu', 'Shiogu']);
    assert.deepEqual(slices(text, 'prime minister'), []);
  });
});
