// @name terms evaluated, ranked and highlighted by LibrarySearch, through the real bridge
// (entity-term-source.ts) over a library index built as the library pass builds it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CorrectionSet } from '../../../source/core/entities/corrections.js';
import { entityTermSource } from '../../../source/core/entities/entity-term-source.js';
import type { LibraryEntityIndex } from '../../../source/core/entities/library-index.js';
import { entitiesAsShown } from '../../../source/core/entities/library-view.js';
import type { Entity, EntityType, Mention } from '../../../source/core/entities/types.js';
import type { Article } from '../../../source/core/article.js';
import { LibrarySearch, type SearchHit } from '../../../source/core/search/index.js';
import { makeArticle } from '../../helpers/articles.js';
import { libraryIndexOf } from '../../helpers/entities.js';

/** Every occurrence of `form` in the article's title and text, as the extractor's mentions. */
function mentionsOf(article: Article, form: string): Mention[] {
  const out: Mention[] = [];
  for (const field of ['title', 'text'] as const) {
    const value = article[field];
    for (let at = value.indexOf(form); at >= 0; at = value.indexOf(form, at + form.length)) out.push({ field, start: at, end: at + form.length, text: form });
  }
  return out;
}

/** An entity of `article` named `name`, mentioned wherever it says one of `forms` (the name by default). */
function entityIn(article: Article, type: EntityType, name: string, forms: string[] = [name]): Entity {
  const mentions = forms
    .flatMap((form) => mentionsOf(article, form))
    .sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1))
    // A shorter form inside a longer one's mention is the same mention.
    .filter((m, i, all) => !all.some((o, j) => j !== i && o.field === m.field && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start));
  assert.ok(mentions.length > 0, `${name} is in ${article.title}`);
  return { id: `${type}:${name.toLowerCase()}`, name, type, aliases: forms.filter((f) => f !== name), mentions };
}

interface Fixture {
  articles: Article[];
  byId: Map<string, Entity[]>;
  index: LibraryEntityIndex;
  search: LibrarySearch;
  /** Article ids whose entities the bridge was asked for (its reads for highlights). */
  reads: string[];
}

function fixture(articles: Article[], entities: (article: Article) => Entity[], options: { readable?: boolean } = {}): Fixture {
  const byId = new Map(articles.map((a) => [a.id, entities(a)]));
  const index = libraryIndexOf(
    articles.map((a) => a.id),
    byId,
  );
  const search = new LibrarySearch(articles);
  const reads: string[] = [];
  const knownEntitiesOf = (article: Article, at: LibraryEntityIndex) => {
    reads.push(article.id);
    return options.readable === false ? undefined : entitiesAsShown(byId.get(article.id) ?? [], at, article.id);
  };
  search.setEntities(entityTermSource(index, articles, { knownEntitiesOf }));
  return { articles, byId, index, search, reads };
}

const titles = (f: Fixture, hits: SearchHit[]) => hits.map((h) => f.articles[h.index]!.title);
const highlighted = (hit: SearchHit) => hit.snippet.highlights.map((h) => hit.snippet.text.slice(h.start, h.end));

// Folder order puts the film review first: unranked, it came before the article about Blair.
const film = makeArticle('Cinema this week', ['A revival screening of The Blair Witch Project opens on Friday.', 'Tickets are cheap.']);
const blair = makeArticle('Blair looks back on ten years', [
  'Former prime minister Tony Blair spoke in London on Monday.',
  'Blair said the decade had been hard. Blair added that he had no regrets, and Blair smiled.',
  'Asked about Iraq, Blair paused. Blair said history would judge. Blair thanked his staff.',
  'Blair left early; Blair was driven away, and Blair waved.',
]);
const putin = makeArticle('Kremlin talks', ['Russian President Vladimir Putin met envoys in Moscow.', 'Putin said the talks went well.']);
const iran = makeArticle('Iran and the deal', ['Iran said it would stay in the nuclear deal.', 'Talks in Vienna go on.']);
const weather = makeArticle('Weather', ['Rain in the north, sun in the south.']);

