import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { describe, test } from 'node:test';
import { UsageError } from '../../../source/core/errors.js';
import { walkPaths } from '../../../source/core/load/walk.js';
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
});
