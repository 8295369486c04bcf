import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatForPath, sniffFormat } from '../../../../source/core/load/parse.js';
import { libraryFromBytes, loadLibrary, readLibraryFromBytes } from '../../../../source/core/load/library.js';
import { makeTree } from '../tmp-tree.js';

const PAGE = '<!-- saved from url=(0040)https://example.org/news/2024/one-story -->\n<!DOCTYPE html><html><head><title>One story</title></head><body><nav><a href="/">Home</a> <a href="/about">About us</a></nav><article><h1>One story</h1><p>The first paragraph of the story.</p><p>The second paragraph.</p></article></body></html>';

describe('which files are web pages', () => {
  test('.html and .htm, in any case', () => {
    for (const name of ['a.html', 'b.htm', 'C.HTML', 'dir.d/x.Htm']) assert.equal(formatForPath(name), 'html', name);
    assert.equal(formatForPath('page.html.txt'), 'txt');
  });

  test('text with no trustworthy name is a page when it starts as one, past any comments', () => {
    assert.equal(sniffFormat(PAGE), 'html');
    assert.equal(sniffFormat('  <html lang="en"><body>x</body></html>'), 'html');
    assert.equal(sniffFormat('<HEAD><title>t</title></HEAD>'), 'html');
    assert.equal(sniffFormat('I wrote <html> in a note.'), 'txt');
    assert.equal(sniffFormat('<p>Just a paragraph</p>'), 'txt', 'a fragment is not a saved page');
  });
});

describe('loading pages', () => {
  test('a page named on the command line without an extension is sniffed and read as a page; the saved-from note gives its URL', async () => {
    const { root, cleanup } = await makeTree({ 'saved-page': PAGE });
    try {
      const [article] = (await loadLibrary([`${root}/saved-page`])).articles;
      assert.equal(article!.format, 'html');
      assert.equal(article!.title, 'One story');
      assert.equal(article!.text, 'The first paragraph of the story.\n\nThe second paragraph.');
      assert.equal(article!.url, 'https://example.org/news/2024/one-story');
    } finally {
      await cleanup();
    }
  });

  test('a page in a legacy encoding is decoded as its <meta charset> says, with no guess noted', async () => {
    const cyrillic = Buffer.from([0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0]); // "Москва" in windows-1251
    const page = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>'),
      cyrillic,
      Buffer.from('</title></head><body><p>'),
      cyrillic,
      Buffer.from(' is a city.</p></body></html>'),
    ]);
    const latin1 = Buffer.from('<html><head><meta charset="iso-8859-1"><title>Z\xfcrich</title></head><body><p>Ca va \xe0 Z\xfcrich.</p></body></html>', 'latin1');
    const { root, cleanup } = await makeTree({ 'moscow.html': page, 'zurich.html': latin1, 'unsaid.html': Buffer.from('<html><body><p>Caf\xe9 au lait.</p></body></html>', 'latin1') });
    try {
      const byName = new Map((await loadLibrary([root])).articles.map((a) => [a.path.slice(root.length + 1), a]));
      assert.equal(byName.get('moscow.html')!.title, 'Москва');
      assert.equal(byName.get('moscow.html')!.text, 'Москва is a city.');
      assert.deepEqual(byName.get('moscow.html')!.notes, []);
      assert.equal(byName.get('zurich.html')!.text, 'Ca va à Zürich.');
      assert.deepEqual(byName.get('zurich.html')!.notes, [], 'the page named its encoding: nothing was guessed');
      assert.deepEqual(byName.get('unsaid.html')!.notes, ['not valid UTF-8; read as Windows-1252'], 'no charset: the usual guess, noted');
    } finally {
      await cleanup();
    }
  });

  test('a piped page: read by the reader view asynchronously, from its markup alone (with a note) synchronously', async () => {
    const piped = await readLibraryFromBytes('-', Buffer.from(PAGE));
    assert.equal(piped.articles[0]!.format, 'stdin');
    assert.equal(piped.articles[0]!.text, 'The first paragraph of the story.\n\nThe second paragraph.');
    assert.deepEqual(piped.articles[0]!.notes, []);
    const now = libraryFromBytes('-', Buffer.from(PAGE));
    assert.equal(now.articles[0]!.title, 'One story');
    assert.ok(now.articles[0]!.text.includes('The first paragraph of the story.'));
    assert.ok(now.articles[0]!.text.includes('About us'), 'without the reader view the menus stay');
    assert.deepEqual(now.articles[0]!.notes, ['read without the reader view: menus and other page chrome may remain']);
  });
});
