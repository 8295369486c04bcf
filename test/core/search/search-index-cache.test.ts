// A saved search index, loaded, answers every query exactly as the index built from the articles
// does; and a saved index that is not exactly what lede wrote for this library is a miss (the
// build then runs as without a cache), said in one line unless it is only another library's.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { LibrarySearch } from '../../../source/core/search/library-search.js';
import { loadSearchIndex, MAX_SEARCH_INDEX_BYTES, PostingChecker, saveSearchIndex } from '../../../source/core/search/search-index-cache.js';
import { PostingStore } from '../../../source/core/search/postings.js';
import { realFileSystem } from '../../../source/core/own-files.js';
import { SearchIndex, type Doc } from '../../../source/core/search/search-index.js';
import { specialFileTampers } from '../../helpers/special-own-files.js';

const root = mkdtempSync(join(tmpdir(), 'lede-search-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;
const freshFile = () => join(root, `${serial++}.search`);

const WORDS = ['Putin', 'Netanyahu', 'talks', 'Moscow', 'ceasefire', 'Gaza', 'Café', 'naïve', 'Zürich', '東京', 'the', 'of', 'Erdoğan', 'grain', 'corridor', '2024', 'U.S.'];
const QUERIES = ['putin', 'netan', 'talks moscow', "'eas", '^putin', 'gaza$', 'cafe', 'zurich', '!the', 'putin | gaza', 'netanyhau', '"grain corridor"', 'erdogan'];

/** What a search returns, all of it that can be compared: the hits in order with their scores, and the total. */
function answers(search: LibrarySearch): unknown[] {
  return QUERIES.map((q) => {
    const result = search.search(q, { limit: 100 });
    return { q, total: result.total, hits: result.hits.map((h) => [h.index, h.score]) };
  });
}

async function restored(docs: readonly Doc[], file: string, generation: string, problems: string[] = []): Promise<{ search: LibrarySearch; loaded: boolean }> {
  let loaded = false;
  const { done } = LibrarySearch.start(docs, { restore: async (index) => (loaded = await loadSearchIndex(index, file, generation, { onProblem: (p) => problems.push(p) })) });
  return { search: await done, loaded };
}

function saved(docs: readonly Doc[], generation = 'g1'): { file: string; built: LibrarySearch } {
  const built = new LibrarySearch(docs);
  const file = freshFile();
  saveSearchIndex(built.completeIndex!, file, generation);
  return { file, built };
}

const doc = fc.record({
  title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' ')),
  text: fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 30 }).map((w) => w.join(' ')), { maxLength: 5 }).map((p) => p.join('\n\n')),
});

describe('search index cache: a loaded index is the built one', () => {
  test('over generated libraries, every query gives the same hits, scores and totals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(doc, { minLength: 1, maxLength: 40 }), async (docs) => {
        const { file, built } = saved(docs);
        const { search, loaded } = await restored(docs, file, 'g1');
        assert.ok(loaded);
        assert.deepEqual(answers(search), answers(built));
        const a = built.completeIndex!;
        const b = search.completeIndex!;
        assert.deepEqual([b.vocab.terms, b.foldedTitles, b.bodyHeads, b.bodyTails], [a.vocab.terms, a.foldedTitles, a.bodyHeads, a.bodyTails]);
        unlinkSync(file);
      }),
      { numRuns: 40 },
    );
  });

  test('another generation is a plain miss: built, nothing said', async () => {
    const docs = [{ title: 'Putin talks', text: 'Moscow ceasefire.' }];
    const { file, built } = saved(docs, 'g1');
    const problems: string[] = [];
    const { search, loaded } = await restored(docs, file, 'g2', problems);
    assert.equal(loaded, false);
    assert.deepEqual(problems, []);
    assert.deepEqual(answers(search), answers(built));
  });
});

// --- Tampering -------------------------------------------------------------------------------

