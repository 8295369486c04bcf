// Slow tier: a load of 116 MB of articles in a child process, twice, ~10 s of CPU.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TS_LOADER_ARGS } from '../../helpers/ts-loader-args';

const work = mkdtempSync(join(tmpdir(), 'lede-parking-'));
after(() => rmSync(work, { recursive: true, force: true }));

const source = (path: string) => JSON.stringify(new URL(`../../../source/core/load/${path}`, import.meta.url).href);

describe('a first load parks the bodies it has read in a spill file of its own', () => {
  it('holds about one slab of bodies at a time, leaves no file behind, and every body reads back as the file says', () => {
    const script = `
      import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
      import { join } from 'node:path';
      import { loadLibrary } from ${source('library.ts')};
      import { SLAB_BYTES } from ${source('text-store.ts')};
      const [tree, cache] = ${JSON.stringify([join(work, 'tree'), join(work, 'cache')])};
      mkdirSync(tree);
      // 40 KB bodies, three and a half slabs of them, every one different.
      const files = Math.ceil((3.5 * SLAB_BYTES) / 40_000);
      const bodyOf = (i) => Array.from({ length: 40 }, (_, p) => 'Paragraph ' + p + ' of article ' + i + ' “' + 'quoted words '.repeat(75) + '”').join('\\n\\n');
      const past = new Date(Date.now() - 3_600_000);
      for (let i = 0; i < files; i++) {
        const path = join(tree, 'a' + String(i).padStart(5, '0') + '.txt');
        writeFileSync(path, 'Title ' + i + '\\n\\n' + bodyOf(i));
        utimesSync(path, past, past);
      }
      let highestMb = 0;
      const onProgress = (done) => {
        if (done % 50 !== 0) return;
        gc();
        highestMb = Math.max(highestMb, process.memoryUsage().arrayBuffers / 1048576);
      };
      const first = await loadLibrary([tree], { cache: { dir: cache }, onProgress });
      const wrong = first.articles.filter((a) => a.text !== bodyOf(Number(a.path.slice(-9, -4)))).length;
      const second = await loadLibrary([tree], { cache: { dir: cache } });
      const wrongAgain = second.articles.filter((a) => a.text !== bodyOf(Number(a.path.slice(-9, -4)))).length;
      console.log(JSON.stringify({ articles: first.articles.length, files, wrong, wrongAgain, highestMb, slabMb: SLAB_BYTES / 1048576, left: readdirSync(join(cache)).filter((f) => f.includes('spill')) }));
    `;
    const run = spawnSync(process.execPath, ['--expose-gc', ...TS_LOADER_ARGS, '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { articles: number; files: number; wrong: number; wrongAgain: number; highestMb: number; slabMb: number; left: string[] };
    assert.equal(result.articles, result.files);
    assert.equal(result.wrong, 0, 'every body as its file says, read from the spill or the cache file');
    assert.equal(result.wrongAgain, 0, 'and from the cache file the load wrote');
    // Held whole, the bodies are 3.5 slabs; parked, the one being filled and one the sweeper may not have freed yet.
    assert.ok(result.highestMb < 2 * result.slabMb + 24, `${result.highestMb.toFixed(0)} MB of array buffers during the load, slabs of ${result.slabMb} MB`);
    assert.deepEqual(result.left, [], 'the spill file is unlinked as soon as made');
  });
});
