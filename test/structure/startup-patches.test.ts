// dist/ is built with seven changes to dependencies so the first frame waits for less
// (test/tools/startup-patches.mjs). Each must keep what the dependency does, skip the work it
// means to skip, and be in what ships. The patched modules are bundled here as dist bundles them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { isSingleColumnText } from '../../source/core/layout/single-column.js';
// @ts-expect-error: a plain .mjs build script, no types
import { patchAnsiTokenize, patchEntitiesDecodeBase64, patchMeowDependencies, patchSignalExit, patchSliceAnsi, patchStringWidth, patchYogaLoader, startupPatches } from '../tools/startup-patches.mjs';

const root = new URL('../..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'lede-startup-patches-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

type Width = (text: string, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;

/** `export ... from 'specifier'` resolved from `from` (a folder of root), bundled with the patches or without. */
async function bundle(name: string, code: string, from: string, patched: boolean): Promise<string> {
  const outfile = join(tmp, `${name}-${patched ? 'patched' : 'original'}.mjs`);
  await build({
    stdin: { contents: code, resolveDir: join(root, from), loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
    banner: { js: "import{createRequire as __lede_createRequire}from'node:module';const require=__lede_createRequire(import.meta.url);" },
    plugins: patched ? [startupPatches(readFile)] : [],
  });
  return outfile;
}

/** Runs `script` (an ES module) in a fresh node and returns what it printed, parsed. */
function runFresh(script: string): unknown {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

// Both string-widths in the bundle: Ink's own (8) and wrap-ansi's (7).
for (const from of ['.', 'node_modules/wrap-ansi']) {
  test(`string-width (from ${from}) counts every string as before the change`, async () => {
    const original = (await import(pathToFileURL(await bundle('sw', "export { default } from 'string-width';", from, false)).href)).default as Width;
    const patched = (await import(pathToFileURL(await bundle('sw', "export { default } from 'string-width';", from, true)).href)).default as Width;
    const narrow = fc.constantFrom(...'aZ 09~·›—–‘’“”…•€£éñßŁœƒ─│┌'.split(''), '\x1b[1m', '\x1b[0m', '\x1b[38;5;12m');
    const any = fc.oneof(narrow, fc.constantFrom('\u00ad', '\u0301', '\u200b', '\u200d', '\ufe0f', '\u2028', '\u202e', '😀', '🇫🇷', '中', 'ᄀ', '\t', '\x9b1m', '\u2190', '\u203c', '\u2049', '\u2122', '\u24c2'));
    const texts = fc.oneof(fc.array(narrow).map((p) => p.join('')), fc.array(any).map((p) => p.join('')), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(texts, fc.boolean(), fc.boolean(), (text, ambiguousIsNarrow, countAnsiEscapeCodes) => {
        assert.equal(patched(text), original(text));
        assert.equal(patched(text, { ambiguousIsNarrow, countAnsiEscapeCodes }), original(text, { ambiguousIsNarrow, countAnsiEscapeCodes }));
      }),
      { numRuns: 2000 },
    );
    // Every character the fast path takes, one at a time, and side by side.
    const alphabet = [...Array(0x10000).keys()].map((c) => String.fromCharCode(c)).filter((c) => isSingleColumnText(c));
    for (const c of alphabet) assert.equal(patched(c), original(c), `U+${c.charCodeAt(0).toString(16)}`);
    assert.equal(patched(alphabet.join('')), original(alphabet.join('')));
  });

  test(`string-width (from ${from}) builds no segmenter and no regex of emoji for narrow text`, async () => {
    const file = await bundle('sw', "export { default } from 'string-width';", from, true);
    const made = runFresh(`
      const made = { segmenters: 0, regexps: 0 };
      const Segmenter = Intl.Segmenter;
      Intl.Segmenter = class extends Segmenter { constructor(...a) { super(...a); made.segmenters++; } };
      const RegExpBefore = RegExp;
      globalThis.RegExp = new Proxy(RegExpBefore, { construct(target, args) { if (String(args[0]).includes('\\\\p{')) made.regexps++; return new target(...args); } });
      const { default: stringWidth } = await import(${JSON.stringify(pathToFileURL(file).href)});
      const widths = [stringWidth('N› How the war started · 604 words'), stringWidth('\\x1b[1m—\\x1b[0m')];
      made.before = { ...made };
      widths.push(stringWidth('中文'));
      console.log(JSON.stringify({ ...made, widths }));
    `) as { before: { segmenters: number; regexps: number }; segmenters: number; widths: number[] };
    assert.deepEqual(made.before, { segmenters: 0, regexps: 0 }, 'nothing built for narrow text');
    assert.ok(made.segmenters >= 1, 'built on the first wide text');
    assert.deepEqual(made.widths, [34, 1, 4]);
  });
}

test('Yoga loads its WebAssembly without fetch(), and lays out', async () => {
  const file = await bundle('yoga', "export { default } from 'yoga-layout';", '.', true);
  const laidOut = runFresh(`
    let fetched = 0;
    globalThis.fetch = () => { fetched++; return Promise.reject(new Error('no fetch')); };
    const { default: Yoga } = await import(${JSON.stringify(pathToFileURL(file).href)});
    const node = Yoga.Node.create();
    node.setWidth(42);
    node.calculateLayout(undefined, undefined, Yoga.DIRECTION_LTR);
    console.log(JSON.stringify({ fetched, width: node.getComputedWidth() }));
  `);
  assert.deepEqual(laidOut, { fetched: 0, width: 42 });
});

test('meow parses without building a collator, and still normalizes package.json when asked', async () => {
  const file = await bundle('meow', "export { default } from 'meow';", '.', true);
  const result = runFresh(`
    let compared = 0;
    const localeCompare = String.prototype.localeCompare;
    String.prototype.localeCompare = function (...a) { compared++; return localeCompare.apply(this, a); };
    const { default: meow } = await import(${JSON.stringify(pathToFileURL(file).href)});
    const cli = meow('help', { importMeta: { url: ${JSON.stringify(pathToFileURL(join(root, 'dist', 'cli.js')).href)} }, argv: ['x', '--json'], flags: { json: { type: 'boolean' } } });
    const parsing = compared;
    console.log(JSON.stringify({ parsing, input: cli.input, json: cli.flags.json, id: cli.pkg._id, compared: compared > 0 }));
  `);
  assert.deepEqual(result, { parsing: 0, input: ['x'], json: true, id: 'lede@0.1.0', compared: true });
});

/** Pieces of what Ink tokenizes and slices: SGR codes (compound, 256-colour, truecolour, broken), links, wide and combining text. */
const ansiPieces = fc.constantFrom(
  'a', 'Z', ' ', '·', '›', 'é', '中', '😀', '🇫🇷', '\u0301', '\ufe0f', '\u200d', '\r\n', '\x07',
  '\x1b[1m', '\x1b[0m', '\x1b[m', '\x1b[22m', '\x1b[1;3;31m', '\x1b[38;5;12m', '\x1b[48;2;1;2;3m', '\x1b[38;5m', '\x1b[39;49m',
  '\x1b[', '\x1b[1', '\x1b[1x', '\x1b[;m', '\x9b1m', '\x1b]8;;https://example.org\x07', '\x1b]8;;\x07', '\x1b]8;', '\x1b',
);
const ansiTexts = fc.oneof(fc.array(ansiPieces).map((p) => p.join('')), ansiPieces, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

type Tokenize = (text: string, endChar?: number) => unknown[];

test('Ink\'s tokenizer gives the tokens it gave before the change, for every string', async () => {
  const original = (await import(pathToFileURL(await bundle('tokenize', "export { tokenize } from '@alcalzone/ansi-tokenize';", '.', false)).href)).tokenize as Tokenize;
  const patched = (await import(pathToFileURL(await bundle('tokenize', "export { tokenize } from '@alcalzone/ansi-tokenize';", '.', true)).href)).tokenize as Tokenize;
  fc.assert(
    fc.property(ansiTexts, fc.option(fc.nat(40), { nil: undefined }), (text, endChar) => {
      assert.deepEqual(patched(text, endChar), original(text, endChar));
    }),
    { numRuns: 3000 },
  );
  // Every SGR code Ink's styles write, alone: the whole-sequence path.
  for (const code of ['\x1b[0m', '\x1b[1m', '\x1b[2m', '\x1b[4m', '\x1b[7m', '\x1b[22m', '\x1b[24m', '\x1b[27m', '\x1b[38;5;30m', '\x1b[48;5;220m', '\x1b[30;48;5;220m', '\x1b[38;2;10;20;30m', '\x1b[39m', '\x1b[49m']) {
    assert.deepEqual(patched(code), original(code), JSON.stringify(code));
  }
});

type SliceAnsi = (text: string, start?: number, end?: number) => string;

test('slice-ansi cuts every string as it did before the change', async () => {
  const original = (await import(pathToFileURL(await bundle('slice-ansi', "export { default } from 'slice-ansi';", '.', false)).href)).default as SliceAnsi;
  const patched = (await import(pathToFileURL(await bundle('slice-ansi', "export { default } from 'slice-ansi';", '.', true)).href)).default as SliceAnsi;
  fc.assert(
    fc.property(ansiTexts, fc.nat(30), fc.option(fc.nat(30), { nil: undefined }), (text, start, end) => {
      assert.equal(patched(text, start, end), original(text, start, end));
    }),
    { numRuns: 2000 },
  );
});

test('Ink\'s tokenizer and slice-ansi build no segmenter as they are imported, nor to tokenize an SGR code', async () => {
  const tokenizeFile = await bundle('tokenize', "export { tokenize } from '@alcalzone/ansi-tokenize';", '.', true);
  const sliceFile = await bundle('slice-ansi', "export { default } from 'slice-ansi';", '.', true);
  const made = runFresh(`
    const made = { segmenters: 0 };
    const Segmenter = Intl.Segmenter;
    Intl.Segmenter = class extends Segmenter { constructor(...a) { super(...a); made.segmenters++; } };
    const { tokenize } = await import(${JSON.stringify(pathToFileURL(tokenizeFile).href)});
    const { default: sliceAnsi } = await import(${JSON.stringify(pathToFileURL(sliceFile).href)});
    const codes = tokenize('\\x1b[1;38;5;30m').map((t) => t.code);
    const imported = made.segmenters;
    const sliced = sliceAnsi('\\x1b[1mhéllo\\x1b[22m', 1, 3);
    tokenize('ab');
    console.log(JSON.stringify({ imported, codes, sliced, later: made.segmenters }));
  `);
  assert.deepEqual(made, { imported: 0, codes: ['\x1b[1m', '\x1b[38;5;30m'], sliced: '\x1b[1mél\x1b[22m', later: 2 });
});

/** entities' decoding, as lede uses it, its two tables, and its base64 helper (internal: by path). */
const ENTITIES = "export { decodeHTMLStrict, htmlDecodeTree, xmlDecodeTree } from 'entities/decode'; export { decodeBase64 } from './node_modules/entities/dist/esm/internal/decode-shared.js';";

interface EntitiesModule {
  decodeHTMLStrict: (text: string) => string;
  htmlDecodeTree: Uint16Array;
  xmlDecodeTree: Uint16Array;
  decodeBase64: (input: string) => Uint16Array;
}

test("entities' tables hold the same entries, and every reference decodes as before", async () => {
  const original = (await import(pathToFileURL(await bundle('entities', ENTITIES, '.', false)).href)) as EntitiesModule;
  const patched = (await import(pathToFileURL(await bundle('entities', ENTITIES, '.', true)).href)) as EntitiesModule;
  assert.equal(patched.htmlDecodeTree.length, 12075);
  assert.deepEqual(Array.from(patched.htmlDecodeTree), Array.from(original.htmlDecodeTree));
  assert.deepEqual(Array.from(patched.xmlDecodeTree), Array.from(original.xmlDecodeTree));
  // Any bytes, odd counts included (the last byte alone is dropped, as before).
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 301 }), (bytes) => {
      const base64 = Buffer.from(bytes).toString('base64');
      assert.deepEqual(Array.from(patched.decodeBase64(base64)), Array.from(original.decodeBase64(base64)));
    }),
    { numRuns: 1000 },
  );
  const pieces = fc.constantFrom('&amp;', '&lt;', '&gt', '&nbsp;', '&eacute;', '&NotNestedGreaterGreater;', '&#233;', '&#xe9;', '&#0;', '&#x110000;', '&bogus;', '&', ';', 'a', ' ', 'é', '&amp', '&AMP;', '&ampx;');
  fc.assert(
    fc.property(fc.oneof(fc.array(pieces).map((p) => p.join('')), fc.string()), (text) => {
      assert.equal(patched.decodeHTMLStrict(text), original.decodeHTMLStrict(text));
    }),
    { numRuns: 2000 },
  );
});

test('entities decodes its tables with Buffer as it is imported, without the atob loop', async () => {
  const imports = async (patched: boolean) =>
    runFresh(`
      let atobs = 0;
      const atob = globalThis.atob;
      globalThis.atob = (s) => { atobs++; return atob(s); };
      const { decodeHTMLStrict } = await import(${JSON.stringify(pathToFileURL(await bundle('entities', ENTITIES, '.', patched)).href)});
      console.log(JSON.stringify({ atobs, decoded: decodeHTMLStrict('Tom &amp; Jerry &eacute;') }));
    `);
  assert.deepEqual(await imports(true), { atobs: 0, decoded: 'Tom & Jerry é' });
  assert.deepEqual(await imports(false), { atobs: 2, decoded: 'Tom & Jerry é' }, 'the original runs atob on each table');
});

test('signal-exit loads no node:assert to register a handler, and throws the AssertionError it threw for a bad one', async () => {
  const attempt = async (patched: boolean) =>
    runFresh(`
      const { default: onExit } = await import(${JSON.stringify(pathToFileURL(await bundle('signal-exit', "export { default } from 'signal-exit';", '.', patched)).href)});
      const remove = onExit(() => {});
      const registered = { listeners: process.listeners('SIGTERM').length, assert: process.moduleLoadList.includes('NativeModule assert') };
      remove();
      let thrown;
      try { onExit(42); } catch (error) { thrown = { name: error.name, message: error.message, code: error.code }; }
      console.log(JSON.stringify({ registered, after: process.listeners('SIGTERM').length, thrown }));
    `);
  const thrown = { name: 'AssertionError', message: 'a callback must be provided for exit handler', code: 'ERR_ASSERTION' };
  assert.deepEqual(await attempt(true), { registered: { listeners: 1, assert: false }, after: 0, thrown });
  assert.deepEqual(await attempt(false), { registered: { listeners: 1, assert: true }, after: 0, thrown }, 'the original loads it as it is imported');
});

test('each patch applies to the dependency installed, and refuses a source it does not know', async () => {
  const sources = {
    meow: await readFile(join(root, 'node_modules/meow/build/dependencies.js'), 'utf8'),
    yoga: await readFile(join(root, 'node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js'), 'utf8'),
    width: await readFile(join(root, 'node_modules/string-width/index.js'), 'utf8'),
    tokenize: await readFile(join(root, 'node_modules/@alcalzone/ansi-tokenize/build/tokenize.js'), 'utf8'),
    slice: await readFile(join(root, 'node_modules/slice-ansi/tokenize-ansi.js'), 'utf8'),
    entities: await readFile(join(root, 'node_modules/entities/dist/esm/internal/decode-shared.js'), 'utf8'),
    signalExit: await readFile(join(root, 'node_modules/signal-exit/index.js'), 'utf8'),
  };
  assert.notEqual((patchMeowDependencies as (s: string) => string)(sources.meow), sources.meow);
  assert.notEqual((patchYogaLoader as (s: string) => string)(sources.yoga), sources.yoga);
  assert.notEqual((patchStringWidth as (s: string) => string)(sources.width), sources.width);
  assert.notEqual((patchAnsiTokenize as (s: string) => string)(sources.tokenize), sources.tokenize);
  assert.notEqual((patchSliceAnsi as (s: string) => string)(sources.slice), sources.slice);
  assert.notEqual((patchEntitiesDecodeBase64 as (s: string) => string)(sources.entities), sources.entities);
  assert.notEqual((patchSignalExit as (s: string) => string)(sources.signalExit), sources.signalExit);
  for (const patch of [patchMeowDependencies, patchYogaLoader, patchStringWidth, patchAnsiTokenize, patchSliceAnsi, patchEntitiesDecodeBase64, patchSignalExit] as ((s: string) => string)[]) {
    assert.throws(() => patch('export default function x() {}'), /review patch\w+ in test\/tools\/startup-patches\.mjs/);
  }
});

test('what ships has the seven changes, and no chunk builds a segmenter as it is imported', () => {
  const shipped = readdirSync(join(root, 'dist'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(root, 'dist', f), 'utf8'));
  const count = (marker: string) => shipped.filter((text) => text.includes(marker)).length;
  assert.equal(count('getDefaultExportFromCjs(requireNormalize())(...args)'), 1, 'meow (dist/ is built by npm run build)');
  assert.equal(count('w = Buffer.from(H.slice(H.indexOf(",") + 1), "base64")'), 1, 'yoga');
  assert.ok(count('fullStringWidth ??=') >= 2, 'both string-widths');
  const topLevelEmojiRegex = /^var \w+ = new RegExp\("\^\\\\p\{RGI_Emoji\}/m;
  assert.equal(shipped.filter((text) => topLevelEmojiRegex.test(text)).length, 0, 'no chunk builds the emoji regex as it is imported');
  assert.equal(count('const whole = parseSGRSequence(str, 0);'), 1, "Ink's tokenizer");
  assert.equal(count('graphemeSegmenter ??= new Intl.Segmenter'), 1, 'slice-ansi');
  const entitiesByBuffer = /Buffer\.from\(input, "base64"\);\n\s*const [\w$]+ = new Uint16Array\(bytes\.length >> 1\);/;
  assert.equal(shipped.filter((text) => entitiesByBuffer.test(text)).length, 1, 'entities');
  assert.equal(count('if (actual != expected) __require("assert").equal(actual, expected, message)'), 1, 'signal-exit');
  assert.equal(count('assert = __require("assert")'), 0, 'no chunk loads node:assert as it is imported');
  const topLevelSegmenter = /^(?:var|let|const) [\w$]+ = new Intl\.Segmenter/m;
  assert.deepEqual(shipped.filter((text) => topLevelSegmenter.test(text)).map((text) => topLevelSegmenter.exec(text)![0]), []);
});
