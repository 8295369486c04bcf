// Changes made at bundle time (test/tools/build.mjs) to seven dependencies, so the reader's first
// frame does not wait for work it does not need. Each one throws when the installed source no
// longer looks as it expects, so an upgrade is reviewed instead of silently unpatched.
import { fileURLToPath } from 'node:url';

/**
 * The single-column characters, defined once in lede's source (their width is their length; only
 * with ambiguousIsNarrow, string-width's default: several are East Asian Ambiguous).
 */
const SINGLE_COLUMN_MODULE = fileURLToPath(new URL('../../source/core/layout/single-column.ts', import.meta.url));

const STRING_WIDTH_EXPORT = /^export default function stringWidth\((\w+), options = \{\}\) \{$/m;

/**
 * string-width builds an Intl.Segmenter and its emoji regexes (`\p{RGI_Emoji}`, a large set of
 * strings) as it is imported, and compiles them on the first string with one non-ASCII character,
 * such as the list's "·": tens of milliseconds before the first frame. The module's body is
 * moved into a function run on the first string that needs it, and strings of single-column
 * characters only, the bulk of English news and of lede's own lines (their colours stripped first, as
 * string-width does), are counted without it.
 */
export function patchStringWidth(source) {
  const exported = STRING_WIDTH_EXPORT.exec(source);
  const imports = source.match(/^import [^\n]+;\n/gm) ?? [];
  const bodyStart = imports.length > 0 ? source.lastIndexOf(imports.at(-1)) + imports.at(-1).length : -1;
  if (!exported || bodyStart < 0 || !imports.some((line) => line.startsWith('import stripAnsi from ')) || source.indexOf('export ') !== exported.index || source.lastIndexOf('export ') !== exported.index) {
    throw new Error('string-width changed: review patchStringWidth in test/tools/startup-patches.mjs');
  }
  const body = source.slice(bodyStart).replace(exported[0], `function stringWidth(${exported[1]}, options = {}) {`);
  return `${source.slice(0, bodyStart)}
// lede: built on first need (test/tools/startup-patches.mjs).
import { isSingleColumnText as __lede_isSingleColumnText } from ${JSON.stringify(SINGLE_COLUMN_MODULE)};
let fullStringWidth;
export default function stringWidth(input, options = {}) {
  if (typeof input === 'string' && options.ambiguousIsNarrow !== false && !options.countAnsiEscapeCodes) {
    const visible = input.includes('\\x1B') || input.includes('\\x9B') ? stripAnsi(input) : input;
    if (__lede_isSingleColumnText(visible)) return visible.length;
  }
  fullStringWidth ??= (() => {
${body}
return stringWidth;
  })();
  return fullStringWidth(input, options);
}
`;
}

/** Yoga's Emscripten loader, where it decides how to get its WebAssembly bytes. */
const YOGA_FETCH_OR_DECODE = 'function ya(){return w||"function"!=typeof fetch?';

/**
 * Yoga's WebAssembly is a base64 data: URL inside its loader, which it fetch()es when fetch exists:
 * on Node that loads and runs undici (the whole fetch implementation) to decode a string. The
 * bytes are decoded with Buffer instead, which the loader then takes as if given `wasmBinary`.
 */
export function patchYogaLoader(source) {
  if (source.split(YOGA_FETCH_OR_DECODE).length !== 2 || !source.includes('H="data:application/octet-stream;base64,')) {
    throw new Error('yoga-layout changed: review patchYogaLoader in test/tools/startup-patches.mjs');
  }
  return source.replace(YOGA_FETCH_OR_DECODE, `function ya(){if(!w&&ua(H))w=Buffer.from(H.slice(H.indexOf(",")+1),"base64");return w||"function"!=typeof fetch?`);
}

/** How meow's bundled dependencies make normalize-package-data, at import. */
const MEOW_EAGER_NORMALIZE = 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);\n';