const newsEntities = (a: Article): Entity[] => {
  if (a === film) return [entityIn(a, 'person', 'Blair')];
  if (a === blair) return [entityIn(a, 'person', 'Tony Blair', ['Tony Blair', 'Blair']), entityIn(a, 'place', 'London'), entityIn(a, 'place', 'Iraq')];
  if (a === putin) return [entityIn(a, 'person', 'Vladimir Putin', ['Vladimir Putin', 'Putin']), entityIn(a, 'place', 'Moscow')];
  if (a === iran) return [entityIn(a, 'place', 'Iran'), entityIn(a, 'place', 'Vienna')];
  return [];
};
const news = [film, blair, putin, iran, weather];

describe('@name terms in the library search', () => {
  it('ranks by how much an article is about the entity: a title mention and ten mentions above one mention', () => {
    const f = fixture(news, newsEntities);
    const { hits, total } = f.search.search('@blair');
    assert.equal(total, 2);
    assert.deepEqual(titles(f, hits), ['Blair looks back on ten years', 'Cinema this week']);
    assert.ok(hits[0]!.score > hits[1]!.score + 2, 'the title mention is a title match (+2 and more)');
  });

  it('more mentions rank higher when neither is in the title, whatever the library order', () => {
    const once = makeArticle('Notes', ['Shoigu was mentioned once.']);
    const often = makeArticle('Defence', ['Sergei Shoigu visited. Shoigu spoke. Shoigu left. Shoigu returned. Shoigu again.']);
    const f = fixture([once, often], (a) => [a === once ? entityIn(a, 'person', 'Shoigu') : entityIn(a, 'person', 'Sergei Shoigu', ['Sergei Shoigu', 'Shoigu'])]);
    const { hits } = f.search.search('@shoigu');
    assert.deepEqual(titles(f, hits), ['Defence', 'Notes']);
  });

  it('a better name match ranks higher: the whole name, then a word of it, then a word it starts, then a typo', () => {
    // Each mentioned once, in the body, listed worst first so library order cannot explain the ranking.
    const typo = makeArticle('Four', ['Mr Brawn spoke.']);
    const prefix = makeArticle('Three', ['Des Browne spoke.']);
    const word = makeArticle('Two', ['Gordon Brown spoke.']);
    const whole = makeArticle('One', ['Brown spoke.']);
    const names = new Map([
      [typo, 'Brawn'],
      [prefix, 'Des Browne'],
      [word, 'Gordon Brown'],
      [whole, 'Brown'],
    ]);
    const f = fixture([typo, prefix, word, whole], (a) => [entityIn(a, 'person', names.get(a)!)]);
    const { hits } = f.search.search('@brown');
    assert.deepEqual(titles(f, hits), ['One', 'Two', 'Three', 'Four']);
    // The typo rule is the plain words' rule: a 4-letter name allows none.
    assert.equal(f.search.search('@brwn').total, 0);
    assert.deepEqual(titles(f, f.search.search('@"gordon brown"').hits), ['Two']);
    assert.deepEqual(titles(f, f.search.search('@gordon_brown').hits), ['Two']);
  });

  it('composes with the other terms: OR, NOT and AND', () => {
    const f = fixture(news, newsEntities);
    const found = (q: string) => titles(f, f.search.search(q).hits).sort();
    assert.deepEqual(found('zzzz | @putin'), ['Kremlin talks']);
    assert.deepEqual(found('iran | @putin'), ['Iran and the deal', 'Kremlin talks']);
    assert.deepEqual(found('!@putin'), ['Blair looks back on ten years', 'Cinema this week', 'Iran and the deal', 'Weather']);
    assert.deepEqual(found('talks @putin'), ['Kremlin talks']);
    assert.deepEqual(found('talks !@putin'), ['Iran and the deal']);
    assert.deepEqual(found('@putin @moscow'), ['Kremlin talks']);
    assert.deepEqual(found('@putin @iran'), []);
    assert.deepEqual(found('@"vladimir putin" | @blair'), ['Blair looks back on ten years', 'Cinema this week', 'Kremlin talks']);
  });

  it('the snippet is the first mention, highlighted; a title mention is a title highlight', () => {
    const f = fixture(news, newsEntities);
    const [top] = f.search.search('@blair').hits;
    assert.ok(top);
    const title = top.matches.filter((m) => m.field === 'title').map((m) => blair.title.slice(m.start, m.end));
    assert.deepEqual(title, ['Blair']);
    assert.match(top.snippet.text, /^Former prime minister Tony Blair spoke/);
    assert.equal(highlighted(top)[0], 'Tony Blair', 'the first mention, as the extractor spanned it');
    const body = top.matches.filter((m) => m.field === 'text');
    assert.equal(body.length, 10, 'every mention is a match');
    for (const m of body) assert.match(blair.text.slice(m.start, m.end), /^(Tony )?Blair$/);
    // "Former prime minister" is not a mention: nothing but names is highlighted.
    const [kremlin] = f.search.search('talks @putin').hits;
    assert.deepEqual(highlighted(kremlin!), ['Vladimir Putin'], 'the snippet is the mention’s paragraph');
    assert.deepEqual(
      kremlin!.matches.map((m) => (m.field === 'title' ? putin.title : putin.text).slice(m.start, m.end)),
      ['talks', 'Vladimir Putin', 'Putin', 'talks'],
      'the word’s matches and the entity’s, title first',
    );
  });

  it('the snippet starts at the first mention even where other terms match more densely elsewhere', () => {
    const late = makeArticle('Deal', ['Sanctions talk.', ...Array.from({ length: 6 }, () => 'sanctions sanctions sanctions sanctions.'), 'Later Mr Lavrov spoke.']);
    const f = fixture([late], (a) => [entityIn(a, 'person', 'Lavrov')]);
    const [hit] = f.search.search('sanctions @lavrov').hits;
    assert.match(hit!.snippet.text, /Lavrov spoke/);
    assert.ok(highlighted(hit!).includes('Lavrov'));
  });

  it('an article whose entities cannot be read at once is highlighted at its entities’ names', () => {
    const f = fixture(news, newsEntities, { readable: false });
    const [hit] = f.search.search('@putin').hits;
    assert.deepEqual(highlighted(hit!), ['Vladimir Putin'], 'the name, as a whole word');
    assert.deepEqual(
      hit!.matches.map((m) => putin.text.slice(m.start, m.end)),
      ['Vladimir Putin', 'Putin'],
    );
  });

  it('reads the entities of the hits shown only, and of each once', () => {
    const f = fixture(news, newsEntities);
    const result = f.search.search('!@weather');
    assert.equal(result.total, 5);
    assert.deepEqual(f.reads, [], 'ranking reads no article’s entities');
    void result.hits[0]!.snippet;
    void result.hits[0]!.matches;
    const search = f.search.search('@blair');
    for (const hit of search.hits) void hit.snippet;
    for (const hit of f.search.search('@blair').hits) void hit.snippet;
    assert.deepEqual(f.reads.sort(), [blair.id, film.id].sort(), 'a negated term highlights nothing; each article read once');
  });
});

