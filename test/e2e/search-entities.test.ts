// `lede search` with @name terms, the built CLI as a script runs it: @names are terms of the query
// language (OR, NOT, AND), ranked by how much an article is about the entity, with the entity's
// first mention as the snippet; the tagger runs through the entity cache, never next to the articles.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { hashTree, makeTempDir } from './fixtures';
import { cliPath, repoRoot } from './terminal';

const articles = makeTempDir('lede-e2e-entity-terms-');
const cache = makeTempDir('lede-e2e-entity-terms-cache-');

// Folder order puts the article that names Putin once first.
const FILES: Record<string, string> = {
  'a-oil.txt': 'Oil prices climb\n\nOil rose on Monday.\n\nTraders in London said a remark by Vladimir Putin had moved the market.\n',
  'b-kremlin.txt':
    'Kremlin talks end\n\nRussian President Vladimir Putin met envoys in Moscow on Tuesday.\n\nPutin said the talks had gone well. Putin thanked the envoys, and Putin left for Sochi.\n',
  'c-weather.txt': 'Weather in Lisbon\n\nSunny, with a light breeze from the sea.\n',
};

interface Result {
  path: string;
  title: string;
  score: number;
  snippet: string;
  matches: { field: 'title' | 'text'; start: number; end: number }[];
}

function lede(args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', LEDE_CACHE_DIR: cache.dir },
  });
  if (result.error) throw result.error;
  return result;
}

function search(query: string): { total: number; results: Result[] } {
  const { status, stdout, stderr } = lede(['search', query, articles.dir, '--json']);
  // Nothing found is exit 1 with nothing on stdout and one line on stderr, as grep.
  if (status === 1 && stdout === '' && /^lede: no article matches/.test(stderr)) return { total: 0, results: [] };
  assert.equal(status, 0, stderr);
  assert.equal(stderr, '');
  return JSON.parse(stdout) as { total: number; results: Result[] };
}

/** The text `lede show --json` gives for a file: what every offset indexes into. */
function textOf(path: string): string {
  const { status, stdout, stderr } = lede(['show', path, '--json']);
  assert.equal(status, 0, stderr);
  return (JSON.parse(stdout) as { text: string }).text;
}

let treeBefore = '';
before(() => {
  for (const [name, content] of Object.entries(FILES)) writeFileSync(join(articles.dir, name), content);
  treeBefore = hashTree(articles.dir);
});
after(() => {
  articles.remove();
  cache.remove();
});

test('search: zzzz | @putin finds Putin’s articles, the one about him first, his first mention as its snippet', () => {
  const { total, results } = search('zzzz | @putin');
  assert.equal(total, 2);
  assert.deepEqual(
    results.map((r) => r.title),
    ['Kremlin talks end', 'Oil prices climb'],
  );
  assert.ok(results[0]!.score > results[1]!.score);
  const [kremlin, oil] = results as [Result, Result];
  assert.match(kremlin.snippet, /^Russian President Vladimir Putin met envoys/);
  assert.match(oil.snippet, /remark by Vladimir Putin/, 'the paragraph of the mention, not the first one');
  const text = textOf(kremlin.path);
  assert.deepEqual(
    kremlin.matches.map((m) => text.slice(m.start, m.end)),
    ['Vladimir Putin', 'Putin', 'Putin', 'Putin'],
    'every mention, at its offsets into the text',
  );
  assert.deepEqual(search('@putin').results, results, 'the failing alternative changes nothing');
  assert.deepEqual(search('@"vladimir putin"').results.map((r) => r.title), ['Kremlin talks end', 'Oil prices climb']);
});

test('search: !@putin excludes his articles; @names AND with words', () => {
  assert.deepEqual(search('!@putin').results.map((r) => r.title), ['Weather in Lisbon']);
  assert.deepEqual(search('oil @putin').results.map((r) => r.title), ['Oil prices climb']);
  assert.deepEqual(search('oil !@putin').results, []);
  assert.deepEqual(search('sunny | @moscow').results.map((r) => r.title).sort(), ['Kremlin talks end', 'Weather in Lisbon']);
});

test('search: the plain output shows the mention; nothing is written next to the articles', () => {
  const { status, stdout, stderr } = lede(['search', '@putin', articles.dir]);
  assert.equal(status, 0, stderr);
  const blocks = stdout.split('\n\n');
  assert.match(blocks[0]!, /^Kremlin talks end\n.*b-kremlin\.txt\n {2}Russian President Vladimir Putin met/);
  assert.match(blocks[1]!, /^Oil prices climb\n.*\n {2}.*Vladimir Putin/);
  assert.equal(hashTree(articles.dir), treeBefore);
  assert.equal(readdirSync(join(cache.dir, 'entities')).filter((f) => f.endsWith('.json')).length, Object.keys(FILES).length, 'the tagger went through the cache');
});
