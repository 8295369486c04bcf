// The entity cache treats its own files as hostile: an entry is used only if it is entities
// extract() could have made for the text, a FIFO or a link is never read, and a cache that
// cannot be created or written turns itself off with one line, for the rest of the run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  cacheKey,
  EntityCache,
  entityCacheDir,
  extractCached,
  isEntityList,
  MAX_ENTRY_BYTES,
  MAX_NAME_CHARS,
} from '../../../source/core/entities/cache.js';
import { MAX_ENTITIES_PER_ARTICLE as MAX_ENTITIES, MAX_MENTIONS_PER_ARTICLE as MAX_MENTIONS, MAX_MENTIONS_PER_ENTITY } from '../../../source/core/entities/chunked.js';
import { loadEntityExtractor, type Entity, type EntityExtractor } from '../../../source/core/entities/index.js';
import { faultyFs } from '../../helpers/faulty-fs.js';
import { readSeed } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'lede-entity-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;
const freshDir = (): string => {
  const dir = join(root, String(serial++));
  mkdirSync(dir);
  return dir;
};
const mkfifo = (path: string) => assert.equal(spawnSync('mkfifo', [path]).status, 0, 'mkfifo');
const VERSION = 'test-version';
const entryOf = (dir: string, text: string) => join(dir, `${cacheKey({ text: text }, VERSION)}.json`);
const clone = <T>(value: T): T => structuredClone(value);

const text = 'Russian President Vladimir Putin met Benjamin Netanyahu in Moscow. Putin said U.S. officials knew.';
let extractor: EntityExtractor;
let real: Entity[];
before(async () => {
  extractor = await loadEntityExtractor();
  real = extractor.extract(text);
});

test('the entity cache is <cache>/entities', () => {
  assert.equal(entityCacheDir({ LEDE_CACHE_DIR: '/x/y', XDG_CACHE_HOME: '/c' }), join('/x/y', 'entities'));
  assert.equal(entityCacheDir({ XDG_CACHE_HOME: '/c' }), join('/c', 'lede', 'entities'));
  assert.match(entityCacheDir({}) ?? '', /\.cache[/\\]lede[/\\]entities$/);
});

