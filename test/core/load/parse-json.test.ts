import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseJson } from '../../../source/core/load/parse-json.js';
import { parseJsonl } from '../../../source/core/load/parse-jsonl.js';
import { NotAnArticleError } from '../../../source/core/load/not-an-article.js';

describe('parseJson', () => {
  test('a single object is one article whose id is the path', () => {
    const [article, ...rest] = parseJson('a.json', JSON.stringify({ title: 'T', text: 'Para one.\n\nPara two.', date: '2024-01-02', url: 'https://u.test', source: 'S', author: 'A' }));
    assert.equal(rest.length, 0);
    assert.deepEqual(article, {
      id: 'a.json',
      path: 'a.json',
      format: 'json',
      title: 'T',
      text: 'Para one.\n\nPara two.',
      words: 4,
      notes: [],
      date: '2024-01-02',
      url: 'https://u.test',
      source: 'S',
      author: 'A',
    });
  });

  test('an array gives ids path#N counted from 1, and body, content are read too', () => {
    const articles = parseJson('b.json', JSON.stringify([{ title: 'One', body: 'b' }, { title: 'Two', content: 'c' }]));
    assert.deepEqual(articles.map((a) => [a.id, a.title, a.text]), [['b.json#1', 'One', 'b'], ['b.json#2', 'Two', 'c']]);
  });

  test('{articles: [...]} is read like an array', () => {
    const articles = parseJson('c.json', JSON.stringify({ articles: [{ title: 'X', text: 'y' }] }));
    assert.deepEqual(articles.map((a) => a.id), ['c.json#1']);
  });

  test('wrong types are coerced or ignored', () => {
    const [article] = parseJson('d.json', JSON.stringify({
      title: 2024,
      text: ['First paragraph.', 'Second paragraph.'],
      date: 1_700_000_000,
      url: { nope: true },
      source: { id: 'x', name: 'Wire' },
      author: ['Ann', 'Bob'],
    }));
    assert.equal(article?.title, '2024');
    assert.equal(article?.text, 'First paragraph.\n\nSecond paragraph.');
    assert.equal(article?.date, '2023-11-14T22:13:20.000Z');
    assert.equal(article?.url, undefined);
    assert.equal(article?.source, 'Wire');
    assert.equal(article?.author, 'Ann, Bob');
  });

  test('a missing title comes from the first line of text (which stays in the body), else the file name', () => {
    const [fromText] = parseJson('e.json', JSON.stringify({ text: 'Headline here\nThe body line.' }));
    assert.equal(fromText?.title, 'Headline here');
    assert.equal(fromText?.text, 'Headline here\n\nThe body line.');
    const [fromName] = parseJson('dir/f.json', JSON.stringify([{ title: '  ', text: '', author: 'x' }, { title: 'ok' }]));
    assert.equal(fromName?.title, 'ok'); // the first record has neither title nor text: not an article
    assert.deepEqual(fromName?.notes, ['1 of 2 records in this file were not articles and were skipped']);
  });

  test('JSON text with blank lines: blank lines separate paragraphs and single newlines are soft', () => {
    const [article] = parseJson('g.json', JSON.stringify({ title: 'T', text: 'a\nb\n\nc' }));
    assert.equal(article?.text, 'a b\n\nc');
  });

  test('escape sequences hidden in JSON strings are sanitised, CRLF in a title is a space', () => {
    const [article] = parseJson('h.json', JSON.stringify({ title: 'Bad\r\n\u001b]0;x\u0007Title', text: '\u001b[2Jclear\u202e' }));
    assert.equal(article?.title, 'Bad Title');
    assert.equal(article?.text, 'clear');
  });

  test('invalid JSON, empty arrays and non-objects are reported with a reason', () => {
    assert.throws(() => parseJson('x.json', '{"title": '), new NotAnArticleError('invalid JSON'));
    assert.throws(() => parseJson('x.json', '[]'), new NotAnArticleError('empty'));
    assert.throws(() => parseJson('x.json', '42'), NotAnArticleError);
    assert.throws(() => parseJson('x.json', '[1, "a", null]'), NotAnArticleError);
  });

  test('a .json file that is really JSON Lines is read as such', () => {
    const articles = parseJson('x.json', '{"title":"a"}\n{"title":"b"}\n');
    assert.deepEqual(articles.map((a) => [a.id, a.format]), [['x.json#1', 'jsonl'], ['x.json#2', 'jsonl']]);
  });

  test('deeply nested values cannot exhaust the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const [article] = parseJson('x.json', `{"title": ${deep}, "text": "t"}`);
    assert.equal(article?.text, 't');
  });
});

describe('parseJsonl', () => {
  test('one article per line, id path#line; malformed lines are skipped and counted', () => {
    const text = ['{"title":"One","text":"a"}', '{broken', '', '"just a string"', '{"title":"Two","body":"b"}'].join('\r\n');
    const articles = parseJsonl('f.jsonl', text);
    assert.deepEqual(articles.map((a) => [a.id, a.title, a.format]), [['f.jsonl#1', 'One', 'jsonl'], ['f.jsonl#5', 'Two', 'jsonl']]);
    for (const article of articles) assert.deepEqual(article.notes, ['skipped 2 lines (2, 4) that were not a JSON article']);
  });

  test('a file with no readable line is reported', () => {
    assert.throws(() => parseJsonl('f.jsonl', 'nope\n{'), new NotAnArticleError('no valid JSON lines'));
    assert.throws(() => parseJsonl('f.jsonl', '\n\n'), new NotAnArticleError('empty'));
  });
});
