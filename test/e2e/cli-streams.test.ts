// Slow tier: pipes, signals and large outputs of the built CLI, ~8 s of CPU.
// The built CLI behaves like grep in a pipeline: data on stdout, diagnostics on stderr (so
// 2>/dev/null leaves only data), exit 1 with an empty stdout when a search finds nothing, -h and
// -v, unknown options quoted as typed, matches highlighted on a terminal only, and paths printed
// as they were given.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadLibrary } from '../../source/core/load';
import { readingKey } from '../../source/core/reading';
import { makeTempDir } from './fixtures';
import { cliPath, repoRoot, startLede } from './terminal';

function lede(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', ...options.env },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temp = makeTempDir('lede-e2e-streams-');
const news = join(temp.dir, 'news');
const state = join(temp.dir, 'state');

const articles: Record<string, string> = {
  'golan.txt': 'Golan heights talks\n\nIsrael and Syria talk about the Golan. The Angolan envoy listened.\n',
  'prime.txt': 'A prime minister speaks\n\nThe prime minister of Israel met the press on Monday.\n',
  'scattered.txt': 'Minister of state\n\nThe minister said the prime cost of bread had risen.\n',
  'angola.txt': 'Angolan oil\n\nAngolan exports rose in May.\n',
};

before(() => {
  mkdirSync(news);
  mkdirSync(state);
  for (const [name, text] of Object.entries(articles)) writeFileSync(join(news, name), text);
  writeFileSync(join(news, 'broken.txt'), Buffer.from([0, 1, 2, 0, 65]));
});
after(() => {
  temp.remove();
});

const inNews = { cwd: temp.dir, env: { LEDE_STATE_DIR: state } };

test('list: the rows on stdout, the skipped files on stderr', () => {
  const { status, stdout, stderr } = lede(['list', 'news'], inNews);
  assert.equal(status, 0, stderr);
  const rows = stdout.trimEnd().split('\n');
  assert.equal(rows.length, 4, stdout);
  for (const row of rows) assert.match(row, /^news\/\w+\.txt\t\d+\t\S/, 'every stdout line is a row');
  assert.equal(stderr, 'lede: 1 skipped: news/broken.txt (binary (NUL bytes))\n');
});

test('search: results on stdout; how many more and skipped files on stderr', () => {
  const { status, stdout, stderr } = lede(['search', 'israel', 'news', '--limit', '1'], inNews);
  assert.equal(status, 0, stderr);
  const blocks = stdout.trimEnd().split('\n\n');
  assert.equal(blocks.length, 1, stdout);
  assert.match(blocks[0]!, /^(Golan heights talks|A prime minister speaks)\n {2}news\/\w+\.txt\n {2}.*Israel/);
  assert.doesNotMatch(stdout, /more|skipped|--limit/);
  assert.equal(stderr, 'lede: 1 skipped: news/broken.txt (binary (NUL bytes))\nlede: 1 more; --limit N shows more\n');
});

test('entities and mentions: their data on stdout, the skipped files on stderr', () => {
  for (const args of [['entities', 'news'], ['entities', 'news', '--json'], ['mentions', 'golan', 'news'], ['mentions', 'golan', 'news', '--csv']]) {
    const { status, stdout, stderr } = lede(args, inNews);
    assert.equal(status, 0, `lede ${args.join(' ')}: ${stderr}`);
    assert.equal(stderr, 'lede: 1 skipped: news/broken.txt (binary (NUL bytes))\n', `lede ${args.join(' ')}`);
    assert.doesNotMatch(stdout, /skipped|broken/, `lede ${args.join(' ')}: no diagnostic in the data`);
    if (args.includes('--json')) JSON.parse(stdout);
  }
});

test('search with no match: exit 1, nothing on stdout, one line on stderr (plain and --json)', () => {
  for (const json of [false, true]) {
    const args = ['search', 'qqzzxxwwvv', 'news', ...(json ? ['--json'] : [])];
    const { status, stdout, stderr } = lede(args, inNews);
    assert.equal(status, 1, `lede ${args.join(' ')}: ${stderr}`);
    assert.equal(stdout, '');
    assert.match(stderr, /^lede: 1 skipped: .*\nlede: no article matches “qqzzxxwwvv”\n$/);
  }
});

test('search syntax from the command line: a "phrase", a \'word\' and a \'substring', () => {
  const titles = (query: string) => {
    const { status, stdout } = lede(['search', query, 'news', '--json'], inNews);
    if (status === 1) return [];
    assert.equal(status, 0);
    return (JSON.parse(stdout) as { results: { title: string }[] }).results.map((r) => r.title).sort();
  };
  assert.deepEqual(titles('"prime minister"'), ['A prime minister speaks']);
  assert.deepEqual(titles("'golan'"), ['Golan heights talks']);
  assert.deepEqual(titles("'golan"), ['Angolan oil', 'Golan heights talks']);
});

test('-h and --help print the help with the query syntax; -v and --version the version; both on stdout', () => {
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  for (const flag of ['-h', '--help']) {
    const { status, stdout, stderr } = lede([flag]);
    assert.equal(status, 0, stderr);
    assert.equal(stderr, '');
    assert.match(stdout, /Usage\n/);
    assert.match(stdout, /"prime minister"\s+these words in this order/);
    assert.match(stdout, /'golan'\s+exactly this word/);
    assert.match(stdout, /--sort KEY/);
  }
  for (const flag of ['-v', '--version']) {
    const { status, stdout } = lede([flag]);
    assert.equal(status, 0);
    assert.equal(stdout.trim(), version);
  }
});

test('an unknown option is quoted as it was typed, on stderr, exit 2', () => {
  for (const typed of ['--josn', '-x', '--widht=40', '-Lq', '--no-such-flag']) {
    const { status, stdout, stderr } = lede(['list', typed]);
    assert.equal(status, 2, `${typed}: ${stderr}`);
    assert.equal(stdout, '');
    assert.equal(stderr, `lede: unknown option '${typed}' (see lede --help)\n`);
  }
  // A negative number and what follows `--` are values, not options.
  assert.match(lede(['show', 'x.txt', '--width', '-5']).stderr, /--width/);
  assert.equal(lede(['search', '--', '-qqzzxxwwvv', 'articles']).status, 1);
  // A list-only option elsewhere says where it goes.
  assert.match(lede(['search', 'iran', '--sort', 'date']).stderr, /--sort goes with lede list/);
});

test('list --sort, --reverse, --unread, --flagged and --json read/flagged, from the read state the reader keeps', async () => {
  const library = await loadLibrary([join(news)]);
  const key = (name: string) => readingKey(library.articles.find((a) => a.path.endsWith(name))!);
  const at = '2026-12-01T10:00:00.000Z';
  const stateDir = join(temp.dir, 'marked');
  mkdirSync(stateDir);
  const file = join(stateDir, 'read-state.json');
  const saved = JSON.stringify({
    version: 1,
    articles: { [key('golan.txt')]: { read: true, flagged: true, at }, [key('prime.txt')]: { read: true, at } },
  });
  writeFileSync(file, saved);
  const run = (...args: string[]) => {
    const result = lede(['list', 'news', ...args], { cwd: temp.dir, env: { LEDE_STATE_DIR: stateDir } });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  };
  const names = (stdout: string) => stdout.trimEnd().split('\n').map((row) => row.split('\t')[0]);
  assert.deepEqual(names(run('--sort', 'title')), ['news/prime.txt', 'news/angola.txt', 'news/golan.txt', 'news/scattered.txt']);
  assert.deepEqual(names(run('--sort', 'title', '--reverse')), ['news/scattered.txt', 'news/golan.txt', 'news/angola.txt', 'news/prime.txt']);
  assert.deepEqual(names(run('--unread')), ['news/angola.txt', 'news/scattered.txt']);
  assert.deepEqual(names(run('--flagged')), ['news/golan.txt']);
  const json = JSON.parse(run('--json')) as { articles: { path: string; read: boolean; flagged: boolean }[] };
  assert.deepEqual(
    json.articles.map(({ path, read, flagged }) => [path, read, flagged]),
    [
      ['news/angola.txt', false, false],
      ['news/golan.txt', true, true],
      ['news/prime.txt', true, false],
      ['news/scattered.txt', false, false],
    ],
  );
  assert.equal(readFileSync(file, 'utf8'), saved, 'list only reads the read state');
  const bad = lede(['list', 'news', '--sort', 'size'], inNews);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, "lede: --sort takes path, date, title, words, not 'size'\n");
});

