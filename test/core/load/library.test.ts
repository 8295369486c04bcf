import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { chmod, lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { libraryFromBytes, loadLibrary } from '../../../source/core/load/library.js';
import { readFileCapped, readStreamCapped } from '../../../source/core/load/read-capped.js';
import { readFileCappedSync } from '../../helpers/read-sync.js';
import { readErrorReason } from '../../../source/core/load/walk.js';
import { makeTree } from './tmp-tree.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const isRoot = process.getuid?.() === 0;

describe('loadLibrary', () => {
  test('reads every format, in walk order, and skips bad files with a short reason', async () => {
    const { root, cleanup } = await makeTree({
      'a.txt': 'Text title\n\nBody.',
      'b.md': '# Markdown title\n\nBody.',
      'c.json': JSON.stringify([{ title: 'J1', text: 'x' }, { title: 'J2', text: 'y' }]),
      'd.jsonl': '{"title":"L1","text":"x"}\n',
      'e.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
      'f.txt': '',
      'g.txt': '  \n\n ',
      'h.json': '{"title": ',
      'i.txt': new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a]), // Latin-1 "Café"
    });
    try {
      const progress: Array<[number, number]> = [];
      const library = await loadLibrary([root], { onProgress: (done, total) => progress.push([done, total]) });
      assert.equal(library.label, root);
      assert.deepEqual(library.articles.map((a) => [relative(root, a.id), a.title, a.format]), [
        ['a.txt', 'Text title', 'txt'],
        ['b.md', 'Markdown title', 'md'],
        ['c.json#1', 'J1', 'json'],
        ['c.json#2', 'J2', 'json'],
        ['d.jsonl#1', 'L1', 'jsonl'],
        ['i.txt', 'Café', 'txt'],
      ]);
      assert.deepEqual(library.articles.at(-1)?.notes, ['not valid UTF-8; read as Windows-1252']);
      assert.deepEqual(library.skipped.map((s) => [relative(root, s.path), s.reason]), [
        ['e.txt', 'binary (NUL bytes)'],
        ['f.txt', 'empty'],
        ['g.txt', 'empty'],
        ['h.json', 'invalid JSON'],
      ]);
      assert.deepEqual(progress[0], [0, 9]);
      assert.deepEqual(progress.at(-1), [9, 9]);
      assert.equal(progress.length, 10);
    } finally {
      await cleanup();
    }
  });

  test('an unreadable file is skipped as "permission denied", never fatal', { skip: isRoot && 'root reads anything' }, async () => {
    const { root, cleanup } = await makeTree({ 'locked.txt': 'secret', 'open.txt': 'Open\n\nfine' });
    try {
      await chmod(join(root, 'locked.txt'), 0o000);
      const library = await loadLibrary([root]);
      assert.deepEqual(library.articles.map((a) => a.title), ['Open']);
      assert.deepEqual(library.skipped.map((s) => [relative(root, s.path), s.reason]), [['locked.txt', 'permission denied']]);
    } finally {
      await chmod(join(root, 'locked.txt'), 0o600);
      await cleanup();
    }
  });

  test('skip reasons for read errors are short and human', async () => {
    const { root, cleanup } = await makeTree({ 'dir/': '' });
    try {
      const reasonFor = (error: unknown) => readErrorReason(error);
      assert.equal(reasonFor(await readFileCapped(join(root, 'dir'), 100).catch((e: unknown) => e)), 'is a directory');
      assert.equal(reasonFor(captureError(() => readFileCappedSync(join(root, 'dir'), 100))), 'is a directory');
      assert.equal(reasonFor(captureError(() => readFileCappedSync(join(root, 'missing'), 100))), 'not found');
      assert.equal(reasonFor({ code: 'EACCES' }), 'permission denied');
      assert.equal(reasonFor({ code: 'EWEIRD' }), 'unreadable (EWEIRD)');
    } finally {
      await cleanup();
    }
  });

  test('a pipe named on the command line is read; a pipe inside a folder is never opened', { skip: !hasMkfifo() && 'no mkfifo' }, async () => {
    const { root, cleanup } = await makeTree({ 'dir/a.txt': 'A\n\nbody' });
    try {
      spawnSync('mkfifo', [join(root, 'dir', 'pipe.txt'), join(root, 'named')]);
      const writer = spawn('sh', ['-c', `printf 'Piped title\\n\\nPiped body' > "${join(root, 'named')}"`]);
      const library = await loadLibrary([join(root, 'named'), join(root, 'dir')]);
      assert.deepEqual(library.articles.map((a) => [relative(root, a.path), a.title, a.text]), [
        ['named', 'Piped title', 'Piped body'],
        ['dir/a.txt', 'A', 'body'],
      ]);
      writer.kill();
    } finally {
      await cleanup();
    }
  });

  test('a file over the cap is read up to the cap with a note', async () => {
    const { root, cleanup } = await makeTree({ 'big.txt': 'Big title\n\n' + 'word '.repeat(1000) + '\n\nTAIL-MARKER' });
    try {
      const library = await loadLibrary([join(root, 'big.txt')], { maxFileBytes: 2048 });
      const [article] = library.articles;
      assert.deepEqual(article?.notes, ['truncated at 2 KiB']);
      assert.ok(!article.text.includes('TAIL-MARKER'));
      assert.ok(article.words > 300 && article.words < 410);
      const whole = await loadLibrary([join(root, 'big.txt')]);
      assert.deepEqual(whole.articles[0]?.notes, []);
      assert.ok(whole.articles[0]?.text.endsWith('TAIL-MARKER'));
    } finally {
      await cleanup();
    }
  });

  test('the default cap is 16 MiB', async () => {
    const { root, cleanup } = await makeTree({ 'huge.txt': 'Huge\n\n' + 'x'.repeat(16 * 1024 * 1024) });
    try {
      const library = await loadLibrary([root]);
      assert.deepEqual(library.articles[0]?.notes, ['truncated at 16 MiB']);
      assert.equal(library.articles[0]?.text.length, 16 * 1024 * 1024 - 'Huge\n\n'.length);
    } finally {
      await cleanup();
    }
  });

  test('a label for several paths, and an explicitly named file of any extension is sniffed', async () => {
    const { root, cleanup } = await makeTree({ 'NOTES': '---\ntitle: From front matter\n---\nbody', 'data.log': '[{"title":"From JSON"}]' });
    try {
      const library = await loadLibrary([join(root, 'NOTES'), join(root, 'data.log')]);
      assert.equal(library.label, '2 paths');
      assert.deepEqual(library.articles.map((a) => [a.title, a.format]), [['From front matter', 'md'], ['From JSON', 'json']]);
    } finally {
      await cleanup();
    }
  });

  test('writes nothing: the tree hashes the same before and after loading', async () => {
    const { root, cleanup } = await makeTree(
      {
        'a.txt': 'A\n\nbody',
        'sub/b.md': '# B\n\nbody',
        'sub/c.json': '{"title":"C"}',
        'bin.txt': new Uint8Array([0, 1, 2]),
        '.hidden/x.txt': 'x',
      },
      { 'sub/loop': '..' },
    );
    try {
      const before = await hashTree(root);
      const library = await loadLibrary([root]);
      assert.equal(library.articles.length, 3);
      assert.equal(await hashTree(root), before);
    } finally {
      await cleanup();
    }
  });
});

