/**
 * Entity extraction benchmark (issue 4), reported as JSON (numbers, never assertions):
 *
 *   npm run bench -- entities --generate 2000 [--json] [--runs 50]   over a synthetic corpus
 *   npm run bench -- entities --corpus DIR [--json]                  over DIR
 *
 * - words_per_second: per-article extraction speed (warm extractor), p50 over the articles, and
 *   the whole corpus' words over its total extraction time;
 * - article_1000_words_ms: one 1,000-word article of real news text (the seed articles, repeated),
 *   warm, p50/p95 over --runs runs;
 * - load_ms: loadEntityExtractor() in a fresh process, bundled as dist is (import + weight decoding);
 * - library_ms: the whole library through the worker (startLibraryExtraction), bundled, in a fresh
 *   process: cold (empty LEDE_CACHE_DIR) and warm (the same cache again), open to index ready;
 * - library_memory_mb: that process's heap and RSS once the pass is done (gc'd, index alive), and
 *   the worker's peak heap (it reports process.memoryUsage() with each batch when asked);
 * - panel_ready_ms: an article opened before anything NLP is loaded (load + extract, fresh process)
 *   and once the extractor is loaded (extract only).
 *
 * Target (issue 4): panel ready within 100 ms for a 1,000-word article.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEntityExtractor } from '../../source/core/entities/index.js';
import { bundleProbe } from './bundle.js';
import { arg, percentile, round } from './stats.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SEEDS = ['articles/000_09270935bd4655ee.txt', 'articles/004_eaf6071b633d695b.txt'];

type Doc = { title: string; text: string; path?: string; id?: string };

export interface EntityBenchDeps {
  /** A generated corpus of `count` articles (run.ts's, so every benchmark uses the same files). */
  corpusDir(count: number, out?: string): string;
  loadCorpus(dir: string): Promise<{ docs: Doc[]; loader: string }>;
}



const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Real news text of about 1,000 words: the seed articles' bodies, repeated, cut at a paragraph. */
function thousandWords(): string {
  const bodies = SEEDS.map((p) => {
    const raw = readFileSync(join(root, p), 'utf8').replace(/\r\n?/g, '\n');
    const paras = raw.split(/\n[ \t]*\n/).map((x) => x.trim().replace(/\s*\n\s*/g, ' ')).filter(Boolean);
    return paras.slice(1);
  });
  const out: string[] = [];
  let words = 0;
  for (let k = 0; words < 1000; k++) {
    for (const p of bodies[k % bodies.length]!) {
      if (words >= 1000) break;
      out.push(p);
      words += wordCount(p);
    }
  }
  return out.join('\n\n');
}

/**
 * A fresh-process probe, bundled like dist (esbuild, ESM, splitting, with the entity worker as
 * its own entry), so load and worker times are the shipped code's, not tsx's transpiling.
 */
const PROBE = `
import { readFileSync } from 'node:fs';
import { loadEntityExtractor } from ${JSON.stringify(join(root, 'source/core/entities/index.ts'))};
import { startLibraryExtraction } from ${JSON.stringify(join(root, 'source/core/entities/worker-client.ts'))};
const [mode, file, cacheDir] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
if (mode === 'load') {
  const t0 = performance.now();
  const ex = await loadEntityExtractor();
  out({ ms: performance.now() - t0, version: ex.version });
} else if (mode === 'panel') {
  const text = readFileSync(file, 'utf8');
  const t0 = performance.now();
  const ex = await loadEntityExtractor();
  const t1 = performance.now();
  const entities = ex.extract(text);
  out({ ms: performance.now() - t0, load_ms: t1 - t0, extract_ms: performance.now() - t1, entities: entities.length });
} else if (mode === 'library') {
  const articles = JSON.parse(readFileSync(file, 'utf8'));
  const t0 = performance.now();
  let firstBatch = 0;
  // The process's RSS, worker thread included, sampled at every progress report.
  let rssPeak = 0;
  startLibraryExtraction(
    articles,
    () => { if (!firstBatch) firstBatch = performance.now() - t0; rssPeak = Math.max(rssPeak, process.memoryUsage().rss); },
    (index) => {
      const ms = performance.now() - t0;
      global.gc?.();
      global.gc?.();
      const m = process.memoryUsage();
      out({ ms, first_progress_ms: firstBatch, articles: index.order.length, entity_keys: index.articlesByKey.size,
        main_heap_mb: m.heapUsed / 2 ** 20, main_rss_mb: m.rss / 2 ** 20, peak_rss_mb: rssPeak / 2 ** 20 });
      process.exit(0);
    },
    { cacheDir, onError: (m) => { out({ error: m }); process.exit(1); } },
  );
  setInterval(() => {}, 1000);
}
`;

