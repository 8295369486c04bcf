// Slow tier: every kind of damage to the library cache at every boundary, over generated libraries, ~5 s of CPU.
// The library cache gives exactly the library a load without it gives, whatever changed between
// starts; and it treats its own file as hostile: every kind of damage or crafting is a miss (or,
// for a body crafted to pass every check but its first read, a repaired text), never a crash, a
// hang or a terminal control on the way to the screen.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Library } from '../../../source/core/article.js';
import { ARTICLE_FIELDS } from '../../../source/core/load/library-cache-format.js';
import { generationOf, MAX_LIBRARY_CACHE_BYTES, type LibraryCacheOptions } from '../../../source/core/load/library-cache.js';
import { loadLibrary } from '../../../source/core/load/library.js';
import { containsTerminalControls } from '../../../source/core/sanitize.js';
import { faultyFs } from '../../helpers/faulty-fs.js';
import { forge, HEADER_AT, MAGIC_BYTES, parse, type ArticleRecord, type Parsed } from '../../helpers/library-cache-file.js';
import { specialFileTampers } from '../../helpers/special-own-files.js';

const root = mkdtempSync(join(tmpdir(), 'lede-library-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;
const fresh = (name: string): string => {
  const dir = join(root, `${name}-${serial++}`);
  mkdirSync(dir);
  return dir;
};

/** Every article field in order (the text included: it is an enumerable getter), and every skip. */
const snapshot = (library: Library): string => JSON.stringify(library);

const cold = (tree: string) => loadLibrary([tree], { cache: null });

function warm(tree: string, dir: string, problems: string[] = [], extra: Partial<LibraryCacheOptions> = {}) {
  return loadLibrary([tree], { cache: { dir, minArticles: 0, onProblem: (p) => problems.push(p), ...extra } });
}

/** Files are given times in the past, each write its own second: old enough to be trusted (isSettled), never equal by chance. */
let clock = Date.UTC(2020, 0, 1) / 1000;
function writeArticle(path: string, content: string | Uint8Array): void {
  writeFileSync(path, content);
  clock += 1;
  utimesSync(path, clock, clock);
}

const cacheFileIn = (dir: string): string => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cache'));
  assert.equal(files.length, 1, `one cache file in ${dir}: ${files.join(', ')}`);
  return join(dir, files[0]!);
};

describe('library cache: a warm start is a cold start', () => {
  const WORDS = ['Putin', 'said', 'the', 'talks', 'Café', 'naïve', '😀', '東京', '\x1b[31m', '\x1b]0;pwned\x07', '\u202e', '\r\n', '  ', '\t', '\u0000'];
  const text = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 12 }).map((w) => w.join(' '));
  const paragraphs = fc.array(text, { minLength: 0, maxLength: 4 });
  const content = fc.oneof(
    fc.tuple(text, paragraphs).map(([title, body]) => ({ ext: 'txt', data: [title, ...body].join('\n\n') })),
    fc.tuple(text, paragraphs).map(([title, body]) => ({ ext: 'md', data: `# ${title}\n\n${body.join('\n\n')}` })),
    fc.array(fc.record({ title: text, text, url: fc.constantFrom(undefined, 'https://example.com/a', '\x1b[2Jhttps://x') }), { maxLength: 3 }).map((records) => ({ ext: 'json', data: JSON.stringify(records) })),
    fc.array(fc.record({ title: text, body: text }), { maxLength: 3 }).map((records) => ({ ext: 'jsonl', data: records.map((r) => JSON.stringify(r)).join('\n') })),
    fc.constantFrom({ ext: 'txt', data: '' }, { ext: 'txt', data: 'PNG\u0000\u0000binary' }, { ext: 'json', data: '{"title": ' }, { ext: 'txt', data: 'Same title\n\nSame body.' }),
  );
  const op = fc.oneof(
    fc.record({ kind: fc.constant('write' as const), slot: fc.nat(5), file: content }),
    fc.record({ kind: fc.constant('remove' as const), slot: fc.nat(5) }),
  );

  test('over generated trees, with files added, changed and removed between starts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), async (steps) => {
        const tree = fresh('tree');
        const cache = fresh('cache');
        const present = new Map<number, string>();
        try {
          for (const step of steps) {
            for (const change of step) {
              const old = present.get(change.slot);
              if (old) unlinkSync(old);
              present.delete(change.slot);
              if (change.kind === 'write') {
                const path = join(tree, `f${change.slot}.${change.file.ext}`);
                writeArticle(path, change.file.data);
                present.set(change.slot, path);
              }
            }
            const problems: string[] = [];
            const expected = snapshot(await cold(tree));
            assert.equal(snapshot(await warm(tree, cache, problems)), expected, 'the start that rewrites the cache');
            assert.equal(snapshot(await warm(tree, cache, problems)), expected, 'the start that reads it');
            assert.deepEqual(problems, []);
          }
        } finally {
          rmSync(tree, { recursive: true, force: true });
          rmSync(cache, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  });

  test('the generation stays while nothing changes, and changes with any file', async () => {
    const tree = fresh('tree');
    const cache = fresh('cache');
    writeArticle(join(tree, 'a.txt'), 'A title\n\nA body.');
    writeArticle(join(tree, 'b.txt'), 'B title\n\nB body.');
    const first = await warm(tree, cache);
    const again = await warm(tree, cache);
    assert.ok(generationOf(first));
    assert.equal(generationOf(again), generationOf(first));
    assert.equal(generationOf(again.articles), generationOf(first));
    writeArticle(join(tree, 'b.txt'), 'B title\n\nAnother body.');
    const changed = await warm(tree, cache);
    assert.notEqual(generationOf(changed), generationOf(first));
    assert.equal(changed.articles[1]?.text, 'Another body.');
    unlinkSync(join(tree, 'b.txt'));
    const removed = await warm(tree, cache);
    assert.notEqual(generationOf(removed), generationOf(changed));
    assert.equal(snapshot(removed), snapshot(await cold(tree)));
  });

  test('a file rewritten with the same size and modification time is read again (its change time moved)', async () => {
    const tree = fresh('tree');
    const cache = fresh('cache');
    const path = join(tree, 'a.txt');
    writeArticle(path, 'A title\n\nFirst body.');
    await warm(tree, cache);
    writeFileSync(path, 'A title\n\nOther body.');
    utimesSync(path, clock, clock);
    assert.equal((await warm(tree, cache)).articles[0]?.text, 'Other body.');
  });

  test('a file modified within the last seconds is not kept: it could change again without its times changing', async () => {
    const tree = fresh('tree');
    const cache = fresh('cache');
    writeArticle(join(tree, 'old.txt'), 'Old\n\nSettled.');
    writeFileSync(join(tree, 'new.txt'), 'New\n\nJust written.');
    await warm(tree, cache, [], { settleMs: 60_000 });
    const kept = readFileSync(cacheFileIn(cache)).toString('latin1');
    assert.ok(kept.includes('old.txt'));
    assert.ok(!kept.includes('new.txt'));
  });

  test('a small library is not written (minArticles), a large enough one is', async () => {
    const tree = fresh('tree');
    const cache = fresh('cache');
    writeArticle(join(tree, 'a.txt'), 'A\n\nBody.');
    await loadLibrary([tree], { cache: { dir: cache, minArticles: 2 } });
    assert.deepEqual(readdirSync(cache), []);
    writeArticle(join(tree, 'b.txt'), 'B\n\nBody.');
    await loadLibrary([tree], { cache: { dir: cache, minArticles: 2 } });
    assert.equal(readdirSync(cache).length, 1);
  });
});