describe('what counts as an entry', () => {
  test('what extract() makes is accepted: the sample, both seed articles', () => {
    assert.ok(real.some((e) => e.name === 'Vladimir Putin') && real.some((e) => e.name === 'U.S.'), JSON.stringify(real));
    assert.ok(isEntityList(real, { text: text }));
    for (const seed of ['articles/000_09270935bd4655ee.txt', 'articles/004_eaf6071b633d695b.txt']) {
      const { text: seedText } = readSeed(seed);
      assert.ok(isEntityList(extractor.extract(seedText), { text: seedText }), seed);
    }
  });

  test('property: the validator never refuses what extract() makes', () => {
    const pieces = [
      'Vladimir Putin', 'met', 'Angela Merkel', 'in', 'Berlin', 'U.S.', 'the United Nations', 'said', 'Erdoğan',
      'ISIS', 'Prime Minister Benjamin Netanyahu', "Putin's", 'the Golan Heights', '.', ',', '\n\n', 'Reuters',
      'UK', 'Russian Federation', 'IDF', 'Hezbollah', '"Hamas"', 'on Monday', 'ministry of defence', 'Army Gen.',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (words) => {
        const t = words.join(' ');
        const entities = extractor.extract(t);
        assert.ok(isEntityList(entities, { text: t }), JSON.stringify({ t, entities }));
      }),
      { numRuns: 200 },
    );
  });

  test('tampered entries are refused', () => {
    const person = () => clone(real.find((e) => e.name === 'Vladimir Putin')!);
    const withPerson = (change: (e: Record<string, unknown>) => void) => {
      const list = clone(real) as unknown as Record<string, unknown>[];
      change(list.find((e) => e.name === 'Vladimir Putin')!);
      return list;
    };
    const bad: Record<string, unknown> = {
      'a name with an OSC (the window title)': withPerson((e) => (e.name = 'Vladimir\x1b]0;PWNED\x07 Putin')),
      'a name with a newline': withPerson((e) => (e.name = 'Vladimir\nPutin')),
      'a name with a tab': withPerson((e) => (e.name = 'Vladimir\tPutin')),
      'a name with the 8-bit CSI': withPerson((e) => (e.name = 'Vladimir\u009b2J')),
      'a name with a bidi override': withPerson((e) => (e.name = '\u202eVladimir Putin')),
      'a name no mention says': withPerson((e) => (e.name = 'Totally Someone Else')),
      'an empty name': withPerson((e) => (e.name = '')),
      'an alias with an escape': withPerson((e) => (e.aliases = ['Putin\x1b[2J'])),
      'an alias no mention says': withPerson((e) => (e.aliases = ['Someone Else'])),
      'more aliases than mention texts': withPerson((e) => (e.aliases = ['Putin', 'Putin', 'Putin'])),
      'an extra field on an entity': withPerson((e) => (e.note = 'x')),
      'an extra field on a mention': withPerson((e) => ((e.mentions as Record<string, unknown>[])[0]!.extra = 1)),
      'an id of another type': withPerson((e) => (e.id = 'place:vladimir putin')),
      'an id with a control character': withPerson((e) => (e.id = 'person:\x07')),
      'a duplicate id': [...clone(real), person()],
      'an empty mention': withPerson((e) => (e.mentions = [{ field: 'text', start: 18, end: 18, text: '' }])),
      'no mentions': withPerson((e) => (e.mentions = [])),
    };
    for (const [what, value] of Object.entries(bad)) assert.equal(isEntityList(value, { text: text }), false, what);
  });

  test('with a title: title mentions are spans of the title, all before the text\'s', () => {
    for (const seed of ['articles/000_09270935bd4655ee.txt', 'articles/004_eaf6071b633d695b.txt']) {
      const article = readSeed(seed);
      const entities = extractor.extract(article.text, article.title);
      assert.ok(entities.some((e) => e.mentions.some((m) => m.field === 'title')), `${seed}: its title names someone`);
      assert.ok(isEntityList(entities, article), seed);
      assert.equal(isEntityList(entities, { text: article.text }), false, `${seed}: title mentions without the title`);
    }
    const article = { title: 'Putin in Moscow', text: 'Putin spoke.' };
    const putin = (mentions: unknown[]) => [{ id: 'person:putin', name: 'Putin', type: 'person', aliases: [], mentions }];
    const inTitle = { field: 'title', start: 0, end: 5, text: 'Putin' };
    const inText = { field: 'text', start: 0, end: 5, text: 'Putin' };
    assert.ok(isEntityList(putin([inTitle, inText]), article));
    assert.equal(isEntityList(putin([inText, inTitle]), article), false, 'a title mention after the text\'s');
    assert.equal(isEntityList(putin([{ ...inTitle, start: 9, end: 14 }]), article), false, 'a title span that is not the name');
    assert.equal(isEntityList(putin([{ ...inText, field: 'body' }]), article), false, 'a field extract() never writes');
    assert.equal(isEntityList(putin([{ start: 0, end: 5, text: 'Putin' }]), article), false, 'no field');
  });

  test('the title is part of the key: the same text under another headline is another entry', () => {
    const dir = freshDir();
    const cache = new EntityCache(VERSION, dir);
    const body = 'He spoke on Monday.';
    assert.notEqual(cacheKey({ title: 'Putin speaks', text: body }, VERSION), cacheKey({ text: body }, VERSION));
    assert.notEqual(cacheKey({ title: 'a', text: 'bc' }, VERSION), cacheKey({ title: 'ab', text: 'c' }, VERSION));
    const withTitle = extractCached(extractor, cache, { title: 'Putin speaks', text: body });
    assert.ok(withTitle.some((e) => e.name === 'Putin'), JSON.stringify(withTitle));
    assert.deepEqual(cache.get({ title: 'Putin speaks', text: body }), withTitle);
    assert.equal(cache.get({ text: body }), undefined);
  });

  test('a built-in alias-table name is a name only for a mention of its own group', () => {
    const t = 'U.S. officials said.';
    const us = (name: string) => [{ id: `place:${name.toLowerCase()}`, name, type: 'place', aliases: ['U.S.'], mentions: [{ field: 'text', start: 0, end: 4, text: 'U.S.' }] }];
    assert.ok(isEntityList(us('United States'), { text: t }));
    assert.equal(isEntityList(us('Russia'), { text: t }), false);
  });

  test('bounds: name length, entities and mentions, each accepted at the bound and refused past it', () => {
    const long = (n: number) => {
      const t = 'A'.repeat(n);
      return [isEntityList([{ id: 'person:a', name: t, type: 'person', aliases: [], mentions: [{ field: 'text', start: 0, end: n, text: t }] }], { text: t })];
    };
    assert.deepEqual(long(MAX_NAME_CHARS), [true]);
    assert.deepEqual(long(MAX_NAME_CHARS + 1), [false]);
    const entities = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `place:x#${i}`, name: 'x', type: 'place', aliases: [], mentions: [{ field: 'text', start: 0, end: 1, text: 'x' }] }));
    assert.ok(isEntityList(entities(MAX_ENTITIES), { text: 'x' }));
    assert.equal(isEntityList(entities(MAX_ENTITIES + 1), { text: 'x' }), false);
    const mention = { field: 'text', start: 0, end: 1, text: 'x' };
    const holding = (n: number, id = 'place:x') => ({ id, name: 'x', type: 'place', aliases: [], mentions: Array.from({ length: n }, () => mention) });
    assert.ok(isEntityList([holding(MAX_MENTIONS_PER_ENTITY)], { text: 'x' }));
    assert.equal(isEntityList([holding(MAX_MENTIONS_PER_ENTITY + 1)], { text: 'x' }), false, 'one entity over its cap');
    // In all: entities at their cap, and one more mention past the article's.
    const full = (extra: number) => [
      ...Array.from({ length: MAX_MENTIONS / MAX_MENTIONS_PER_ENTITY }, (_, i) => holding(MAX_MENTIONS_PER_ENTITY, `place:x#${i}`)),
      ...(extra > 0 ? [holding(extra, 'place:y')] : []),
    ];
    assert.ok(isEntityList(full(0), { text: 'x' }));
    assert.equal(isEntityList(full(1), { text: 'x' }), false, 'one mention past the article’s cap');
  });
});