describe('before and after the library’s entities are known', () => {
  it('an @name matches nothing and the result says it waits; plain words are searched meanwhile', () => {
    const search = new LibrarySearch(news);
    const waiting = search.search('@putin');
    assert.equal(waiting.total, 0);
    assert.equal(waiting.waitingForEntities, true);
    const either = search.search('iran | @putin');
    assert.deepEqual(either.hits.map((h) => news[h.index]!.title), ['Iran and the deal']);
    assert.equal(either.waitingForEntities, true);
    assert.equal(search.search('iran').waitingForEntities, undefined);
    // Then the entities arrive: the same queries (cached a moment ago) are answered from them.
    const byId = new Map(news.map((a) => [a.id, newsEntities(a)]));
    const index = libraryIndexOf(
      news.map((a) => a.id),
      byId,
    );
    search.setEntities(entityTermSource(index, news, { knownEntitiesOf: (a, at) => entitiesAsShown(byId.get(a.id) ?? [], at, a.id) }));
    const found = search.search('@putin');
    assert.deepEqual(found.hits.map((h) => news[h.index]!.title), ['Kremlin talks']);
    assert.equal(found.waitingForEntities, undefined);
    assert.equal(search.search('iran | @putin').total, 2);
    // And new entities (the user hid Putin) replace them: nothing from before is used again.
    const hidden = index.withCorrections(new CorrectionSet([{ op: 'hide', name: 'Vladimir Putin' }]));
    search.setEntities(entityTermSource(hidden, news, { knownEntitiesOf: (a, at) => entitiesAsShown(byId.get(a.id) ?? [], at, a.id) }));
    assert.equal(search.search('@putin').total, 0);
    assert.equal(search.search('@moscow').total, 1);
  });

  it('searchInSlices answers @name terms as search does', async () => {
    const f = fixture(news, newsEntities);
    const sliced = await f.search.searchInSlices('iran | @blair', { sliceMs: 0 });
    const direct = f.search.search('iran | @blair');
    assert.deepEqual(
      sliced.hits.map((h) => [h.index, h.score]),
      direct.hits.map((h) => [h.index, h.score]),
    );
    assert.equal(sliced.total, 3);
  });
});

