/**
 * Saved web pages, reported as JSON (`npm run bench -- load --pages [--count 500] [--runs 3]`):
 *
 * - extraction: each fixture page of test/fixtures/pages read by the reader view (read-page.ts,
 *   bundled, in a fresh process, warmed up), pages/s and MB/s;
 * - a generated folder of `--count` pages in the three layouts, loaded as lede loads it (the page
 *   worker included): wall time, pages/s, MB/s, the longest the event loop waited, peak RSS;
 * - 10 MB pages of each pathological shape: wall time and the longest event-loop wait;
 * - startup: `lede list` of a folder of text files vs `node -e 0`, and the same folder with one
 *   page in it (what loading the page reader costs the first page), paired runs, medians.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIG_PAGES, writePages } from '../fixtures/pages/generate-pages.js';
import { bundleProbe } from './bundle.js';
import { bundleLoadProbe, runLoadProbe, summarizeLoads } from './load.js';
import { arg, percentile, round } from './stats.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'pages');
const FIXTURES = ['news-jsonld.html', 'blog-opengraph.html', 'bare.html', 'hostile.html'];

/** Reads each page given, warmed up, for about a second; prints pages/s and MB/s for each. */
const EXTRACT_PROBE = `
import { readFileSync } from 'node:fs';
import { readPage } from ${JSON.stringify(join(root, 'source', 'core', 'load', 'html', 'read-page.ts'))};
const report = {};
for (const file of process.argv.slice(2)) {
  const markup = readFileSync(file, 'utf8');
  for (let i = 0; i < 20; i++) readPage(markup);
  let pages = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) { readPage(markup); pages++; }
  const seconds = (performance.now() - start) / 1000;
  report[file.split('/').pop()] = { bytes: Buffer.byteLength(markup), pages_per_s: pages / seconds, mb_per_s: (pages * Buffer.byteLength(markup)) / 1e6 / seconds };
}
console.log(JSON.stringify(report));
`;

export async function benchPages(argv: string[]): Promise<Record<string, unknown>> {
  const count = Math.max(1, Number(arg(argv, '--count') ?? 500));
  const runs = Math.max(1, Number(arg(argv, '--runs') ?? 3));
  const tmp = mkdtempSync(join(tmpdir(), 'lede-bench-pages-'));
  try {
    const probe = await bundleLoadProbe(tmp);
    return {
      extraction: await extraction(tmp),
      generated_folder: generatedFolder(tmp, probe, count, runs),
      ten_mb_pages: tenMegabytePages(tmp, probe),
      startup: startup(tmp, runs * 5),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function extraction(tmp: string): Promise<Record<string, unknown>> {
  const pages = join(tmp, 'fixtures');
  mkdirSync(pages);
  // The hostile page's URLs point at a port nothing listens on (nothing is fetched anyway).
  for (const name of FIXTURES) writeFileSync(join(pages, name), readFileSync(join(fixtures, name), 'utf8').replaceAll('__ORIGIN__', 'http://127.0.0.1:9'));
  const entry = join(tmp, 'extract-probe.ts');
  writeFileSync(entry, EXTRACT_PROBE);
  const probe = await bundleProbe([entry], join(tmp, 'extract-out'));
  const child = spawnSync(process.execPath, [probe, ...FIXTURES.map((name) => join(pages, name))], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`extraction probe failed: ${child.stderr.slice(-400)}`);
  const report = JSON.parse(child.stdout) as Record<string, { bytes: number; pages_per_s: number; mb_per_s: number }>;
  return Object.fromEntries(Object.entries(report).map(([name, r]) => [name, { kb: round(r.bytes / 1024, 1), pages_per_s: round(r.pages_per_s, 0), mb_per_s: round(r.mb_per_s, 2) }]));
}

function generatedFolder(tmp: string, probe: string, count: number, runs: number): Record<string, unknown> {
  const dir = join(tmp, `pages-${count}`);
  const { bytes } = writePages(dir, count);
  const results = runLoadProbe(probe, dir, runs);
  const wall = percentile(results.map((r) => r.wall_ms), 50) / 1000;
  return { pages: count, mb: round(bytes / 1e6, 1), pages_per_s: round(count / wall, 0), mb_per_s: round(bytes / 1e6 / wall, 2), ...summarizeLoads(dir, results) };
}

function tenMegabytePages(tmp: string, probe: string): Record<string, unknown> {
  const report: Record<string, unknown> = {};
  for (const [shape, make] of Object.entries(BIG_PAGES)) {
    const file = join(tmp, `ten-mb-${shape}.html`);
    writeFileSync(file, make(10 * 1024 * 1024));
    const [result] = runLoadProbe(probe, file, 1);
    report[shape] = { wall_ms: round(result!.wall_ms, 0), longest_event_loop_wait_ms: round(result!.longest_event_loop_wait_ms, 1), peak_rss_mb: round(result!.peak_rss_mb, 0) };
    rmSync(file);
  }
  return report;
}

/** `lede list` of 20 text files, with and without one page among them, against `node -e 0`, paired. */
function startup(tmp: string, runs: number): Record<string, unknown> {
  const cli = join(root, 'dist', 'cli.js');
  const text = join(tmp, 'startup-text');
  const withPage = join(tmp, 'startup-with-page');
  for (const dir of [text, withPage]) {
    mkdirSync(dir);
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, `story-${i}.txt`), `Story ${i}\n\nThe harbour authority met again on Tuesday.`);
  }
  writeFileSync(join(withPage, 'page.html'), readFileSync(join(fixtures, 'news-jsonld.html')));
  const time = (args: string[]) => {
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`${args.join(' ')} failed: ${child.stderr.slice(-300)}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const bare: number[] = [];
  const list: number[] = [];
  const listWithPage: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(time(['-e', '0']));
    list.push(time([cli, 'list', text]));
    listWithPage.push(time([cli, 'list', withPage]));
  }
  const median = (values: number[]) => percentile(values, 50);
  return {
    runs,
    node_e0_ms: round(median(bare), 1),
    lede_list_text_ms: round(median(list), 1),
    ratio_to_node: round(median(list) / median(bare)),
    lede_list_with_one_page_ms: round(median(listWithPage), 1),
    first_page_costs_ms: round(median(listWithPage) - median(list), 1),
  };
}
