// Slow tier: every subcommand of the built CLI, ~6 s of CPU.
// The built CLI as a script uses it: JSON out, one-line errors with exit 2, no control character
// from an article in any output, and never a write to the articles.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  forbiddenInOutput,
  hashTree,
  hostileTags,
  makeTempDir,
  seedDir,
  seedTitles,
  writeHostileArticles,
} from './fixtures';
import { cliPath, repoRoot } from './terminal';

function lede(args: string[], cwd = repoRoot, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', ...env },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temp = makeTempDir('lede-e2e-cli-');
let hostileFiles: string[] = [];
let seedHash = '';
let hostileHash = '';

before(() => {
  hostileFiles = writeHostileArticles(temp.dir);
  seedHash = hashTree(seedDir);
  hostileHash = hashTree(temp.dir);
});
after(() => {
  temp.remove();
});

test('list --json prints the bundled articles, from any working directory', () => {
  for (const cwd of [repoRoot, temp.dir]) {
    const { status, stdout, stderr } = lede(['list', '--json'], cwd);
    assert.equal(status, 0, stderr);
    const json = JSON.parse(stdout) as { articles: { path: string; title: string; words: number }[]; skipped: unknown[] };
    assert.deepEqual(json.articles.map((a) => a.title).sort(), [...seedTitles].sort());
    for (const article of json.articles) assert.ok(article.words > 100, `${article.path} has words`);
    assert.deepEqual(json.skipped, []);
  }
});

test('show FILE --json prints the title and the text', () => {
  const file = join(seedDir, '004_eaf6071b633d695b.txt');
  const { status, stdout, stderr } = lede(['show', file, '--json']);
  assert.equal(status, 0, stderr);
  const json = JSON.parse(stdout) as { title: string; text: string };
  assert.equal(json.title, seedTitles[1]);
  assert.match(json.text, /Netanyahu underlined warm ties/);
});

test('errors are one line on stderr with exit status 2 and no stack trace', () => {
  // `search` loads its modules while the library loads: a folder that is not there is still one line.
  for (const args of [['/nonexistent/lede-e2e'], ['list', '/nonexistent/lede-e2e'], ['show', '/nonexistent/lede-e2e.txt'], ['search', 'putin', '/nonexistent/lede-e2e'], ['--no-such-flag']]) {
    const { status, stdout, stderr } = lede(args);
    assert.equal(status, 2, `lede ${args.join(' ')}: status ${status}, stderr ${JSON.stringify(stderr)}`);
    assert.equal(stderr.trimEnd().split('\n').length, 1, `lede ${args.join(' ')}: one line, got ${JSON.stringify(stderr)}`);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    assert.equal(stdout, '', `lede ${args.join(' ')} prints nothing on stdout`);
  }
});

test('search: a bad --limit is said before any folder is read', () => {
  for (const limit of ['0', '-3', '1.5']) {
    const { status, stdout, stderr } = lede(['search', 'putin', '/nonexistent/lede-e2e', '--limit', limit]);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'lede: --limit takes a whole number from 1\n');
  }
});

test('no control character from a hostile article reaches the output of list and show', () => {
  const list = lede(['list', temp.dir]);
  assert.equal(list.status, 0, list.stderr);
  // Tabs separate the columns of the plain list; nothing else below 0x20 but newlines.
  assert.doesNotMatch(list.stdout.replaceAll('\t', ' '), forbiddenInOutput, `list: ${JSON.stringify(list.stdout)}`);
  for (const tag of hostileTags) assert.ok(list.stdout.includes(tag), `${tag} listed`);

  const listJson = JSON.parse(lede(['list', temp.dir, '--json']).stdout) as { articles: { title: string }[] };
  for (const { title } of listJson.articles) assert.doesNotMatch(title, forbiddenInOutput, JSON.stringify(title));

  // A JSONL file holds several articles: `show` takes FILE#N.
  const targets = hostileFiles.flatMap((file) => (file.endsWith('.jsonl') ? [`${file}#1`, `${file}#2`] : [file]));
  for (const file of targets) {
    const shown = lede(['show', file]);
    assert.equal(shown.status, 0, `${file}: ${shown.stderr}`);
    assert.doesNotMatch(shown.stdout, forbiddenInOutput, `show ${file}: ${JSON.stringify(shown.stdout)}`);
    const json = JSON.parse(lede(['show', file, '--json']).stdout) as { title: string; text: string };
    assert.doesNotMatch(json.title, forbiddenInOutput, `${file} title ${JSON.stringify(json.title)}`);
    // Paragraph breaks are the only newlines in `text`.
    assert.doesNotMatch(json.text, forbiddenInOutput, `${file} text ${JSON.stringify(json.text)}`);
  }
});

