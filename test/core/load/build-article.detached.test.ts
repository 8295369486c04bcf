import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { detached } from '../../../source/core/detached';
import { TS_LOADER_ARGS } from '../../helpers/ts-loader-args';

test('detached copies are equal to their source, so cleaning a field changes nothing visible', () => {
  const parent = `Headline of the day\n\n${'body text '.repeat(1000)}`;
  const title = parent.slice(0, parent.indexOf('\n'));
  assert.equal(detached(title), title);
  assert.equal(detached('short'), 'short');
});

test('a title cut from a file’s text does not keep the whole text alive (heap measured after a GC, in a child process)', () => {
  // The title is a slice of a 40 MB string: V8 keeps such a slice as a view of its parent, so an
  // article holding it would hold the 40 MB. A detached title lets the text go.
  const script = `
    const { buildArticle } = await import(${JSON.stringify(new URL('../../../source/core/load/build-article.ts', import.meta.url).href)});
    const make = () => {
      const parent = 'Headline of the day, a long one for the slice\\n\\n' + 'x'.repeat(40 * 1024 * 1024);
      return buildArticle({ id: 'a', path: 'a.txt', format: 'txt', title: parent.slice(0, parent.indexOf('\\n')), paragraphs: ['body'] });
    };
    const article = make();
    globalThis.gc(); globalThis.gc();
    console.log(JSON.stringify({ title: article.title, heapMb: process.memoryUsage().heapUsed / 2 ** 20 }));
  `;
  const run = spawnSync(process.execPath, ['--expose-gc', ...TS_LOADER_ARGS, '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const { title, heapMb } = JSON.parse(run.stdout) as { title: string; heapMb: number };
  assert.equal(title, 'Headline of the day, a long one for the slice');
  assert.ok(heapMb < 30, `the 40 MB text is still on the heap: ${heapMb.toFixed(1)} MB used after a GC`);
});
