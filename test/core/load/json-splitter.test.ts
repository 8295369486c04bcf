import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { JsonSplitter } from '../../../source/core/load/json-splitter.js';
import { JsonLinesSplitter } from '../../../source/core/load/jsonl-splitter.js';
import type { RawRecord } from '../../../source/core/load/record-bytes.js';

interface Cut {
  number: number | undefined;
  text: string;
  bytes: Buffer;
  truncated: boolean;
}

/** Feeds `text` to a splitter in the chunks `cuts` make (offsets into its UTF-8 bytes) and collects what it cuts out. */
function split(kind: 'json' | 'jsonl', text: string, cuts: number[] = [], cap = Number.POSITIVE_INFINITY) {
  const records: Cut[] = [];
  const sink = (r: RawRecord) => {
    const bytes = Buffer.from(r.bytes);
    records.push({ number: r.number, text: bytes.toString('utf8'), bytes, truncated: r.truncated });
  };
  const splitter = kind === 'json' ? new JsonSplitter(cap, sink) : new JsonLinesSplitter(cap, sink);
  const bytes = Buffer.from(text, 'utf8');
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b)) {
    // A fresh buffer each time, overwritten after use: a record kept as a view of an old chunk would show.
    const chunk = Buffer.from(bytes.subarray(from, cut));
    splitter.write(chunk);
    chunk.fill(0x21);
    from = cut;
  }
  splitter.write(Buffer.from(bytes.subarray(from)));
  const ending = splitter.end();
  return { records, ending: ending ?? { restartAsLines: false, trailingText: false } };
}

/** Arbitrary JSON, with the characters that matter to a splitter made likely: quotes, backslashes, brackets, commas, non-ASCII. */
const trickyString = fc.string({ unit: fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', ' ', '\n', 'é', '😀', '\u2028') });
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    trickyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(true, false, null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(trickyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const cutPoints = fc.array(fc.nat({ max: 4000 }), { maxLength: 12 });
const spacing = fc.constantFrom(undefined, 1, '\t');

describe('JsonSplitter', () => {
  test('the elements of a top-level array come out one by one, whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(jsonValue, { maxLength: 8 }), cutPoints, spacing, (elements, cuts, space) => {
        const text = JSON.stringify(elements, null, space);
        const { records, ending } = split('json', text, cuts);
        assert.deepEqual(records.map((r) => JSON.parse(r.text)), JSON.parse(text));
        assert.deepEqual(records.map((r) => r.number), elements.map((_, i) => i + 1));
        assert.ok(records.every((r) => !r.truncated));
        assert.deepEqual(ending, { restartAsLines: false, trailingText: false });
      }),
      { numRuns: 300 },
    );
  });

  test('{"articles": [...]}: the array elements are the records, other members are passed over', () => {
    fc.assert(
      fc.property(jsonValue, fc.array(jsonValue, { maxLength: 6 }), jsonValue, cutPoints, (before, elements, after, cuts) => {
        const text = JSON.stringify({ before, 'art"icles': [1], articles: elements, after });
        const { records } = split('json', text, cuts);
        assert.deepEqual(records.map((r) => JSON.parse(r.text)), JSON.parse(JSON.stringify(elements)));
        assert.deepEqual(records.map((r) => r.number), elements.map((_, i) => i + 1));
      }),
      { numRuns: 200 },
    );
  });

  test('any other top-level value is one record without a number', () => {
    fc.assert(
      fc.property(jsonValue, cutPoints, (value, cuts) => {
        fc.pre(!Array.isArray(value) && !(typeof value === 'object' && value !== null && Array.isArray((value as { articles?: unknown }).articles)));
        const text = ` ${JSON.stringify(value)}\n`;
        const { records } = split('json', text, cuts);
        assert.equal(records.length, 1);
        assert.equal(records[0]!.number, undefined);
        assert.deepEqual(JSON.parse(records[0]!.text), JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  test('a record longer than the cap is cut at exactly the cap and says so; the others are whole', () => {
    fc.assert(
      fc.property(fc.array(trickyString, { minLength: 1, maxLength: 6 }), cutPoints, fc.integer({ min: 1, max: 40 }), (strings, cuts, cap) => {
        const elements = strings.map((text) => ({ text }));
        const { records } = split('json', JSON.stringify(elements), cuts, cap);
        assert.equal(records.length, elements.length);
        records.forEach((record, i) => {
          const whole = Buffer.from(JSON.stringify(elements[i]));
          assert.equal(record.truncated, whole.length > cap);
          assert.deepEqual(record.bytes, record.truncated ? whole.subarray(0, cap) : whole);
        });
      }),
      { numRuns: 200 },
    );
  });

  test('an object followed by another is JSON Lines; text after an array is flagged; a cut-short array hands over its last record', () => {
    assert.equal(split('json', '{"title":"a"}\n{"title":"b"}\n').ending.restartAsLines, true);
    assert.equal(split('json', '{"articles":[{"title":"a"}]}\n{"title":"b"}').ending.restartAsLines, true);
    const trailing = split('json', '[{"title":"a"}] and more');
    assert.deepEqual([trailing.records.length, trailing.ending], [1, { restartAsLines: false, trailingText: true }]);
    const cutShort = split('json', '[{"title":"a"}, {"title":"b", "te');
    assert.deepEqual(cutShort.records.map((r) => [r.number, r.text]), [[1, '{"title":"a"}'], [2, '{"title":"b", "te']]);
    assert.deepEqual(split('json', '  \n ').records, []);
  });

  test('100,000 levels of nesting are counted, not recursed into', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const { records } = split('json', `[${deep}, {"title": "after"}]`, [50_000, 150_000]);
    assert.equal(records.length, 2);
    assert.deepEqual(JSON.parse(records[1]!.text), { title: 'after' });
  });
});

describe('JsonLinesSplitter', () => {
  test('every line, blank ones included, with its line number, whatever the chunking', () => {
    const line = fc.string({ unit: fc.constantFrom('{', '}', '"', 'a', 'é', '\r', ' ') });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), fc.boolean(), cutPoints, (lines, finalNewline, cuts) => {
        const text = lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : '');
        const { records } = split('jsonl', text, cuts);
        const expected = text === '' ? [] : text.split('\n');
        if (text.endsWith('\n')) expected.pop();
        assert.deepEqual(records.map((r) => [r.number, r.text]), expected.map((l, i) => [i + 1, l]));
      }),
      { numRuns: 300 },
    );
  });

  test('a line longer than the cap keeps its first cap bytes, and the next line is untouched', () => {
    const { records } = split('jsonl', `${'x'.repeat(100)}\nshort\n`, [7, 30, 64], 10);
    assert.deepEqual(records.map(({ number, text, truncated }) => ({ number, text, truncated })), [
      { number: 1, text: 'x'.repeat(10), truncated: true },
      { number: 2, text: 'short', truncated: false },
    ]);
  });
});
