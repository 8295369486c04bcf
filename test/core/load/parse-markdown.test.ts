import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMarkdown } from '../../../source/core/load/parse-markdown.js';
import { renderInline } from '../../../source/core/load/markdown-inline.js';

const paragraphs = (text: string | undefined) => (text ?? '').split('\n\n');

describe('parseMarkdown', () => {
  test('front matter gives title, date, source, url and author; its heading echo is dropped', () => {
    const md = [
      '---',
      'title: "Front: matter title"',
      'date: 2024-05-01',
      "source: 'The Paper'",
      'url: https://example.test/a#frag',
      'author:',
      '  - Ann Writer',
      '  - Bob Editor',
      'tags: [a, b]',
      '---',
      '# Front: matter title',
      '',
      'Body text.',
    ].join('\n');
    const [article] = parseMarkdown('x.md', md);
    assert.ok(article);
    assert.equal(article.format, 'md');
    assert.equal(article.title, 'Front: matter title');
    assert.equal(article.date, '2024-05-01');
    assert.equal(article.source, 'The Paper');
    assert.equal(article.url, 'https://example.test/a#frag');
    assert.equal(article.author, 'Ann Writer, Bob Editor');
    assert.equal(article.text, 'Body text.');
  });

  test('without front matter the first level-1 heading is the title', () => {
    const [article] = parseMarkdown('x.md', 'Intro line.\n\n# The Heading #\n\nAfter.');
    assert.equal(article?.title, 'The Heading');
    assert.equal(article?.text, 'Intro line.\n\nAfter.');
  });

  test('a setext heading counts as a heading', () => {
    const [article] = parseMarkdown('x.md', 'Setext Title\n============\n\nBody.');
    assert.equal(article?.title, 'Setext Title');
    assert.equal(article?.text, 'Body.');
  });

  test('with no heading the first line is the title', () => {
    const [article] = parseMarkdown('x.md', 'Just a first line\n\nThen *more*.');
    assert.equal(article?.title, 'Just a first line');
    assert.equal(article?.text, 'Then more.');
  });

  test('markup becomes plain readable text', () => {
    const md = [
      '# T',
      '',
      'Some **bold**, *italic*, __strong__, _em_, ~~gone~~ and `code *kept*` with a [link](https://x.test "t").',
      'Soft break ![a chart](c.png) and <https://auto.test> and [ref link][1] and \\*escaped\\*.',
      '',
      '## Sub heading',
      '',
      '- first item',
      '  continued',
      '* second item',
      '1. numbered',
      '',
      '> quoted **text**',
      '> > nested quote',
      '',
      '---',
      '',
      '| a | b |',
      '|---|:-:|',
      '| 1 | 2 |',
      '',
      '```js',
      'const x = **not bold**;',
      '```',
      '',
      '[1]: https://ref.test',
      'H<sub>2</sub>O &amp; caf&eacute; &#8212; <br>done',
    ].join('\n');
    const [article] = parseMarkdown('x.md', md);
    assert.deepEqual(paragraphs(article?.text), [
      'Some bold, italic, strong, em, gone and code *kept* with a link. Soft break a chart and https://auto.test and ref link and *escaped*.',
      'Sub heading',
      '• first item continued',
      '• second item',
      '1. numbered',
      'quoted text nested quote',
      'a · b',
      '1 · 2',
      'const x = **not bold**;',
      'H2O & caf&eacute; — done',
    ]);
  });

  test('snake_case and arithmetic are not emphasis', () => {
    assert.equal(renderInline('snake_case_name and 2 * 3 * 4'), 'snake_case_name and 2 * 3 * 4');
  });

  test('entities that decode to control characters are sanitised', () => {
    const [article] = parseMarkdown('x.md', '# T\n\nbell &#7; esc &#27;[2J done');
    assert.equal(article?.text, 'bell ^G esc done');
  });

  test('an unclosed front matter block is not front matter', () => {
    const [article] = parseMarkdown('x.md', '---\ntitle: nope\n\nReal first line');
    assert.equal(article?.title, 'title: nope');
  });

  test('a megabyte of unclosed markup is rendered in linear time', { timeout: 5000 }, () => {
    for (const unit of ['[', '*a ', '_a ', 'x`', '<!--', '![', '](', '**a ', '~~a ', '<a ', '&#']) {
      const line = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const [article] = parseMarkdown('x.md', `# T\n\n${line}`);
      assert.ok(article && article.text.length > 0, unit);
    }
  });
});
