// dist/ is built with one change to Ink (test/tools/build.mjs): its Output's caches outlive a
// frame, and get() works row by row (a row of one line from its first column is kept by line,
// other rows keep their text while their cells are unchanged). The change must still apply to the Ink installed
// (else the build fails, saying so), draw what Ink draws, and be in what ships.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
// @ts-expect-error: a plain .mjs build script, no types
import { patchInkOutput, patchInkSanitize } from '../tools/build.mjs';

const root = new URL('../..', import.meta.url).pathname;
const inkOutput = join(dirname(createRequire(import.meta.url).resolve('ink')), 'output.js');
const inkSanitize = join(dirname(inkOutput), 'sanitize-ansi.js');

test("the build's change to Ink's Output applies to the Ink installed, and only where it means to", () => {
  const source = readFileSync(inkOutput, 'utf8');
  const patched = (patchInkOutput as (s: string) => string)(source);
  assert.ok(!patched.includes('caches = new OutputCaches();'), 'no Output makes caches of its own');
  assert.equal(patched.split('caches = sharedOutputCaches();').length, 2, 'the one field, changed once');
  assert.equal(patched.split('return rowByRowGet(this);').length, 2, 'get() replaced, once');
  assert.ok(!patched.includes("value: ' ',\n                    fullWidth: false"), 'no fresh blank cell per cell');
  assert.ok(patched.startsWith(source.slice(0, source.indexOf('caches = new OutputCaches();'))), 'nothing before it changed');
  assert.throws(() => (patchInkOutput as (s: string) => string)('export default class Output {}'), /review patchInkOutput/);
  // Any change to the get() it replaces is a change to review.
  const changed = source.replace('const clips = [];', 'const clips = [undefined];');
  assert.notEqual(changed, source);
  assert.throws(() => (patchInkOutput as (s: string) => string)(changed), /review patchInkOutput/);
});

test('what ships has the shared caches, the row by row get() and the kept sanitizing', () => {
  const chunks = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js'));
  for (const mark of ['function rowByRowGet(', 'keptSanitizeAnsi = (text']) {
    const holding = chunks.filter((f) => readFileSync(join(root, 'dist', f), 'utf8').includes(mark));
    assert.equal(holding.length, 1, `${mark}: dist/ is built by npm run build (${holding.join(', ')})`);
  }
});

