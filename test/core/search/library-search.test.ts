import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LibrarySearch, fold, type SearchHit } from '../../../source/core/search/index.js';

type Doc = { title: string; text: string };
const doc = (title: string, text: string): Doc => ({ title, text });
const order = (docs: Doc[], query: string): number[] => new LibrarySearch(docs).search(query).hits.map((h) => h.index);
const matchedText = (docs: Doc[], hit: SearchHit): string[] =>
  hit.matches.map((m) => (m.field === 'title' ? docs[hit.index]!.title : docs[hit.index]!.text).slice(m.start, m.end));

describe('LibrarySearch ranking', () => {
  it('ranks a title hit above a body hit', () => {
    const docs = [
      doc('Markets slide on oil', 'Defense Minister Sergei Shoigu said the drills would go on.'),
      doc('Shoigu visits troops near the border', 'The minister toured the region on Monday.'),
    ];
    assert.deepEqual(order(docs, 'shoigu'), [1, 0]);
  });

  it('ranks an exact match above a typo match, and finds both', () => {
    const docs = [
      doc('Drills', 'Defense Minister Sergei Shiogu said the drills would go on.'),
      doc('Drills', 'Defense Minister Sergei Shoigu said the drills would go on.'),
    ];
    assert.deepEqual(order(docs, 'shoigu'), [1, 0]);
    assert.deepEqual(order(docs, 'shiogu'), [0, 1]);
  });

  it('ranks an article matching more terms of an OR group above one matching fewer', () => {
    const docs = [doc('Talks', 'Putin spoke to reporters.'), doc('Talks', 'Putin and Lavrov spoke to reporters.'), doc('Talks', 'Nobody spoke.')];
    assert.deepEqual(order(docs, 'putin | lavrov'), [1, 0]);
  });

  it('ranks the whole word above a longer word it starts, and that above a typo', () => {
    const docs = [doc('a', 'The irani delegation.'), doc('b', 'The iran delegation.'), doc('c', 'The irn delegation.')];
    assert.deepEqual(order(docs, 'iran').slice(0, 2), [1, 0]);
    const typoDocs = [doc('a', 'Reports from Damscus.'), doc('b', 'Reports from Damascusite circles.'), doc('c', 'Reports from Damascus.')];
    assert.deepEqual(order(typoDocs, 'damascus'), [2, 1, 0]);
  });

  it('scores stay within the documented scale for one term', () => {
    const docs = [doc('Shoigu', 'Shoigu Shoigu Shoigu'), doc('x', 'Shoigu')];
    const hits = new LibrarySearch(docs).search('shoigu').hits;
    // The word itself: 60, +3 for title and body, +1 its quality, + the frequency bonus of 3 occurrences.
    assert.ok(hits[0]!.score > 64 && hits[0]!.score <= 64.09 + 1e-6, String(hits[0]!.score));
    assert.ok(hits[1]!.score > 62 && hits[1]!.score < 62.09, String(hits[1]!.score));
  });

  it('ranks a whole word in the body above a word it starts in the title', () => {
    // "war" inside "warns" in a title ranked 9th for `iraq war`, above the articles saying "Iraq war".
    const docs = [
      doc('Mandelson warns BBC', 'The former minister spoke about Iraq and the coverage of the conflict.'),
      doc('Inquiry report', 'The report on the Iraq war was published on Monday.'),
      doc('Budget', 'The war in Iraq cost billions, the report says.'),
    ];
    assert.deepEqual(order(docs, 'iraq war'), [1, 2, 0]);
    assert.deepEqual(order(docs, 'war'), [1, 2, 0], 'one term: the word in the body above the prefix in the title');
  });

  it('ranks query words side by side above the same words close together, and those above scattered ones', () => {
    const filler = 'The committee met again on Tuesday and heard evidence from several witnesses. ';
    const docs = [
      doc('Scattered', `The minister resigned. ${filler.repeat(3)}He was once prime of his class.`),
      doc('Close', `The prime and respected minister spoke. ${filler}`),
      doc('Adjacent', `${filler}The prime minister spoke.`),
    ];
    assert.deepEqual(order(docs, 'prime minister'), [2, 1, 0]);
    assert.deepEqual(order(docs, 'minister prime'), [2, 1, 0], 'the order typed does not matter');
    const [adjacent, close, scattered] = new LibrarySearch(docs).search('prime minister').hits;
    assert.ok(adjacent!.score > close!.score && close!.score > scattered!.score);
  });

  it('proximity counts in the title too, and never outranks a better match level', () => {
    const docs = [
      doc('Prime minister visits', 'Nothing else here.'),
      doc('Notes', 'A prime example, said the minister.'),
      doc('Notes', 'The primer was read by the prime minister.'),
    ];
    assert.deepEqual(order(docs, 'prime minister'), [0, 2, 1]);
    // "primes" starts with "prime": a prefix right beside "minister" still ranks below whole words far apart.
    const levels = [doc('a', 'The primes minister.'), doc('b', `The prime ${'word '.repeat(30)}minister.`)];
    assert.deepEqual(order(levels, 'prime minister'), [1, 0]);
  });

  it('says how many results are there only with typos forgiven', () => {
    const docs = [doc('a', 'Shoigu spoke.'), doc('b', 'Shiogu spoke.'), doc('c', 'Nobody spoke.')];
    const search = new LibrarySearch(docs);
    assert.deepEqual([search.search('shoigu').total, search.search('shoigu').withTypos], [2, 1]);
    assert.equal(search.search("'shoigu").withTypos, 0);
    assert.equal(search.search('spoke').withTypos, 0);
    assert.equal(search.search('shoigu | nobody').withTypos, 1, 'an OR group matched exactly by another term is not a typo match');
    assert.equal(search.search('spoke shoigu').withTypos, 1, 'one AND group matched with typos is enough');
  });
});

