import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LibrarySearch } from '../../../source/core/search/index.js';
import * as query from '../../../source/core/search/query.js';
import { makeArticle } from '../../helpers/articles.js';

describe('one definition of "a single word" for query parsing and library search', () => {
  it('query.ts keeps isSingleWord and no unused helpers', () => {
    assert.deepEqual(Object.keys(query).sort(), ['entityNameArgument', 'hasEntityTerms', 'isSingleWord', 'parseQuery']);
  });

  it('isSingleWord: letters and digits of any script, nothing else', () => {
    const { isSingleWord } = query;
    for (const word of ['minister', 'covid19', 'erdogan', 'σπίτι', '東京', '𝐀𝐁']) assert.ok(isSingleWord(word), word);
    for (const other of ['', 'u.s.', 'al-assad', 'prime minister', "o'neil", '-']) assert.ok(!isSingleWord(other), other);
  });

  it('an exact single word is looked up in the vocabulary; anything else is verified in the text', async () => {
    const articles = [
      makeArticle('Talks', ['The minister met al-Assad in Damascus.']),
      makeArticle('Markets', ['Prices of the U.S. dollar rose; administrators said little.']),
    ];
    const search = await LibrarySearch.start(articles).done;
    const titles = (q: string) => search.search(q).hits.map((h) => articles[h.index]!.title);
    // Inside a word too: "administrators" holds "minist".
    assert.deepEqual(titles("'minist").sort(), ['Markets', 'Talks']);
    assert.deepEqual(titles("'al-assad"), ['Talks']);
    assert.deepEqual(titles("'u.s."), ['Markets']);
  });
});
