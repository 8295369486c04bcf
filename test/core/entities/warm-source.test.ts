// A second start's entity index comes from what the first start saved beside the library cache,
// keyed by the version module (versions.ts): the tagger's model is never loaded for it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { WorkerSource } from '../../../source/core/entities/entity-source.js';
import { loadEntityExtractor } from '../../../source/core/entities/index.js';
import type { LibraryEntityIndex } from '../../../source/core/entities/library-index.js';
import { EntityNames, entityNames, hasEntityNames } from '../../../source/core/entities/name-search.js';
import type { EntityExtractor } from '../../../source/core/entities/types.js';
import { entityIndexFile } from '../../../source/core/entities/library-index-cache.js';
import { libraryIndexFile } from '../../../source/core/entities/library-index-file.js';
import { generationOf, libraryCacheOf } from '../../../source/core/load/library-cache.js';
import { loadLibrary } from '../../../source/core/load/library.js';

const root = mkdtempSync(join(tmpdir(), 'lede-warm-source-'));
after(() => rmSync(root, { recursive: true, force: true }));
const tree = join(root, 'articles');
const cacheDir = join(root, 'cache');
mkdirSync(tree);
const PEOPLE = ['Vladimir Putin', 'Angela Merkel', 'Benjamin Netanyahu'];
for (let i = 0; i < 6; i++) {
  const path = join(tree, `${i}.txt`);
  writeFileSync(path, `Talks number ${i}\n\n${PEOPLE[i % 3]} met officials in Moscow on Monday. ${PEOPLE[(i + 1) % 3]} stayed in Berlin.`);
  // Old enough for the library cache to trust its identity (isSettled).
  utimesSync(path, 1_600_000_000 + i, 1_600_000_000 + i);
}

const load = () => loadLibrary([tree], { cache: { dir: join(cacheDir, 'library'), minArticles: 1 } });
const pass = (source: WorkerSource) =>
  new Promise<LibraryEntityIndex>((resolve, reject) => source.runLibraryPass({ onProgress: () => {}, onDone: resolve, onError: (m) => reject(new Error(m)) }));

test('a second start loads the saved index without loading the extractor, and reads entities back from the cache without it', async () => {
  const first = await load();
  assert.ok(generationOf(first), 'the library is cached');
  const built = await pass(new WorkerSource(first.articles, loadEntityExtractor, { cacheDir }));
  const again = await load();
  assert.equal(generationOf(again), generationOf(first));
  let loads = 0;
  const noModel = (): Promise<EntityExtractor> => (loads++, Promise.reject(new Error('a warm start needs no model')));
  const source = new WorkerSource(again.articles, noModel, { cacheDir });
  const loaded = await pass(source);
  assert.equal(loads, 0, 'the extractor was asked for');
  assert.deepEqual(loaded.order, built.order);
  assert.deepEqual(loaded.entities, built.entities);
  assert.deepEqual([...loaded.namesByArticle], [...built.namesByArticle]);
  assert.deepEqual([...loaded.articlesByKey], [...built.articlesByKey]);
  // The name index (the filter's, `@name`'s) saved with it by the first start: loaded, not built.
  assert.ok(hasEntityNames(loaded), 'the name index came with the saved index');
  for (const typed of ['putin', 'merk', 'netanyahu', 'moscow', 'vladimir putin']) assert.deepEqual(entityNames(loaded).match(typed).map((m) => [m.entity.key, m.quality]), new EntityNames(built.entities).match(typed).map((m) => [m.entity.key, m.quality]), typed);
  // The search's highlights read an article's entities from the pass's cache: under the same version.
  const known = source.knownEntitiesOf(again.articles[0]!, loaded);
  assert.ok(known?.some((e) => e.name === 'Vladimir Putin'), 'the first article’s entities, from the cache');
  assert.equal(loads, 0);
});

test('a first pass hands out its index once the index and its inputs are saved, not while they are', async () => {
  const tree2 = join(root, 'articles-2');
  mkdirSync(tree2);
  for (let i = 0; i < 4; i++) {
    const path = join(tree2, `${i}.txt`);
    writeFileSync(path, `Visit ${i}\n\n${PEOPLE[i % 3]} arrived in Paris on Tuesday.`);
    utimesSync(path, 1_600_000_000 + i, 1_600_000_000 + i);
  }
  const library = await loadLibrary([tree2], { cache: { dir: join(cacheDir, 'library'), minArticles: 1 } });
  const file = libraryCacheOf(library)!.file;
  const savedAtDone = await new Promise<boolean[]>((resolve, reject) =>
    new WorkerSource(library.articles, loadEntityExtractor, { cacheDir }).runLibraryPass({
      onProgress: () => {},
      onDone: () => resolve([existsSync(libraryIndexFile(file)), existsSync(entityIndexFile(file))]),
      onError: (m) => reject(new Error(m)),
    }),
  );
  assert.deepEqual(savedAtDone, [true, true]);
});
