// Builds dist/ (npm run build): the CLI and its three workers bundled by esbuild, split into chunks
// that load only when used, with two changes to Ink at bundle time so a frame redoes less of the
// last one (patchInkOutput and patchInkSanitize, below) and seven so the first frame waits for less
// (startup-patches.mjs).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { scriptChunkShim, toScriptChunk } from './script-chunk.mjs';
import { startupPatches } from './startup-patches.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** lede's single-column characters (each its own grapheme), which the patched Output reads too. */
const SINGLE_COLUMN_MODULE = fileURLToPath(new URL('../../source/core/layout/single-column.ts', import.meta.url));

/** What Ink 6.8's Output does per frame: a fresh set of caches, so every line is measured and tokenised again. */
const PER_FRAME_CACHES = '    caches = new OutputCaches();';
/**
 * Ink 6.8's Output.get, as reviewed (its SHA-256, from `    get() {` to the end of the class): it
 * lays every write into a grid of one fresh object per cell (4,800 at 120×40), then turns every
 * row of the grid back into text, changed or not. It is replaced whole, so any change to it
 * upstream must be looked at again.
 */
const REVIEWED_GET_SHA256 = '7da0e35e96e14b583b4eb4fd93a6152563dbddcf5b65bddca8a0022044149542';
const GET_START = '    get() {';
const CLASS_END = '\n}\n';

/**
 * Ink's Output keeps the width and the styled characters of each line it draws in caches that
 * live for one frame; a frame's lines are mostly the last frame's, so they are shared between
 * frames instead, and dropped whole past a bound. Both are pure functions of the line's text, so
 * nothing drawn changes; the latency bench measured the main thread's CPU per key at 20,000
 * articles going from 25.9 to 14.1 ms with this and the redraw of changed lines only.
 *
 * get() then works row by row, with the same result, byte for byte:
 * - a row written by one line at its first column, as every row of lede's list is (one Text a
 *   line), is that line's styled characters back to text; the text is a function of the line
 *   alone, so it is kept by line, and a row drawn as before costs a lookup, no grid, no tokens;
 * - any other row is laid out in cells as Ink does; blank cells are one frozen object instead of
 *   a fresh one each (nothing writes into a cell: cells are replaced), and a row whose cells are
 *   the previous frame's, reference for reference, is the previous frame's text.
 */
