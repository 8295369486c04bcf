// `lede list --sort/--reverse/--unread/--flagged` and the read state in `list --json`: the same
// order the app's list uses (core/library-order.ts), narrowed by the marks the reader keeps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { listArticles } from '../../source/commands/list-command';
import { isShown, orderedIndices, reversedIndices } from '../../source/core/library-order';
import { type ArticleMark, readingKey, type ReadingLoad } from '../../source/core/reading';
import { makeArticle, makeLibrary } from '../helpers/articles';

const old = makeArticle('Beta old', ['one two three four'], { path: 'a.txt', date: '2018-01-02' });
const undated = makeArticle('Alpha undated', ['one two'], { path: 'b.txt' });
const fresh = makeArticle('Gamma fresh', ['one two three four five six'], { path: 'c.txt', date: '2019-06-01T10:00:00Z' });
const badDate = makeArticle('Delta bad date', ['one'], { path: 'd.txt', date: 'not a date' });
const library = makeLibrary([old, undated, fresh, badDate], { skipped: [{ path: 'e.txt', reason: 'binary (NUL bytes)' }] });

const mark = (m: Partial<ArticleMark>): ArticleMark => ({ read: false, flagged: false, at: '2026-12-01T10:00:00Z', ...m });
const marks = (entries: [typeof old, Partial<ArticleMark>][]): (() => ReadingLoad) => () => ({
  marks: new Map(entries.map(([article, m]) => [readingKey(article), mark(m)])),
  problem: null,
});
const noMarks = marks([]);

const paths = (text: string) => text.split('\n').map((row) => row.split('\t')[0]);

test('--sort orders as the app does, and --reverse turns it round with undated articles still last', async () => {
  const cases: [string | undefined, boolean, string[]][] = [
    [undefined, false, ['a.txt', 'b.txt', 'c.txt', 'd.txt']],
    ['path', true, ['d.txt', 'c.txt', 'b.txt', 'a.txt']],
    ['date', false, ['c.txt', 'a.txt', 'b.txt', 'd.txt']],
    ['date', true, ['a.txt', 'c.txt', 'b.txt', 'd.txt']],
    ['title', false, ['b.txt', 'a.txt', 'd.txt', 'c.txt']],
    ['title', true, ['c.txt', 'd.txt', 'a.txt', 'b.txt']],
    ['words', false, ['c.txt', 'a.txt', 'b.txt', 'd.txt']],
    ['words', true, ['d.txt', 'b.txt', 'a.txt', 'c.txt']],
  ];
  for (const [sort, reverse, expected] of cases) {
    const { text } = await listArticles(library, { json: false, sort, reverse, loadMarks: noMarks });
    assert.deepEqual(paths(text), expected, `--sort ${sort} ${reverse ? '--reverse' : ''}`);
  }
});

test('an unknown --sort key is a usage error naming the keys and what was typed', async () => {
  await assert.rejects(listArticles(library, { json: false, sort: 'size' }), (error: Error & { exitCode?: number }) => {
    assert.match(error.message, /--sort takes path, date, title, words, not 'size'/);
    assert.equal(error.exitCode, 2);
    return true;
  });
});

test('--unread and --flagged narrow the list by the reader’s marks; --json says read and flagged per article', async () => {
  const loadMarks = marks([
    [old, { read: true }],
    [fresh, { read: true, flagged: true }],
    [undated, { flagged: true }],
  ]);
  assert.deepEqual(paths((await listArticles(library, { json: false, unread: true, loadMarks })).text), ['b.txt', 'd.txt']);
  assert.deepEqual(paths((await listArticles(library, { json: false, flagged: true, loadMarks })).text), ['b.txt', 'c.txt']);
  assert.deepEqual(paths((await listArticles(library, { json: false, unread: true, flagged: true, loadMarks })).text), ['b.txt']);
  assert.deepEqual(paths((await listArticles(library, { json: false, flagged: true, sort: 'date', loadMarks })).text), ['c.txt', 'b.txt']);

  const json = JSON.parse((await listArticles(library, { json: true, loadMarks })).text) as {
    articles: { path: string; read: boolean; flagged: boolean }[];
    skipped: unknown[];
  };
  assert.deepEqual(
    json.articles.map(({ path, read, flagged }) => ({ path, read, flagged })),
    [
      { path: 'a.txt', read: true, flagged: false },
      { path: 'b.txt', read: false, flagged: true },
      { path: 'c.txt', read: true, flagged: true },
      { path: 'd.txt', read: false, flagged: false },
    ],
  );
  assert.deepEqual(json.skipped, library.skipped, 'skipped files stay in the JSON, as data');
});

