// Slow tier: megabyte articles extracted a chunk at a time, ~5 s of CPU.
// Long and dense articles: read a chunk at a time, merged as one, and capped, so what extraction
// holds and gives back is bounded however big the article.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { isEntityList } from '../../../source/core/entities/cache.js';
import {
  capEntities,
  articleIsCapped,
  CHUNK_CHARS,
  chunkRanges,
  extractInChunks,
  extractionEnd,
  isCapped,
  MAX_EXTRACTED_CHARS,
  MAX_ENTITIES_PER_ARTICLE,
  MAX_MENTIONS_PER_ARTICLE,
  MAX_MENTIONS_PER_ENTITY,
  mentionShare,
} from '../../../source/core/entities/chunked.js';
import { loadEntityExtractor, type Entity, type EntityExtractor } from '../../../source/core/entities/index.js';

describe('chunkRanges', () => {
  test('property: the chunks cover the text in order, none longer than the size, no surrogate pair cut', () => {
    const piece = fc.constantFrom('word ', 'Name ', '. ', '\n\n', '😀', 'x', '  ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 400 }), fc.integer({ min: 4, max: 60 }), (pieces, size) => {
        const text = pieces.join('');
        const ranges = chunkRanges(text, size);
        assert.equal(ranges[0]![0], 0);
        assert.equal(ranges[ranges.length - 1]![1], text.length);
        for (const [k, [start, end]] of ranges.entries()) {
          if (k > 0) assert.equal(start, ranges[k - 1]![1]);
          assert.ok(end > start || text.length === 0, 'no empty chunk');
          assert.ok(end - start <= size, `${end - start} > ${size}`);
          const code = text.charCodeAt(end);
          assert.ok(end === text.length || !(code >= 0xdc00 && code <= 0xdfff), 'a chunk ends inside a surrogate pair');
        }
      }),
    );
  });

  test('a cut goes at a paragraph break when the second half of the chunk has one, else a sentence end, else a space', () => {
    assert.deepEqual(chunkRanges('aaaa aaaa\n\nbbbb. cccc', 14), [[0, 11], [11, 21]]);
    assert.deepEqual(chunkRanges('aaaa aaa. bbbb cccc', 12), [[0, 10], [10, 19]]);
    assert.deepEqual(chunkRanges('aaaa aaaa bbbb', 12), [[0, 10], [10, 14]]);
    assert.deepEqual(chunkRanges('aaaaaaaaaaaa', 5), [[0, 5], [5, 10], [10, 12]]);
  });
});

describe('extractionEnd', () => {
  test('a text up to the limit is read whole; a longer one up to a break in the last half-chunk before the limit', () => {
    assert.equal(extractionEnd('word '.repeat(10)), 50);
    const atLimit = 'x'.repeat(MAX_EXTRACTED_CHARS);
    assert.equal(extractionEnd(atLimit), MAX_EXTRACTED_CHARS);
    const paragraphs = 'A paragraph of news text.\n\n'.repeat(Math.ceil((MAX_EXTRACTED_CHARS * 1.2) / 27));
    const end = extractionEnd(paragraphs);
    assert.ok(end <= MAX_EXTRACTED_CHARS && end > MAX_EXTRACTED_CHARS - CHUNK_CHARS / 2, String(end));
    assert.equal(paragraphs.slice(end - 2, end), '\n\n', 'cut after a paragraph break');
  });

  test('property: never past the limit, never inside a surrogate pair, the whole text when it fits', () => {
    const filler = fc.constantFrom('😀', 'x', ' ', '. ', '\n\n');
    fc.assert(
      fc.property(fc.array(filler, { maxLength: 20 }), fc.integer({ min: -30, max: 30 }), (tail, shift) => {
        const text = '😀'.repeat((MAX_EXTRACTED_CHARS + shift) >> 1) + tail.join('');
        const end = extractionEnd(text);
        if (text.length <= MAX_EXTRACTED_CHARS) assert.equal(end, text.length);
        else assert.ok(end <= MAX_EXTRACTED_CHARS && end > 0);
        const code = text.charCodeAt(end);
        assert.ok(end === text.length || !(code >= 0xdc00 && code <= 0xdfff), 'cut inside a surrogate pair');
      }),
      { numRuns: 40 },
    );
  });

  test('an article whose text is longer than extraction reads is capped, however few its entities', () => {
    assert.equal(articleIsCapped([], MAX_EXTRACTED_CHARS), false);
    assert.equal(articleIsCapped([], MAX_EXTRACTED_CHARS + 1), true);
  });
});

