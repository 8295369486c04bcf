import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { relative as relativeTo } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { UsageError } from '../../../source/core/errors.js';
import { childPath, LINK_LEAVES_TREE, NOT_REGULAR, walkPaths } from '../../../source/core/load/walk.js';
import { makeTree } from './tmp-tree.js';

describe('walkPaths', () => {
  test('walks folders recursively in code-unit name order, skipping hidden entries, node_modules and other extensions', async () => {
    const { root, cleanup } = await makeTree({
      'b.txt': 'b',
      'B.md': 'B',
      'a/z.json': '{}',
      'a/y.jsonl': '{}',
      'a/deep/x.MARKDOWN': 'x',
      'é.txt': 'e',
      '.hidden.txt': 'h',
      '.git/config.txt': 'g',
      'node_modules/pkg/readme.md': 'n',
      'notes.docx': 'd',
      'image.png': 'p',
      'c.TXT': 'c',
    });
    try {
      const { files, skipped } = await walkPaths([root]);
      assert.deepEqual(
        files.map((f) => [relative(root, f.path), f.format]),
        [
          ['B.md', 'md'],
          ['a/deep/x.MARKDOWN', 'md'],
          ['a/y.jsonl', 'jsonl'],
          ['a/z.json', 'json'],
          ['b.txt', 'txt'],
          ['c.TXT', 'txt'],
          ['é.txt', 'txt'],
        ],
      );
      assert.deepEqual(skipped, []);
    } finally {
      await cleanup();
    }
  });

  test('paths keep the folder as the user wrote it', async () => {
    const { root, cleanup } = await makeTree({ 'one.txt': '1' });
    try {
      const { files } = await walkPaths([root + '/']);
      assert.deepEqual(files.map((f) => f.path), [`${root}/one.txt`]);
      // As grep prints them: a leading ./ and a doubled / are kept, not normalised away.
      const relative = relativeTo(process.cwd(), root);
      for (const given of [`./${relative}`, `./${relative}/`, `${relative}//`]) {
        const walked = await walkPaths([given]);
        assert.deepEqual(walked.files.map((f) => f.path), [`${given}${given.endsWith('/') ? '' : '/'}one.txt`], given);
      }
    } finally {
      await cleanup();
    }
  });

  test('survives symlink loops and reads a file reached twice only once', async () => {
    const { root, cleanup } = await makeTree({ 'd/a.txt': 'a' }, { 'd/loop': '..', 'd/self': '.', 'd/again.txt': 'a.txt' });
    try {
      const { files } = await walkPaths([root, `${root}/d/a.txt`]);
      assert.deepEqual(files.map((f) => relative(root, f.path)), ['d/a.txt']);
    } finally {
      await cleanup();
    }
  });

  test('a directory named x.txt is walked as a directory', async () => {
    const { root, cleanup } = await makeTree({ 'x.txt/inner.md': 'i' });
    try {
      const { files } = await walkPaths([root]);
      assert.deepEqual(files.map((f) => relative(root, f.path)), ['x.txt/inner.md']);
    } finally {
      await cleanup();
    }
  });

  test('explicit files are read whatever their extension (format left to sniffing); explicit hidden folders are walked', async () => {
    const { root, cleanup } = await makeTree({ 'NOTES': 'n', '.private/a.txt': 'a' });
    try {
      const { files } = await walkPaths([`${root}/NOTES`, `${root}/.private`]);
      assert.deepEqual(files.map((f) => [relative(root, f.path), f.format, f.regular]), [['NOTES', undefined, true], ['.private/a.txt', 'txt', true]]);
    } finally {
      await cleanup();
    }
  });

  test('a broken link with an article extension is reported; other broken links are ignored', async () => {
    const { root, cleanup } = await makeTree({ 'ok.txt': 'ok' }, { 'gone.txt': 'missing.txt', 'gone.bin': 'missing.bin' });
    try {
      const { files, skipped } = await walkPaths([root]);
      assert.deepEqual(files.map((f) => relative(root, f.path)), ['ok.txt']);
      assert.deepEqual(skipped.map((s) => [relative(root, s.path), s.reason]), [['gone.txt', 'broken link']]);
    } finally {
      await cleanup();
    }
  });

  test('a missing explicit path is a UsageError with exit code 2 and a sanitised one-line message', async () => {
    await assert.rejects(walkPaths(['/nonexistent/lede\x1b[2J/x']), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.exitCode, 2);
      assert.equal(error.message, 'no such file or directory: /nonexistent/lede/x');
      return true;
    });
  });

  test('a link inside a folder is followed only when its target lies inside the paths given', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'lede-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'outside');
    const { root, cleanup } = await makeTree(
      { 'tree/a.txt': 'a', 'tree/sub/b.txt': 'b', 'other/c.txt': 'c', 'named.txt': 'n' },
      {
        'tree/to-sub': 'sub', // a folder inside the tree
        'tree/to-b.txt': 'sub/b.txt', // a file inside the tree (read once, under its first path)
        'tree/to-other': '../other', // a folder also named on the command line
        'tree/to-named.txt': '../named.txt', // a file named on the command line
        'tree/up': '..', // the parent of the tree: outside it
        'tree/root': '/',
        'tree/proc': '/proc',
        'tree/outside': outside,
        'tree/secret.txt': join(outside, 'secret.txt'),
        'tree/secret.bin': join(outside, 'secret.txt'), // not an article name: not lede's business
      },
    );
    try {
      const { files, skipped } = await walkPaths([join(root, 'tree'), join(root, 'other'), join(root, 'named.txt')]);
      assert.deepEqual(files.map((f) => relative(root, f.path)), ['tree/a.txt', 'tree/sub/b.txt', 'tree/to-named.txt', 'tree/to-other/c.txt']);
      assert.deepEqual(skipped.map((s) => [relative(root, s.path), s.reason]), [
        ['tree/outside', LINK_LEAVES_TREE],
        ['tree/proc', LINK_LEAVES_TREE],
        ['tree/root', LINK_LEAVES_TREE],
        ['tree/secret.txt', LINK_LEAVES_TREE],
        ['tree/up', LINK_LEAVES_TREE],
      ]);
      // Named on the command line, a link is followed wherever it leads (and the file both reach is read once).
      const named = await walkPaths([join(root, 'tree', 'outside'), join(root, 'tree', 'secret.txt')]);
      assert.deepEqual(named.files.map((f) => f.path), [join(root, 'tree', 'outside', 'secret.txt')]);
      assert.deepEqual(named.skipped, []);
    } finally {
      await cleanup();
      await rm(outside, { recursive: true, force: true });
    }
  });

  test('followLinks (--follow) follows every link, each real folder still entered once', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'lede-outside-'));
    await writeFile(join(outside, 'o.txt'), 'outside');
    await symlink(outside, join(outside, 'self'));
    const { root, cleanup } = await makeTree({ 'tree/a.txt': 'a' }, { 'tree/out': outside, 'tree/out-again': outside, 'tree/o.txt': join(outside, 'o.txt') });
    try {
      const { files, skipped } = await walkPaths([join(root, 'tree')], { followLinks: true });
      assert.deepEqual(files.map((f) => relative(root, f.path)), ['tree/a.txt', 'tree/o.txt']);
      assert.deepEqual(skipped, []);
    } finally {
      await cleanup();
      await rm(outside, { recursive: true, force: true });
    }
  });

  test('a FIFO with an article name inside a folder, or a link to one, is listed as not a regular file', { skip: spawnSync('mkfifo', ['--version']).status !== 0 && 'no mkfifo' }, async () => {
    const { root, cleanup } = await makeTree({ 'a.txt': 'a' }, { 'to-pipe.md': 'pipe.txt', 'to-pipe': 'pipe.txt' });
    try {
      spawnSync('mkfifo', [join(root, 'pipe.txt'), join(root, 'pipe')]);
      const { files, skipped } = await walkPaths([root]);
      assert.deepEqual(files.map((f) => relative(root, f.path)), ['a.txt']);
      assert.deepEqual(skipped.map((s) => [relative(root, s.path), s.reason]), [
        ['pipe.txt', NOT_REGULAR],
        ['to-pipe.md', NOT_REGULAR],
      ]);
    } finally {
      await cleanup();
    }
  });
});

describe('real paths below a folder', () => {
  // The walk joins a folder's real path and an entry's name with childPath, not path.join (whose
  // normalising pass over the whole path was a fifth of walking 2,000 files): the same string for
  // every real path (absolute, normalised: what realpath and path.join give) and every name a
  // folder can list (no separator, not "." or "..").
  test('childPath(real, name) is path.join(real, name)', () => {
    const segment = fc.stringMatching(/^[^/\0]{1,12}$/).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 5 }), segment, (parts, name) => {
        const real = join('/', ...parts);
        assert.equal(childPath(real, name), join(real, name));
      }),
      { numRuns: 500 },
    );
  });
});
