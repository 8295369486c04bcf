// Slow tier: collections of hundreds of megabytes, ~8 s of CPU.
// Collections bigger than any cap: a 200 MB JSON Lines file and a 200 MB JSON array load every
// record, with memory bounded by what is kept, not by the file (RSS measured in a child process).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot, tempDir } from './support';
import { TS_LOADER_ARGS } from '../helpers/ts-loader-args';

const MiB = 1024 * 1024;
const FILE_BYTES = 200 * MiB;
/**
 * Peak RSS growth allowed while loading a 200 MB collection. Measured: 60–70 MB (25,000 articles
 * kept, plus V8's headroom for the garbage of parsing each record). Reading the file whole would
 * need its 200 MB at least once over.
 */
const MAX_GROWTH_BYTES = 120 * MiB;

let root = '';
before(() => {
  root = tempDir('big-collections');
});
after(() => rmSync(root, { recursive: true, force: true }));

/**
 * Scraped-news records: a short article and the page's raw HTML, which lede never keeps (so
 * what is kept is small next to the file, and the measure is of the reading, not of the library).
 * Written in batches, so this process never holds the file either. Returns the record count.
 */
function writeCollection(path: string, kind: 'jsonl' | 'json'): number {
  const html = `<div class="story"><p>${'Raw markup the reader never shows, kept by the scraper. '.repeat(150)}</p></div>`;
  const fd = openSync(path, 'w');
  let written = 0;
  let count = 0;
  if (kind === 'json') written += writeSync(fd, '{"status": "ok", "articles": [\n');
  while (written < FILE_BYTES) {
    const batch: string[] = [];
    for (let i = 0; i < 500; i++) {
      count++;
      const record = JSON.stringify({ title: `Story ${count}`, text: `Body of story ${count}: the talks in Zürich would go on.`, html });
      batch.push(kind === 'json' ? `${count > 1 ? ',\n' : ''}${record}` : `${record}\n`);
    }
    written += writeSync(fd, batch.join(''));
  }
  if (kind === 'json') writeSync(fd, '\n], "totalResults": 0}\n');
  closeSync(fd);
  return count;
}

function loadInChild(path: string): { articles: number; lastId: string; lastTitle: string; notes: string[]; before: number; maxRss: number } {
  const script = [
    "import { loadLibrary } from './source/core/load/index.ts';",
    'const before = process.memoryUsage().rss;',
    `const library = await loadLibrary([${JSON.stringify(path)}]);`,
    'const last = library.articles.at(-1);',
    'console.log(JSON.stringify({ articles: library.articles.length, lastId: last?.id, lastTitle: last?.title, notes: last?.notes,',
    '  skipped: library.skipped, before, maxRss: process.resourceUsage().maxRSS * 1024 }));',
  ].join('\n');
  const child = spawnSync(process.execPath, [...TS_LOADER_ARGS, '--input-type=module', '-e', script], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 150_000,
    killSignal: 'SIGKILL',
  });
  assert.equal(child.signal, null, `loading ${path} did not finish`);
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
}

describe('a 200 MB collection', () => {
  for (const kind of ['jsonl', 'json'] as const) {
    test(`${kind === 'jsonl' ? 'JSON Lines' : 'a JSON {"articles": [...]} file'}: every record, memory bounded`, { timeout: 240_000 }, () => {
      const path = join(root, `feed.${kind}`);
      const count = writeCollection(path, kind);
      const size = statSync(path).size;
      assert.ok(size >= FILE_BYTES, `${size} bytes`);
      try {
        const result = loadInChild(path);
        assert.equal(result.articles, count);
        assert.equal(result.lastId, `${path}#${count}`);
        assert.equal(result.lastTitle, `Story ${count}`);
        assert.deepEqual(result.notes, []);
        const growth = result.maxRss - result.before;
        console.log(`${kind}, ${(size / MiB).toFixed(0)} MiB, ${count} records: peak RSS growth ${(growth / MiB).toFixed(0)} MiB`);
        assert.ok(growth < MAX_GROWTH_BYTES, `peak RSS grew ${(growth / MiB).toFixed(0)} MiB loading a ${(size / MiB).toFixed(0)} MiB file`);
      } finally {
        rmSync(path, { force: true });
      }
    });
  }
});
