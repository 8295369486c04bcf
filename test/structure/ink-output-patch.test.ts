// dist/ is built with one change to Ink (test/tools/build.mjs): its Output's caches outlive a
// frame, and unchanged rows keep their text. The change must still apply to the Ink installed
// (else the build fails, saying so), draw what Ink draws, and be in what ships.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
// @ts-expect-error: a plain .mjs build script, no types
import { patchInkOutput } from '../tools/build.mjs';

const root = new URL('../..', import.meta.url).pathname;
const inkOutput = join(dirname(createRequire(import.meta.url).resolve('ink')), 'output.js');

test("the build's change to Ink's Output applies to the Ink installed, and only where it means to", () => {
  const source = readFileSync(inkOutput, 'utf8');
  const patched = (patchInkOutput as (s: string) => string)(source);
  assert.ok(!patched.includes('caches = new OutputCaches();'), 'no Output makes caches of its own');
  assert.equal(patched.split('caches = sharedOutputCaches();').length, 2, 'the one field, changed once');
  assert.equal(patched.split('row.push(BLANK_CELL);').length, 2, 'blank cells shared');
  assert.equal(patched.split('.map((line, y) => rowText(y, ').length, 2, 'rows kept');
  assert.ok(patched.startsWith(source.slice(0, source.indexOf('caches = new OutputCaches();'))), 'nothing before it changed');
  assert.throws(() => (patchInkOutput as (s: string) => string)('export default class Output {}'), /review patchInkOutput/);
});

test('what ships has the shared caches', () => {
  const chunks = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js'));
  const holding = chunks.filter((f) => readFileSync(join(root, 'dist', f), 'utf8').includes('function sharedOutputCaches()'));
  assert.equal(holding.length, 1, `dist/ is built by npm run build (${holding.join(', ')})`);
});

test("Ink's patched Output draws every frame of a sequence as the original does (rows kept, cells shared)", async () => {
  const { build } = await import('esbuild');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { pathToFileURL } = await import('node:url');
  const fc = (await import('fast-check')).default;
  // @ts-expect-error: a plain .mjs build script, no types
  const { inkOutputCaches } = await import('../tools/build.mjs');
  const tmp = mkdtempSync(join(tmpdir(), 'lede-ink-output-'));
  try {
    type Output = new (o: { width: number; height: number }) => { write(x: number, y: number, text: string, o: { transformers: [] }): void; get(): { output: string } };
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
    const piece = fc.constantFrom('a', 'Golan', ' ', '·', '中', '😀', '\x1b[1m', '\x1b[22m', '\x1b[7m', '\x1b[27m', '\x1b[38;5;214m', '\x1b[39m');
    const write = fc.record({ x: fc.nat(18), y: fc.nat(5), text: fc.array(piece, { maxLength: 8 }).map((p) => p.join('')) });
    // Frames that repeat rows of the one before (the case the patch skips) and change others.
    const frames = fc.array(fc.array(write, { maxLength: 6 }), { minLength: 1, maxLength: 6 }).chain((distinct) => fc.array(fc.constantFrom(...distinct), { minLength: 2, maxLength: 10 }));
    fc.assert(
      fc.property(frames, (sequence) => {
        for (const frame of sequence) {
          const [a, b] = [new Original({ width: 20, height: 6 }), new Patched({ width: 20, height: 6 })];
          for (const w of frame) {
            a.write(w.x, w.y, w.text, { transformers: [] });
            b.write(w.x, w.y, w.text, { transformers: [] });
          }
          assert.equal(b.get().output, a.get().output);
        }
      }),
      { numRuns: 300 },
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
