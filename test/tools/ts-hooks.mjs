// Module hooks that let Node run the repository's TypeScript (tests and the source they import) the
// way tsx does, at a fraction of tsx's start-up: the suite starts ~230 processes, and tsx's own
// registration costs ~0.2 s of CPU in each. Transpiled code is cached by content, so a file costs a
// read and a hash after its first run; esbuild (already the build's bundler) is loaded only on a miss.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const TYPESCRIPT = /\.tsx?$/;
/** Where `import './x.js'` or `import './x'` may point in TypeScript source, in the order tsc looks. */
const STAND_INS = [
  [/\.js$/, ['.ts', '.tsx']],
  [/\.jsx$/, ['.tsx']],
  [/(?<!\.[cm]?[jt]sx?)$/, ['.ts', '.tsx', '/index.ts', '/index.tsx']],
];

let cacheDir = null;
let esbuild = null;

export function initialize(data) {
  cacheDir = data?.cacheDir ?? null;
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
}

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  const relative = specifier.startsWith('./') || specifier.startsWith('../');
  // Looked up here rather than after Node's own resolution fails: a failed resolution costs Node a
  // second, CommonJS one for its error's hint, ~20% of a test process's module loading.
  if (relative && parent?.startsWith('file:') && TYPESCRIPT.test(parent)) {
    const target = new URL(specifier, parent);
    if (!isFile(target)) {
      for (const [ending, replacements] of STAND_INS) {
        if (!ending.test(specifier)) continue;
        const found = replacements.find((replacement) => isFile(new URL(specifier.replace(ending, replacement), parent)));
        if (found) return nextResolve(specifier.replace(ending, found), context);
      }
    }
  }
  return nextResolve(specifier, context);
}

const isFile = (url) => statSync(url, { throwIfNoEntry: false })?.isFile() === true;

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !TYPESCRIPT.test(url)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  return { format: 'module', source: transpile(readFileSync(path, 'utf8'), path), shortCircuit: true };
}

function transpile(source, path) {
  const key = createHash('sha1').update(path).update('\0').update(source).digest('hex');
  const cached = cacheDir ? join(cacheDir, `${key}.js`) : null;
  if (cached) {
    try {
      return readFileSync(cached, 'utf8');
    } catch {
      // not transpiled yet
    }
  }
  esbuild ??= require('esbuild');
  const { code } = esbuild.transformSync(source, {
    loader: path.endsWith('x') ? 'tsx' : 'ts',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    sourcemap: 'inline',
    sourcefile: path,
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  });
  if (cached) {
    // Atomic: processes running side by side may transpile the same file at once.
    const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  }
  return code;
}
