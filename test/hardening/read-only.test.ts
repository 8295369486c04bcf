// Slow tier: every subcommand run over read-only trees and checked byte for byte after, ~4 s of CPU.
// Read-only proof: every CLI subcommand, run on a temporary article tree, leaves every byte, mode
// and modification time of the tree as it was; the entity cache goes to its own directory.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot, tempDir } from './support';

const cli = join(repoRoot, 'dist', 'cli.js');
let tree = '';
let cache = '';

/** One line per entry: path, type, mode, size, mtime (ns), and a hash of the contents or link target. */
function snapshot(root: string): string {
  const rows: string[] = [];
  const visit = (path: string): void => {
    const stats = lstatSync(path, { bigint: true });
    const rel = relative(root, path) || '.';
    let digest = '';
    if (stats.isFile()) digest = createHash('sha256').update(readFileSync(path)).digest('hex');
    else if (stats.isSymbolicLink()) digest = `-> ${readlinkSync(path)}`;
    rows.push(`${rel} ${stats.mode.toString(8)} ${stats.size} ${stats.mtimeNs} ${stats.ctimeNs} ${digest}`);
    if (stats.isDirectory()) for (const name of readdirSync(path).sort()) visit(join(path, name));
  };
  visit(root);
  return rows.join('\n');
}

before(() => {
  tree = tempDir('tree');
  cache = tempDir('cache');
  const files: Record<string, string | Buffer> = {
    'one.txt': 'Netanyahu meets Shoigu in Moscow\n\nBenjamin Netanyahu met Sergei Shoigu in Moscow on Tuesday, Reuters reported.',
    'two.md': '# Talks in Damascus\n\nThe United Nations envoy said talks in Damascus would continue.',
    'nested/three.json': JSON.stringify({ title: 'Syria and Israel', text: 'Israel and Syria traded fire near the Golan Heights.' }),
    'nested/feed.jsonl': `${JSON.stringify({ title: 'Feed one', text: 'Angela Merkel spoke in Berlin.' })}\n{broken\n`,
    'latin1.txt': Buffer.from('Zürich\n\nÇa va à Zürich.', 'latin1'),
    'escapes.txt': '\x1b]0;owned\x07Title\n\n\x1b[2J body',
    'binary.txt': Buffer.from([0, 1, 2, 0, 255]),
    'empty.txt': '',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(tree, path, '..'), { recursive: true });
    writeFileSync(join(tree, path), content);
  }
  symlinkSync('one.txt', join(tree, 'link.txt'));
  // Old, distinct mtimes, so an rewrite (even of identical bytes) would show.
  const old = new Date('2001-02-03T04:05:06Z');
  for (const path of Object.keys(files)) utimesSync(join(tree, path), old, old);
});

after(() => {
  rmSync(tree, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

const runs: { name: string; args: (tree: string) => string[] }[] = [
  { name: 'list', args: (t) => ['list', t] },
  { name: 'list --json', args: (t) => ['list', t, '--json'] },
  { name: 'show', args: (t) => ['show', join(t, 'one.txt')] },
  { name: 'show --json', args: (t) => ['show', join(t, 'nested', 'three.json'), '--json'] },
  { name: 'show of a JSONL record', args: (t) => ['show', `${join(t, 'nested', 'feed.jsonl')}#1`, '--width', '40'] },
  { name: 'search', args: (t) => ['search', 'netanyhau', t] },
  { name: 'search --json', args: (t) => ['search', "'damascus | golan", t, '--json', '--limit', '5'] },
  { name: 'entities', args: (t) => ['entities', t] },
  { name: 'entities --json', args: (t) => ['entities', t, '--json'] },
];

describe('read-only', () => {
  test('the built CLI exists (npm test builds it first)', () => {
    assert.ok(existsSync(cli), `${cli} is missing: run npm run build`);
  });

  test('the entity cache directory is not inside the article tree', () => {
    const realTree = realpathSync(tree);
    const realCache = realpathSync(cache);
    assert.ok(relative(realTree, realCache).startsWith('..'), `${realCache} is inside ${realTree}`);
  });

  for (const run of runs) {
    test(`lede ${run.name} leaves the article tree exactly as it was`, { timeout: 60_000 }, () => {
      const before = snapshot(tree);
      const result = spawnSync(process.execPath, [cli, ...run.args(tree)], {
        encoding: 'utf8',
        timeout: 50_000,
        env: { ...process.env, LEDE_CACHE_DIR: cache, XDG_CACHE_HOME: join(cache, 'xdg'), FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      assert.equal(result.error, undefined, String(result.error));
      assert.equal(result.status, 0, `exit ${result.status}: ${result.stderr}`);
      assert.ok(result.stdout.length > 0, 'it printed something');
      if (run.name.endsWith('--json')) assert.doesNotThrow(() => JSON.parse(result.stdout), 'the JSON parses');
      assert.equal(snapshot(tree), before, `lede ${run.name} changed the article tree`);
    });
  }

  test('the entity commands wrote their cache where LEDE_CACHE_DIR says, not into the tree', () => {
    const written = readdirSync(cache, { recursive: true }).filter((p) => String(p).endsWith('.json'));
    assert.ok(written.length > 0, 'the entity cache was written to LEDE_CACHE_DIR');
  });
});