test('--json keeps an article’s duplicates beside its read state', async () => {
  const copy = makeArticle('Beta old', ['one two three four'], { path: 'a.txt', duplicates: ['z/a.txt'] });
  const json = JSON.parse((await listArticles(makeLibrary([copy]), { json: true, loadMarks: marks([[copy, { read: true }]]) })).text) as {
    articles: { duplicates: string[]; read: boolean; flagged: boolean }[];
  };
  assert.deepEqual(json.articles[0], { ...json.articles[0], duplicates: ['z/a.txt'], read: true, flagged: false });
});

test('skipped files and an unreadable read state are notes for stderr, never rows of the plain list', async () => {
  const problem = 'read state ignored: /x/read-state.json is not lede’s read state';
  const { text, notes } = await listArticles(library, { json: false, unread: true, loadMarks: () => ({ marks: new Map(), problem }) });
  assert.deepEqual(paths(text), ['a.txt', 'b.txt', 'c.txt', 'd.txt'], 'with no usable state, every article is unread');
  assert.ok(!text.includes('skipped') && !text.includes('#'), text);
  assert.deepEqual(notes, [problem, '1 skipped: e.txt (binary (NUL bytes))']);
  // Without --json, --unread or --flagged the state is not read at all.
  const plain = await listArticles(library, { json: false, loadMarks: () => assert.fail('the read state was read') });
  assert.deepEqual(plain.notes, ['1 skipped: e.txt (binary (NUL bytes))']);
});

test('the orders are permutations; reversed is the order backwards except that undated articles stay last by date', () => {
  const article = fc.record({
    title: fc.string({ maxLength: 6 }),
    words: fc.nat(50),
    date: fc.option(fc.oneof(fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()), fc.constant('garbage')), { nil: undefined }),
  });
  fc.assert(
    fc.property(fc.array(article, { maxLength: 12 }), (specs) => {
      const articles = specs.map((s, i) => makeArticle(s.title || 'x', ['w'], { path: `${i}.txt`, words: s.words, ...(s.date ? { date: s.date } : {}) }));
      for (const order of ['path', 'date', 'title', 'words'] as const) {
        const forward = orderedIndices(articles, order);
        const backward = reversedIndices(articles, order);
        assert.deepEqual([...forward].sort((a, b) => a - b), articles.map((_, i) => i));
        assert.deepEqual([...backward].sort((a, b) => a - b), articles.map((_, i) => i));
        if (order !== 'date') assert.deepEqual(backward, [...forward].reverse());
      }
      const dated = (i: number) => articles[i]!.date !== undefined && !Number.isNaN(Date.parse(articles[i]!.date!));
      const backward = reversedIndices(articles, 'date');
      const firstUndated = backward.findIndex((i) => !dated(i));
      if (firstUndated >= 0) assert.ok(backward.slice(firstUndated).every((i) => !dated(i)), 'undated last');
      const times = backward.filter(dated).map((i) => Date.parse(articles[i]!.date!));
      assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
    }),
  );
});

test('isShown: unread is anything not read, flagged only what is flagged', () => {
  assert.equal(isShown(undefined, 'unread'), true);
  assert.equal(isShown(undefined, 'flagged'), false);
  assert.equal(isShown(mark({ read: true }), 'unread'), false);
  assert.equal(isShown(mark({ flagged: true, read: true }), 'flagged'), true);
  assert.equal(isShown(undefined, 'all'), true);
});
