/**
 * What tying bare surnames to full names (identity.ts's linkBareNamesInSteps, a step of the end of
 * a first pass) costs on its own, in a process of its own, for a tree to compare (--tree DIR,
 * default this one):
 *
 *   node --expose-gc --import tsx test/bench/latency-bare-links.ts --inputs FILE.entities [--tree DIR]
 *
 * FILE is a library's saved index inputs (`<cache>/library/<key>.entities`); each article's own
 * keys are worked out as the library index build does before the step (the type vote and the
 * surname evidence, no corrections), then the step runs, its RSS sampled every 16 pauses
 * (it pauses every 32 articles' worth of work). Prints JSON: RSS and heap used before the step
 * (after a GC), the highest of each sampled during it and the growth (the heap's is the step's
 * own: RSS may already hold room the bench's reading freed), the step's CPU, the links made, a digest of
 * them (the same digest from two trees: the same links) and the load average.
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { articlesIn, readInputs } from './index-inputs.js';
import { arg } from './stats.js';

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const heapMb = () => Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
};

async function main(argv: string[]): Promise<void> {
  const tree = resolve(arg(argv, '--tree') ?? join(import.meta.dirname, '../..'));
  const inputs = arg(argv, '--inputs');
  if (!inputs) throw new Error('--inputs FILE.entities is needed');
  const module = (path: string) => import(pathToFileURL(join(tree, 'source/core/entities', path)).href);
  const { KeyNumbering, libraryType, linkBareNamesInSteps, ownKey, TypeVote } = await module('identity.ts');
  const { EvidenceCollector } = await module('evidence.ts');
  const { NO_CORRECTIONS } = await module('corrections.ts');
  const load = [loadavg()[0]!];
  let saved: ReturnType<typeof readInputs> | null = readInputs(resolve(inputs));
  // The keys the build hands the step (library-index.ts, steps 1 and 2, with no corrections).
  const evidence = new EvidenceCollector();
  const votes = new TypeVote();
  for (const list of articlesIn(saved)) {
    for (const e of list) votes.add(e.name, e.type, e.mentions, false);
    evidence.add(list);
  }
  const typed = { corrections: NO_CORRECTIONS, evidence: evidence.finish(), typeByName: votes.finish() };
  const keysByArticle = new Map<string, string[]>();
  let k = 0;
  for (const list of articlesIn(saved)) {
    keysByArticle.set(`article${k++}`, list.map((e) => ownKey(e.name, libraryType(typed, { name: e.name, type: e.type, fixedType: false, aliases: e.aliases }))));
  }
  saved = null;
  (globalThis as { gc?: () => void }).gc?.();
  const before = rssMb();
  const heapBefore = heapMb();
  let peak = before;
  let heapPeak = heapBefore;
  const cpu = cpuMs();
  // A tree with KeyNumbering is given the keys as the build gives them, an article at a time (timed too).
  const numbering = KeyNumbering?.of(keysByArticle);
  if (numbering) keysByArticle.clear();
  const steps = linkBareNamesInSteps(numbering ?? keysByArticle) as Generator<void, Map<string, Map<string, string>>>;
  let pauses = 0;
  let step = steps.next();
  while (!step.done) {
    if (++pauses % 16 === 0) {
      peak = Math.max(peak, rssMb());
      heapPeak = Math.max(heapPeak, heapMb());
    }
    step = steps.next();
  }
  const stepCpu = cpuMs() - cpu;
  peak = Math.max(peak, rssMb());
  const links = step.value;
  const digest = createHash('sha256');
  let count = 0;
  for (const [id, forArticle] of [...links].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    for (const [bare, full] of [...forArticle].sort()) {
      digest.update(`${id}\t${bare}\t${full}\n`);
      count++;
    }
  }
  load.push(loadavg()[0]!);
  const result = {
    tree,
    articles: keysByArticle.size,
    rss_before_mb: before,
    rss_peak_during_mb: peak,
    rss_growth_mb: peak - before,
    heap_before_mb: heapBefore,
    heap_peak_during_mb: heapPeak,
    heap_growth_mb: heapPeak - heapBefore,
    peak_rss_process_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    step_cpu_ms: stepCpu,
    pauses,
    links: count,
    links_digest: digest.digest('hex').slice(0, 16),
    load_average: load,
  };
  console.log(JSON.stringify(result, null, 2));
}

await main(process.argv.slice(2));