describe('reading entries', () => {
  test('a tampered entry is a miss: extracted again, and the file rewritten with what extract() gives', () => {
    const dir = freshDir();
    const cache = new EntityCache(VERSION, dir);
    extractCached(extractor, cache, { text: text });
    const tampered = clone(real);
    tampered[0]!.name = 'QQTAMPER\x1b]2;PWNED\x07';
    writeFileSync(entryOf(dir, text), JSON.stringify(tampered));
    assert.equal(cache.get({ text: text }), undefined);
    assert.deepEqual(extractCached(extractor, cache, { text: text }), real);
    assert.deepEqual(JSON.parse(readFileSync(entryOf(dir, text), 'utf8')), real);
  });

  test('a FIFO entry is a miss without hanging, and the next write replaces it', { timeout: 20_000 }, () => {
    const dir = freshDir();
    const cache = new EntityCache(VERSION, dir);
    mkfifo(entryOf(dir, text));
    assert.equal(cache.get({ text: text }), undefined);
    assert.deepEqual(extractCached(extractor, cache, { text: text }), real);
    assert.ok(lstatSync(entryOf(dir, text)).isFile());
    assert.deepEqual(cache.get({ text: text }), real);
  });

  test('an entry linked to /dev/zero, or to a real entry, is a miss without a byte read', () => {
    const dir = freshDir();
    const seam = faultyFs();
    const cache = new EntityCache(VERSION, dir, { fs: seam.fs });
    symlinkSync('/dev/zero', entryOf(dir, text));
    assert.equal(cache.get({ text: text }), undefined);
    writeFileSync(join(dir, 'elsewhere.json'), JSON.stringify(real));
    rmSync(entryOf(dir, text));
    symlinkSync(join(dir, 'elsewhere.json'), entryOf(dir, text));
    assert.equal(cache.get({ text: text }), undefined);
    assert.equal(seam.bytesRead, 0);
  });

  test('an entry over MAX_ENTRY_BYTES is a miss, unread, even when it is valid JSON entities', () => {
    const dir = freshDir();
    const seam = faultyFs();
    const json = JSON.stringify(real);
    writeFileSync(entryOf(dir, text), json + ' '.repeat(MAX_ENTRY_BYTES + 1 - json.length));
    assert.equal(new EntityCache(VERSION, dir, { fs: seam.fs }).get({ text: text }), undefined);
    assert.equal(seam.bytesRead, 0);
  });
});

