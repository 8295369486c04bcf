// The build runs two chunks of dist/ as scripts with V8's code cache (test/tools/script-chunk.mjs,
// source/core/script-chunk.ts). Here a small split bundle, built as dist is, runs once as esbuild
// made it and once with its leaf chunk made a script: the same output, the same module instances
// shared with the chunks around it, its dynamic imports, import.meta.url and top-level await as
// before; and its code cache written, taken, and replaced when damaged.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Script } from 'node:vm';
import { build } from 'esbuild';
// @ts-expect-error: plain .mjs build scripts, no types
import { DIST_OPTIONS, writeScriptChunks } from '../tools/build.mjs';
// @ts-expect-error: plain .mjs build scripts, no types
import { CHUNK_BANNER, toScriptChunk } from '../tools/script-chunk.mjs';

const root = new URL('../..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'lede-script-chunk-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const SOURCES: Record<string, string> = {
  'shared.ts': `
export class Thing { constructor(readonly name: string) {} }
export let count = 0;
export function bump(): number { count += 1; return count; }
export const countNow = () => count;
`,
  'lazy.ts': `
import { bump } from './shared';
export const lazyCount = () => bump();
`,
  'leaf.tsx': `
import path, { basename } from 'node:path';
import { Thing, bump, countNow } from './shared';
const answer = await Promise.resolve(42);
export function leafReport(): string[] {
  return [String(answer), String(bump()), String(countNow()), basename(new URL(import.meta.url).pathname), typeof path.join];
}
export const makeThing = () => new Thing('made in the leaf');
export async function loadLazy(): Promise<number> { return (await import('./lazy')).lazyCount(); }
`,
  'main.ts': `
import { Thing, count } from './shared';
import { saveCodeCaches } from ${JSON.stringify(join(root, 'source/core/script-chunk.ts'))};
const leaf = await import('./leaf');
const report = leaf.leafReport();
const thing = leaf.makeThing();
report.push(String(thing instanceof Thing), thing.name, String(await leaf.loadLazy()), String(count));
saveCodeCaches();
console.log(JSON.stringify(report));
`,
};

/** The bundle as dist is built (script-chunk.ts an entry, as in build.mjs); with `leaf.tsx` made a script when `asScript`. */
async function bundle(asScript: boolean, sources = SOURCES, name = asScript ? 'script' : 'esm'): Promise<string> {
  const src = join(tmp, `src-${name}`);
  mkdirSync(src, { recursive: true });
  for (const [file, text] of Object.entries(sources)) writeFileSync(join(src, file), text);
  const out = join(tmp, name);
  const built = await build({
    ...DIST_OPTIONS,
    plugins: [],
    logLevel: 'error',
    absWorkingDir: root,
    metafile: true,
    entryPoints: { main: join(src, 'main.ts'), 'script-chunk': join(root, 'source/core/script-chunk.ts') },
    outdir: out,
  });
  const metafile = built.metafile!;
  if (asScript) {
    const leaf = Object.keys(metafile.outputs).find((o) => metafile.outputs[o]!.entryPoint?.endsWith('leaf.tsx'));
    assert.ok(leaf);
    await writeScriptChunks({ outputs: { [leaf]: { ...metafile.outputs[leaf]!, entryPoint: 'source/interactive.tsx' } } }, out, ['interactive']);
  }
  return out;
}

function run(dir: string, cache: string): unknown {
  const r = spawnSync(process.execPath, [join(dir, 'main.js')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', LEDE_CACHE_DIR: cache } });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout);
}

test('a chunk made a script runs as its module did, sharing the modules around it, and takes its code cache after the first run', async () => {
  const esm = await bundle(false);
  const script = await bundle(true);
  assert.ok(readdirSync(script).some((f) => /^leaf-\w+\.script\.js$/.test(f)), 'the script is beside its shim');
  const leafChunk = readdirSync(esm).find((f) => /^leaf-\w+\.js$/.test(f))!;
  const expected = ['42', '1', '1', leafChunk, 'function', 'true', 'made in the leaf', '2', '2'];
  assert.deepEqual(run(esm, join(tmp, 'cache-esm')), expected);
  const cache = join(tmp, 'cache-script');
  const leafShim = readdirSync(script).find((f) => /^leaf-\w+\.js$/.test(f))!;
  assert.deepEqual(run(script, cache), [...expected.slice(0, 3), leafShim, ...expected.slice(4)]);
  const file = join(cache, 'code', 'interactive.v8');
  const written = statSync(file);
  // The second run takes it (V8 accepts it, so nothing is written again).
  assert.deepEqual(run(script, cache), [...expected.slice(0, 3), leafShim, ...expected.slice(4)]);
  assert.equal(statSync(file).ino, written.ino);
  assert.equal(statSync(file).mtimeMs, written.mtimeMs);
  // Damaged: still the same output, and a good cache in its place.
  const bytes = readFileSync(file);
  bytes[bytes.length - 5]! ^= 0xff;
  writeFileSync(file, bytes);
  assert.deepEqual(run(script, cache), [...expected.slice(0, 3), leafShim, ...expected.slice(4)]);
  assert.notDeepEqual(readFileSync(file), bytes);
  const replaced = statSync(file);
  assert.deepEqual(run(script, cache), [...expected.slice(0, 3), leafShim, ...expected.slice(4)]);
  assert.equal(statSync(file).ino, replaced.ino, 'the replacement is taken');
  // Turned off: runs, writes nothing.
  const off = spawnSync(process.execPath, [join(script, 'main.js')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', LEDE_CACHE_DIR: join(tmp, 'cache-off'), LEDE_CODE_CACHE: 'off' } });
  assert.equal(off.status, 0, off.stderr);
  assert.throws(() => statSync(join(tmp, 'cache-off', 'code', 'interactive.v8')), { code: 'ENOENT' });
});

test('a chunk that imports a variable its module assigns again is refused: a script reads imports once, not live', async () => {
  const leaf = `import { bump, count } from './shared';\nexport const leafReport = () => [String(bump()), String(count)];\nexport const makeThing = () => null;\nexport const loadLazy = async () => 0;\n`;
  await assert.rejects(bundle(true, { ...SOURCES, 'leaf.tsx': leaf }, 'live'), /script-chunk: count from \.\/chunk-\w+\.js is assigned again/);
});

const chunk = (body: string) => `${CHUNK_BANNER}${body}`;

test('the conversion refuses what it does not know how to convert', () => {
  const refused: [string, string][] = [
    ['no banner', 'export { a };\n'],
    ['a default import of a chunk', chunk('import a from "./chunk-A.js";\nexport { a };\n')],
    ['an import of a package', chunk('import { a } from "react";\nexport { a };\n')],
    ['an import in another form', chunk('import {\n  a } from "./chunk-A.js" assert { type: "json" };\nexport { a };\n')],
    ['a default export', chunk('const a = 1;\nexport default a;\n')],
    ['two export lists', chunk('const a = 1;\nexport { a };\nexport { a as b };\n')],
    ['an import() of a computed name', chunk('const f = (n) => import(n);\nexport { f };\n')],
    ['import.meta beyond its url', chunk('const r = import.meta.resolve("./x.js");\nexport { r };\n')],
    ['an export its chunk assigns again', chunk('var n = 0;\nfunction up() { n++; }\nexport { n, up };\n')],
  ];
  for (const [what, source] of refused) assert.throws(() => toScriptChunk(source), /script-chunk:/, what);
});

test("dist's script chunks are scripts V8 compiles, each beside the shim that runs it, which holds its digest", () => {
  const dist = join(root, 'dist');
  const scripts = readdirSync(dist).filter((f) => f.endsWith('.script.js'));
  assert.deepEqual(scripts.map((f) => f.replace(/-\w+\.script\.js$/, '')).sort(), ['cli', 'interactive']);
  for (const file of scripts) {
    const shim = readFileSync(join(dist, file.replace(/\.script\.js$/, '.js')), 'utf8');
    assert.ok(shim.includes(`script: ${JSON.stringify(file)}`), file);
    // Its cache is keyed by the script's digest as built: a changed script is never given an old cache.
    assert.ok(shim.includes(`sha256: "${createHash('sha256').update(readFileSync(join(dist, file))).digest('hex')}"`), file);
    assert.doesNotThrow(() => new Script(readFileSync(join(dist, file), 'utf8'), { filename: file }), file);
  }
});