const MAGIC = 'lede search index\n'.length;
const PREFIX = MAGIC + 4 + 32;
interface Parsed {
  header: { terms: string[]; foldedTitles: string[]; bodyHeads: string[]; bodyTails: string[]; docs: number; generation: string; version: number; postingBytes: number; chunkBytes: number; postingChunks: string[] };
  postings: number[];
}
function parse(bytes: Buffer): Parsed {
  const length = bytes.readUInt32LE(MAGIC);
  const header = JSON.parse(bytes.toString('utf8', PREFIX, PREFIX + length));
  const raw = bytes.subarray(PREFIX + length);
  const postings: number[] = [];
  for (let at = 0; at < raw.length; at += 4) postings.push(raw.readInt32LE(at));
  return { header, postings };
}
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
/** A saved index as a forger with the format in hand would write it: every digest right. */
function forge({ header, postings }: Parsed): Buffer {
  const body = Buffer.from(new Int32Array(postings).buffer);
  const chunks: string[] = [];
  // A forged chunk size that cannot be (0, 6) still gets digests, of 4-byte chunks.
  const step = header.chunkBytes >= 4 && header.chunkBytes % 4 === 0 ? header.chunkBytes : 4;
  for (let at = 0; at < body.length; at += step) chunks.push(sha256(body.subarray(at, at + step)).toString('hex'));
  const text = JSON.stringify({ ...header, postingBytes: body.length, postingChunks: chunks });
  // Spaces after the JSON put the postings on a four-byte boundary, as lede writes them.
  const json = Buffer.from(text + ' '.repeat((4 - ((PREFIX + Buffer.byteLength(text)) % 4)) % 4));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([Buffer.from('lede search index\n'), length, sha256(json), json, body]);
}

describe('search index cache: a tampered index is a miss, and the build runs', () => {
  const docs: Doc[] = [
    { title: 'Putin meets Netanyahu', text: 'The talks in Moscow lasted three hours.\n\nA ceasefire in Gaza was discussed.' },
    { title: 'Grain corridor', text: 'Erdoğan spoke of the grain corridor.' },
    { title: 'Café in Zürich', text: 'Naïve talks.' },
  ];

  async function assertMiss(tamper: (file: string, original: Buffer) => void, said: RegExp) {
    const { file, built } = saved(docs);
    tamper(file, readFileSync(file));
    // Read a chunk at a time (the reader) and whole, in place (a one-shot search): the same checks.
    for (const inPlace of [false, true]) {
      const problems: string[] = [];
      const index = new SearchIndex(docs);
      assert.equal(await loadSearchIndex(index, file, 'g1', { onProblem: (p) => problems.push(p), inPlace }), false, `inPlace: ${inPlace}`);
      assert.equal(index.vocab.size, 0, 'nothing was put in the index');
      assert.equal(index.indexedCount, 0);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0]!, said);
    }
    const { search } = await restored(docs, file, 'g1', []);
    assert.deepEqual(answers(search), answers(built));
  }
  const forged = (f: (p: Parsed) => void) => (file: string, original: Buffer) => {
    const parsed = parse(original);
    f(parsed);
    writeFileSync(file, forge(parsed));
  };

  test('the file written as it is made is byte for byte the format: one JSON header, the digest right', () => {
    const { file } = saved(docs);
    const bytes = readFileSync(file);
    assert.ok(forge(parse(bytes)).equals(bytes));
  });
  test('the postings start on a four-byte boundary, whatever the header’s length', () => {
    for (const title of ['a', 'ab', 'abc', 'abcd']) {
      const { file } = saved([{ title, text: 'Moscow' }]);
      const bytes = readFileSync(file);
      assert.equal((PREFIX + bytes.readUInt32LE(MAGIC)) % 4, 0);
    }
  });
  test('a library bigger than one piece of the header or one chunk of postings is written whole', async () => {
    // 3,000 articles of their own words each: over 2,048 titles and 64 Ki postings.
    const many: Doc[] = Array.from({ length: 3000 }, (_, i) => ({ title: `Title w${i}`, text: Array.from({ length: 25 }, (_, k) => `t${i}x${k}`).join(' ') }));
    const { file, built } = saved(many);
    const bytes = readFileSync(file);
    assert.ok(forge(parse(bytes)).equals(bytes));
    assert.ok(parse(bytes).postings.length > 64 * 1024);
    const { search, loaded } = await restored(many, file, 'g1');
    assert.ok(loaded);
    for (const q of ['w2999', 't1500x3', 'title', 't7x24']) assert.deepEqual(search.search(q, { limit: 50 }).hits.map((h) => [h.index, h.score]), built.search(q, { limit: 50 }).hits.map((h) => [h.index, h.score]));
  });
  test('truncated', () => assertMiss((file, b) => writeFileSync(file, b.subarray(0, b.length >> 1)), /sizes do not add up/));
  test('empty', () => assertMiss((file) => writeFileSync(file, ''), /not a search index/));
  test('a byte flipped', () =>
    assertMiss((file, b) => {
      b[b.length - 5] = b[b.length - 5]! ^ 0x40;
      writeFileSync(file, b);
    }, /bytes changed since written/));
  test('a forged term that is not folded', () => assertMiss(forged((p) => void (p.header.terms[0] = 'Putin')), /bad vocabulary/));
  test('a forged term with an escape sequence', () => assertMiss(forged((p) => void (p.header.terms[0] = '\x1b[31m')), /bad vocabulary/));
  test('a forged term twice', () => assertMiss(forged((p) => void (p.header.terms[1] = p.header.terms[0]!)), /bad vocabulary/));
  test('a forged folded title that is not the article’s', () => assertMiss(forged((p) => void (p.header.foldedTitles[0] = 'something else')), /title differs/));
  test('a forged body edge past its length', () => assertMiss(forged((p) => void (p.header.bodyHeads[0] = 'x'.repeat(100))), /bad titles or edges/));
  test('a forged article count', () => assertMiss(forged((p) => void (p.header.docs = 2)), /another number of articles/));
  test('a forged posting of an article past the library', () => assertMiss(forged((p) => void (p.postings[1] = 99 * 4096 + 2048 + 1)), /bad posting/));
  test('a forged posting with no flags', () => assertMiss(forged((p) => void (p.postings[1] = 0 * 4096 + 1)), /bad posting/));
  test('a forged posting count past the end', () => assertMiss(forged((p) => void (p.postings[0] = 1e6)), /bad posting count/));
  test('forged postings past the vocabulary', () => assertMiss(forged((p) => void p.postings.push(1, 2048 + 1)), /postings past the vocabulary/));
  test('forged postings out of order', () =>
    assertMiss(
      forged((p) => {
        // "talks" is in articles 0 and 2: its two postings swapped.
        const id = p.header.terms.indexOf('talks');
        let at = 0;
        for (let k = 0; k < id; k++) at += 1 + p.postings[at]!;
        assert.equal(p.postings[at], 2);
        [p.postings[at + 1], p.postings[at + 2]] = [p.postings[at + 2]!, p.postings[at + 1]!];
      }),
      /bad posting/,
    ));
  for (const [name, tamper, said] of specialFileTampers(MAX_SEARCH_INDEX_BYTES)) test(name, () => assertMiss((file) => tamper(file), said));
});