describe('writing entries', () => {
  test('an entry get() would refuse is never written', () => {
    const dir = freshDir();
    const cache = new EntityCache(VERSION, dir);
    const tampered = clone(real);
    tampered[0]!.name = 'Evil\x1b]0;x\x07';
    cache.set({ text: text }, tampered);
    assert.equal(existsSync(entryOf(dir, text)), false);
    assert.equal(cache.problem, null, 'not a problem with the cache');
  });

  test('a directory that cannot be created: off, one line, and no further attempt', { timeout: 20_000 }, () => {
    const seam = faultyFs();
    const problems: string[] = [];
    const cache = new EntityCache(VERSION, '/proc/x/entities', { fs: seam.fs, onProblem: (p) => problems.push(p) });
    assert.deepEqual(extractCached(extractor, cache, { text: text }), real, 'entities all the same');
    assert.deepEqual(problems, ['entity cache off: cannot create /proc/x (ENOENT)']);
    assert.equal(cache.problem, problems[0]);
    const before = { ...seam.calls };
    cache.set({ text: 'Another text about Angela Merkel.' }, extractor.extract('Another text about Angela Merkel.'));
    assert.deepEqual(seam.calls, before, 'no filesystem call once off');
    assert.deepEqual(problems.length, 1);
  });

  test('a disk that fills part way through a write: off after the first ENOSPC, no temporary file, earlier entries still read', () => {
    const dir = freshDir();
    const first = 'Angela Merkel spoke in Berlin.';
    const firstBytes = Buffer.byteLength(JSON.stringify(extractor.extract(first)));
    const seam = faultyFs({ diskBytes: firstBytes + 50 });
    const problems: string[] = [];
    const cache = new EntityCache(VERSION, dir, { fs: seam.fs, onProblem: (p) => problems.push(p) });
    extractCached(extractor, cache, { text: first });
    assert.deepEqual(extractCached(extractor, cache, { text: text }), real);
    assert.deepEqual(problems, [`entity cache off: cannot write to ${dir} (ENOSPC)`]);
    assert.deepEqual(readdirSync(dir), [`${cacheKey({ text: first }, VERSION)}.json`], 'the first entry, no temporary file');
    // For the rest of the run nothing more is tried, by this cache or another on the same directory.
    const opens = seam.calls.openSync;
    for (const t of ['Emmanuel Macron in Paris.', 'Xi Jinping in Beijing.', 'Joe Biden in Washington.']) extractCached(extractor, cache, { text: t });
    const again = new EntityCache(VERSION, join(dir, '.'), { fs: seam.fs });
    assert.equal(again.problem, problems[0]);
    again.set({ text: text }, real);
    assert.equal(seam.calls.openSync - opens, 3, 'three reads (misses), no write');
    assert.equal(seam.calls.writeSync, 3, 'the first entry, then one short write and the ENOSPC');
    assert.deepEqual(again.get({ text: first }), extractor.extract(first), 'what was written is still read');
  });

  test('null: no cache, on purpose, and no problem to report', () => {
    const cache = new EntityCache(VERSION, null);
    assert.equal(cache.problem, null);
    assert.deepEqual(extractCached(extractor, cache, { text: text }), real);
  });
});
