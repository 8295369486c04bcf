import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { defineStoredText, SLAB_BYTES, spillSlabsTo, storeText, type OutsideBytes } from '../../../source/core/load/text-store.js';
import { TS_LOADER_ARGS } from '../../helpers/ts-loader-args';

/** Counts the bodies decoded while `body` runs: a decode is a Buffer's UTF-8 toString. */
function countDecodes(body: (decodes: () => number) => void): void {
  const toString = Buffer.prototype.toString;
  let count = 0;
  Buffer.prototype.toString = function (this: Buffer, ...args: Parameters<Buffer['toString']>) {
    if (args[0] === 'utf8') count++;
    return toString.apply(this, args);
  } as Buffer['toString'];
  try {
    body(() => count);
  } finally {
    Buffer.prototype.toString = toString;
  }
}

describe('text store', () => {
  it('gives back exactly the text stored, whatever its characters and size', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 400 }), { maxLength: 40 }), (texts) => {
        const stored = texts.map((t) => storeText(t));
        // Read back in reverse, after everything is stored: no text overwrote another.
        for (let i = texts.length - 1; i >= 0; i--) {
          assert.equal(stored[i]!.read(), texts[i]);
          assert.equal(stored[i]!.length, texts[i]!.length);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('stores a text bigger than a slab, and texts on both sides of a slab boundary', () => {
    const big = 'é’—'.repeat(200_000); // 1.6 MB of UTF-8: a buffer of its own
    // ~100 KB each, under a buffer of their own: a slab and a bit, so they cross into a new slab.
    const pieces = Array.from({ length: Math.ceil(SLAB_BYTES / 100_000) + 2 }, (_, i) => `${i} ${'x’'.repeat(25_000 + (i % 7))}`);
    const stored = [storeText(big), ...pieces.map((p) => storeText(p))];
    assert.equal(stored[0]!.read(), big);
    pieces.forEach((p, i) => assert.equal(stored[i + 1]!.read(), p));
  });

  it('defineStoredText reads like a plain field: spread, JSON and destructuring see it; it cannot be assigned', () => {
    const article = defineStoredText({ id: 'a' }, 'Body “quoted” — text');
    assert.equal(article.text, 'Body “quoted” — text');
    assert.deepEqual({ ...article }, { id: 'a', text: 'Body “quoted” — text' });
    assert.equal(JSON.stringify(article), '{"id":"a","text":"Body “quoted” — text"}');
    const { text } = article;
    assert.equal(text, 'Body “quoted” — text');
    assert.throws(() => {
      (article as { text: string }).text = 'changed';
    }, TypeError);
  });

  it('reads a text the same from the cache of recent ones and after a pass over many others evicted it', () => {
    const body = 'A body read on every render of the reader: “quotes” make it two-byte.';
    const stored = storeText(body);
    assert.equal(stored.read(), body);
    assert.equal(stored.read(), body);
    for (let i = 0; i < 50; i++) assert.equal(storeText(`other ${i}`).read(), `other ${i}`);
    assert.equal(stored.read(), body);
  });

  it('keeps a body read twice decoded, but nothing of a pass that reads every body once', () => {
    const onScreen = storeText('The article on screen, read on every render.');
    const pass = Array.from({ length: 200 }, (_, i) => storeText(`body ${i} “quoted”`));
    countDecodes((decodes) => {
      onScreen.read();
      onScreen.read();
      for (let r = 0; r < 10; r++) onScreen.read();
      assert.equal(decodes(), 2, 'decoded on the first two reads only');

      for (const p of pass) p.read();
      const afterPass = decodes();
      assert.equal(afterPass, 2 + pass.length);
      pass[0]!.read();
      assert.equal(decodes(), afterPass + 1, 'the pass left nothing decoded behind');
      onScreen.read();
      assert.equal(decodes(), afterPass + 1, 'and did not push the article on screen out');
    });
  });

  it('articles keep one shared shape with fast properties (a getter per article made each a dictionary)', () => {
    // V8's own view of the objects, from a child process that may use its native syntax.
    const script = `
      const { buildArticle } = await import(${JSON.stringify(new URL('../../../source/core/load/build-article.ts', import.meta.url).href)});
      const fast = new Function('o', 'return %HasFastProperties(o)');
      const same = new Function('a', 'b', 'return %HaveSameMap(a, b)');
      const articles = Array.from({ length: 40 }, (_, i) => buildArticle({ id: 'a' + i, path: 'a' + i + '.txt', format: 'txt', title: 'T', paragraphs: ['body ' + i + ' “q”'] }));
      console.log(JSON.stringify({ fast: articles.filter((a) => fast(a)).length, same: articles.every((a) => same(a, articles[0])) }));
    `;
    const run = spawnSync(process.execPath, ['--allow-natives-syntax', ...TS_LOADER_ARGS, '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { fast: 40, same: true });
  });

  it('while a spill is set, each slab filled is parked there whole and its bodies read from there; a park refused leaves them in memory', () => {
    // ~100 KB each: a little more than two slabs' worth, so the store fills at least two slabs.
    const pieces = Array.from({ length: Math.ceil((2 * SLAB_BYTES) / 100_000) + 2 }, (_, i) => `${i} ${'y’'.repeat(25_000 + (i % 5))}`);
    const parked: Buffer[] = [];
    let reads = 0;
    const spill: OutsideBytes = {
      parked: true,
      read: (start, end) => {
        reads++;
        return Buffer.concat(parked).subarray(start, end);
      },
    };
    let refuse = false;
    const end = spillSlabsTo({
      park: (bytes) => {
        if (refuse) return undefined;
        const at = parked.reduce((sum, b) => sum + b.length, 0);
        parked.push(Buffer.from(bytes));
        return { outside: spill, at };
      },
      check: () => assert.fail('the parked bytes are the ones written'),
    });
    try {
      const stored = pieces.map((p) => storeText(p));
      assert.ok(parked.length >= 1, 'a slab was parked');
      assert.ok(parked.every((b) => b.length <= SLAB_BYTES && b.length > SLAB_BYTES - 100_000 * 3), 'each park is one filled slab');
      // Every piece reads back the same, the early ones from the spill.
      pieces.forEach((p, i) => assert.equal(stored[i]!.read(), p));
      assert.ok(reads >= 1, 'bodies of a parked slab are read from the spill');
      const parks = parked.length;
      refuse = true;
      const more = pieces.map((p) => storeText(p + ' again'));
      const readsBefore = reads;
      pieces.forEach((p, i) => assert.equal(more[i]!.read(), p + ' again'));
      assert.equal(parked.length, parks, 'nothing parked once refused');
      assert.equal(reads, readsBefore, 'bodies of a refused park stay in memory');
    } finally {
      end();
    }
  });

  it('once every body of a slab has moved outside memory, the slab is let go of (the one being filled too)', () => {
    const script = `
      import { SLAB_BYTES, storeText } from ${JSON.stringify(new URL('../../../source/core/load/text-store.ts', import.meta.url).href)};
      const mb = () => process.memoryUsage().arrayBuffers / 1048576;
      const stored = Array.from({ length: 100 }, (_, i) => storeText('body ' + i + ' “quoted”'));
      gc();
      const filling = mb();
      const outside = { read: () => Buffer.alloc(0) };
      for (const s of stored) s.moveOutside(outside, 0, (text) => text);
      // A backing store is released by V8's sweeper, which may finish after gc() returns: asked
      // again until freed (it never is while something holds the slab), at most 100 times.
      let freed = 0;
      for (let round = 0; round < 100 && freed < SLAB_BYTES / 1048576; round++) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 10));
        freed = filling - mb();
      }
      console.log(JSON.stringify({ slabMb: SLAB_BYTES / 1048576, freedMb: freed }));
    `;
    const run = spawnSync(process.execPath, ['--expose-gc', ...TS_LOADER_ARGS, '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const { slabMb, freedMb } = JSON.parse(run.stdout) as { slabMb: number; freedMb: number };
    assert.ok(freedMb >= slabMb, `${freedMb} MB freed, the slab is ${slabMb} MB`);
  });

  it('a body moved outside memory reads the same from there, checked only when its bytes are not the ones it had', () => {
    const texts = ['Erdoğan’s “quoted” body', 'second — body', ''];
    const stored = texts.map((t) => storeText(t));
    // The "file": the bodies end to end, as the library cache's blob holds them.
    const file = Buffer.concat(texts.map((t) => Buffer.from(t, 'utf8')));
    let reads = 0;
    const outside: OutsideBytes = { read: (start, end) => (reads++, Buffer.from(file.subarray(start, end))) };
    const checked: string[] = [];
    const check = (text: string) => (checked.push(text), text.replace(/\u201c|\u201d/g, '"'));
    let at = 0;
    for (const [i, s] of stored.entries()) {
      assert.equal(s.moveOutside(outside, at, check), true);
      at += Buffer.byteLength(texts[i]!, 'utf8');
    }
    assert.equal(stored[0]!.moveOutside(outside, 0, check), false, 'already outside');
    texts.forEach((t, i) => assert.equal(stored[i]!.read(), t));
    assert.equal(reads, 3, 'each read went to the outside bytes');
    assert.deepEqual(checked, [], 'the bytes were the ones moved: no check');
    // A byte changed where the first body is: the check runs, and its repair is what reads give.
    file[0] = 'X'.charCodeAt(0);
    assert.equal(stored[0]!.read(), 'Xrdoğan’s "quoted" body');
    assert.equal(checked.length, 1);
    assert.equal(stored[0]!.read(), 'Xrdoğan’s "quoted" body');
  });
});