test('no subcommand writes to the articles it reads', () => {
  const runs = [
    ['list'],
    ['list', '--json'],
    ['list', temp.dir],
    ['show', join(seedDir, '000_09270935bd4655ee.txt')],
    ['show', join(seedDir, '000_09270935bd4655ee.txt'), '--json'],
    ['show', hostileFiles[0]!, '--width', '40'],
  ];
  for (const args of runs) {
    lede(args);
    assert.equal(hashTree(seedDir), seedHash, `lede ${args.join(' ')} left articles/ untouched`);
    assert.equal(hashTree(temp.dir), hostileHash, `lede ${args.join(' ')} left the hostile folder untouched`);
  }
});

test('a reader that closes the pipe early (lede show | head) is not an error', () => {
  // Far more than a pipe buffer, so lede is still writing when head has gone.
  const big = join(temp.dir, 'big.txt');
  writeFileSync(big, `A long article\n\n${'All work and no play. '.repeat(100_000)}\n`);
  try {
    const result = spawnSync('bash', ['-c', `set -o pipefail; node ${JSON.stringify(cliPath)} show --json ${JSON.stringify(big)} | head -c 10`], {
      encoding: 'utf8',
    });
    assert.equal(result.stderr, '', 'nothing on stderr');
    assert.equal(result.status, 0);
  } finally {
    rmSync(big);
  }
});

test('search: @name keeps only the articles that mention that entity, through the entity cache', () => {
  const cache = makeTempDir('lede-e2e-cache-');
  try {
    const env = { LEDE_CACHE_DIR: cache.dir };
    const titles = (args: string[]) => {
      const { status, stdout, stderr } = lede(['search', ...args, '--json'], repoRoot, env);
      // Nothing found: exit 1 and nothing on stdout, as grep.
      if (status === 1 && stdout === '') return [];
      assert.equal(status, 0, stderr);
      return (JSON.parse(stdout) as { results: { title: string }[] }).results.map((r) => r.title).sort();
    };
    assert.deepEqual(titles(['@netanyahu']), [seedTitles[1]]);
    assert.deepEqual(titles(['iran']), [...seedTitles].sort(), 'both articles mention Iran…');
    assert.deepEqual(titles(['iran @netanyahu']), [seedTitles[1]], '…one of them Netanyahu');
    // Several @names: articles mentioning all of them (both name Putin).
    assert.deepEqual(titles(['@putin']), [...seedTitles].sort());
    assert.deepEqual(titles(['@putin @netanyahu']), [seedTitles[1]]);
    assert.deepEqual(titles(['@netanyahu @qqzzxxwwvv']), []);
    assert.equal(readdirSync(join(cache.dir, 'entities')).filter((f) => f.endsWith('.json')).length, seedTitles.length, 'the entity cache was used');
  } finally {
    cache.remove();
  }
});

test('search: a query with control characters is not echoed raw', () => {
  const { status, stdout, stderr } = lede(['search', '\x1b[31mqqzzxxwwvv\x07\x1b]0;title\x07'], repoRoot);
  assert.equal(status, 1, 'nothing found');
  assert.equal(stdout, '');
  assert.match(stderr, /no article matches/);
  assert.match(stderr, /qqzzxxwwvv/);
  assert.doesNotMatch(stderr.trimEnd(), forbiddenInOutput, JSON.stringify(stderr));
});
