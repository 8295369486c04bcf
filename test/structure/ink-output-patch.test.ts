// dist/ is built with one change to Ink (test/tools/build.mjs): its Output's caches outlive a
// frame. The change must still apply to the Ink installed (else the build fails, saying so), and
// be in what ships.
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
  assert.ok(patched.startsWith(source.slice(0, source.indexOf('caches = new OutputCaches();'))), 'nothing before it changed');
  assert.throws(() => (patchInkOutput as (s: string) => string)('export default class Output {}'), /review patchInkOutput/);
});

test('what ships has the shared caches', () => {
  const chunks = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js'));
  const holding = chunks.filter((f) => readFileSync(join(root, 'dist', f), 'utf8').includes('function sharedOutputCaches()'));
  assert.equal(holding.length, 1, `dist/ is built by npm run build (${holding.join(', ')})`);
});
