import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type ArticleMark, MAX_MARKS, parseReadingFile, ReadingStore, readingKey, serializeMarks } from '../../source/core/reading';

const tempDir = () => mkdtempSync(join(tmpdir(), 'lede-reading-'));
const mark = (m: Partial<ArticleMark>): ArticleMark => ({ read: false, flagged: false, at: '2026-12-01T10:00:00.000Z', ...m });

describe('read state', () => {
  test('keys follow the content, not the path: the same title and text share one key, another text has its own', () => {
    const a = { title: 'Talks', text: 'Body.' };
    assert.equal(readingKey(a), readingKey({ title: 'Talks', text: 'Body.' }));
    assert.notEqual(readingKey(a), readingKey({ title: 'Talks', text: 'Body!' }));
    assert.notEqual(readingKey({ title: 'ab', text: 'c' }), readingKey({ title: 'a', text: 'bc' }), 'title and text are kept apart');
    assert.match(readingKey(a), /^[A-Za-z0-9_-]{22}$/);
  });

  test('saved and loaded back the same; written atomically, no temporary file left', () => {
    const dir = tempDir();
    try {
      const store = new ReadingStore(dir);
      assert.deepEqual(store.load(), { marks: new Map(), problem: null }, 'no file yet: nothing read');
      const marks = new Map([
        ['a'.repeat(22), mark({ read: true, offset: 120 })],
        ['b'.repeat(22), mark({ flagged: true })],
      ]);
      assert.equal(store.save(marks), null);
      assert.deepEqual(readdirSync(dir), ['read-state.json']);
      assert.deepEqual(new ReadingStore(dir).load(), { marks, problem: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file that is not lede’s read state is reported in one line, ignored, and never written over', () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'read-state.json');
      writeFileSync(file, '{"not": "ours"');
      const store = new ReadingStore(dir);
      const loaded = store.load();
      assert.equal(loaded.marks.size, 0);
      assert.match(loaded.problem ?? '', /^read state ignored: .* is not lede's read state$/);
      assert.match(store.save(new Map([['a'.repeat(22), mark({ read: true })]])) ?? '', /not saved/);
      assert.equal(readFileSync(file, 'utf8'), '{"not": "ours"', 'the user’s file is untouched');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('marks are validated one by one: a bad key or field drops that mark, not the file', () => {
    const good = 'g'.repeat(22);
    const marks = parseReadingFile(
      JSON.stringify({
        version: 1,
        articles: {
          [good]: { read: true, offset: 5, at: '2026-01-01T00:00:00Z' },
          short: { read: true },
          ['o'.repeat(22)]: { read: 'yes' },
          ['n'.repeat(22)]: { offset: -1 },
          ['x\u001b[31m'.padEnd(22, 'x')]: { read: true },
        },
      }),
    );
    assert.deepEqual([...(marks?.keys() ?? [])], [good]);
    assert.equal(parseReadingFile('{"version": 2, "articles": {}}'), undefined, 'another version is not read as this one');
  });

  test('the file keeps the most recent marks when there are more than it holds', () => {
    const marks = new Map<string, ArticleMark>();
    for (let i = 0; i < MAX_MARKS + 10; i++) marks.set(String(i).padStart(22, '0'), mark({ read: true, at: new Date(1e12 + i * 1000).toISOString() }));
    const kept = parseReadingFile(serializeMarks(marks))!;
    assert.equal(kept.size, MAX_MARKS);
    assert.equal(kept.has('0'.repeat(22)), false, 'the oldest went first');
    assert.equal(kept.has(String(MAX_MARKS + 9).padStart(22, '0')), true);
  });

  test('a state file that is a FIFO, a link, a folder or over 16 MiB is refused without hanging or growing, and never replaced', () => {
    const dir = tempDir();
    try {
      const cases: [string, (file: string) => void][] = [
        ['a FIFO with no writer', (file) => assert.equal(spawnSync('mkfifo', [file]).status, 0)],
        ['a link to /dev/zero', (file) => symlinkSync('/dev/zero', file)],
        ['a link to a real state file', (file) => {
          writeFileSync(`${file}.real`, JSON.stringify({ version: 1, articles: {} }));
          symlinkSync(`${file}.real`, file);
        }],
        ['a folder', (file) => mkdirSync(file)],
        ['a file over the cap', (file) => {
          writeFileSync(file, '');
          truncateSync(file, 16 * 1024 * 1024 + 1);
        }],
      ];
      for (const [what, make] of cases) {
        const sub = join(dir, what.replace(/\W+/g, '-'));
        mkdirSync(sub);
        const file = join(sub, 'read-state.json');
        make(file);
        const before = lstatSync(file);
        const store = new ReadingStore(sub);
        const loaded = store.load();
        assert.equal(loaded.marks.size, 0, what);
        assert.match(loaded.problem ?? '', /^read state ignored: \S+ is .+$/, what);
        assert.doesNotMatch(loaded.problem ?? '', /\n/, `${what}: one line`);
        assert.match(store.save(new Map([['a'.repeat(22), mark({ read: true })]])) ?? '', /not saved/, what);
        const after = lstatSync(file);
        assert.equal(after.ino, before.ino, `${what}: left in place`);
        assert.equal(after.mode, before.mode, `${what}: still what it was`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a state directory that cannot be created turns it off with one line', () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir, 'file'), 'x');
      const store = new ReadingStore(join(dir, 'file', 'sub'));
      assert.match(store.save(new Map([['a'.repeat(22), mark({ read: true })]])) ?? '', /^read state off: cannot create/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