// --- Streamed in chunks ----------------------------------------------------------------------

describe('search index cache: the postings are read a chunk at a time', () => {
  test('whatever the chunk size, the loaded index answers as the built one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(doc, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 40 }), async (docs, quarters) => {
        const built = new LibrarySearch(docs);
        const file = freshFile();
        saveSearchIndex(built.completeIndex!, file, 'g1', { chunkBytes: quarters * 4 });
        assert.equal(parse(readFileSync(file)).header.chunkBytes, quarters * 4);
        const { search, loaded } = await restored(docs, file, 'g1');
        assert.ok(loaded);
        assert.deepEqual(answers(search), answers(built));
        unlinkSync(file);
      }),
      { numRuns: 30 },
    );
  });

  test('the postings in any pieces make the same store as in one', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 8 }), (lists, cuts) => {
        // Each term's articles, in order and distinct, as body words seen once.
        const terms = lists.map((docs) => [...new Set(docs)].sort((a, b) => a - b).map((d) => d * 4096 + 2048 + 1));
        const ints = terms.flatMap((postings) => [postings.length, ...postings]);
        const whole = new PostingStore();
        assert.equal(new PostingChecker(whole, terms.length, 31, ints.length).take(Int32Array.from(ints), ints.length), undefined);
        const pieces = new PostingStore();
        const checker = new PostingChecker(pieces, terms.length, 31, ints.length);
        const bounds = [...new Set(cuts.map((c) => c % (ints.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const to of [...bounds, ints.length]) {
          assert.equal(checker.take(Int32Array.from(ints.slice(from, to)), to - from), undefined);
          from = to;
        }
        assert.equal(checker.finish(), undefined);
        terms.forEach((postings, id) => {
          const got: number[] = [];
          pieces.forEach(id, (p) => got.push(p));
          const once: number[] = [];
          whole.forEach(id, (p) => once.push(p));
          assert.deepEqual(got, postings);
          assert.deepEqual(once, postings);
        });
      }),
      { numRuns: 200 },
    );
  });

  const many: Doc[] = Array.from({ length: 40 }, (_, i) => ({ title: `Title w${i}`, text: Array.from({ length: 6 }, (_, k) => `t${i % 7}x${k} common`).join(' ') }));
  const CHUNK = 64;
  const chunked = () => {
    const built = new LibrarySearch(many);
    const file = freshFile();
    saveSearchIndex(built.completeIndex!, file, 'g1', { chunkBytes: CHUNK });
    const bytes = readFileSync(file);
    return { file, bytes, postingsAt: PREFIX + bytes.readUInt32LE(MAGIC) };
  };
  async function assertMissing(file: string, said: RegExp) {
    const problems: string[] = [];
    const index = new SearchIndex(many);
    assert.equal(await loadSearchIndex(index, file, 'g1', { onProblem: (p) => problems.push(p) }), false);
    assert.equal(index.vocab.size, 0, 'nothing was put in the index');
    assert.equal(index.indexedCount, 0);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, said);
  }

  test('cut at every chunk boundary (and a byte or an int either side): a miss, nothing put in the index', async () => {
    const { file, bytes, postingsAt } = chunked();
    const chunks = Math.ceil((bytes.length - postingsAt) / CHUNK);
    assert.ok(chunks > 10, `${chunks} chunks`);
    for (let k = 0; k < chunks; k++) {
      for (const delta of [-4, -1, 0, 1, 4]) {
        const cut = postingsAt + k * CHUNK + delta;
        if (cut <= 0 || cut >= bytes.length) continue;
        writeFileSync(file, bytes.subarray(0, cut));
        await assertMissing(file, /sizes do not add up/);
      }
    }
  });

  test('a byte changed in any chunk: a miss', async () => {
    const { file, bytes, postingsAt } = chunked();
    for (let at = postingsAt; at < bytes.length; at += CHUNK) {
      const changed = Buffer.from(bytes);
      const inChunk = Math.min(bytes.length - 1, at + ((at / 4) % CHUNK));
      changed[inChunk] = changed[inChunk]! ^ 0x01;
      writeFileSync(file, changed);
      await assertMissing(file, /bytes changed since written/);
    }
  });

  test('a forged chunk size past the cap, or not of whole ints: a miss, nothing allocated for it', async () => {
    for (const chunkBytes of [6, 0, 64 * 1024 * 1024]) {
      const { file, bytes } = chunked();
      const parsed = parse(bytes);
      writeFileSync(file, forge({ ...parsed, header: { ...parsed.header, chunkBytes } }));
      await assertMissing(file, /bad chunk size|bad posting digests/);
    }
  });

  test('while the chunks are read the index is empty, then whole: a search meanwhile never sees half of it', async () => {
    const { file } = chunked();
    const index = new SearchIndex(many);
    let done = false;
    const seen: [number, number][] = [];
    // A turn of the event loop after every chunk (sliceMs -1: every slice is past due).
    const loading = loadSearchIndex(index, file, 'g1', { sliceMs: -1 }).then((ok) => ((done = true), ok));
    while (!done) {
      seen.push([index.indexedCount, index.vocab.size]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.ok(await loading);
    assert.ok(seen.length > 10, `${seen.length} turns of the event loop while it loaded`);
    assert.ok(seen.every(([count, words]) => count === 0 && words === 0), 'nothing in the index before the last chunk passed');
    assert.equal(index.indexedCount, many.length);
    assert.deepEqual(index.vocab.terms, new LibrarySearch(many).completeIndex!.vocab.terms);
  });

  test('no read asks for more than the header or one chunk: the file is never held whole beside the index', async () => {
    const { file, bytes, postingsAt } = chunked();
    const reads: number[] = [];
    const fs = { ...realFileSystem, readSync: ((fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null) => {
      reads.push(length);
      return realFileSystem.readSync(fd, buffer, offset, length, position);
    }) as typeof realFileSystem.readSync };
    const index = new SearchIndex(many);
    assert.ok(await loadSearchIndex(index, file, 'g1', { fs }));
    const header = postingsAt - PREFIX;
    assert.ok(reads.length > (bytes.length - postingsAt) / CHUNK, `${reads.length} reads`);
    assert.ok(Math.max(...reads) <= Math.max(header, CHUNK), `largest read ${Math.max(...reads)}`);
    assert.ok(reads.filter((r) => r > CHUNK).length <= 1, 'only the header is read in one piece bigger than a chunk');
  });
});
