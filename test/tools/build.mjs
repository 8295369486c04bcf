// Builds dist/ (npm run build): the CLI and its two workers bundled by esbuild, split into chunks
// that load only when used, with one change to Ink at bundle time (patchInkOutput, below).
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What Ink 6.8's Output does per frame: a fresh set of caches, so every line is measured and tokenised again. */
const PER_FRAME_CACHES = '    caches = new OutputCaches();';

/**
 * Ink's Output keeps the width and the styled characters of each line it draws in caches that
 * live for one frame; a frame's lines are mostly the last frame's, so they are shared between
 * frames instead, and dropped whole past a bound. Both are pure functions of the line's text, so
 * nothing drawn changes; the latency bench measured the main thread's CPU per key at 20,000
 * articles going from 25.9 to 14.1 ms with this and the redraw of changed lines only.
 */
export function patchInkOutput(source) {
  if (!source.includes(PER_FRAME_CACHES)) throw new Error('ink/build/output.js changed: review patchInkOutput in test/tools/build.mjs');
  return `${source.replace(PER_FRAME_CACHES, '    caches = sharedOutputCaches();')}
// lede: the caches outlive a frame (test/tools/build.mjs).
const SHARED_CACHE_ENTRIES = 4000;
let sharedCaches;
function sharedOutputCaches() {
    if (!sharedCaches || sharedCaches.widths.size > SHARED_CACHE_ENTRIES || sharedCaches.styledChars.size > SHARED_CACHE_ENTRIES || sharedCaches.blockWidths.size > SHARED_CACHE_ENTRIES) {
        sharedCaches = new OutputCaches();
    }
    return sharedCaches;
}
`;
}

const inkOutputCaches = {
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
  plugins: [inkOutputCaches],
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await rm(`${root}dist`, { recursive: true, force: true });
  await build({
    ...DIST_OPTIONS,
    absWorkingDir: root,
    entryPoints: ['source/cli.tsx', 'source/core/entities/entity-worker.ts', 'source/core/load/html/page-worker.ts'],
    outdir: 'dist',
  });
}
