import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeCharacterReferences, hasCharacterReference } from '../../../../source/core/load/html/character-references.js';
import { markupShape } from '../../../../source/core/load/html/markup-shape.js';
import { markupToParagraphs } from '../../../../source/core/load/html/markup-paragraphs.js';

/** Text as a page would write it: the three characters markup gives a meaning escaped. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What a browser shows of a text node: whitespace runs collapsed, trimmed. */
function collapsed(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ').trim();
}

describe('character references', () => {
  test('numeric, hexadecimal and named references from HTML’s table are decoded', () => {
    assert.equal(decodeCharacterReferences('S&#227;o Paulo, S&#xE3;o, S&atilde;o'), 'São Paulo, São, São');
    assert.equal(decodeCharacterReferences('Farmers &amp; factories, 9&nbsp;p.m., &ldquo;q&rdquo; &notin;'), 'Farmers & factories, 9\u00a0p.m., “q” ∉');
  });

  test('only with the closing semicolon, and only names HTML knows', () => {
    assert.equal(decodeCharacterReferences('AT&T, ?a=1&not=2, &amp without, &foo; &copy'), 'AT&T, ?a=1&not=2, &amp without, &foo; &copy');
    assert.equal(hasCharacterReference('AT&T &copy'), false);
    assert.equal(hasCharacterReference('&copy;'), true);
  });

  test('what a reference stands for is decoded as HTML decodes it, controls included (the builder sanitises them)', () => {
    assert.equal(decodeCharacterReferences('&#27;[31m'), '\x1b[31m');
    assert.equal(decodeCharacterReferences('&#x9b;'), '\u203a', 'C1 references map to Windows-1252, as in HTML');
    assert.equal(decodeCharacterReferences('&#0;&#xD800;&#1114112;'), '\ufffd\ufffd\ufffd');
  });
});

describe('markupToParagraphs', () => {
  test('block elements and <br> end paragraphs; whitespace collapses; references are decoded', () => {
    assert.deepEqual(markupToParagraphs('<p>One &amp;\n   two</p><p>S&#227;o Paulo</p>a<br>b<br/>c<div>d</div>'), ['One & two', 'São Paulo', 'a', 'b', 'c', 'd']);
    assert.deepEqual(markupToParagraphs('<h2>Heading</h2>Text after<blockquote><p>Quoted</p></blockquote>'), ['Heading', 'Text after', 'Quoted']);
  });

  test('inline elements and attributes leave their text only, even with > inside a quoted value', () => {
    assert.deepEqual(markupToParagraphs('<p>A <a href="x?a>b" title=\'c>d\'>link</a> and <b>bold</b> <img src="x.jpg" alt="an image">word</p>'), ['A link and bold word']);
  });

  test('list items get a bullet, or their number in an ordered list', () => {
    assert.deepEqual(markupToParagraphs('<ul><li><p>x</p></li><li>y</li></ul><ol><li>a<li>b</ol><li>loose'), ['• x', '• y', '1. a', '2. b', '• loose']);
  });

  test('what a reader never sees is dropped with its content', () => {
    const markup = '<p>a</p><script>var s = "<p>not text</p>";</script><style>p{}</style><noscript>Enable JS</noscript>' +
      '<template><p>t</p></template><iframe>frame</iframe><svg><text>svg</text></svg><textarea>typed</textarea><title>T</title><!-- a <p>comment</p> --><p>b</p>';
    assert.deepEqual(markupToParagraphs(markup), ['a', 'b']);
  });

  test('a start tag of a dropped element with no end tag drops the tag only: "the <script> tag" is prose', () => {
    assert.deepEqual(markupToParagraphs('<p>the <script> tag, <style> too</p><p>next</p>'), ['the tag, too', 'next']);
  });

  test('a < that starts no tag is text; an unclosed tag, comment or quote ends the text, as in HTML', () => {
    assert.deepEqual(markupToParagraphs('a < b and c > d, 1<2'), ['a < b and c > d, 1<2']);
    assert.deepEqual(markupToParagraphs('before<p title="never closed>after'), ['before']);
    assert.deepEqual(markupToParagraphs('before<!-- never closed <p>after'), ['before']);
  });

  test('table rows are paragraphs with their cells apart; <pre> lines are paragraphs', () => {
    assert.deepEqual(markupToParagraphs('<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table><pre>line 1\nline 2</pre>'), ['a b', 'c', 'line 1', 'line 2']);
  });

  test('property: escaped text in paragraphs comes back as the paragraphs, collapsed', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 8 }), (texts) => {
        const markup = texts.map((t) => `<p class="x">${escapeHtml(t)}</p>`).join('\n');
        assert.deepEqual(markupToParagraphs(markup), texts.map(collapsed).filter((t) => t !== ''));
      }),
    );
  });

  test('property: any input gives trimmed, non-empty paragraphs without a line break, and never throws', () => {
    const markupish = fc.array(fc.constantFrom('<p>', '</p>', '<br>', '<li>', '<script>', '</script>', '<!--', '-->', '<a href="', '"', "'", '>', '<', '&amp;', '&#27;', 'text', ' ', '\n', '<pre>', '</pre>', '<ol>', '</ul>'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), markupish), (markup) => {
        for (const paragraph of markupToParagraphs(markup)) {
          assert.ok(paragraph.length > 0 && paragraph === paragraph.trim(), JSON.stringify(paragraph));
          assert.ok(!paragraph.includes('\n'), JSON.stringify(paragraph));
        }
      }),
    );
  });

  test('work stays linear with many unclosed <script> tags (each end tag is searched for once)', () => {
    // 20,000 unclosed tags: quadratic rescanning would be 20,000 scans of 200 KB.
    const markup = '<p>x</p>' + '<script> y '.repeat(20_000);
    const paragraphs = markupToParagraphs(markup);
    assert.equal(paragraphs.length, 2);
    assert.equal(paragraphs[1]!.split('y').length - 1, 20_000);
  });
});

describe('markupShape', () => {
  test('counts elements and depth; void and usually-unclosed elements add no depth; script text is no markup', () => {
    const shape = markupShape('<html><body><div><p>a<p>b<br><img src=x><div><span>c</span></div></div><script>"<div><div><div>"</script></body></html>', { elements: 100, depth: 100 });
    assert.deepEqual(shape, { elements: 10, depth: 3, withinLimits: true });
  });

  test('stops at the first limit passed', () => {
    assert.equal(markupShape('<div>'.repeat(101), { elements: 1000, depth: 100 }).withinLimits, false);
    assert.equal(markupShape('<div>'.repeat(100), { elements: 1000, depth: 100 }).withinLimits, true);
    assert.equal(markupShape('<br>'.repeat(1001), { elements: 1000, depth: 100 }).withinLimits, false);
    assert.equal(markupShape('<p>text'.repeat(5000), { elements: 10_000, depth: 100 }).withinLimits, true, 'unclosed paragraphs are not depth');
  });
});
