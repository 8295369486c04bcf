import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { paragraphSpans } from '../../../source/core/article.js';
import { buildArticle, dropConsecutiveDuplicates, GIVEN_TITLE_MAX_CHARS, titleFromText } from '../../../source/core/load/build-article.js';

describe('buildArticle', () => {
  test('drops repeated consecutive paragraphs, empty ones, and a first paragraph equal to the title', () => {
    const article = buildArticle({ id: 'p', path: 'p', format: 'txt', title: 'T', paragraphs: ['T', '', 'cap', ' cap ', 'cap', 'x', 'cap'] });
    assert.equal(article.text, 'cap\n\nx\n\ncap');
  });

  test('dropConsecutiveDuplicates keeps order and non-adjacent repeats', () => {
    assert.deepEqual(dropConsecutiveDuplicates(['a', 'a', 'b', 'a', 'a']), ['a', 'b', 'a']);
  });

  test('with no title and no text the title is the file name', () => {
    assert.equal(buildArticle({ id: 'x', path: 'some/dir/file.txt', format: 'txt', paragraphs: [] }).title, 'file.txt');
    assert.equal(buildArticle({ id: '-', path: '-', format: 'stdin', paragraphs: [] }).title, 'standard input');
  });

  test('titleFromText cuts long text at a word boundary', () => {
    assert.equal(titleFromText('short'), 'short');
    const cut = titleFromText('word '.repeat(60));
    assert.match(cut, /^(word )*word…$/);
  });

  test('a given title of megabytes (a scraped record) is cut to GIVEN_TITLE_MAX_CHARS at a word', () => {
    const article = buildArticle({ id: 'i', path: 'p', format: 'json', title: 'headline '.repeat(300_000), paragraphs: ['body'] });
    assert.ok(article.title.length <= GIVEN_TITLE_MAX_CHARS + 1, `title of ${article.title.length} characters`);
    assert.match(article.title, /^(headline )*headline…$/);
  });

  test('for any paragraphs: text is paragraphs joined by one blank line, none empty, no other newline, no controls', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' })), fc.string(), (paragraphs, title) => {
        const article = buildArticle({ id: 'i', path: 'p', format: 'txt', title, paragraphs });
        assert.ok(article.title.length > 0);
        assert.doesNotMatch(article.title, /[\0-\x1f\x7f-\x9f]/);
        assert.doesNotMatch(article.text, /^\n|\n$|\n\n\n|[\0-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
        for (const span of paragraphSpans(article.text)) {
          const paragraph = article.text.slice(span.start, span.end);
          assert.ok(paragraph.trim().length > 0 && !paragraph.includes('\n'));
        }
      }),
    );
  });
});
