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
import { loadSearchIndex, MAX_SEARCH_INDEX_BYTES, saveSearchIndex } from '../../../source/core/search/search-index-cache.js';
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
const PREFIX = MAGIC + 32 + 4;
interface Parsed {
  header: { terms: string[]; foldedTitles: string[]; bodyHeads: string[]; bodyTails: string[]; docs: number; generation: string; version: number };
  postings: number[];
}
function parse(bytes: Buffer): Parsed {
  const length = bytes.readUInt32LE(MAGIC + 32);
  const header = JSON.parse(bytes.toString('utf8', PREFIX, PREFIX + length));
  const raw = bytes.subarray(PREFIX + length);
  const postings: number[] = [];
  for (let at = 0; at < raw.length; at += 4) postings.push(raw.readInt32LE(at));
  return { header, postings };
}
/** A saved index as a forger with the format in hand would write it: the digest right. */
function forge({ header, postings }: Parsed): Buffer {
  const text = JSON.stringify(header);
  // Spaces after the JSON put the postings on a four-byte boundary, as lede writes them.
  const json = Buffer.from(text + ' '.repeat((4 - ((PREFIX + Buffer.byteLength(text)) % 4)) % 4));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const body = Buffer.from(new Int32Array(postings).buffer);
  const digest = createHash('sha256').update(length).update(json).update(body).digest();
  return Buffer.concat([Buffer.from('lede search index\n'), digest, length, json, body]);
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
    const problems: string[] = [];
    const index = new SearchIndex(docs);
    assert.equal(await loadSearchIndex(index, file, 'g1', { onProblem: (p) => problems.push(p) }), false);
    assert.equal(index.vocab.size, 0, 'nothing was put in the index');
    assert.equal(index.indexedCount, 0);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, said);
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
      assert.equal((PREFIX + bytes.readUInt32LE(MAGIC + 32)) % 4, 0);
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
  test('truncated', () => assertMiss((file, b) => writeFileSync(file, b.subarray(0, b.length >> 1)), /bytes changed since written/));
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