export function patchInkOutput(source) {
  const getAt = source.indexOf(GET_START);
  const classEnd = source.lastIndexOf(CLASS_END);
  const get = getAt < 0 || classEnd < getAt ? '' : source.slice(getAt, classEnd + 1);
  if (source.split(PER_FRAME_CACHES).length !== 2 || createHash('sha256').update(get).digest('hex') !== REVIEWED_GET_SHA256) {
    throw new Error('ink/build/output.js changed: review patchInkOutput in test/tools/build.mjs');
  }
  const patched = source.replace(PER_FRAME_CACHES, '    caches = sharedOutputCaches();').replace(get, '    get() {\n        return rowByRowGet(this);\n    }\n');
  return `${patched}
// lede: the caches outlive a frame, and get() works row by row (test/tools/build.mjs).
import { ansiCodesToString as __lede_ansiCodesToString, diffAnsiCodes as __lede_diffAnsiCodes, reduceAnsiCodesIncremental as __lede_reduceAnsiCodesIncremental } from '@alcalzone/ansi-tokenize';
import { isSingleColumnUnit as __lede_isSingleColumnUnit } from ${JSON.stringify(SINGLE_COLUMN_MODULE)};
const SHARED_CACHE_ENTRIES = 4000;
let sharedCaches;
let singleWriteRows = new Map();
function sharedOutputCaches() {
    if (!sharedCaches || sharedCaches.widths.size > SHARED_CACHE_ENTRIES || sharedCaches.styledChars.size > SHARED_CACHE_ENTRIES || sharedCaches.blockWidths.size > SHARED_CACHE_ENTRIES) {
        sharedCaches = new OutputCaches();
    }
    return sharedCaches;
}
const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
const previousRows = [];
function rowText(y, cells) {
    const previous = previousRows[y];
    if (previous !== undefined && previous.cells.length === cells.length) {
        let same = true;
        for (let i = 0; i < cells.length && same; i++) same = previous.cells[i] === cells[i];
        if (same) return previous.text;
    }
    const text = styledCharsToString(cells).trimEnd();
    previousRows[y] = { cells, text };
    return text;
}
// A row of blank cells with one line laid from its first column is the line's characters (a wide
// one's second cell is empty and styled as it, so it adds nothing), then blanks, which the
// trimEnd drops: the text of the line's characters alone, trimmed.
function singleWriteRowText(caches, line) {
    let text = singleWriteRows.get(line);
    if (text === undefined) {
        if (singleWriteRows.size > SHARED_CACHE_ENTRIES) singleWriteRows = new Map();
        text = (sgrAndSingleColumnText(line) ?? styledCharsToString(caches.getStyledChars(line))).trimEnd();
        singleWriteRows.set(line, text);
    }
    return text;
}
// styledCharsToString(styledCharsFromTokens(tokenize(line))) for a line of SGR codes and
// single-column characters only, without an object per character: each of those characters is a
// grapheme of its own (single-column.ts), so the tokens are the codes and the characters in order;
// the codes in force change only at a code, and between equal styles the diff is empty. Any
// other line (another escape, a malformed code, a wide or combining character): undefined.
const sgrTokens = new Map();
function sgrAndSingleColumnText(line) {
    let codes = [];
    let written = null;
    let text = '';
    let i = 0;
    while (i < line.length) {
        if (line.charCodeAt(i) === 0x1b) {
            if (line.charCodeAt(i + 1) !== 0x5b) return undefined;
            let end = i + 2;
            for (; end < line.length && line.charCodeAt(end) !== 0x6d; end++) {
                const c = line.charCodeAt(end);
                if (c !== 0x3b && (c < 0x30 || c > 0x39)) return undefined;
            }
            if (end >= line.length) return undefined;
            const code = line.slice(i, end + 1);
            let tokens = sgrTokens.get(code);
            if (tokens === undefined) {
                if (sgrTokens.size > SHARED_CACHE_ENTRIES) sgrTokens.clear();
                tokens = tokenize(code);
                sgrTokens.set(code, tokens);
            }
            codes = __lede_reduceAnsiCodesIncremental(codes, tokens);
            i = end + 1;
            continue;
        }
        let end = i;
        for (; end < line.length && line.charCodeAt(end) !== 0x1b; end++) {
            if (!__lede_isSingleColumnUnit(line.charCodeAt(end))) return undefined;
        }
        text += __lede_ansiCodesToString(written === null ? codes : __lede_diffAnsiCodes(written, codes));
        text += line.slice(i, end);
        written = codes;
        i = end;
    }
    return written === null ? text : text + __lede_ansiCodesToString(__lede_diffAnsiCodes(written, []));
}
// Ink's get(), its clipping and its laying of characters unchanged, with each line kept for the
// row it lands on (and dropped where Ink drops it), then each row turned into text.
function rowByRowGet(self) {
    const rows = [];
    for (let y = 0; y < self.height; y++) rows.push([]);
    const clips = [];
    for (const operation of self.operations) {
        if (operation.type === 'clip') {
            clips.push(operation.clip);
        }
        if (operation.type === 'unclip') {
            clips.pop();
        }
        if (operation.type === 'write') {
            const { text, transformers } = operation;
            let { x, y } = operation;
            let lines = text.split('\\n');
            const clip = clips.at(-1);
            if (clip) {
                const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
                const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
                if (clipHorizontally) {
                    const width = self.caches.getWidestLine(text);
                    if (x + width < clip.x1 || x > clip.x2) {
                        continue;
                    }
                }
                if (clipVertically) {
                    const height = lines.length;
                    if (y + height < clip.y1 || y > clip.y2) {
                        continue;
                    }
                }
                if (clipHorizontally) {
                    lines = lines.map(line => {
                        const from = x < clip.x1 ? clip.x1 - x : 0;
                        const width = self.caches.getStringWidth(line);
                        const to = x + width > clip.x2 ? clip.x2 - x : width;
                        return sliceAnsi(line, from, to);
                    });
                    if (x < clip.x1) {
                        x = clip.x1;
                    }
                }
                if (clipVertically) {
                    const from = y < clip.y1 ? clip.y1 - y : 0;
                    const height = lines.length;
                    const to = y + height > clip.y2 ? clip.y2 - y : height;
                    lines = lines.slice(from, to);
                    if (y < clip.y1) {
                        y = clip.y1;
                    }
                }
            }
            let offsetY = 0;
            for (let [index, line] of lines.entries()) {
                const row = rows[y + offsetY];
                if (!row) {
                    continue;
                }
                for (const transformer of transformers) {
                    line = transformer(line, index);
                }
                row.push({ x, line });
                offsetY++;
            }
        }
    }
    const texts = [];
    for (let y = 0; y < rows.length; y++) {
        const writes = rows[y];
        if (writes.length === 0) texts.push('');
        else if (writes.length === 1 && writes[0].x === 0) texts.push(singleWriteRowText(self.caches, writes[0].line));
        else texts.push(rowText(y, laidOut(self, writes)));
    }
    return {
        output: texts.join('\\n'),
        height: rows.length,
    };
}
function laidOut(self, writes) {
    const currentLine = [];
    for (let x = 0; x < self.width; x++) {
        currentLine.push(BLANK_CELL);
    }
    for (const { x, line } of writes) {
        const characters = self.caches.getStyledChars(line);
        let offsetX = x;
        for (const character of characters) {
            currentLine[offsetX] = character;
            const characterWidth = Math.max(1, self.caches.getStringWidth(character.value));
            if (characterWidth > 1) {
                for (let index = 1; index < characterWidth; index++) {
                    currentLine[offsetX + index] = {
                        type: 'char',
                        value: '',
                        fullWidth: false,
                        styles: character.styles,
                    };
                }
            }
            offsetX += characterWidth;
        }
    }
    // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
    return currentLine.filter(item => item !== undefined);
}
`;
}