/**
 * meow normalizes package.json only when asked for it (cli.pkg, --help), but its bundled
 * dependencies load normalize-package-data as they are imported, and with it spdx-correct, which
 * sorts its table with localeCompare: the first localeCompare builds ICU's collator, the longest
 * single step of `lede list` (~50 ms of CPU at load 11). It is loaded on the first call instead.
 */
export function patchMeowDependencies(source) {
  if (source.split(MEOW_EAGER_NORMALIZE).length !== 2) throw new Error('meow changed: review patchMeowDependencies in test/tools/startup-patches.mjs');
  return source.replace(MEOW_EAGER_NORMALIZE, 'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);\n');
}

/** How @alcalzone/ansi-tokenize 0.2 makes its segmenter (at import) and segments every string it tokenizes. */
const TOKENIZE_SEGMENTER = 'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });\n';
const TOKENIZE_LOOP = 'export function tokenize(str, endChar = Number.POSITIVE_INFINITY) {\n    const ret = [];\n    let visible = 0;\n    let codeEndIndex = 0;\n    for (const { segment, index } of segmenter.segment(str)) {\n';

/**
 * The first Intl.Segmenter of a process loads ICU's break-iterator data (17–33 ms of CPU here),
 * and Ink's tokenizer built one as it was imported, then segmented each SGR code lede's Output
 * (build.mjs) asks it for, the only segmenting the first frame did. Its segmenter is built on
 * first need, and a string that is one whole SGR sequence is split into its codes directly: the
 * tokens the loop gives for it (ESC is a grapheme of its own, the sequence then consumes the rest).
 */
