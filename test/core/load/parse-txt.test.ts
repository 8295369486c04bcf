import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PARAGRAPH_SEPARATOR } from '../../../source/core/article.js';
import { parseTxt } from '../../../source/core/load/parse-txt.js';

describe('parseTxt', () => {
  test('first non-empty line is the title; blank lines separate paragraphs; a single newline is a soft break', () => {
    const [article] = parseTxt('a/story.txt', '\n\n  The Title  \n\nFirst line\nsame paragraph.\n   \nSecond   paragraph\twith  spaces.\n\n\n');
    assert.ok(article);
    assert.equal(article.id, 'a/story.txt');
    assert.equal(article.path, 'a/story.txt');
    assert.equal(article.format, 'txt');
    assert.equal(article.title, 'The Title');
    assert.equal(article.text, ['First line same paragraph.', 'Second paragraph with spaces.'].join(PARAGRAPH_SEPARATOR));
    assert.equal(article.words, 8);
    assert.deepEqual(article.notes, []);
  });

  test('body lines right after the title line are body', () => {
    const [article] = parseTxt('s.txt', 'Title\nbody starts here\nand goes on');
    assert.equal(article?.title, 'Title');
    assert.equal(article?.text, 'body starts here and goes on');
  });

  test('consecutive duplicate paragraphs appear once; non-consecutive repeats are kept', () => {
    const [article] = parseTxt('s.txt', 'T\n\nCaption\n\nCaption\n\nCaption\n\nBody\n\nCaption');
    assert.equal(article?.text, 'Caption\n\nBody\n\nCaption');
  });

  test('a first paragraph that repeats the title is dropped', () => {
    const [article] = parseTxt('s.txt', 'Same Title\n\nSame   Title\n\nBody.');
    assert.equal(article?.text, 'Body.');
  });

  test('control characters and escape sequences are gone from title and text', () => {
    const [article] = parseTxt('s.txt', '\x1b]0;owned\x07Ti\x1b[2Jtle\r\n\r\nBody\x1b[31m red\x08.\u202e');
    assert.equal(article?.title, 'Title');
    assert.equal(article?.text, 'Body red^H.');
  });

  test('a title-only file has empty text; an empty or blank file gives no article', () => {
    const [article] = parseTxt('s.txt', 'Only a title\n');
    assert.equal(article?.text, '');
    assert.equal(article?.words, 0);
    assert.deepEqual(parseTxt('s.txt', ''), []);
    assert.deepEqual(parseTxt('s.txt', ' \n\t\n'), []);
  });

  test('a first line too long to be a headline stays in the body and the title is cut from it', () => {
    const long = 'word '.repeat(100).trim();
    const [article] = parseTxt('s.txt', long);
    assert.equal(article?.text, long);
    assert.ok(article?.title.endsWith('…'));
    assert.ok(article.title.length <= 161);
    assert.ok(long.startsWith(article.title.slice(0, -1)));
  });

  test('text never has a newline inside a paragraph or a blank at either end', () => {
    const [article] = parseTxt('s.txt', 'T\n\n\n a\nb \n\n\n\n c \n\n');
    assert.equal(article?.text, 'a b\n\nc');
  });

  test('a 200,000-character word and a 1 MB line are handled in linear time', { timeout: 5000 }, () => {
    const word = 'x'.repeat(200_000);
    const [one] = parseTxt('s.txt', `Title\n\n${word}`);
    assert.equal(one?.text, word);
    const line = 'lorem ipsum '.repeat(90_000);
    const [two] = parseTxt('s.txt', `Title\n\n${line}`);
    assert.equal(two?.words, 180_000);
  });
});