/** How Ink 6.8's sanitize-ansi.js exports the function it runs on every text node of every frame. */
const SANITIZE_EXPORT = 'export default sanitizeAnsi;';

/**
 * Ink sanitizes each text node's text on every frame (squash-text-nodes.js), and a line holding an
 * escape, as every styled row does, is tokenised again to do it, changed or not. Sanitizing is a
 * pure function of the text, so what it returns is kept by text, bounded as the Output's caches.
 */
export function patchInkSanitize(source) {
  if (source.split(SANITIZE_EXPORT).length !== 2 || source.split('const sanitizeAnsi = (text) => {').length !== 2) {
    throw new Error('ink/build/sanitize-ansi.js changed: review patchInkSanitize in test/tools/build.mjs');
  }
  return source.replace(
    SANITIZE_EXPORT,
    `// lede: kept by text (test/tools/build.mjs).
const SANITIZED_ENTRIES = 4000;
let sanitized = new Map();
const keptSanitizeAnsi = (text) => {
    let result = sanitized.get(text);
    if (result === undefined) {
        if (sanitized.size > SANITIZED_ENTRIES) sanitized = new Map();
        result = sanitizeAnsi(text);
        sanitized.set(text, result);
    }
    return result;
};
export default keptSanitizeAnsi;`,
  );
}

export const inkOutputCaches = {
  name: 'ink-output-caches',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, async (args) => ({
      contents: patchInkOutput(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
    esbuild.onLoad({ filter: /[\\/]ink[\\/]build[\\/]sanitize-ansi\.js$/ }, async (args) => ({
      contents: patchInkSanitize(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

/** The options dist is built with (the benches that bundle a probe "as dist is" use them too). */
export const DIST_OPTIONS = {
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink imports React's devtools only when DEV is set; lede never ships them.
  external: ['react-devtools-core'],
  // Bundled CommonJS dependencies call require(); an ES module has none of its own.
  banner: { js: "import{createRequire as __lede_createRequire}from'node:module';const require=__lede_createRequire(import.meta.url);" },
  plugins: [inkOutputCaches, startupPatches(readFile)],
};

/**
 * The chunks run as scripts, with V8's code cache (script-chunk.mjs): the CLI's and the interactive
 * reader's, which only lede's launcher imports, 1.36 of the 1.7 MB loaded before the first frame.
 */
const SCRIPT_CHUNKS = { 'source/cli.tsx': 'cli', 'source/interactive.tsx': 'interactive' };

/** Each script chunk of a build (its metafile) becomes `NAME-HASH.script.js` and a shim where it was; `expected` names them all. */
export async function writeScriptChunks(metafile, dir, expected = Object.values(SCRIPT_CHUNKS)) {
  const done = [];
  for (const [output, meta] of Object.entries(metafile.outputs)) {
    const name = SCRIPT_CHUNKS[meta.entryPoint];
    if (!name || !output.endsWith('.js')) continue;
    const path = join(dir, basename(output));
    const converted = toScriptChunk(await readFile(path, 'utf8'), (specifier) => readFileSync(join(dir, specifier), 'utf8'));
    const scriptFile = basename(output).replace(/\.js$/, '.script.js');
    await writeFile(join(dir, scriptFile), converted.script);
    await writeFile(path, scriptChunkShim(converted, scriptFile, name));
    done.push(name);
  }
  if (done.sort().join() !== [...expected].sort().join()) throw new Error(`build: script chunks ${done.join(', ')}, expected ${expected.join(', ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await rm(`${root}dist`, { recursive: true, force: true });
  const { metafile } = await build({
    ...DIST_OPTIONS,
    absWorkingDir: root,
    metafile: true,
    // dist/cli.js is source/start.ts: it turns Node's code cache on, then imports the CLI (a chunk).
    // dist/script-chunk.js runs the chunks made scripts.
    entryPoints: {
      cli: 'source/start.ts',
      'script-chunk': 'source/core/script-chunk.ts',
      'entity-worker': 'source/core/entities/entity-worker.ts',
      'page-worker': 'source/core/load/html/page-worker.ts',
      'identity-worker': 'source/core/load/identity-worker.ts',
    },
    outdir: 'dist',
  });
  await writeScriptChunks(metafile, join(root, 'dist'));
}
