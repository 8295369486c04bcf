// Slow tier: collections streamed in every chunking, ~10 s of CPU.
// JSON and JSON Lines files on disk are streamed record by record: any size, every record, each
// capped on its own, the same ids and notes as the in-memory parsers give.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { libraryFromBytes, loadLibrary } from '../../../source/core/load/library.js';
import { makeTree } from './tmp-tree.js';

const MiB = 1024 * 1024;

/** A JSON Lines collection of `count` short articles, one a line. */
function jsonLines(count: number, record = (i: number) => ({ title: `Story ${i}`, text: `Body of story ${i}.` })): string {
  const lines: string[] = [];
  for (let i = 1; i <= count; i++) lines.push(JSON.stringify(record(i)));
  return `${lines.join('\n')}\n`;
}

describe('JSON Lines on disk', () => {
  test('a file far over the 16 MiB cap gives every record, ids path#line', async () => {
    const body = 'The ministers met again in Geneva and said the talks would go on. '.repeat(20);
    const text = jsonLines(14_000, (i) => ({ title: `Story ${i}`, text: body }));
    assert.ok(text.length > 17 * MiB, `${text.length} bytes`);
    const { root, cleanup } = await makeTree({ 'big.jsonl': text });
    try {
      const library = await loadLibrary([join(root, 'big.jsonl')]);
      assert.equal(library.articles.length, 14_000);
      assert.deepEqual(library.skipped, []);
      const last = library.articles.at(-1)!;
      assert.deepEqual([last.id, last.title, last.text, last.notes], [`${join(root, 'big.jsonl')}#14000`, 'Story 14000', body.trim(), []]);
    } finally {
      await cleanup();
    }
  });

  test('200,000 small records load completely (no spread of the articles onto the call stack)', async () => {
    const text = jsonLines(200_000);
    const { root, cleanup } = await makeTree({ 'many.jsonl': text });
    try {
      const library = await loadLibrary([root]);
      assert.equal(library.articles.length, 200_000);
      assert.equal(library.articles[199_999]?.title, 'Story 200000');
      // Standard input reads the same records whole, in memory.
      const piped = libraryFromBytes('-', Buffer.from(text));
      assert.equal(piped.articles.length, 200_000);
    } finally {
      await cleanup();
    }
  });

  test('a record over the cap is read up to it with a note on that article only', async () => {
    const long = 'word '.repeat(1000);
    const text = [{ title: 'Before', text: 'short' }, { title: 'Long', text: long, tail: 'TAIL-MARKER' }, { title: 'After', text: 'short' }]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const { root, cleanup } = await makeTree({ 'feed.jsonl': text });
    try {
      const library = await loadLibrary([root], { maxFileBytes: 2048 });
      assert.deepEqual(library.articles.map((a) => [a.title, a.notes]), [
        ['Before', []],
        ['Long', ['truncated at 2 KiB']],
        ['After', []],
      ]);
      const cut = library.articles[1]!.text;
      assert.ok(long.startsWith(cut) && cut.length > 1900, `${cut.length} characters kept`);
    } finally {
      await cleanup();
    }
  });

  test('bad, cut-off and blank lines are skipped and counted; CRLF lines and a last line without a newline are read', async () => {
    const lines = ['{"title":"One","text":"a"}', '{broken', '', '   ', '"just a string"', '{"title":"Two","text":"b"}', '{"title":"Cut off", "te'];
    const { root, cleanup } = await makeTree({ 'a.jsonl': lines.join('\r\n'), 'b.jsonl': '{"title":"No newline at the end"}' });
    try {
      const library = await loadLibrary([root]);
      assert.deepEqual(library.articles.map((a) => [a.id.slice(root.length + 1), a.title, a.notes]), [
        ['a.jsonl#1', 'One', ['skipped 3 lines (2, 5, 7) that were not a JSON article']],
        ['a.jsonl#6', 'Two', ['skipped 3 lines (2, 5, 7) that were not a JSON article']],
        ['b.jsonl#1', 'No newline at the end', []],
      ]);
    } finally {
      await cleanup();
    }
  });

  test('a record in Windows-1252 among UTF-8 ones is read as such, and only it says so', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"title":"Zürich in UTF-8"}\n'),
      Buffer.from('{"title":"Zürich in cp1252 \u2019"}\n', 'latin1'),
      Buffer.from('{"title":"Bern"}\n'),
    ]);
    bytes[bytes.indexOf(0x19)] = 0x92; // U+2019 in cp1252 (latin1 wrote its low byte)
    const { root, cleanup } = await makeTree({ 'mixed.jsonl': bytes });
    try {
      const library = await loadLibrary([root]);
      assert.deepEqual(library.articles.map((a) => [a.title, a.notes]), [
        ['Zürich in UTF-8', []],
        ['Zürich in cp1252 \u2019', ['not valid UTF-8; read as Windows-1252']],
        ['Bern', []],
      ]);
    } finally {
      await cleanup();
    }
  });

  test('a binary file with a .jsonl name is skipped as binary; an empty or blank one as empty', async () => {
    const { root, cleanup } = await makeTree({ 'bin.jsonl': new Uint8Array([0x7b, 0, 1, 2, 0, 0, 0x7d]), 'blank.jsonl': '\n  \n\r\n', 'empty.jsonl': '' });
    try {
      const library = await loadLibrary([root]);
      assert.deepEqual(library.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]), [
        ['bin.jsonl', 'binary (NUL bytes)'],
        ['blank.jsonl', 'empty'],
        ['empty.jsonl', 'empty'],
      ]);
    } finally {
      await cleanup();
    }
  });

  test('progress is reported while a big file is read, and the event loop gets turns meanwhile', async () => {
    const { root, cleanup } = await makeTree({ 'big.jsonl': jsonLines(50_000) });
    try {
      const progress: Array<[number, number, number]> = [];
      let turns = 0;
      const ticker = setInterval(() => turns++, 0);
      // A slice of 0 ms: a turn after every chunk, so the test does not depend on the machine's speed.
      const library = await loadLibrary([root], { sliceMs: 0, onProgress: (...p) => progress.push(p) });
      clearInterval(ticker);
      assert.equal(library.articles.length, 50_000);
      const during = progress.filter(([done]) => done === 0).map(([, , articles]) => articles);
      assert.ok(during.length > 3, `progress during the file: ${JSON.stringify(during)}`);
      assert.ok(during.every((n, i) => i === 0 || n > during[i - 1]!), 'records so far only grow');
      assert.ok(during.at(-1)! < 50_000);
      assert.deepEqual(progress.at(-1), [1, 1, 50_000]);
      assert.ok(turns > 0, 'timers ran while the file was read');
    } finally {
      await cleanup();
    }
  });
});