describe('@name properties', () => {
  const NAMES = ['Putin', 'Lavrov', 'Shoigu'];
  const WORDS = ['talks', 'iran', 'deal'];
  const docArb = fc.record({
    mentions: fc.array(fc.nat(4), { minLength: NAMES.length, maxLength: NAMES.length }),
    words: fc.subarray(WORDS),
  });

  it('an @name finds exactly the articles mentioning it, ranked by mentions; ! and | and AND compose as sets', () => {
    fc.assert(
      fc.property(fc.array(docArb, { minLength: 1, maxLength: 8 }), fc.nat(NAMES.length - 1), fc.constantFrom(...WORDS), (docs, pick, word) => {
        const articles = docs.map((d, i) =>
          makeArticle(`Article ${i}`, [
            [...d.words, 'filler'].join(' ') + '.',
            ...NAMES.flatMap((name, k) => Array.from({ length: d.mentions[k]! }, () => `Then ${name} spoke.`)),
          ]),
        );
        const f = fixture(articles, (a) => {
          const d = docs[articles.indexOf(a)]!;
          return NAMES.filter((_, k) => d.mentions[k]! > 0).map((name) => entityIn(a, 'person', name));
        });
        const name = NAMES[pick]!.toLowerCase();
        const all = articles.map((_, i) => i);
        const set = (q: string) => f.search.search(q, { limit: 100 }).hits.map((h) => h.index).sort((a, b) => a - b);
        const mentioning = all.filter((i) => docs[i]!.mentions[pick]! > 0);
        assert.deepEqual(set(`@${name}`), mentioning);
        assert.deepEqual(set(`!@${name}`), all.filter((i) => !mentioning.includes(i)));
        const withWord = set(word);
        assert.deepEqual(set(`${word} | @${name}`), all.filter((i) => withWord.includes(i) || mentioning.includes(i)));
        assert.deepEqual(set(`@${name} | ${word}`), set(`${word} | @${name}`));
        assert.deepEqual(set(`${word} @${name}`), all.filter((i) => withWord.includes(i) && mentioning.includes(i)));
        // More mentions never rank lower (all in the body, the same name).
        const hits = f.search.search(`@${name}`, { limit: 100 }).hits;
        for (let k = 1; k < hits.length; k++) assert.ok(docs[hits[k - 1]!.index]!.mentions[pick]! >= docs[hits[k]!.index]!.mentions[pick]!);
      }),
      { numRuns: 150 },
    );
  });
});
