/**
 * What building and saving the library entity index at the end of a first pass costs in memory,
 * in a process of its own, for a tree to compare (--tree DIR, default this one):
 *
 *   node --expose-gc --import tsx test/bench/latency-index-build.ts --inputs FILE.entities [--copies 5] [--tree DIR] [--slices] [--app]
 *
 * FILE is a library's saved index inputs (`<cache>/library/<key>.entities`, e.g. of 20,000 generated
 * articles); its articles are added --copies times under new ids (5: a library of 100,000), as a
 * pass adds them, then the index is built (in slices with --slices, as the app does) and saved
 * as after a pass (saveBuiltIndex, in slices with --slices: its inputs, then the index). Prints JSON: the peak RSS (getrusage's maxrss)
 * after each stage (the first, adding, is the bench's own reading of FILE), the highest RSS sampled
 * during each and the highest heap in use (every 50 ms where it gives the event loop turns: the build with --slices; after a GC
 * that drops the bench's reading, with --expose-gc), the heap still in use after a GC at its end (with --expose-gc), the main
 * thread's CPU for each, and the load average. With --app, what the app does beside the build at the end of a pass follows,
 * a stage each: the name index, the search taking in every article's entity names (a search over as many empty articles),
 * and the `@name` term source.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { articlesIn, readInputs } from './index-inputs.js';
import type { LibraryEntityIndex } from '../../source/core/entities/library-index.js';
import { arg } from './stats.js';

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const heapMb = () => Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuMs = () => Math.round(process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000);

/** A module of `tree`'s source/core/entities, by path. */
const moduleIn = (tree: string) => (path: string) => import(pathToFileURL(join(tree, 'source/core/entities', path)).href);

async function main(argv: string[]): Promise<void> {
  const tree = resolve(arg(argv, '--tree') ?? join(import.meta.dirname, '../..'));
  const inputs = arg(argv, '--inputs');
  if (!inputs) throw new Error('--inputs FILE.entities is needed');
  const copies = Number(arg(argv, '--copies') ?? 5);
  const module = moduleIn(tree);
  const { LibraryIndexBuilder } = await module('library-index.ts');
  const { saveBuiltIndex, saveBuiltIndexInSlices } = await module('saved-library-index.ts');
  const gc = (globalThis as { gc?: () => void }).gc;
  const load = [loadavg()[0]!];
  let saved: ReturnType<typeof readInputs> | null = readInputs(resolve(inputs));
  let builder: InstanceType<typeof LibraryIndexBuilder> | null = new LibraryIndexBuilder(null);
  const order: string[] = [];
  for (let copy = 0; copy < copies; copy++) {
    let k = 0;
    for (const list of articlesIn(saved)) {
      const id = `copy${copy}-article${k++}`;
      order.push(id);
      builder!.add(id, list);
    }
  }
  saved = null;
  gc?.();
  const stages: Record<string, { peak_rss_mb: number; rss_sampled_mb: number; heap_sampled_mb: number; heap_retained_mb?: number; cpu_ms: number }> = {};
  // The RSS every 50 ms where a stage gives the event loop turns (the build with --slices), and at its end.
  let [sampled, heapSampled] = [0, 0];
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, rssMb());
    heapSampled = Math.max(heapSampled, heapMb());
  }, 50);
  let cpu = cpuMs();
  const stage = (name: string) => {
    const now = cpuMs();
    stages[name] = { peak_rss_mb: peakMb(), rss_sampled_mb: Math.max(sampled, rssMb()), heap_sampled_mb: Math.max(heapSampled, heapMb()), cpu_ms: now - cpu };
    if (gc) {
      gc();
      stages[name].heap_retained_mb = heapMb();
    }
    [sampled, heapSampled] = [0, 0];
    cpu = cpuMs();
  };
  stage('added');
  const index = argv.includes('--slices') ? await builder.finishInSlices(order, 8) : builder.finish(order);
  // Let go of, as the app lets go of the pass once it is done.
  builder = null;
  stage('built');
  const dir = mkdtempSync(join(tmpdir(), 'lede-index-build-'));
  try {
    const key = { generation: 'bench', extractorVersion: 'bench' };
    // As after a pass: its inputs, then the index (whose findings are then read from the inputs).
    const files = { index: join(dir, 'x.entity-index'), corrected: join(dir, 'x.corrected'), inputs: join(dir, 'x.entities') };
    const saving = { cacheDir: dir, withInputs: true, onProblem: (p: string) => console.error(p) };
    if (argv.includes('--slices')) await saveBuiltIndexInSlices(index, { files, key, order }, { ...saving, sliceMs: 8 });
    else saveBuiltIndex(index, { files, key, order }, saving);
    stage('saved');
    if (argv.includes('--app')) await appStages(module, index, order, stage);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    clearInterval(sampler);
  }
  load.push(loadavg()[0]!);
  const result = { tree, articles: order.length, entities: index.entities.length, postings: index.postings.docs.length, stages, load_average: load };
  console.log(JSON.stringify(result, null, 2));
}

/** What the app runs beside the build at the end of a pass (entity-source.ts, use-library-search.ts), a stage each. */
async function appStages(module: ReturnType<typeof moduleIn>, index: LibraryEntityIndex, order: string[], stage: (name: string) => void): Promise<unknown[]> {
  const { entityNamesInSlices } = await module('name-search.ts');
  const { entityTermSource } = await module('entity-term-source.ts');
  const { LibrarySearch } = await module('../search/index.ts');
  await entityNamesInSlices(index, 8);
  stage('name index');
  const articles = order.map((id) => ({ id, title: '', text: '' }));
  const search = new LibrarySearch(articles);
  search.setManyExtraTerms(articles.map((a, i) => [i, index.namesByArticle.get(a.id) ?? []] as const));
  stage('names searchable');
  const terms = entityTermSource(index, articles, { knownEntitiesOf: () => undefined });
  stage('@name terms');
  // Held to the end, as the app holds them.
  return [search, terms];
}

await main(process.argv.slice(2));
