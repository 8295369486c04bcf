/**
 * The search benchmark's measuring side, run bundled in a fresh process with --expose-gc (see
 * benchSearch in run.ts): loads DIR with the app's loader, builds the index in slices as the app
 * does, types each query key by key, and prints one JSON line.
 *
 * Then, unless told `--no-entities`, finds the library's entities (the tagger, through a disk cache
 * kept in the temp directory, so only a first run extracts) and types the @name queries the same
 * way, with the highlights of a screenful read back from that cache, as the app does for a library
 * this size (WorkerSource).
 *
 *   node --expose-gc search-probe.js DIR [--no-entities]
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InThreadSource, WorkerSource } from '../../source/core/entities/entity-source.js';
import { entityTermSource } from '../../source/core/entities/entity-term-source.js';
import { loadEntityExtractor } from '../../source/core/entities/index.js';
import type { LibraryEntityIndex } from '../../source/core/entities/library-index.js';
import type { Article } from '../../source/core/article.js';
import { loadLibrary } from '../../source/core/load/library.js';
import { LibrarySearch } from '../../source/core/search/index.js';
import { percentile, round } from './stats.js';

/** What a user types: names, a typo, operators, multi-word, OR. */
export const QUERIES = [
  'netanyahu',
  'shoigu defense',
  'netanyhau',
  'shiogu',
  'putin | lavrov sanctions',
  "'ceasefire !gaza",
  '^erdogan',
  'syria iran talks',
  'zelenskyy kyiv drones',
  'humanitarian aid$',
  'erdogan',
  'prime minister',
];

/** @name queries, typed once the library's entities are known: names, a typo, a full name, with words, OR, NOT. */
export const ENTITY_QUERIES = ['@putin', '@netanyhau', '@"vladimir putin"', 'sanctions @shoigu', 'iran | @lavrov', '!@putin syria', '@erdogan talks'];

/** Hits whose highlights and snippet are computed per key, as the list view does for a screenful. */
const SCREEN = 20;

/** Types each query key by key: each key's search plus a screenful of highlights and snippets. */
function typeQueries(index: LibrarySearch, queries: readonly string[]): { times: number[]; perQuery: Record<string, { p50: number; max: number; total: number }> } {
  const times: number[] = [];
  const perQuery: Record<string, { p50: number; max: number; total: number }> = {};
  for (const query of queries) {
    const own: number[] = [];
    let total = 0;
    for (let i = 1; i <= query.length; i++) {
      const start = performance.now();
      const result = index.search(query.slice(0, i), { limit: 50 });
      for (const hit of result.hits.slice(0, SCREEN)) {
        void hit.matches;
        void hit.snippet;
      }
      const ms = performance.now() - start;
      times.push(ms);
      own.push(ms);
      total = result.total;
    }
    perQuery[query] = { p50: round(percentile(own, 50)), max: round(Math.max(...own)), total };
  }
  return { times, perQuery };
}

/** The library's entities, found as the app finds them, and @name queries typed over them. */
async function entityPhase(index: LibrarySearch, articles: readonly Article[]): Promise<Record<string, unknown>> {
  const cacheDir = join(tmpdir(), 'lede-bench-entity-cache');
  const t0 = performance.now();
  const pass = new InThreadSource(articles, loadEntityExtractor, { cacheDir });
  const library = await new Promise<LibraryEntityIndex>((resolve, reject) =>
    pass.runLibraryPass({ onProgress: () => {}, onDone: resolve, onError: (message) => reject(new Error(message)) }),
  );
  const passMs = performance.now() - t0;
  // Highlights read each shown article's entities back from the disk cache, as WorkerSource does.
  const reader = new WorkerSource(articles, loadEntityExtractor, { cacheDir });
  await reader.entitiesOf(articles[0]!, library);
  const t1 = performance.now();
  index.setManyExtraTerms(articles.map((article, i) => [i, library.namesByArticle.get(article.id) ?? []]));
  index.setEntities(entityTermSource(library, articles, reader));
  const setMs = performance.now() - t1;
  const { times, perQuery } = typeQueries(index, ENTITY_QUERIES);
  return {
    entity_pass_ms: Math.round(passMs),
    entities: library.entities.length,
    set_entities_ms: round(setMs),
    keystroke_ms: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)) },
    keystrokes: times.length,
    queries: perQuery,
  };
}

/**
 * RSS once garbage is collected and the collector's helper threads have freed what it released
 * (ArrayBuffer memory is freed off the main thread: read at once, a dropped array still counts).
 */
async function settledRss(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  gc?.();
  return process.memoryUsage().rss;
}

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

async function main(dir: string, withEntities: boolean): Promise<Record<string, unknown>> {
  const library = await loadLibrary([dir]);
  const docs = library.articles;
  const rssLoaded = await settledRss();

  // Built once, the way the app builds it: in slices between which the event loop runs.
  // index_ms is the whole build's wall time; the longest slice is what a key could wait behind.
  const slices: number[] = [];
  const t0 = performance.now();
  let last = t0;
  const index = await LibrarySearch.start(docs, {
    onProgress: () => {
      const now = performance.now();
      slices.push(now - last);
      last = now;
    },
  }).done;
  const indexMs = performance.now() - t0;
  const rssIndexed = await settledRss();

  const { times, perQuery } = typeQueries(index, QUERIES);
  const rss = mb(await settledRss());
  return {
    articles: docs.length,
    index_ms: Math.round(indexMs),
    keystroke_ms: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)) },
    rss_mb: rss,
    rss_after_load_mb: mb(rssLoaded),
    rss_after_index_mb: mb(rssIndexed),
    keystrokes: times.length,
    vocabulary: index.vocabularySize,
    async_build_slice_ms: { p50: round(percentile(slices, 50)), max: round(Math.max(...slices)) },
    queries: perQuery,
    ...(withEntities ? { entity_terms: await entityPhase(index, docs) } : {}),
  };
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: search-probe DIR [--no-entities]\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await main(dir, !process.argv.includes('--no-entities')))}\n`);
