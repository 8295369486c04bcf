import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cacheKey, EntityCache, extractCached } from '../../../source/core/entities/cache.js';
import { loadEntityExtractor, type Entity } from '../../../source/core/entities/index.js';

test('cache: a hit returns what was stored; the key depends on text and version; corrupt files are misses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-ent-'));
  try {
    const ex = await loadEntityExtractor();
    const cache = new EntityCache(ex.version, dir);
    const text = 'Vladimir Putin met Benjamin Netanyahu in Moscow.';
    assert.equal(cache.get({ text: text }), undefined);
    const first = extractCached(ex, cache, { text: text });
    assert.deepEqual(cache.get({ text: text }), first);
    assert.notEqual(cacheKey({ text: text }, 'v1'), cacheKey({ text: text }, 'v2'));
    assert.notEqual(cacheKey({ text: text }, 'v1'), cacheKey({ text: text + ' ' }, 'v1'));
    // A cached result is used without extracting again.
    let calls = 0;
    const counting = { version: ex.version, extract: (t: string, title?: string): Entity[] => (calls++, ex.extract(t, title)) };
    extractCached(counting, cache, { text: text });
    assert.equal(calls, 0);
    // Corrupt and wrong-shaped entries are ignored and recomputed.
    const file = join(dir, `${cacheKey({ text: text }, ex.version)}.json`);
    for (const junk of ['{not json', '[{"id":1}]', '[{"id":"a","name":"b","type":"person","aliases":[],"mentions":[{"start":0,"end":99999,"text":"x"}]}]']) {
      writeFileSync(file, junk);
      assert.equal(cache.get({ text: text }), undefined);
      assert.deepEqual(extractCached(ex, cache, { text: text }), first);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache: an unwritable directory is ignored, never fatal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-ent-'));
  try {
    const ex = await loadEntityExtractor();
    writeFileSync(join(dir, 'file'), 'x');
    // A path below a regular file can never be created.
    const cache = new EntityCache(ex.version, join(dir, 'file', 'sub'));
    const got = extractCached(ex, cache, { text: 'Angela Merkel visited Paris.' });
    assert.ok(got.length > 0);
    chmodSync(dir, 0o500);
    const cache2 = new EntityCache(ex.version, join(dir, 'new'));
    assert.doesNotThrow(() => cache2.set({ text: 'x' }, []));
  } finally {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache: a file that is not entities of this text is a miss', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-ent-'));
  try {
    const text = 'Vladimir Putin met Benjamin Netanyahu in Moscow. Putin spoke.';
    const cache = new EntityCache('test-version', dir);
    const file = join(dir, `${cacheKey({ text: text }, 'test-version')}.json`);
    const mention = (s: string, from = 0) => ({ field: 'text', start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length, text: s });
    const putin = { id: 'person:vladimir putin', name: 'Vladimir Putin', type: 'person', aliases: ['Putin'], mentions: [mention('Vladimir Putin'), mention('Putin', 20)] };
    const moscow = { id: 'place:moscow', name: 'Moscow', type: 'place', aliases: [], mentions: [mention('Moscow')] };
    writeFileSync(file, JSON.stringify([putin, moscow]));
    assert.deepEqual(cache.get({ text: text }), [putin, moscow], 'a well-formed file is a hit');
    const withMentions = (mentions: unknown[]) => [{ ...putin, mentions }];
    const bad: Record<string, unknown> = {
      'start below 0': withMentions([{ field: 'text', start: -1, end: 3, text: 'Vla' }]),
      'start after end': withMentions([{ field: 'text', start: 5, end: 2, text: '' }]),
      'end past the text': withMentions([{ field: 'text', start: 0, end: text.length + 1, text: text + ' ' }]),
      'fractional offsets': withMentions([{ field: 'text', start: 0.5, end: 3, text: 'Vla' }]),
      'offsets as strings': withMentions([{ field: 'text', start: '0', end: '14', text: 'Vladimir Putin' }]),
      'mentions out of order': withMentions([mention('Putin', 20), mention('Vladimir Putin')]),
      'mention text not the span': withMentions([{ field: 'text', start: 0, end: 14, text: 'Someone Else!!' }]),
      'a null mention': withMentions([null]),
      'name not a string': [{ ...putin, name: 42 }],
      'an alias not a string': [{ ...putin, aliases: ['Putin', 7] }],
      'id missing': [{ ...putin, id: undefined }],
      'unknown type': [{ ...putin, type: 'animal' }],
      'a null entity': [putin, null],
      'not a list': { 0: putin },
    };
    for (const [what, value] of Object.entries(bad)) {
      writeFileSync(file, JSON.stringify(value));
      assert.equal(cache.get({ text: text }), undefined, what);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
