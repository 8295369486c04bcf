// Builds dist/ (npm run build): the CLI and its two workers bundled by esbuild, split into chunks
// that load only when used, with one change to Ink at bundle time (patchInkOutput, below) and three
// so the first frame waits for less (startup-patches.mjs).
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startupPatches } from './startup-patches.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What Ink 6.8's Output does per frame: a fresh set of caches, so every line is measured and tokenised again. */
const PER_FRAME_CACHES = '    caches = new OutputCaches();';
/** …a fresh object for every blank cell of the screen (4,800 of them at 120×40)… */
const FRESH_BLANK_CELL = `                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`;
/** …and every row of the screen turned back into text, changed or not. */
const EVERY_ROW_TO_TEXT = `            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })`;

/**
 * Ink's Output keeps the width and the styled characters of each line it draws in caches that
 * live for one frame; a frame's lines are mostly the last frame's, so they are shared between
 * frames instead, and dropped whole past a bound. Both are pure functions of the line's text, so
 * nothing drawn changes; the latency bench measured the main thread's CPU per key at 20,000
 * articles going from 25.9 to 14.1 ms with this and the redraw of changed lines only.
 *
 * With the styled characters shared, a row drawn as before is made of the very same cell
 * objects; blank cells are one frozen object instead of a fresh one each (nothing writes into a
 * cell: cells are replaced). So a row whose cells are the previous frame's, reference for
 * reference, is the previous frame's text, and is not turned into text again (styledCharsToString
 * was the largest part of a frame's output in the latency bench's profile at 2,000 articles).
 */
export function patchInkOutput(source) {
  for (const expected of [PER_FRAME_CACHES, FRESH_BLANK_CELL, EVERY_ROW_TO_TEXT]) {
    if (source.split(expected).length !== 2) throw new Error('ink/build/output.js changed: review patchInkOutput in test/tools/build.mjs');
  }
  const patched = source
    .replace(PER_FRAME_CACHES, '    caches = sharedOutputCaches();')
    .replace(FRESH_BLANK_CELL, '                row.push(BLANK_CELL);')
    .replace(EVERY_ROW_TO_TEXT, '            .map((line, y) => rowText(y, line.filter(item => item !== undefined)))');
  return `${patched}
// lede: the caches outlive a frame, and unchanged rows keep their text (test/tools/build.mjs).
const SHARED_CACHE_ENTRIES = 4000;
let sharedCaches;
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
`;
}

export const inkOutputCaches = {
  name: 'ink-output-caches',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, async (args) => ({
      contents: patchInkOutput(await readFile(args.path, 'utf8')),
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await rm(`${root}dist`, { recursive: true, force: true });
  await build({
    ...DIST_OPTIONS,
    absWorkingDir: root,
    // dist/cli.js is source/start.ts: it turns the code cache on, then imports the CLI (a chunk).
    entryPoints: { cli: 'source/start.ts', 'entity-worker': 'source/core/entities/entity-worker.ts', 'page-worker': 'source/core/load/html/page-worker.ts' },
    outdir: 'dist',
  });
}