describe('LibrarySearch matching', () => {
  const docs = [
    doc('Netanyahu May Offer Putin US Sanctions Relief', 'Prime Minister Benjamin Netanyahu said Israel would not rule out ties.'),
    doc('Erdoğan meets the press in São Paulo', 'President Recep Tayyip Erdoğan spoke about the drain on reserves.'),
    doc('Rain in Kraków', 'Heavy rain fell on Kraków on Monday.\n\nThe Straße was closed.'),
  ];
  const search = new LibrarySearch(docs);
  const indices = (q: string): number[] => search.search(q).hits.map((h) => h.index).sort();

  it('tolerates typos in plain words', () => {
    assert.deepEqual(indices('netanyhau'), [0]);
    assert.deepEqual(indices('netanyh'), [0], 'a typo in an unfinished word');
    assert.deepEqual(indices('erdgoan'), [1]);
  });

  it('matches words by prefix as they are typed', () => {
    assert.deepEqual(indices('netan'), [0]);
    assert.deepEqual(indices('kra'), [2]);
  });

  it('ignores case and diacritics in both directions', () => {
    assert.deepEqual(indices('erdogan'), [1]);
    assert.deepEqual(indices('ERDOĞAN'), [1]);
    assert.deepEqual(indices('krakow'), [2]);
    assert.deepEqual(indices('sao paulo'), [1]);
    assert.deepEqual(indices('strasse'), [2]);
  });

  it('maps highlights back to the original text, whatever the folded length', () => {
    const [hit] = search.search('erdogan').hits;
    assert.deepEqual(matchedText(docs, hit!), ['Erdoğan', 'Erdoğan']);
    const [street] = search.search('strasse').hits;
    assert.deepEqual(matchedText(docs, street!), ['Straße']);
    const [prefix] = search.search('netan').hits;
    assert.deepEqual(matchedText(docs, prefix!), ['Netan', 'Netan'], 'a prefix match highlights what was typed');
  });

  it('ANDs words and ORs with |', () => {
    assert.deepEqual(indices('netanyahu putin'), [0]);
    assert.deepEqual(indices('netanyahu krakow'), []);
    assert.deepEqual(indices('netanyahu | krakow'), [0, 2]);
  });

  it("'exact matches anywhere, even inside a word, but never with typos", () => {
    assert.deepEqual(indices("'rain"), [1, 2]);
    assert.deepEqual(indices("'netanyhau"), []);
    assert.deepEqual(indices("'rule out"), [0]);
  });

  it("'exact' matches only at word boundaries", () => {
    assert.deepEqual(indices("'rain'"), [2]);
  });

  it('"a phrase" matches its words in order as whole words; unclosed, while typed, anywhere', () => {
    const phrases = [
      doc('a', 'Prime Minister Benjamin Netanyahu spoke.'),
      doc('b', 'The minister, a prime candidate, spoke.'),
      doc('c', 'Former prime ministers met.'),
      doc('d', 'A prime-minister-in-waiting.'),
    ];
    const found = (q: string) => new LibrarySearch(phrases).search(q).hits.map((h) => h.index).sort();
    assert.deepEqual(found('"prime minister"'), [0]);
    assert.deepEqual(found('"prime minister'), [0, 2], 'unclosed: a substring, so the count holds while the last word is typed');
    assert.deepEqual(found('"prime   minister"'), [0], 'spaces inside the quotes are one space');
    assert.deepEqual(found('!"prime minister"'), [1, 2, 3]);
    assert.deepEqual(found('"golan"'), [], 'a quoted word is a whole word');
    const [hit] = new LibrarySearch(phrases).search('"prime minister"').hits;
    assert.deepEqual(matchedText(phrases, hit!), ['Prime Minister']);
  });

  it('^ and $ anchor to the start and end of the title or body', () => {
    assert.deepEqual(indices('^netanyahu'), [0]);
    assert.deepEqual(indices('^prime'), [0]);
    assert.deepEqual(indices('^minister'), []);
    assert.deepEqual(indices('relief$'), [0]);
    assert.deepEqual(indices('closed.$'), [2]);
    assert.deepEqual(indices('^rain in krakow$'.replace(/ /g, '\\ ')), [2]);
  });

  it('^q$ needs the whole body, however long the body or the term', () => {
    for (const length of [40, 47, 48, 49, 50, 120]) {
      const body = 'ab '.repeat(50).slice(0, length - 1) + 'z';
      const docs = [
        { title: 'whole', text: body },
        { title: 'longer', text: `${body} more` },
        { title: 'shorter', text: body.slice(3) },
      ];
      const found = new LibrarySearch(docs).search(`^${body.replace(/ /g, '\\ ')}$`).hits.map((h) => docs[h.index]!.title);
      assert.deepEqual(found, ['whole'], `body of ${length}`);
    }
  });

  it('! excludes', () => {
    assert.deepEqual(indices('!netanyahu'), [1, 2]);
    assert.deepEqual(indices('!^rain'), [0, 1]);
    assert.deepEqual(indices('!relief$'), [1, 2]);
    assert.deepEqual(indices("!'netanyhau"), [1, 2], "!' is a fuzzy negation");
    assert.deepEqual(indices('monday !rain'), []);
  });

  it('an empty query lists every article, with the total', () => {
    const result = search.search('', { limit: 2 });
    assert.equal(result.total, 3);
    assert.deepEqual(result.hits.map((h) => h.index), [0, 1]);
  });

  it('counts every match in total but returns at most limit, and honours filter', () => {
    const result = search.search('on', { limit: 1 });
    assert.equal(result.hits.length, 1);
    assert.ok(result.total > 1);
    const filtered = search.search('on', { filter: (i) => i !== 2 });
    assert.ok(filtered.hits.every((h) => h.index !== 2));
  });

  it('gives a one-line snippet around the best body match with the match highlighted', () => {
    const [hit] = search.search('closed').hits;
    const { text, highlights } = hit!.snippet;
    assert.ok(!text.includes('\n'));
    assert.equal(highlights.length, 1);
    assert.equal(text.slice(highlights[0]!.start, highlights[0]!.end), 'closed');
  });

  it('starts a title-only hit’s snippet with the body and highlights nothing', () => {
    const [hit] = search.search('sanctions').hits;
    assert.equal(hit!.snippet.highlights.length, 0);
    assert.ok(hit!.snippet.text.startsWith('Prime Minister'));
  });

  it('serialises hits with their matches and snippet', () => {
    const [hit] = search.search('krakow').hits;
    const json = JSON.parse(JSON.stringify(hit)) as SearchHit;
    assert.deepEqual(json.matches, hit!.matches);
    assert.deepEqual(json.snippet, hit!.snippet);
  });
});