describe('JSON on disk', () => {
  test('a big array is streamed: positions as ids, not-articles counted, braces and quotes in the text harmless', async () => {
    const records: unknown[] = [];
    for (let i = 1; i <= 3000; i++) records.push(i % 1000 === 0 ? 42 : { title: `T${i}`, text: `}]{[ "quoted" \\ ${'x'.repeat(200)}` });
    const text = JSON.stringify(records, null, 2);
    assert.ok(text.length > 2 * 256 * 1024, 'spans several chunks');
    const { root, cleanup } = await makeTree({ 'all.json': text });
    try {
      const library = await loadLibrary([root]);
      assert.equal(library.articles.length, 2997);
      assert.deepEqual(library.articles.slice(998, 1000).map((a) => a.id.slice(root.length + 1)), ['all.json#999', 'all.json#1001']);
      assert.deepEqual(library.articles[0]!.notes, ['3 of 3000 records in this file were not articles and were skipped']);
      assert.match(library.articles[0]!.text, /^\}\]\{\[ "quoted" \\ x+$/);
    } finally {
      await cleanup();
    }
  });

  test('{"articles": [...]} with other members around it; a single object; a .json that is JSON Lines', async () => {
    const container = JSON.stringify({ status: 'ok', note: '"articles": [ignored]', articles: [{ title: 'A' }, { title: 'B' }], totalResults: 2 });
    const { root, cleanup } = await makeTree({
      'a.json': container,
      'b.json': JSON.stringify({ title: 'Single', text: 'One article.' }),
      'c.json': '{"title":"L1"}\n{"title":"L2"}\n',
    });
    try {
      const library = await loadLibrary([root]);
      assert.deepEqual(library.articles.map((a) => [a.id.slice(root.length + 1), a.title, a.format]), [
        ['a.json#1', 'A', 'json'],
        ['a.json#2', 'B', 'json'],
        ['b.json', 'Single', 'json'],
        ['c.json#1', 'L1', 'jsonl'],
        ['c.json#2', 'L2', 'jsonl'],
      ]);
    } finally {
      await cleanup();
    }
  });

  test('an array cut short keeps its whole records; text after the array is noted; broken files keep their reasons', async () => {
    const { root, cleanup } = await makeTree({
      'cut.json': '[{"title": "Whole"}, {"title": "Cut', // a download that stopped
      'more.json': '[{"title": "First"}] {"title": "extra"}',
      'broken.json': '{"title": "x", "text": ',
      'numbers.json': '[1, 2, 3]',
      'none.json': '[]',
    });
    try {
      const library = await loadLibrary([root]);
      assert.deepEqual(library.articles.map((a) => [a.title, a.notes]), [
        ['Whole', ['1 of 2 records in this file were not articles and were skipped']],
        ['First', ['text after the end of the JSON array was ignored']],
      ]);
      assert.deepEqual(library.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]), [
        ['broken.json', 'invalid JSON'],
        ['none.json', 'empty'],
        ['numbers.json', 'no articles in JSON (need title or text)'],
      ]);
    } finally {
      await cleanup();
    }
  });

  test('a single object over the cap is cut and closed, with a note; UTF-16 and BOM files still read', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify([{ title: 'Wide' }]), 'utf16le')]);
    const { root, cleanup } = await makeTree({
      'huge.json': JSON.stringify({ title: 'Huge', text: 'lorem ipsum '.repeat(1000) }),
      'wide.json': utf16,
      'bom.jsonl': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"title":"After a BOM"}\n')]),
    });
    try {
      const library = await loadLibrary([root], { maxFileBytes: 4096 });
      assert.deepEqual(library.articles.map((a) => [a.id.slice(root.length + 1), a.title, a.notes]), [
        ['bom.jsonl#1', 'After a BOM', []],
        ['huge.json', 'Huge', ['truncated at 4 KiB']],
        ['wide.json#1', 'Wide', []],
      ]);
      assert.ok(library.articles[1]!.text.startsWith('lorem ipsum lorem'));
    } finally {
      await cleanup();
    }
  });
});

describe('a file that changes while it is streamed', () => {
  test('only the bytes there at open are read', async () => {
    const { root, cleanup } = await makeTree({ 'grows.jsonl': jsonLines(20_000) });
    try {
      const path = join(root, 'grows.jsonl');
      let appended = false;
      const library = await loadLibrary([path], {
        sliceMs: 0,
        // Mid-file (the file is open and partly read): the file grows by ten records.
        onProgress: (done, _total, articles) => {
          if (done !== 0 || articles === 0 || appended) return;
          appended = true;
          appendFileSync(path, jsonLines(10));
        },
      });
      assert.ok(appended, 'the file grew while it was read');
      assert.equal(library.articles.length, 20_000);
    } finally {
      await cleanup();
    }
  });
});
