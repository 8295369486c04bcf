// `--json` made as it is written: the same text as toJson of the whole value, whichever arrays
// are streamed; and the writer that keeps pace with a slow reader and stops quietly when the
// reader goes away.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import fc from 'fast-check';
import { toJson } from '../../source/commands/json.js';
import { jsonPieces, StreamedArray } from '../../source/commands/json-stream.js';
import { writePieces } from '../../source/commands/write-out.js';

const collect = async (pieces: AsyncIterable<string>) => {
  let out = '';
  for await (const piece of pieces) out += piece;
  return out;
};

/** `value` with the arrays `pick` chooses made StreamedArrays, of sync or async generators. */
function streamed(value: unknown, pick: () => number): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => streamed(v, pick));
    const how = pick() % 3;
    if (how === 0) return items;
    return new StreamedArray(
      how === 1
        ? (function* () {
            yield* items;
          })()
        : (async function* () {
            for (const item of items) yield await Promise.resolve(item);
          })(),
    );
  }
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, streamed(v, pick)]));
  return value;
}

/** JSON values whose strings hold C0 and C1 controls and bidi overrides too (toJson escapes them). */
const unsafeString = fc.string({ unit: fc.constantFrom('a', 'é', '\n', '"', '\\', '\u009b', '\u202e', '\u2066', '\x1b', '😀') });
const values = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double({ noNaN: true }), unsafeString, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(unsafeString, tie('value'), { maxKeys: 5 }),
})).value;

test('jsonPieces gives exactly toJson of the whole value, whichever arrays are streamed', async () => {
  await fc.assert(
    fc.asyncProperty(values, fc.infiniteStream(fc.nat()), async (value, picks) => {
      const it = picks[Symbol.iterator]();
      const made = streamed(value, () => it.next().value as number);
      assert.equal(await collect(jsonPieces(made)), toJson(value));
    }),
    { numRuns: 300 },
  );
});

test('the commands’ shapes: a streamed top-level array, and a streamed array inside an object', async () => {
  const articles = [{ path: 'a.txt', entities: [{ name: 'Brown', mentions: [{ start: 0, end: 5 }] }] }, { path: 'b\u009b.txt', entities: [] }];
  assert.equal(await collect(jsonPieces(new StreamedArray(articles))), toJson(articles));
  assert.equal(await collect(jsonPieces(new StreamedArray([]))), '[]');
  const mentions = { entity: { id: 'person:brown', aliases: [] }, articles };
  assert.equal(await collect(jsonPieces({ entity: mentions.entity, articles: new StreamedArray(articles) })), toJson(mentions));
  assert.equal(await collect(jsonPieces({ entities: new StreamedArray([]) })), toJson({ entities: [] }));
});

/** A reader that takes a chunk every turn of the event loop, and says how far it has read. */
function slowReader(highWaterMark: number) {
  const state = { bytes: 0, text: '' };
  const out = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      setImmediate(() => {
        state.bytes += Buffer.byteLength(chunk);
        state.text += chunk;
        done();
      });
    },
  });
  return { out, state };
}

test('writePieces keeps pace with a slow reader: what is made and not yet read stays within a chunk or two', async () => {
  const { out, state } = slowReader(16 * 1024);
  const piece = 'x'.repeat(10_000);
  let made = 0;
  let aheadMost = 0;
  async function* pieces() {
    for (let i = 0; i < 400; i++) {
      aheadMost = Math.max(aheadMost, made - state.bytes);
      made += piece.length;
      yield piece;
    }
  }
  assert.equal(await writePieces(out, pieces()), true);
  await new Promise((resolve) => out.end(resolve));
  assert.equal(state.text, piece.repeat(400) + '\n', 'all of it, a line break at the end as print adds');
  // 4 MB made in all; without the wait for drain it would all be ahead of the reader at once.
  assert.ok(aheadMost <= 3 * 64 * 1024, `at most ${aheadMost} bytes ahead`);
});

test('writePieces: a reader that stops ends the writing quietly, and the rest is never made', async () => {
  const { out, state } = slowReader(1024);
  const errors: unknown[] = [];
  out.on('error', (error) => errors.push(error));
  let made = 0;
  let finished = false;
  async function* pieces() {
    try {
      for (let i = 0; i < 10_000; i++) {
        made += 1;
        // The reader goes away (`| head` exiting: EPIPE) once it has some.
        if (state.bytes > 100_000 && !out.destroyed) out.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
        yield 'y'.repeat(1000);
      }
    } finally {
      finished = true;
    }
  }
  assert.equal(await writePieces(out, pieces()), false);
  assert.ok(made < 1000, `${made} of 10,000 pieces made`);
  assert.ok(finished, 'the pieces were closed');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(errors.length, 1, 'the reader went away with EPIPE');
});

test('writePieces writes what print wrote: nothing for nothing, a line break added only when missing', async () => {
  for (const [pieces, expected] of [
    [[], ''],
    [['', ''], ''],
    [['a', 'b'], 'ab\n'],
    [['a\n'], 'a\n'],
    [['a\r\n'], 'a\r\n'],
  ] as const) {
    const { out, state } = slowReader(1024);
    await writePieces(out, pieces);
    await new Promise((resolve) => out.end(resolve));
    assert.equal(state.text, expected, JSON.stringify(pieces));
  }
});