describe('LibrarySearch building', () => {
  const docs = Array.from({ length: 60 }, (_, i) => doc(`Article ${i}`, `Body ${i} mentions ${i % 3 === 0 ? 'Shoigu' : 'Lavrov'} in Moscow.`));

  it('builds in slices, giving the event loop a turn between every two, and ends with the same results', async () => {
    // A macrotask queued at each slice's progress report must run before the next slice: that is
    // what lets a UI draw and take keys while a large library is indexed.
    const progress: number[] = [];
    const ranBetween: boolean[] = [];
    let queued: { ran: boolean } | undefined;
    const built = await LibrarySearch.start(docs, {
      chunkSize: 5,
      onProgress: (done) => {
        if (queued) ranBetween.push(queued.ran);
        const marker = { ran: false };
        setImmediate(() => (marker.ran = true));
        queued = marker;
        progress.push(done);
      },
    }).done;
    assert.ok(built.ready);
    assert.equal(progress.at(-1), docs.length);
    assert.ok(progress.length >= docs.length / 5);
    assert.ok(ranBetween.length >= docs.length / 5 - 1);
    assert.ok(ranBetween.every(Boolean), `a slice ran before the event loop had its turn: ${ranBetween}`);
    const sync = new LibrarySearch(docs);
    assert.deepEqual(built.search('shoigu moscow').hits.map((h) => [h.index, h.score]), sync.search('shoigu moscow').hits.map((h) => [h.index, h.score]));
  });

  it('can be searched while building: results cover the articles indexed so far', async () => {
    const { search, done } = LibrarySearch.start(docs, { chunkSize: 10 });
    assert.equal(search.search('shoigu').total, 0);
    await done;
    assert.equal(search.search('shoigu').total, 20);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const promise = LibrarySearch.start(docs, { chunkSize: 1, onProgress: (n) => n >= 3 && controller.abort(), signal: controller.signal }).done;
    await assert.rejects(promise);
  });

  it('finds articles by extra terms (entity names) that are not in their text', () => {
    const search = new LibrarySearch(docs);
    assert.equal(search.search('benjamin').total, 0);
    search.setManyExtraTerms([[4, ['Benjamin Netanyahu']]]);
    assert.deepEqual(search.search('benjamin').hits.map((h) => h.index), [4]);
    assert.deepEqual(search.search('netanyhau').hits.map((h) => h.index), [4]);
    assert.deepEqual(search.search('benjamin').hits[0]!.matches, []);
    search.setManyExtraTerms([[4, []]]);
    assert.equal(search.search('benjamin').total, 0);
  });

  it('folds titles and bodies the same way as queries', () => {
    assert.equal(fold('ÉLYSÉE Straße ﬁnal Ωμέγα'), 'elysee strasse final ωμεγα');
  });
});

