import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fieldLine, fieldParagraphs, holdsMarkup } from '../../../../source/core/load/html/field-markup.js';
import { parseJson } from '../../../../source/core/load/parse-json.js';
import { parseJsonl } from '../../../../source/core/load/parse-jsonl.js';
import { parseTxt } from '../../../../source/core/load/parse-txt.js';

describe('the rule for JSON fields scraped from HTML', () => {
  test('a field is markup when it holds a tag of a common HTML text element', () => {
    for (const field of ['<p>x</p>', 'a<br>b', 'a<br/>b', 'a<BR />b', 'x <a href="/y">y</a>', 'x <b>y</b>', '<div class="c">z</div>', 'end</li>', '<img src="x.jpg">', '<h2>T</h2>']) {
      assert.equal(holdsMarkup(field), true, field);
    }
  });

  test('prose with angle brackets, an unknown or unclosed tag, or an escaped tag is not markup', () => {
    for (const field of ['a < b and c > d', 'the <script> tag', '<foo>bar</foo>', 'x <p', 'Use &lt;p&gt; for paragraphs', '<<p>>', 'email <someone@example.com>']) {
      assert.equal(holdsMarkup(field), field === '<<p>>', field);
    }
  });

  test('a markup field: tags dropped, blocks and <br> end paragraphs, source newlines are spaces', () => {
    assert.deepEqual(fieldParagraphs('<p>S&#227;o Paulo began\nrationing water.</p><p>Farmers &amp; factories</p>Line one<br>Line two'), [
      'São Paulo began rationing water.',
      'Farmers & factories',
      'Line one',
      'Line two',
    ]);
  });

  test('a text field: its references decoded, its lines split as before', () => {
    assert.deepEqual(fieldParagraphs('S&#227;o Paulo &amp; Rio\nSecond line with 9&nbsp;p.m.'), ['São Paulo & Rio', 'Second line with 9\u00a0p.m.']);
    assert.deepEqual(fieldParagraphs('Use &lt;p&gt; for paragraphs'), ['Use <p> for paragraphs'], 'an escaped tag is text once decoded');
  });

  test('a one-line field: references decoded, markup on one line, nothing left is no value', () => {
    assert.equal(fieldLine('Q&amp;A: S&#227;o Paulo'), 'Q&A: São Paulo');
    assert.equal(fieldLine('<b>Breaking:</b> <i>floods</i>'), 'Breaking: floods');
    assert.equal(fieldLine('<p></p>'), undefined);
  });
});

describe('JSON records scraped from HTML', () => {
  test('a JSON article’s body, title, author and source are read as the page showed them', () => {
    const [article] = parseJson('a.json', JSON.stringify({
      title: 'Reservoirs run dry as S&#227;o Paulo rations water',
      content: '<p>S&#227;o Paulo began rationing water on Thursday.</p>\n<p>Farmers &amp; factories were asked to cut their use.</p><script>track()</script>',
      author: 'Marina Duarte &amp; Ana Ribeiro',
      source: 'The Harbour Ledger',
      url: 'https://ledger.example/a?x=1&amp;y=2',
    }));
    assert.equal(article!.title, 'Reservoirs run dry as São Paulo rations water');
    assert.equal(article!.text, 'São Paulo began rationing water on Thursday.\n\nFarmers & factories were asked to cut their use.');
    assert.equal(article!.author, 'Marina Duarte & Ana Ribeiro');
    assert.equal(article!.url, 'https://ledger.example/a?x=1&y=2');
  });

  test('JSON Lines records too, and a decoded escape sequence is sanitised like any other', () => {
    const [article] = parseJsonl('b.jsonl', `${JSON.stringify({ title: 'T &#27;]0;owned&#7;', text: 'Body&#27;[2J text' })}\n`);
    assert.equal(article!.title, 'T');
    assert.equal(article!.text, 'Body text');
  });

  test('a plain-text JSON body keeps its layout: blank lines separate paragraphs', () => {
    const [article] = parseJson('c.json', JSON.stringify({ title: 'T', text: 'One &amp; two\nsoft\n\nThree' }));
    assert.equal(article!.text, 'One & two soft\n\nThree');
  });
});

describe('plain text is what the author wrote', () => {
  test('a .txt file keeps its references and tags as typed', () => {
    const [article] = parseTxt('a.txt', 'S&#227;o Paulo &amp; Rio\n\nWrite <p> and &nbsp; in HTML.');
    assert.equal(article!.title, 'S&#227;o Paulo &amp; Rio');
    assert.equal(article!.text, 'Write <p> and &nbsp; in HTML.');
  });
});