test('paths are printed as given, the same way by list, search, entities and mentions', () => {
  for (const given of ['news', join(temp.dir, 'news')]) {
    const expected = join(given, 'golan.txt');
    const outputs = {
      list: lede(['list', given], inNews).stdout,
      listJson: lede(['list', given, '--json'], inNews).stdout,
      search: lede(['search', 'golan', given], inNews).stdout,
      searchJson: lede(['search', 'golan', given, '--json'], inNews).stdout,
      entities: lede(['entities', given], inNews).stdout,
      mentions: lede(['mentions', 'golan', given, '--csv'], inNews).stdout,
    };
    for (const [command, stdout] of Object.entries(outputs)) {
      assert.ok(stdout.includes(expected), `${command} names ${expected}: ${stdout.slice(0, 300)}`);
      if (given === 'news') assert.ok(!stdout.includes(temp.dir), `${command} keeps a relative path relative`);
    }
  }
});

test('search highlights matches only where asked: FORCE_COLOR, never under NO_COLOR or down a pipe', () => {
  const match = '\x1b[1;31mGolan\x1b[22;39m';
  const colored = lede(['search', 'golan', 'news'], { ...inNews, env: { ...inNews.env, FORCE_COLOR: '1' } }).stdout;
  assert.ok(colored.includes(match), JSON.stringify(colored));
  const plain = lede(['search', 'golan', 'news'], inNews);
  assert.doesNotMatch(plain.stdout, /\x1b/);
  const noColor = lede(['search', 'golan', 'news'], { ...inNews, env: { ...inNews.env, FORCE_COLOR: '1', NO_COLOR: '1' } });
  assert.doesNotMatch(noColor.stdout, /\x1b/);
  assert.equal(noColor.stdout, plain.stdout, 'the same text, only without colour');
  const json = lede(['search', 'golan', 'news', '--json'], { ...inNews, env: { ...inNews.env, FORCE_COLOR: '1' } });
  assert.doesNotMatch(json.stdout, /\x1b/, '--json is never coloured');
});