describe('LibrarySearch between searches', () => {
  const docs = Array.from({ length: 40 }, (_, i) =>
    doc(`Article ${i} ${i % 2 ? 'Netanyahu' : 'rain'}`, `Body ${i}: Netanyahu met the prime minister; rain ${i % 5 ? 'and relief' : ''} in Krakow.`),
  );
  const search = new LibrarySearch(docs);

  it('hits keep their scores, matches and snippets after later searches reuse the search arrays', () => {
    const first = search.search('netanyahu', { limit: 10 });
    const expected = first.hits.map((h) => ({ index: h.index, score: h.score }));
    for (const q of ['rain', 'prime minister', '!relief', 'a | b c d e f', '^rain']) search.search(q, { limit: 10 });
    assert.deepEqual(first.hits.map((h) => ({ index: h.index, score: h.score })), expected);
    const fresh = new LibrarySearch(docs).search('netanyahu', { limit: 10 });
    assert.deepEqual(first.hits.map((h) => [h.matches, h.snippet]), fresh.hits.map((h) => [h.matches, h.snippet]));
  });

  it('searchInSlices gives what search gives, and lets the event loop run while it checks bodies', async () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      doc(`Report ${i}`, `${i % 7 ? 'The prime minister said' : 'A minister, prime among them, said'} something about rain in Krakow ${i}.`),
    );
    const big = new LibrarySearch(many);
    for (const q of ["'prime\\ minister", 'minister, prime', 'rain !krakow', '^the', 'said$']) {
      // Queued before the search: it has run by the time the search ends only if the search gave
      // the event loop a turn (a search that never yields resolves in microtasks alone).
      const marker = { ran: false };
      setImmediate(() => (marker.ran = true));
      const sliced = await big.searchInSlices(q, { limit: 50, sliceMs: 0 });
      const direct = new LibrarySearch(many).search(q, { limit: 50 });
      assert.equal(sliced.total, direct.total, q);
      assert.deepEqual(sliced.hits.map((h) => [h.index, h.score]), direct.hits.map((h) => [h.index, h.score]), q);
      if (q === "'prime\\ minister") assert.ok(marker.ran, 'the event loop ran while the phrase was checked');
    }
  });

  it('searchInSlices stops when aborted, or when another search runs meanwhile', async () => {
    const many = Array.from({ length: 400 }, (_, i) => doc(`Report ${i}`, `The prime minister said ${i}.`));
    const big = new LibrarySearch(many);
    const controller = new AbortController();
    const aborted = big.searchInSlices("'prime\\ minister", { sliceMs: 0, signal: controller.signal });
    controller.abort();
    await assert.rejects(aborted);
    const superseded = big.searchInSlices("'minister\\ said", { sliceMs: 0 });
    big.search('report');
    await assert.rejects(superseded);
    // And the next one completes.
    assert.equal((await big.searchInSlices("'minister\\ said", { sliceMs: 0 })).total, 400);
  });
});