export function patchAnsiTokenize(source) {
  if (source.split(TOKENIZE_SEGMENTER).length !== 2 || source.split(TOKENIZE_LOOP).length !== 2 || source.split('segmenter.').length !== 2 || !/^function parseSGRSequence\(string, offset\) \{$/m.test(source) || !/^function splitCompoundSGRSequences\(code\) \{$/m.test(source) || !/^import \{[^}]*\bgetEndCode\b/m.test(source)) {
    throw new Error('@alcalzone/ansi-tokenize changed: review patchAnsiTokenize in test/tools/startup-patches.mjs');
  }
  return source.replace(TOKENIZE_SEGMENTER, '// lede: built on first need (test/tools/startup-patches.mjs).\nlet segmenter;\n').replace(
    TOKENIZE_LOOP,
    `export function tokenize(str, endChar = Number.POSITIVE_INFINITY) {
    if (str.charCodeAt(0) === 0x1b && str.charCodeAt(1) === 0x5b) {
        const whole = parseSGRSequence(str, 0);
        if (whole !== undefined && whole.length === str.length) return splitCompoundSGRSequences(whole).map((code) => ({ type: "ansi", code, endCode: getEndCode(code) }));
    }
    segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
    const ret = [];
    let visible = 0;
    let codeEndIndex = 0;
    for (const { segment, index } of segmenter.segment(str)) {
`,
  );
}

/** How slice-ansi 8 makes its segmenter, at import. */
const SLICE_ANSI_SEGMENTER = "const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});\n";

/** slice-ansi's segmenter (Ink's, for clipping and wrapping; not used by the first frame) is built on first need. */
export function patchSliceAnsi(source) {
  const uses = source.split('GRAPHEME_SEGMENTER.segment(').length - 1;
  if (source.split(SLICE_ANSI_SEGMENTER).length !== 2 || uses === 0 || source.split('GRAPHEME_SEGMENTER').length - 1 !== uses + 1) {
    throw new Error('slice-ansi changed: review patchSliceAnsi in test/tools/startup-patches.mjs');
  }
  return source
    .replace(SLICE_ANSI_SEGMENTER, "// lede: built on first need (test/tools/startup-patches.mjs).\nlet graphemeSegmenter;\nconst GRAPHEME_SEGMENTER = { segment: (text) => (graphemeSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(text) };\n");
}

/** How entities 7 decodes the base64 of its HTML and XML tables, at import. */
const ENTITIES_DECODE_BASE64 = 'export function decodeBase64(input) {\n';
const ENTITIES_DECODE_LOOP = '        out[outIndex++] = lo | (hi << 8);\n';

/**
 * entities decodes its HTML table (24 KB of base64: 12,075 entries) as it is imported, with atob and
 * a loop over the characters that runs uncompiled: ~3 ms of CPU at load 5 before `lede list`'s and
 * the reader's first output, for a table only an HTML article's character references need. Buffer
 * decodes the same bytes natively, and on a little-endian machine they are the table's entries
 * as they are (lo | hi << 8); elsewhere the loop runs as before.
 */
export function patchEntitiesDecodeBase64(source) {
  if (source.split(ENTITIES_DECODE_BASE64).length !== 2 || source.split(ENTITIES_DECODE_LOOP).length !== 2 || source.split('export ').length !== 2) {
    throw new Error('entities changed: review patchEntitiesDecodeBase64 in test/tools/startup-patches.mjs');
  }
  return source.replace(
    ENTITIES_DECODE_BASE64,
    `// lede: Buffer decodes the bytes natively (test/tools/startup-patches.mjs).
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
${ENTITIES_DECODE_BASE64}    if (littleEndian && typeof Buffer === "function") {
        const bytes = Buffer.from(input, "base64");
        const out = new Uint16Array(bytes.length >> 1);
        new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 2));
        return out;
    }
`,
  );
}

/** How signal-exit 3 loads node:assert, as Ink imports it, for its one check. */
const SIGNAL_EXIT_ASSERT = "  var assert = require('assert')\n";
const SIGNAL_EXIT_CHECK = "    assert.equal(typeof cb, 'function', 'a callback must be provided for exit handler')\n";

/**
 * signal-exit loads node:assert (its module and AssertionError's: ~1-2 ms of CPU at load 12) as Ink
 * imports it, for one check of its argument. The check is made in place, and node:assert is
 * loaded only when it fails, to throw the AssertionError it threw.
 */
export function patchSignalExit(source) {
  if (source.split(SIGNAL_EXIT_ASSERT).length !== 2 || source.split(SIGNAL_EXIT_CHECK).length !== 2 || source.split('assert').length !== 3 + 1) {
    throw new Error('signal-exit changed: review patchSignalExit in test/tools/startup-patches.mjs');
  }
  return source.replace(
    SIGNAL_EXIT_ASSERT,
    `  // lede: node:assert is loaded only to throw (test/tools/startup-patches.mjs).
  var assert = { equal: function (actual, expected, message) { if (actual != expected) require('assert').equal(actual, expected, message) } }
`,
  );
}

/** The esbuild plugin that applies them. */
export function startupPatches(readFile) {
  return {
    name: 'startup-patches',
    setup(esbuild) {
      esbuild.onLoad({ filter: /[\\/]meow[\\/]build[\\/]dependencies\.js$/ }, async (args) => ({ contents: patchMeowDependencies(await readFile(args.path, 'utf8')), loader: 'js' }));
      esbuild.onLoad({ filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/ }, async (args) => ({ contents: patchAnsiTokenize(await readFile(args.path, 'utf8')), loader: 'js' }));
      esbuild.onLoad({ filter: /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/ }, async (args) => ({ contents: patchSliceAnsi(await readFile(args.path, 'utf8')), loader: 'js' }));
      esbuild.onLoad({ filter: /[\\/]entities[\\/]dist[\\/]esm[\\/]internal[\\/]decode-shared\.js$/ }, async (args) => ({ contents: patchEntitiesDecodeBase64(await readFile(args.path, 'utf8')), loader: 'js' }));
      esbuild.onLoad({ filter: /[\\/]signal-exit[\\/]index\.js$/ }, async (args) => ({ contents: patchSignalExit(await readFile(args.path, 'utf8')), loader: 'js' }));
      esbuild.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => ({ contents: patchStringWidth(await readFile(args.path, 'utf8')), loader: 'js' }));
      esbuild.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => ({
        contents: patchYogaLoader(await readFile(args.path, 'utf8')),
        loader: 'js',
      }));
    },
  };
}
