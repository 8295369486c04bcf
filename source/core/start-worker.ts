/**
 * Starting lede's workers (the entity pass, the page reader) from the bundle or from source.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker, WorkerOptions } from 'node:worker_threads';

/**
 * What a worker runs to load the modules this process was started with `--import` (from source: a
 * TypeScript loader), in order: relative paths from the working directory, as Node reads them.
 * tsx's entry registers its hooks on the main thread only; its API registers them anywhere.
 */
function preloads(execArgv: readonly string[]): string[] {
  const imports: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const value = arg === '--import' ? execArgv[++i] : arg.startsWith('--import=') ? arg.slice('--import='.length) : undefined;
    if (value === undefined) continue;
    if (value === 'tsx') imports.push(`(await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})).register();`);
    else imports.push(`await import(${JSON.stringify(urlOf(value))});`);
  }
  return imports;
}

function urlOf(specifier: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(specifier)) return specifier;
  if (specifier.startsWith('.') || isAbsolute(specifier)) return pathToFileURL(resolve(specifier)).href;
  return import.meta.resolve(specifier);
}

/**
 * A worker running `url`. Bundled, that is a .js file beside this code, started as it is. From
 * source (a .ts file: tests), Node 20 workers do not inherit the main thread's module hooks, so a
 * bootstrap imports the main thread's `--import` modules first, then the worker's own.
 */
export function startWorker(WorkerClass: typeof Worker, url: URL, options: WorkerOptions): Worker {
  if (!url.pathname.endsWith('.ts')) return new WorkerClass(url, options);
  const imports = [...preloads(process.execArgv), `await import(${JSON.stringify(url.href)});`];
  return new WorkerClass(`(async () => { ${imports.join(' ')} })();`, { ...options, eval: true });
}
