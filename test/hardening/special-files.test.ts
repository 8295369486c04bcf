// Slow tier: FIFOs, blocking /proc files and links out of the tree, through the loader and the CLI, ~3 s of CPU.
// Files that could make a reader hang or leave the tree it was given: FIFOs, a file swapped for a
// FIFO between the walk and the read, /proc/kmsg (a "regular" file that blocks), links to / and
// /proc. Everything that could hang runs in a child process under a hang guard (a blocked read
// would freeze this process, and its own test timeout with it), killed with SIGKILL.
import assert from 'node:assert/strict';
import { accessSync, constants, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot, tempDir } from './support';
import { TS_LOADER_ARGS } from '../helpers/ts-loader-args';

const cli = join(repoRoot, 'dist', 'cli.js');
const HANG_GUARD_MS = 30_000;
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;

let root = '';
before(() => {
  root = tempDir('special');
});
after(() => rmSync(root, { recursive: true, force: true }));

let caseNumber = 0;
function folder(files: Record<string, string>): string {
  const dir = join(root, `case-${++caseNumber}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command; fails the test, rather than hanging it, when the command does not finish. */
function guarded(command: string, args: string[]): Finished {
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: HANG_GUARD_MS,
    killSignal: 'SIGKILL',
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0' },
  });
  assert.equal(result.signal, null, `${[command, ...args].join(' ').slice(0, 200)} hung (killed after ${HANG_GUARD_MS} ms); stderr: ${result.stderr}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An ES module run with the loader from source; its last line of output is JSON. */
function childScript(lines: string[]): unknown {
  const script = [
    "import { loadLibrary } from './source/core/load/index.ts';",
    "import { spawnSync } from 'node:child_process';",
    "import * as fs from 'node:fs';",
    ...lines,
  ].join('\n');
  const result = guarded(process.execPath, [...TS_LOADER_ARGS, '--input-type=module', '-e', script]);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? 'null');
}

function lede(args: string[]): { status: number | null; json: { articles: { path: string; title: string }[]; skipped: { path: string; reason: string }[] } } {
  const result = guarded(process.execPath, [cli, ...args]);
  assert.equal(result.status, 0, result.stderr);
  return { status: result.status, json: JSON.parse(result.stdout) };
}

const relativeTo = (dir: string) => (entry: { path: string; reason?: string; title?: string }) => [entry.path.slice(dir.length + 1), entry.reason ?? entry.title];

describe('FIFOs', { skip: !hasMkfifo && 'no mkfifo' }, () => {
  test('a file swapped for a FIFO between the walk and the read is skipped, not waited on', () => {
    const dir = folder({ 'a.txt': 'Stays\n\nA file.', 'b.txt': 'Swapped\n\nBecomes a FIFO.', 'c.jsonl': '{"title":"Swapped too"}', 'named.md': '# Named\n\nOn the command line.' });
    const result = childScript([
      `const dir = ${JSON.stringify(dir)};`,
      'let swapped = false;',
      "const library = await loadLibrary([dir, dir + '/named.md'], { onProgress: (done) => {",
      '  if (done !== 0 || swapped) return;',
      '  swapped = true;',
      "  for (const name of ['b.txt', 'c.jsonl', 'named.md']) { fs.unlinkSync(dir + '/' + name); spawnSync('mkfifo', [dir + '/' + name]); }",
      '} });',
      'console.log(JSON.stringify({ swapped, articles: library.articles.map((a) => a.title), skipped: library.skipped }));',
    ]) as { swapped: boolean; articles: string[]; skipped: { path: string; reason: string }[] };
    assert.ok(result.swapped);
    assert.deepEqual(result.articles, ['Stays']);
    assert.deepEqual(result.skipped.map(relativeTo(dir)), [
      ['b.txt', 'not a regular file'],
      ['c.jsonl', 'not a regular file'],
      ['named.md', 'not a regular file'],
    ]);
  });

  test('a FIFO named on the command line is read as its writer writes, without holding the event loop', () => {
    const dir = folder({});
    const fifo = join(dir, 'pipe');
    spawnSync('mkfifo', [fifo]);
    const result = childScript([
      `const fifo = ${JSON.stringify(fifo)};`,
      'const turn = () => new Promise((resolve) => setImmediate(resolve));',
      'const loading = loadLibrary([fifo]);',
      // The test is its own writer: it can only write because the loader, waiting, leaves it turns.
      'let writer;',
      'for (let turns = 0; writer === undefined; turns++) {',
      '  await turn();',
      "  try { writer = fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK); } catch (error) { if (error.code !== 'ENXIO' || turns > 100000) throw error; }",
      '}',
      'for (let i = 0; i < 20; i++) await turn();',
      "fs.writeSync(writer, 'Piped title\\n\\nFirst half, ');",
      'for (let i = 0; i < 20; i++) await turn();',
      "fs.writeSync(writer, 'second half.');",
      'fs.closeSync(writer);',
      'const library = await loading;',
      'console.log(JSON.stringify(library.articles.map((a) => [a.title, a.text])));',
    ]);
    assert.deepEqual(result, [['Piped title', 'First half, second half.']]);
  });

  test('`lede list <(…)`: a pipe from process substitution is read', { skip: !hasBash && 'no bash' }, () => {
    const result = guarded('bash', ['-c', `exec "${process.execPath}" "${cli}" list --json <(sleep 0.2; printf 'From a pipe\\n\\nSlowly written.')`]);
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as { articles: { title: string }[] };
    assert.deepEqual(json.articles.map((a) => a.title), ['From a pipe']);
  });
});

const kmsgReadable = (() => {
  try {
    accessSync('/proc/kmsg', constants.R_OK);
    return existsSync('/proc/kmsg');
  } catch {
    return false;
  }
})();

describe('/proc/kmsg, a "regular" file of size 0 whose read blocks', { skip: !kmsgReadable && '/proc/kmsg is not readable here' }, () => {
  test('named on the command line, or through a link with --follow, it is skipped; the CLI exits', () => {
    const named = lede(['list', '--json', '/proc/kmsg']);
    assert.deepEqual(named.json.skipped, [{ path: '/proc/kmsg', reason: 'reading it would block' }]);
    const dir = folder({ 'a.txt': 'A\n\nAn article.' });
    symlinkSync('/proc/kmsg', join(dir, 'kmsg.txt'));
    const followed = lede(['list', '--json', '-L', dir]);
    assert.deepEqual(followed.json.articles.map(relativeTo(dir)), [['a.txt', 'A']]);
    assert.deepEqual(followed.json.skipped.map(relativeTo(dir)), [['kmsg.txt', 'reading it would block']]);
    const notFollowed = lede(['list', '--json', dir]);
    assert.deepEqual(notFollowed.json.skipped.map(relativeTo(dir)), [['kmsg.txt', 'link leaves the folders given']]);
  });
});

describe('links out of the tree', () => {
  test('links to / and /proc inside a folder are listed, not walked', () => {
    const dir = folder({ 'a.txt': 'A\n\nAn article.', 'sub/b.md': '# B\n\nAnother.' });
    symlinkSync('/', join(dir, 'root'));
    symlinkSync('/proc', join(dir, 'sub', 'proc'));
    symlinkSync('sub', join(dir, 'z-inside')); // inside the tree: followed, and sub is read once
    const { json } = lede(['list', '--json', dir]);
    assert.deepEqual(json.articles.map(relativeTo(dir)), [['a.txt', 'A'], ['sub/b.md', 'B']]);
    assert.deepEqual(json.skipped.map(relativeTo(dir)), [
      ['root', 'link leaves the folders given'],
      ['sub/proc', 'link leaves the folders given'],
    ]);
  });
});