/** A reader that finds every capitalised word as a person, like a tagger would, in its chunk's offsets. */
function wordReader(calls: string[]): (text: string, title: string | undefined) => Entity[] {
  return (text, title) => {
    calls.push(text);
    const byId = new Map<string, Entity>();
    const add = (field: 'title' | 'text', source: string) => {
      for (const m of source.matchAll(/\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)*/gu)) {
        const id = `person:${m[0].toLowerCase()}`;
        const entity = byId.get(id) ?? { id, name: m[0], type: 'person' as const, aliases: [], mentions: [] };
        entity.mentions.push({ field, start: m.index, end: m.index + m[0].length, text: m[0] });
        byId.set(id, entity);
      }
    };
    if (title) add('title', title);
    add('text', text);
    return [...byId.values()];
  };
}

describe('extractInChunks', () => {
  const paragraph = (i: number) => `Paragraph ${i} said little. Vladimir Putin spoke early, and then Putin left.`;

  test('a long text: mentions in the whole text’s offsets, one entity per id, a bare surname joined to the full name', () => {
    const text = Array.from({ length: Math.ceil((CHUNK_CHARS * 2.5) / 32) }, (_, i) => (i === 0 ? paragraph(i) : `and Putin spoke, said Merkel.`)).join('\n\n');
    const calls: string[] = [];
    const progress: number[] = [];
    const entities = extractInChunks(text, 'Putin in Moscow', wordReader(calls), (done, total) => {
      assert.equal(total, text.length);
      progress.push(done);
    });
    assert.ok(calls.length >= 3, `${calls.length} chunks`);
    assert.ok(calls.every((c) => c.length <= CHUNK_CHARS));
    assert.deepEqual(progress, chunkRanges(text).map(([, end]) => end));
    for (const e of entities) {
      for (const m of e.mentions) assert.equal((m.field === 'title' ? 'Putin in Moscow' : text).slice(m.start, m.end), m.text);
    }
    const putin = entities.find((e) => e.name === 'Vladimir Putin')!;
    assert.ok(putin.aliases.includes('Putin'), 'the bare "Putin" of later chunks is him');
    assert.equal(entities.filter((e) => e.name === 'Putin').length, 0);
    assert.equal(putin.mentions[0]!.field, 'title', 'the title’s mention first');
    const starts = putin.mentions.filter((m) => m.field === 'text').map((m) => m.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'in reading order');
    assert.ok(entities.some((e) => e.name === 'Merkel'));
  });

  test('a short text is one read, as it always was', () => {
    const calls: string[] = [];
    extractInChunks(paragraph(1), undefined, wordReader(calls));
    assert.deepEqual(calls, [paragraph(1)]);
  });
});