// --- Tampering -------------------------------------------------------------------------------

/** One field of an article record, by name (the header holds arrays: ARTICLE_FIELDS names their positions). */
const field = (name: (typeof ARTICLE_FIELDS)[number]) => ARTICLE_FIELDS.indexOf(name);
const articlesOf = (parsed: Parsed, n: number): ArticleRecord[] => parsed.header.files.filter((f) => Array.isArray(f[2]))[n]![2] as ArticleRecord[];
const firstArticle = (parsed: Parsed): ArticleRecord => articlesOf(parsed, 0)[0]!;
const set = (record: unknown[], name: (typeof ARTICLE_FIELDS)[number], value: unknown) => void (record[field(name)] = value);

describe('library cache: a tampered cache is a miss with the right library', () => {
  async function setUp() {
    const tree = fresh('tree');
    const cache = fresh('cache');
    writeArticle(join(tree, 'a.txt'), 'Putin meets Netanyahu\n\nThe talks in Moscow lasted three hours.\n\nNo statement followed.');
    writeArticle(join(tree, 'b.json'), JSON.stringify([{ title: 'Record one', text: 'First record.', url: 'https://example.com/1' }, { title: 'Record two', text: 'Second.' }]));
    writeArticle(join(tree, 'c.txt'), 'PNG\u0000\u0000 not text');
    const expected = snapshot(await cold(tree));
    const problems: string[] = [];
    assert.equal(snapshot(await warm(tree, cache, problems)), expected);
    assert.deepEqual(problems, []);
    const file = cacheFileIn(cache);
    return { tree, cache, file, expected, original: readFileSync(file) };
  }

  /** Loads with the cache file as `tamper` left it: the library a cold start gives, and one line said. */
  async function assertMiss(tamper: (setup: Awaited<ReturnType<typeof setUp>>) => void, said: RegExp | null) {
    const setup = await setUp();
    tamper(setup);
    const problems: string[] = [];
    assert.equal(snapshot(await warm(setup.tree, setup.cache, problems)), setup.expected);
    if (said) {
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0]!, said);
      assert.ok(!containsTerminalControls(problems[0]!));
    } else assert.deepEqual(problems, []);
    // Rebuilt: the next start reads it, and it is what a cold start gives again.
    const next: string[] = [];
    assert.equal(snapshot(await warm(setup.tree, setup.cache, next)), setup.expected);
    assert.deepEqual(next, []);
  }

  const rewrite = (f: (bytes: Buffer) => Buffer) => (s: { file: string; original: Buffer }) => writeFileSync(s.file, f(Buffer.from(s.original)));
  const forged = (f: (parsed: Parsed) => void) =>
    rewrite((bytes) => {
      const parsed = parse(bytes);
      f(parsed);
      return forge(parsed);
    });

  test('a first start reads its bodies back from the cache file it wrote, checked there as a second start does', async () => {
    const tree = fresh('tree');
    const cache = fresh('cache');
    writeArticle(join(tree, 'a.txt'), 'Putin meets Netanyahu\n\nThe talks in Moscow lasted three hours.');
    writeArticle(join(tree, 'b.txt'), 'Second\n\nAnother body.');
    const problems: string[] = [];
    const first = await warm(tree, cache, problems);
    const file = cacheFileIn(cache);
    // A byte changed in that very file (written in place, the same file) is caught when read.
    const bytes = readFileSync(file);
    bytes.write('\x1b[2J!!', bytes.lastIndexOf('Moscow'), 'latin1');
    writeFileSync(file, bytes);
    const text = first.articles[0]!.text;
    assert.ok(!text.includes('\x1b'), JSON.stringify(text));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /not as lede wrote it; shown repaired, cache removed/);
    // Another lede's file renamed over the path changes nothing for this one: it reads its own.
    writeFileSync(`${file}.other`, 'not a cache');
    renameSync(`${file}.other`, file);
    assert.equal(first.articles[1]!.text, 'Another body.');
    assert.equal(problems.length, 1);
  });

  test('the file written a record at a time is byte for byte the format: its header one JSON text, its digests right', async () => {
    const { original } = await setUp();
    assert.ok(forge(parse(original)).equals(original));
  });

  test('truncated', () => assertMiss(rewrite((b) => b.subarray(0, Math.floor(b.length / 2))), /library cache: ignored .*; rebuilt/));
  test('truncated inside the prefix', () => assertMiss(rewrite((b) => b.subarray(0, 10)), /not a library cache/));
  test('empty', () => assertMiss(rewrite(() => Buffer.alloc(0)), /not a library cache/));
  test('a byte flipped in the header', () =>
    assertMiss(
      rewrite((b) => {
        b[HEADER_AT + 40] = b[HEADER_AT + 40]! ^ 0x01;
        return b;
      }),
      /header changed since written/,
    ));
  test('a byte flipped in a body', () =>
    assertMiss(
      rewrite((b) => {
        b[b.length - 3] = b[b.length - 3]! ^ 0x01;
        return b;
      }),
      /bytes changed since written/,
    ));
  test('a byte flipped in any chunk of a blob of several (digested two at a time) is a miss, and untouched they all pass', async () => {
    const tree = fresh('tree');
    const cache = fresh('cache');
    // Three 4 MiB chunks and a bit: every chunk goes through the digest jobs.
    const paragraph = 'The talks in Moscow lasted three hours and nothing was signed at the end of them. ';
    for (let i = 0; i < 4; i++) writeArticle(join(tree, `${i}.txt`), `Long article ${i}\n\n${Array.from({ length: 10_000 }, (_, k) => `${paragraph.repeat(4)}${i}.${k}`).join('\n\n')}`);
    const expected = snapshot(await cold(tree));
    await warm(tree, cache);
    const file = cacheFileIn(cache);
    const original = readFileSync(file);
    assert.ok(parse(original).blob.length > 3 * 4 * 1024 * 1024);
    const untouched: string[] = [];
    assert.equal(snapshot(await warm(tree, cache, untouched)), expected);
    assert.deepEqual(untouched, []);
    for (const chunk of [0, 1, 2, 3]) {
      const bytes = Buffer.from(original);
      const at = bytes.length - parse(original).blob.length + chunk * 4 * 1024 * 1024 + 100;
      bytes[at] = bytes[at]! ^ 0x01;
      writeFileSync(file, bytes);
      const problems: string[] = [];
      assert.equal(snapshot(await warm(tree, cache, problems)), expected);
      assert.equal(problems.length, 1, `chunk ${chunk}: ${problems.join('\n')}`);
      assert.match(problems[0]!, /bytes changed since written/);
    }
  });
  test('a header length past the end', () =>
    assertMiss(
      rewrite((b) => {
        b.writeUInt32LE(0xffffffff, MAGIC_BYTES + 32);
        return b;
      }),
      /header past the end/,
    ));
  test('a forged title with an escape sequence', () => assertMiss(forged((p) => set(firstArticle(p), 'title', 'Putin \x1b]0;pwned\x07meets')), /bad title/));
  test('a forged title with a newline', () => assertMiss(forged((p) => set(firstArticle(p), 'title', 'Two\nlines')), /bad title/));
  test('a forged url with an escape sequence', () => assertMiss(forged((p) => set(articlesOf(p, 1)[0]!, 'url', '\x1b[2Jhttps://x')), /bad url/));
  test('a forged note with a control', () => assertMiss(forged((p) => set(firstArticle(p), 'notes', ['\x07'])), /bad notes/));
  test('a forged body span past the blob', () => assertMiss(forged((p) => set(firstArticle(p), 'end', p.blob.length + 10)), /body outside the blob/));
  test('a forged body span with a negative start', () => assertMiss(forged((p) => set(firstArticle(p), 'start', -1)), /bad counts/));
  test('a forged length that cannot be the span’s', () => assertMiss(forged((p) => set(firstArticle(p), 'length', 10 ** 6)), /body outside the blob/));
  test('a forged id of another file', () => assertMiss(forged((p) => set(firstArticle(p), 'id', '/../../etc/passwd')), /bad article id/));
  test('a forged extra field', () => assertMiss(forged((p) => void firstArticle(p).push(['x'])), /bad article fields/));
  test('a forged file listed twice', () => assertMiss(forged((p) => void p.header.files.push(p.header.files[0]!)), /listed twice/));
  test('a forged identity', () => assertMiss(forged((p) => void (p.header.files[0]![1] = 'x')), /bad identity/));
  test('a forged skip reason with an escape sequence', () => assertMiss(forged((p) => void (p.header.files.find((f) => typeof f[2] === 'string')![2] = '\x1b[31mred')), /bad skip reason/));
  test('a forged count of blob digests', () =>
    assertMiss(
      rewrite((bytes) => {
        const parsed = parse(bytes);
        const forgedBytes = forge(parsed);
        const again = parse(forgedBytes);
        again.header.blobChunks.push(again.header.blobChunks[0]!);
        const json = Buffer.from(JSON.stringify(again.header));
        const length = Buffer.alloc(4);
        length.writeUInt32LE(json.length);
        return Buffer.concat([Buffer.from('lede library cache\n'), createHash('sha256').update(json).digest(), length, json, again.blob]);
      }),
      /bytes changed since written/,
    ));
  test('another loader version or other paths: a plain miss, nothing said', () => assertMiss(forged((p) => void (p.header.key = p.header.key.replace('"loader":1', '"loader":0'))), null));
  for (const [name, tamper, said] of specialFileTampers(MAX_LIBRARY_CACHE_BYTES)) test(name, () => assertMiss((s) => tamper(s.file), said));
  test('a directory where the cache was: read as a miss, and the cache off once it cannot be replaced', async () => {
    const setup = await setUp();
    unlinkSync(setup.file);
    mkdirSync(setup.file);
    writeFileSync(join(setup.file, 'x'), 'x');
    const problems: string[] = [];
    assert.equal(snapshot(await warm(setup.tree, setup.cache, problems)), setup.expected);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0]!, /not a regular file/);
    assert.match(problems[1]!, /^library cache off: cannot write to /);
  });

  test('a forged body that passes every check but its first read is shown repaired, said once, and the cache removed', async () => {
    const setup = await setUp();
    const parsed = parse(setup.original);
    const article = firstArticle(parsed);
    const body = parsed.blob.subarray(article[field('start')] as number, article[field('end')] as number);
    // The same number of bytes and UTF-16 units, so every header check passes.
    const hostile = Buffer.from('\x1b]0;pwned\x07'.padEnd(body.length, 'x'), 'utf8');
    assert.equal(hostile.length, body.length);
    hostile.copy(body);
    writeFileSync(setup.file, forge(parsed));
    const problems: string[] = [];
    const library = await warm(setup.tree, setup.cache, problems);
    assert.deepEqual(problems, []);
    const text = library.articles[0]!.text;
    assert.ok(!containsTerminalControls(text.replace(/\n\n/g, ' ')), JSON.stringify(text));
    assert.ok(!text.includes('\x1b'));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /not as lede wrote it; shown repaired, cache removed/);
    assert.ok(!existsSync(setup.file));
    assert.equal(library.articles[0]!.words, text.split(/\s+/).filter(Boolean).length);
    assert.equal(snapshot(await warm(setup.tree, setup.cache)), setup.expected);
  });
});

