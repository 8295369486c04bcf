// The saved pages in test/fixtures/pages, one per site layout, read through the loader (and so
// through the page worker): each article's title, date, author, site, URL and body, with nothing
// of the page's chrome in it.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import type { Article } from '../../../../source/core/article.js';
import { loadLibrary } from '../../../../source/core/load/library.js';

const pages = fileURLToPath(new URL('../../../fixtures/pages/', import.meta.url));
let byName = new Map<string, Article>();

before(async () => {
  const library = await loadLibrary([pages]);
  byName = new Map(library.articles.map((article) => [article.path.slice(pages.length).replace(/^\//, ''), article]));
});

function page(name: string): Article {
  const article = byName.get(name);
  assert.ok(article, `${name} was loaded (loaded: ${[...byName.keys()].join(', ')})`);
  return article;
}

function assertNoneOf(text: string, chrome: string[]): void {
  for (const words of chrome) assert.ok(!text.includes(words), `${JSON.stringify(words)} is page chrome, not article text:\n${text}`);
}

describe('saved web pages', () => {
  test('the folder walk picks up .html pages, and their format is html', () => {
    assert.deepEqual([...byName.keys()].sort(), ['bare.html', 'blog-opengraph.html', 'hostile.html', 'news-jsonld.html']);
    for (const article of byName.values()) assert.equal(article.format, 'html');
  });

  test('a news site: JSON-LD metadata, the story without cookie banner, menus, share bar, related links, newsletter, comments or footer', () => {
    const article = page('news-jsonld.html');
    assert.equal(article.title, 'Reservoirs run dry as São Paulo rations water');
    assert.equal(article.date, '2024-03-14T06:30:00-03:00');
    assert.equal(article.author, 'Marina Duarte');
    assert.equal(article.source, 'The Harbour Ledger');
    assert.equal(article.url, 'https://ledger.example/world/2024/03/sao-paulo-water', 'the canonical link, not og:url with its tracking');
    const paragraphs = article.text.split('\n\n');
    assert.equal(paragraphs[0], 'São Paulo began rationing water on Thursday after the Cantareira reservoir system, which supplies nearly nine million people, fell to 11 percent of its capacity.');
    assert.ok(paragraphs.includes('The state utility Sabesp said pressure in the mains would be cut from 9\u00a0p.m. to 5\u00a0a.m. in the northern and western districts, a measure it had resisted for months.'));
    assert.ok(paragraphs.includes('“We are living through the worst drought in eighty years,” said Ana Ribeiro, a hydrologist at the University of São Paulo, who has studied the system since 1998.'));
    assert.ok(paragraphs.includes('Farmers & factories upstream were asked to cut their use by a fifth. Several municipalities in the Piracicaba basin have already declared an emergency.'));
    assert.equal(paragraphs.at(-1), 'The governor\'s office said it would present a plan to link the Paraíba do Sul river to the Cantareira system by the end of the year.');
    assertNoneOf(article.text, ['cookies', 'Accept all', 'Subscribe', 'Share on', 'Email this', 'Related', 'Brazil\'s farmers brace', 'Most read', 'Markets slide', 'Comments', 'nobody listened', '©', 'All rights reserved', 'Please enable JavaScript', 'dataLayer', 'font-family', 'By Marina']);
  });

  test('a blog with Open Graph only: og:title, article:published_time, the author meta, og:url; no sidebar, share buttons or comments', () => {
    const article = page('blog-opengraph.html');
    assert.equal(article.title, 'What the tide tables don’t tell you');
    assert.equal(article.date, '2023-11-02T18:04:00+00:00');
    assert.equal(article.author, 'Tomás Keller');
    assert.equal(article.url, 'https://fieldnotes.example/2023/11/tide-tables/');
    const paragraphs = article.text.split('\n\n');
    assert.ok(paragraphs[0]!.startsWith('Every tide table in the harbour office is printed a year ahead'));
    assert.ok(paragraphs.includes('The east wind'), 'a subheading is a paragraph');
    assert.ok(paragraphs.includes('The sea does what the wind tells it, and the almanac does what the moon tells it.'));
    assert.ok(paragraphs.includes('• Easterly for a day: add fifteen to twenty minutes.'), 'list items keep a bullet');
    assert.equal(paragraphs.at(-1), 'Next month I will put the notebook figures online, with the wind readings beside them.');
    assertNoneOf(article.text, ['Share this', 'Twitter', 'Facebook', 'Previous post', 'thoughts on', 'Lovely piece', 'Recent posts', 'Blogroll', 'Counting curlews', 'Proudly powered', 'About', 'Archive', 'Posted on']);
  });

  test('a bare page with just <title> and <p>s', () => {
    const article = page('bare.html');
    assert.equal(article.title, 'Minutes of the allotment committee, 12 May');
    assert.equal(article.date, undefined);
    assert.equal(article.author, undefined);
    assert.equal(article.url, undefined);
    assert.deepEqual(article.text.split('\n\n'), [
      'Present: the chair, the treasurer and nine plot holders. Apologies from Mr Okafor.',
      'The treasurer reported that the water bill for the year came to 412 pounds, which the rents cover, and that three plots are still unpaid.',
      'It was agreed that the gate code changes on the first of June, and that the new code will be posted to plot holders rather than pinned to the shed.',
      'Next meeting: 9 June, in the church hall.',
    ]);
    assert.deepEqual(article.notes, []);
  });

  test('a hostile page: the story, its escape sequences gone, no script or frame text, no javascript: URL', () => {
    const article = page('hostile.html');
    assert.equal(article.title, 'Harbour crane collapse: what we know');
    assert.equal(article.date, '2024-05-01T10:00:00Z');
    assert.equal(article.author, 'Ines Ferraz RED', 'the escape sequences around RED are removed whole');
    assert.equal(article.url, 'https://port.example/news/crane-collapse', 'og:url, since the canonical link is javascript:');
    const paragraphs = article.text.split('\n\n');
    assert.equal(paragraphs[0], 'A container crane at the north quay collapsed shortly after six on Wednesday morning, crushing two parked trucks. Nobody was hurt, the port authority said.');
    assert.ok(paragraphs.includes('The crane, one of four installed in 2009, had been taken out of service on Monday for an inspection of its boom cables. Investigators from the safety board arrived in the afternoon.'));
    assert.ok(paragraphs.some((p) => p.startsWith('Work on the quay is suspended') && p.endsWith('could take two weeks.')));
    for (const field of [article.title, article.text, article.author ?? '', article.url ?? '']) {
      assert.doesNotMatch(field, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/, `no control character in ${JSON.stringify(field.slice(0, 80))}`);
    }
    assertNoneOf(article.text, ['pwned', 'written by script', 'frame text', 'You need JavaScript', '__lede', 'fetch', 'alert', 'evil.example', '__ORIGIN__']);
  });
});