test("the kept sanitizing applies to the Ink installed, and returns what Ink's does, text after text", async () => {
  const source = readFileSync(inkSanitize, 'utf8');
  const patched = (patchInkSanitize as (s: string) => string)(source);
  assert.ok(patched.startsWith(source.slice(0, source.indexOf('export default sanitizeAnsi;'))), 'nothing before the export changed');
  assert.throws(() => (patchInkSanitize as (s: string) => string)('export default x;'), /review patchInkSanitize/);
  const { build } = await import('esbuild');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { pathToFileURL } = await import('node:url');
  const fc = (await import('fast-check')).default;
  // @ts-expect-error: a plain .mjs build script, no types
  const { inkOutputCaches } = await import('../tools/build.mjs');
  const tmp = mkdtempSync(join(tmpdir(), 'lede-ink-sanitize-'));
  try {
    const load = async (patched: boolean) => {
      const outfile = join(tmp, `sanitize-${patched}.mjs`);
      await build({ stdin: { contents: `export { default } from ${JSON.stringify(inkSanitize)};`, resolveDir: root, loader: 'js' }, bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error', plugins: patched ? [inkOutputCaches] : [] });
      return (await import(pathToFileURL(outfile).href)).default as (text: string) => string;
    };
    const [original, kept] = [await load(false), await load(true)];
    const piece = fc.constantFrom('a', ' ', '中', '\x1b[1m', '\x1b[22m', '\x1b[2J', '\x1b[H', '\x1b]8;;https://example.com\x07', '\x9b1m', '\x07', '\n');
    const texts = fc.array(fc.array(piece, { maxLength: 6 }).map((p) => p.join('')), { minLength: 1, maxLength: 5 }).chain((distinct) => fc.array(fc.constantFrom(...distinct), { minLength: 1, maxLength: 12 }));
    fc.assert(
      fc.property(texts, (sequence) => {
        for (const text of sequence) assert.equal(kept(text), original(text));
      }),
      { numRuns: 300 },
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("Ink's patched Output draws every frame of a sequence as the original does, byte for byte (rows kept, cells shared, clips, transformers)", async () => {
  const { build } = await import('esbuild');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { pathToFileURL } = await import('node:url');
  const fc = (await import('fast-check')).default;
  // @ts-expect-error: a plain .mjs build script, no types
  const { inkOutputCaches } = await import('../tools/build.mjs');
  const tmp = mkdtempSync(join(tmpdir(), 'lede-ink-output-'));
  try {
    type Transformer = (line: string, index: number) => string;
    type Output = new (o: { width: number; height: number }) => {
      write(x: number, y: number, text: string, o: { transformers: Transformer[] }): void;
      clip(c: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
      unclip(): void;
      get(): { output: string; height: number };
    };
    const load = async (patched: boolean): Promise<Output> => {
      const outfile = join(tmp, `output-${patched}.mjs`);
      await build({
        stdin: { contents: `export { default } from ${JSON.stringify(inkOutput)};`, resolveDir: root, loader: 'js' },
        bundle: true,
        platform: 'node',
        format: 'esm',
        outfile,
        logLevel: 'error',
        plugins: patched ? [inkOutputCaches] : [],
      });
      return (await import(pathToFileURL(outfile).href)).default as Output;
    };
    const [Original, Patched] = [await load(false), await load(true)];
    // lede's own lines (SGR codes, compound ones too, and single-column text: the patch's quick
    // path), and what takes Ink's own: wide and combining characters, a link, malformed codes.
    const piece = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('a', 'm', '4;', 'Golan', ' ', '  ', '·', '…', '›', '─', 'é', '\x1b[1m', '\x1b[22m', '\x1b[7m', '\x1b[27m', '\x1b[38;5;214m', '\x1b[39m', '\x1b[0m', '\x1b[m', '\x1b[1;4m', '\x1b[38;5;16;48;5;220;1;4m', '\x1b[24m\x1b[22m\x1b[49m\x1b[39m', '\n') },
      { weight: 1, arbitrary: fc.constantFrom('中', '😀', 'e\u0301', '\x1b[1m\u0301', '\x1b]8;;https://example.com\x07', '\x1b]8;;\x07', '\x1b[12', '\x1b[1x', '\x1b', '\x9b1m', '\u00ad', '\t') },
    );
    const transformers: Transformer[] = [(line) => `\x1b[4m${line}\x1b[24m`, (line, index) => `${index}${line}`, (line) => line.toUpperCase()];
    // Mostly lines from the first column, as lede's list writes them, and some elsewhere, off the grid, overlapping.
    const write = fc.record({
      type: fc.constant('write' as const),
      x: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: -2, max: 18 })),
      y: fc.integer({ min: -2, max: 7 }),
      text: fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
      transformers: fc.subarray(transformers, { maxLength: 2 }),
    });
    const clip = fc.record({ type: fc.constant('clip' as const), x1: fc.option(fc.nat(10), { nil: undefined }), x2: fc.option(fc.nat(20), { nil: undefined }), y1: fc.option(fc.nat(3), { nil: undefined }), y2: fc.option(fc.nat(6), { nil: undefined }) });
    const operation = fc.oneof({ weight: 5, arbitrary: write }, { weight: 1, arbitrary: clip }, { weight: 1, arbitrary: fc.constant({ type: 'unclip' as const }) });
    // Frames that repeat rows of the one before (the case the patch skips) and change others.
    const frames = fc.array(fc.array(operation, { maxLength: 8 }), { minLength: 1, maxLength: 6 }).chain((distinct) => fc.array(fc.constantFrom(...distinct), { minLength: 2, maxLength: 10 }));
    fc.assert(
      fc.property(frames, (sequence) => {
        for (const frame of sequence) {
          const [a, b] = [new Original({ width: 20, height: 6 }), new Patched({ width: 20, height: 6 })];
          for (const op of frame) {
            for (const output of [a, b]) {
              if (op.type === 'write') output.write(op.x, op.y, op.text, { transformers: op.transformers });
              else if (op.type === 'clip') output.clip({ x1: op.x1, x2: op.x2, y1: op.y1, y2: op.y2 });
              else output.unclip();
            }
          }
          assert.deepEqual(b.get(), a.get());
        }
      }),
      { numRuns: 1000 },
    );
    // The quick path alone: one line from the first column, lede's way of writing a row.
    const line = fc.array(fc.oneof(piece, fc.constantFrom('\x1b[1x', '\x1b[', 'm', '1', ';')), { maxLength: 12 }).map((p) => p.join('').replaceAll('\n', ''));
    fc.assert(
      fc.property(line, (text) => {
        const [a, b] = [new Original({ width: 20, height: 1 }), new Patched({ width: 20, height: 1 })];
        a.write(0, 0, text, { transformers: [] });
        b.write(0, 0, text, { transformers: [] });
        assert.deepEqual(b.get(), a.get());
      }),
      { numRuns: 3000 },
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
