/**
 * Bundles a benchmark probe the way dist is built (esbuild, ESM, code splitting), so a probe run
 * in a fresh process measures the shipped code's speed and memory, not tsx's: under tsx a process
 * also carries the loader's own thread and caches (~30 MB of RSS).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles `entries` (the first is the probe) into `outDir`; returns the probe's bundled path. */
export async function bundleProbe(entries: string[], outDir: string): Promise<string> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: entries,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: outDir,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    logLevel: 'warning',
    nodePaths: [join(root, 'node_modules')],
  });
  const name = entries[0]!.split(/[\\/]/).pop()!.replace(/\.[mc]?[jt]s$/, '');
  return join(outDir, `${name}.js`);
}