/** The cells of `word` on screen, as bold and red (palette colour 1) or not. */
function wordStyles(t: ReturnType<typeof startLede>, word: string): { bold: boolean; red: boolean }[] {
  const buffer = t.term.buffer.active;
  const styles: { bold: boolean; red: boolean }[] = [];
  for (let y = 0; y < buffer.length; y++) {
    const line = buffer.getLine(y);
    const text = line?.translateToString(true) ?? '';
    for (let x = text.indexOf(word); x >= 0; x = text.indexOf(word, x + 1)) {
      const cell = line!.getCell(x)!;
      styles.push({ bold: cell.isBold() !== 0, red: cell.isFgPalette() && cell.getFgColor() === 1 });
    }
  }
  return styles;
}

test('in a terminal, search draws its matches bold red, and nothing else; NO_COLOR draws them plain', async () => {
  for (const noColor of [false, true]) {
    const t = startLede(['search', 'golan', news], { env: { FORCE_COLOR: undefined, NO_COLOR: noColor ? '1' : undefined } });
    try {
      assert.equal((await t.exited()).exitCode, 0);
      const golan = wordStyles(t, 'Golan');
      assert.ok(golan.length >= 2, `title and snippet: ${t.normalBuffer().join('\n')}`);
      const expected = noColor ? { bold: false, red: false } : { bold: true, red: true };
      for (const style of golan) assert.deepEqual(style, expected);
      for (const style of wordStyles(t, 'Syria')) assert.equal(style.red, false, 'a word that did not match is not red');
    } finally {
      await t.dispose();
    }
  }
});
