// Slow tier: second starts over a generated library, ~5 s of CPU.
// `lede search` over a library it searched before reads the search index saved beside the library
// cache instead of building it, and prints exactly what a search without any cache prints; a
// saved index that is not what lede wrote is rebuilt, said in one line, the results unchanged.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTempDir } from './fixtures';
import { cliPath, repoRoot } from './terminal';

const temp = makeTempDir('lede-e2e-search-warm-');
const tree = join(temp.dir, 'articles');
const cacheRoot = join(temp.dir, 'cache');
const libraryDir = join(cacheRoot, 'library');
const QUERIES = ['moscow hours', '"nothing was signed"', 'headline 7', "'talk"];

function lede(args: string[], cache: string) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', LEDE_CACHE_DIR: cache },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(() => {
  mkdirSync(tree);
  // Old enough to be trusted by their times (a file written a moment ago is read again each start).
  const past = Date.now() / 1000 - 3600;
  for (let i = 0; i < 60; i++) {
    const path = join(tree, `${String(i).padStart(3, '0')}.txt`);
    writeFileSync(path, `Headline ${i} about Moscow\n\nThe talks in Moscow went on for ${i % 7} hours.\n\n${i % 3 === 0 ? 'Nothing was signed.' : 'A statement followed.'}`);
    utimesSync(path, past, past);
  }
});
after(() => temp.remove());

const searches = (cache: string) => QUERIES.map((q) => lede(['search', q, tree, '--json', '--limit', '50'], cache));
const indexFile = () => join(libraryDir, readdirSync(libraryDir).find((n) => n.endsWith('.search'))!);

test('a second search reads the saved index and prints what an uncached search prints', () => {
  // A cache directory under a plain file cannot be made: those searches have no cache at all.
  writeFileSync(join(temp.dir, 'plain-file'), '');
  const uncached = searches(join(temp.dir, 'plain-file', 'cache')).map((r) => r.stdout);
  const first = searches(cacheRoot);
  assert.deepEqual(first.map((r) => r.stdout), uncached);
  const file = indexFile();
  const written = { ino: statSync(file).ino, bytes: readFileSync(file) };
  const second = searches(cacheRoot);
  assert.deepEqual(second.map((r) => r.stdout), uncached);
  assert.deepEqual(second.map((r) => r.stderr), first.map((r) => r.stderr));
  // Read, not rebuilt: the file is the one the first search wrote.
  assert.equal(statSync(file).ino, written.ino);
  assert.ok(readFileSync(file).equals(written.bytes));
});

test('a saved index with a byte changed is rebuilt, said in one line, and the results are the same', () => {
  const expected = searches(cacheRoot).map((r) => r.stdout);
  const file = indexFile();
  const bytes = readFileSync(file);
  bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x01;
  writeFileSync(file, bytes);
  const [first, ...rest] = searches(cacheRoot);
  assert.equal(first!.stdout, expected[0]);
  assert.match(first!.stderr, /^lede: search index cache: ignored .* \(bytes changed since written\); rebuilt$/m);
  assert.equal(first!.stderr.split('\n').filter((l) => l.includes('search index cache')).length, 1);
  // Rebuilt and saved again: the next searches say nothing.
  assert.deepEqual(rest.map((r) => r.stdout), expected.slice(1));
  for (const r of rest) assert.doesNotMatch(r.stderr, /search index cache/);
});