describe('the caps', () => {
  const entity = (i: number, count: number): Entity => ({
    id: `place:p${i}`,
    name: `P${i}`,
    type: 'place',
    aliases: [`p${i}`],
    mentions: Array.from({ length: count }, (_, k) => ({ field: 'text' as const, start: k * 4, end: k * 4 + 2, text: k % 2 ? `p${i}` : `P${i}` })),
  });

  test('property: the share is the most each may keep with all of them within the total', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(500), { maxLength: 60 }), fc.integer({ min: 1, max: 5000 }), (counts, total) => {
        const share = mentionShare(counts, total);
        const kept = (s: number) => counts.reduce((sum, c) => sum + Math.min(c, s), 0);
        assert.ok(kept(share) <= total);
        if (Number.isFinite(share)) assert.ok(kept(share + 1) > total, `share ${share} could be ${share + 1}`);
        else assert.ok(kept(Infinity) <= total);
      }),
    );
  });

  test('an article over every cap keeps the most mentioned entities, each its first mentions, and the aliases those still say', () => {
    const many = Array.from({ length: MAX_ENTITIES_PER_ARTICLE + 10 }, (_, i) => entity(i, i < 3 ? MAX_MENTIONS_PER_ENTITY * 2 : i < 30 ? 40 : 1));
    const capped = capEntities(many);
    assert.equal(capped.length, MAX_ENTITIES_PER_ARTICLE);
    const total = capped.reduce((sum, e) => sum + e.mentions.length, 0);
    assert.ok(total <= MAX_MENTIONS_PER_ARTICLE, `${total} mentions`);
    assert.ok(capped.slice(0, 3).every((e) => e.mentions.length === MAX_MENTIONS_PER_ENTITY && isCapped(e)));
    assert.deepEqual(capped[0]!.mentions, many[0]!.mentions.slice(0, MAX_MENTIONS_PER_ENTITY), 'the first mentions');
    assert.ok(capped.slice(3).every((e) => !isCapped(e)));
    const one = capEntities([{ ...entity(0, MAX_MENTIONS_PER_ENTITY + 1), aliases: ['P0', 'q'] }]);
    assert.deepEqual(one[0]!.aliases, ['P0'], 'an alias no kept mention says is dropped');
  });

  test('an article within the caps is given back as it was', () => {
    const few = [entity(1, 3), entity(2, 2)];
    assert.equal(capEntities(few), few);
  });
});

describe('with the real extractor', () => {
  let extractor: EntityExtractor;
  before(async () => {
    extractor = await loadEntityExtractor();
  });

  test('a dense text of four names: each capped, valid for the cache, read chunk by chunk', () => {
    const text = 'US, UN, EU, UK. '.repeat(25_000);
    const progress: number[] = [];
    const entities = extractor.extract(text, undefined, (done) => progress.push(done));
    assert.deepEqual(entities.map((e) => e.name).sort(), ['EU', 'UK', 'UN', 'US']);
    assert.ok(entities.every((e) => e.mentions.length === MAX_MENTIONS_PER_ENTITY && isCapped(e)));
    assert.ok(progress.length >= 4 && progress[progress.length - 1] === text.length, `progress ${progress.join(', ')}`);
    assert.ok(isEntityList(entities, { text }), 'the cache takes it');
  });

  test('a long article with a title: every mention is a span of its field, and the cache takes it', () => {
    const sentences = [
      'Russian President Vladimir Putin met Chancellor Angela Merkel in Berlin on Monday.',
      'Putin said the talks with Merkel covered Ukraine and Syria.',
      'The European Union and NATO issued statements in Brussels.',
    ];
    const text = Array.from({ length: 4000 }, (_, i) => sentences[i % 3]).join('\n\n');
    const title = 'Putin and Merkel meet in Berlin';
    const entities = extractor.extract(text, title);
    assert.ok(text.length > CHUNK_CHARS * 2, `${text.length} characters: three chunks`);
    for (const e of entities) for (const m of e.mentions) assert.equal((m.field === 'title' ? title : text).slice(m.start, m.end), m.text);
    assert.ok(isEntityList(entities, { title, text }));
    const putin = entities.find((e) => e.name === 'Vladimir Putin');
    assert.ok(putin && putin.mentions[0]!.field === 'title', JSON.stringify(entities.map((e) => e.name)));
    assert.equal(entities.filter((e) => e.name === 'Putin').length, 0, 'one Putin across the chunks');
  });

  test('past MAX_EXTRACTED_CHARS nothing is read: a name only there is not found, and progress ends at the cut', () => {
    // Blank paragraphs: nothing to tag, so the test reads a million characters in a blink.
    const filler = '\n\n'.repeat(Math.ceil((MAX_EXTRACTED_CHARS * 1.05) / 2));
    const text = `Angela Merkel spoke in Berlin. ${filler}\n\nVladimir Putin spoke in Moscow.`;
    const progress: number[] = [];
    const names = extractor.extract(text, undefined, (done, total) => progress.push(done, total)).map((e) => e.name);
    assert.ok(names.includes('Angela Merkel') && names.includes('Berlin'), names.join(', '));
    assert.ok(!names.includes('Vladimir Putin') && !names.includes('Moscow'), names.join(', '));
    assert.equal(progress[progress.length - 1], extractionEnd(text));
    assert.ok(extractionEnd(text) < text.length);
  });
});