describe('libraryFromBytes and readStreamCapped (standard input)', () => {
  test('sniffs JSON, JSON Lines, markdown and plain text', () => {
    const titles = (text: string) => libraryFromBytes('-', utf8(text)).articles.map((a) => a.title);
    assert.deepEqual(titles('  [{"title":"J"}]'), ['J']);
    assert.deepEqual(titles('{"title":"L1"}\n{"title":"L2"}\n'), ['L1', 'L2']);
    assert.deepEqual(titles('Intro\n\n# Heading *one*\n\nbody'), ['Heading one']);
    assert.deepEqual(titles('---\ntitle: FM\n---\nbody'), ['FM']);
    assert.deepEqual(titles('[Photo] caption line\n\n*not* markdown'), ['[Photo] caption line']);
  });

  test('standard input is labelled and formatted as such; an explicit format wins over sniffing', () => {
    const library = libraryFromBytes('-', utf8('# Not a heading\n\nbody'), 'txt');
    assert.equal(library.label, 'standard input');
    assert.deepEqual(library.articles.map((a) => [a.id, a.path, a.format, a.title]), [['-', '-', 'stdin', '# Not a heading']]);
  });

  test('binary or empty input is a skip with a reason, not an error', () => {
    assert.deepEqual(libraryFromBytes('-', new Uint8Array([0, 0, 1])), { label: 'standard input', articles: [], skipped: [{ path: '-', reason: 'binary (NUL bytes)' }] });
    assert.deepEqual(libraryFromBytes('-', new Uint8Array()).skipped, [{ path: '-', reason: 'empty' }]);
  });

  test('readStreamCapped stops at the cap and says so; the note follows', async () => {
    const capped = await readStreamCapped(Readable.from([Buffer.from('Title\n\nab'), Buffer.from('cdef')]), 10);
    assert.equal(Buffer.from(capped.bytes).toString(), 'Title\n\nabc');
    assert.equal(capped.truncated, true);
    const library = libraryFromBytes('-', capped.bytes, undefined, { truncatedAt: 10 });
    assert.deepEqual(library.articles[0]?.notes, ['truncated at 10 bytes']);
    const whole = await readStreamCapped(Readable.from([Buffer.from('abc')]), 10);
    assert.deepEqual([Buffer.from(whole.bytes).toString(), whole.truncated], ['abc', false]);
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function hasMkfifo(): boolean {
  return spawnSync('mkfifo', ['--version']).status === 0;
}

/** Paths, types, modes, sizes, mtimes, link targets and contents of everything under `root`. */
async function hashTree(root: string): Promise<string> {
  const hash = createHash('sha256');
  const visit = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const stats = await lstat(path);
      hash.update(`${relative(root, path)}|${stats.mode}|${stats.size}|${stats.mtimeMs}\n`);
      if (stats.isSymbolicLink()) hash.update(await readlink(path));
      else if (stats.isDirectory()) await visit(path);
      else hash.update(await readFile(path));
    }
  };
  await visit(root);
  return hash.digest('hex');
}