describe('library cache: a cache that cannot be written is off for the run, said once', () => {
  test('a cache directory that cannot be created', async () => {
    const tree = fresh('tree');
    writeArticle(join(tree, 'a.txt'), 'A\n\nBody.');
    const blocker = join(fresh('blocked'), 'file');
    writeFileSync(blocker, 'not a directory');
    const problems: string[] = [];
    const expected = snapshot(await cold(tree));
    assert.equal(snapshot(await warm(tree, join(blocker, 'library'), problems)), expected);
    assert.equal(snapshot(await warm(tree, join(blocker, 'library'), problems)), expected);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /^library cache off: cannot create .* is not a directory/);
  });

  test('a disk that fills part way through the write: no file left behind, off for the rest of the run', async () => {
    const tree = fresh('tree');
    writeArticle(join(tree, 'a.txt'), `A\n\n${'Body. '.repeat(5000)}`);
    const cache = fresh('cache');
    const faulty = faultyFs({ diskBytes: 1000 });
    const problems: string[] = [];
    const expected = snapshot(await cold(tree));
    assert.equal(snapshot(await warm(tree, cache, problems, { fs: faulty.fs })), expected);
    assert.deepEqual(readdirSync(cache), []);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^library cache off: cannot write to .* \(ENOSPC\)$/);
    const writes = faulty.calls.writeSync;
    assert.equal(snapshot(await warm(tree, cache, problems, { fs: faulty.fs })), expected);
    assert.equal(faulty.calls.writeSync, writes, 'not tried again');
    assert.equal(problems.length, 1);
  });
});