function runProbe(probe: string, args: string[], env: Record<string, string> = {}): Record<string, number> {
  const r = spawnSync(process.execPath, ['--expose-gc', probe, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Record<string, number>;
  } catch {
    throw new Error(`entity probe ${args[0]} failed (${r.status}): ${(r.stderr ?? '').slice(-400)}`);
  }
}

export async function benchEntities(argv: string[], deps: EntityBenchDeps): Promise<Record<string, unknown>> {
  const generate = arg(argv, '--generate');
  let dir = arg(argv, '--corpus');
  if (generate || !dir) dir = deps.corpusDir(Number(generate ?? 2000), arg(argv, '--out') ?? dir);
  const runs = Math.max(10, Number(arg(argv, '--runs') ?? 50));
  const { docs, loader } = await deps.loadCorpus(dir);
  const tmp = mkdtempSync(join(tmpdir(), 'lede-bench-entities-'));
  try {
    // In process: the extractor warm, each article once.
    const ex = await loadEntityExtractor();
    for (const d of docs.slice(0, 20)) ex.extract(d.text); // JIT warm-up
    const perArticle: number[] = [];
    let words = 0;
    let ms = 0;
    for (const d of docs) {
      const n = wordCount(d.text);
      const t0 = performance.now();
      ex.extract(d.text);
      const dt = performance.now() - t0;
      words += n;
      ms += dt;
      if (n > 0) perArticle.push(n / (dt / 1000));
    }

    const big = thousandWords();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) ex.extract(big);
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      ex.extract(big);
      times.push(performance.now() - t0);
    }

    // Fresh processes, bundled.
    const entry = join(tmp, 'entity-probe.mjs');
    writeFileSync(entry, PROBE);
    const probe = await bundleProbe([entry, join(root, 'source/core/entities/entity-worker.ts')], join(tmp, 'out'));
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) loads.push(runProbe(probe, ['load']).ms!);
    const bigFile = join(tmp, 'article-1000.txt');
    writeFileSync(bigFile, big);
    const panels: Array<Record<string, number>> = [];
    for (let i = 0; i < 5; i++) panels.push(runProbe(probe, ['panel', bigFile]));
    const articlesFile = join(tmp, 'articles.json');
    writeFileSync(articlesFile, JSON.stringify(docs.map((d, i) => ({ id: d.path ?? d.id ?? String(i), text: d.text }))));
    const cache = join(tmp, 'cache');
    const cold = runProbe(probe, ['library', articlesFile, cache]);
    const warm = runProbe(probe, ['library', articlesFile, cache]);
    const warm2 = runProbe(probe, ['library', articlesFile, cache]);

    return {
      articles: docs.length,
      words,
      extractor: ex.version,
      words_per_second: { p50_over_articles: Math.round(percentile(perArticle, 50)), p10_over_articles: Math.round(percentile(perArticle, 10)), overall: Math.round(words / (ms / 1000)) },
      article_1000_words_ms: { words: wordCount(big), runs, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)) },
      load_ms: { p50: round(percentile(loads, 50), 1), max: round(Math.max(...loads), 1), runs: loads.length, note: 'fresh process, bundled: import + weight decoding' },
      library_ms: {
        articles: cold.articles,
        cold: Math.round(cold.ms!),
        warm: Math.round(Math.min(warm.ms!, warm2.ms!)),
        cold_first_progress: Math.round(cold.first_progress_ms!),
        note: 'startLibraryExtraction in a fresh process, bundled worker; warm = the same LEDE cache dir again',
      },
      library_memory_mb: {
        main_heap_cold: round(cold.main_heap_mb!, 1),
        main_heap_warm: round(warm.main_heap_mb!, 1),
        main_rss_warm: round(warm.main_rss_mb!, 1),
        peak_rss_cold_mb: round(cold.peak_rss_mb!, 1),
        peak_rss_warm_mb: round(warm.peak_rss_mb!, 1),
        note: "after the pass, gc'd, index alive; the probe holds every article's text too (as the app does)",
      },
      panel_ready_ms: {
        first_open_p50: round(percentile(panels.map((p) => p.ms!), 50), 1),
        first_open_load_p50: round(percentile(panels.map((p) => p.load_ms!), 50), 1),
        first_open_extract_p50: round(percentile(panels.map((p) => p.extract_ms!), 50), 1),
        extractor_loaded_p50: round(percentile(times, 50)),
        note: 'open -> entities for a 1,000-word article: before anything NLP is loaded (load + extract), and once loaded (extract)',
      },
      loader,
      corpus: dir,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
