// Slow tier: the entity commands run several times over a saved library, ~3 s of CPU.
// The entity commands on a library the library cache knows: the first run builds the library
// entity index and saves it, the next loads it instead (no article is read for `--library`), a
// tampered one is said in one line and rebuilt — and every output is byte for byte the one the
// index built under the corrections in one go (the old path) gives, printed whole with toJson,
// with and without corrections.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { articlesWithEntities, entitiesPlainPieces, type ArticleEntities, libraryEntitySource } from '../../source/commands/entities.js';
import { toJson } from '../../source/commands/json.js';
import { jsonPieces, StreamedArray } from '../../source/commands/json-stream.js';
import { libraryEntitiesJson, libraryEntitiesJsonStreamed } from '../../source/commands/library-entities.js';
import { bestEntity, mentionsCsv, mentionsCsvPieces, mentionsJson, mentionsJsonStreamed, mentionsOf } from '../../source/commands/mentions.js';
import type { Library } from '../../source/core/article.js';
import { type Correction, CorrectionSet, NO_CORRECTIONS } from '../../source/core/entities/corrections.js';
import { WorkerSource } from '../../source/core/entities/entity-source.js';
import type { EntityExtractor, EntityType, Mention } from '../../source/core/entities/index.js';
import type { LibraryEntityIndex } from '../../source/core/entities/library-index.js';
import { loadLibrary } from '../../source/core/load/library.js';
import { makeTempDir } from '../e2e/fixtures.js';

const temp = makeTempDir('lede-saved-index-');
after(() => temp.remove());

const NAMES: { name: string; type: EntityType }[] = [
  { name: 'Gordon Brown', type: 'person' },
  { name: 'Brown', type: 'person' },
  { name: 'Tony Blair', type: 'person' },
  { name: 'Blair', type: 'person' },
  { name: 'Leeds', type: 'place' },
  { name: 'Moscow', type: 'place' },
  { name: 'Labour Party', type: 'organization' },
  { name: 'Lib Dems', type: 'organization' },
];
const SENTENCES = [
  'Gordon Brown visited Leeds on Monday.',
  'Brown said the Labour Party would win.',
  'Tony Blair was in Moscow.',
  'Blair and Brown did not speak.',
  'The Lib Dems met in Leeds.',
  'Nothing happened in the rain.',
];

/** Every whole-word occurrence of the names, in the title and the text: the test decides what the entities are. */
function extractorCounting(calls: { n: number }): EntityExtractor {
  return {
    version: 'saved-index-test-1',
    extract: (text, title = '') => {
      calls.n += 1;
      return NAMES.flatMap(({ name, type }) => {
        const mentions: Mention[] = [];
        for (const [field, value] of [['title', title], ['text', text]] as const) {
          for (const m of value.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) mentions.push({ field, start: m.index, end: m.index + name.length, text: name });
        }
        return mentions.length > 0 ? [{ id: `${type}:${name.toLowerCase()}`, name, type, aliases: [], mentions }] : [];
      });
    },
  };
}

/** 60 articles (more than the library cache's minimum), each a few of the sentences, old enough for the library cache to trust. */
const tree = join(temp.dir, 'news');
mkdirSync(tree);
for (let i = 0; i < 60; i++) {
  const body = [0, 1, 2].map((k) => SENTENCES[(i * 7 + k * (i % 5 + 1)) % SENTENCES.length]).join(' ');
  const file = join(tree, `story-${String(i).padStart(2, '0')}.txt`);
  writeFileSync(file, `${i % 4 === 0 ? 'Brown in Leeds' : `Story ${i}`}\n\n${body}\n`);
  utimesSync(file, 1_600_000_000 + i, 1_600_000_000 + i);
}
const libraryCache = join(temp.dir, 'library-cache');
const load = () => loadLibrary([tree], { cache: { dir: libraryCache, settleMs: 0 } });

const CORRECTIONS: Correction[] = [
  { op: 'hide', name: 'Moscow' },
  { op: 'merge', name: 'Lib Dems', into: 'Labour Party' },
  { op: 'rename', name: 'Tony Blair', to: 'Anthony Blair' },
  { op: 'type', name: 'Leeds', type: 'organization' },
  { op: 'split', name: 'Gordon Brown', alias: 'Brown' },
];

const collect = async (pieces: AsyncIterable<string> | Iterable<string>) => {
  let out = '';
  for await (const piece of pieces) out += piece;
  return out;
};

/** What each command prints, streamed (as the commands write it) and whole (as they printed it before), for one run. */
async function outputs(library: Library, corrections: CorrectionSet, cacheDir: string | null, problems: string[] = [], calls = { n: 0 }) {
  const sourced = await libraryEntitySource(library, corrections, { extractor: async () => extractorCounting(calls), cacheDir, onProblem: (p) => problems.push(p) });
  const extractedForIndex = calls.n;
  // What is saved once handed back (the index under the corrections) is saved by the next turn.
  await new Promise<void>((resolve) => setImmediate(resolve));
  // What the search's @name highlights read, before anything else asks: every article's, from memory or the disk.
  const known = library.articles.map((a) => sourced.source.knownEntitiesOf(a, sourced.index));
  const streamed = {
    library: await collect(jsonPieces(libraryEntitiesJsonStreamed(sourced.index))),
    articles: await collect(jsonPieces(new StreamedArray(articlesWithEntities(library, sourced)))),
    plain: await collect(entitiesPlainPieces(articlesWithEntities(library, sourced))),
    mentions: [] as string[],
  };
  const all: ArticleEntities[] = [];
  for await (const a of articlesWithEntities(library, sourced)) all.push(a);
  const whole = { library: toJson(libraryEntitiesJson(sourced.index)), articles: toJson(all), known: toJson(known), mentions: [] as string[] };
  for (const name of ['brown', 'blair', 'leeds', 'labour']) {
    const entity = bestEntity(sourced, name);
    assert.ok(entity, name);
    const found = await mentionsOf(library, sourced, entity.key);
    streamed.mentions.push(await collect(jsonPieces(mentionsJsonStreamed(entity, found))), await collect(mentionsCsvPieces(found)));
    whole.mentions.push(toJson(mentionsJson(entity, found)), mentionsCsv(mentionsJson(entity, found)));
  }
  return { streamed, whole, extractedForIndex };
}

/** Spoils the saved findings (the file stays): only a rebuild reads them, and would say they are not right. */
const spoilFindings = () => writeFileSync(join(libraryCache, savedFiles().find((f) => f.endsWith('.entities'))!), 'not findings');

const savedFiles = () => readdirSync(libraryCache).filter((f) => f.endsWith('entity-index') || f.endsWith('.entities')).sort();

for (const [label, list] of [['no corrections', []], ['corrections', CORRECTIONS]] as const) {
  test(`built, saved, loaded: the same output byte for byte (${label})`, async () => {
    const corrections = list.length > 0 ? new CorrectionSet([...list]) : NO_CORRECTIONS;
    const cacheDir = join(temp.dir, `entity-cache-${label.replace(' ', '-')}`);
    rmSync(libraryCache, { recursive: true, force: true });
    // The old path: no disk cache, the index built under the corrections in one go.
    const reference = await outputs(await load(), corrections, null);
    assert.match(reference.whole.library, /"person:gordon brown"/);
    // knownEntitiesOf (the search's @name highlights) has every article's entities, as shown.
    assert.equal(reference.whole.known, toJson((JSON.parse(reference.whole.articles) as ArticleEntities[]).map((a) => a.entities)));
    const problems: string[] = [];
    const built = await outputs(await load(), corrections, cacheDir, problems);
    assert.equal(built.extractedForIndex, 60, 'the first run reads every article');
    // With corrections, the index under them beside the one under none.
    assert.equal(savedFiles().length, list.length > 0 ? 3 : 2, 'the index and its inputs saved beside the library cache');
    // The findings a rebuild would read, spoilt: a run that rebuilt would say so, and show the index under none.
    spoilFindings();
    // A run with no entry in the entity cache (the index is beside the library cache): the index
    // can only have been loaded. Its output is made by extracting each article again.
    rmSync(cacheDir, { recursive: true, force: true });
    const withoutEntries = await outputs(await load(), corrections, cacheDir, problems);
    assert.equal(withoutEntries.extractedForIndex, 0, 'the second run reads no article for the index');
    assert.equal(withoutEntries.whole.library, reference.whole.library);
    assert.equal(withoutEntries.streamed.articles, reference.whole.articles);
    // And with the entries back: loaded, every output the same, knownEntitiesOf's too.
    const loaded = await outputs(await load(), corrections, cacheDir, problems);
    assert.deepEqual(problems, []);
    for (const run of [built, loaded]) {
      assert.equal(run.streamed.library, reference.whole.library);
      assert.equal(run.streamed.articles, reference.whole.articles);
      assert.deepEqual(run.streamed.mentions, reference.whole.mentions);
      assert.deepEqual(run.whole, reference.whole);
      assert.equal(run.streamed.plain, reference.streamed.plain);
    }
  });
}

test('a tampered saved index: said in one line, rebuilt from the saved inputs, the output unchanged, and saved right again', async () => {
  const cacheDir = join(temp.dir, 'entity-cache-tampered');
  rmSync(libraryCache, { recursive: true, force: true });
  const corrections = new CorrectionSet([...CORRECTIONS]);
  const first = await outputs(await load(), corrections, cacheDir);
  const [file] = readdirSync(libraryCache).filter((f) => f.endsWith('.entity-index'));
  const path = join(libraryCache, file!);
  const bytes = readFileSync(path);
  bytes[bytes.length - 3]! ^= 0x01;
  writeFileSync(path, bytes);
  const problems: string[] = [];
  const again = await outputs(await load(), corrections, cacheDir, problems);
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0]!, /^entity index cache: ignored .*\.entity-index \(bytes changed since written\); rebuilt$/);
  assert.deepEqual(again.streamed, first.streamed);
  assert.notDeepEqual(readFileSync(path), bytes, 'rewritten');
  const quiet: string[] = [];
  const third = await outputs(await load(), corrections, cacheDir, quiet);
  assert.deepEqual(quiet, []);
  assert.deepEqual(third.streamed, first.streamed);
});

test('changed corrections: the saved index under the old ones is not used, the new one replaces it, and the output is the fresh one', async () => {
  const cacheDir = join(temp.dir, 'entity-cache-changed');
  rmSync(libraryCache, { recursive: true, force: true });
  const before = new CorrectionSet(CORRECTIONS.slice(0, 3));
  await outputs(await load(), before, cacheDir);
  const file = join(libraryCache, savedFiles().find((f) => f.endsWith('.corrected-entity-index'))!);
  const written = statSync(file).ino;
  const after = new CorrectionSet(CORRECTIONS.slice(0, 4));
  const problems: string[] = [];
  const changed = await outputs(await load(), after, cacheDir, problems);
  assert.deepEqual(problems, []);
  assert.notEqual(statSync(file).ino, written, 'rebuilt and saved in its place');
  assert.equal(savedFiles().filter((f) => f.endsWith('.corrected-entity-index')).length, 1, 'one copy');
  const reference = await outputs(await load(), after, null);
  assert.deepEqual(changed.whole, reference.whole);
  assert.deepEqual(changed.streamed, reference.streamed);
  // Undone back to the first set: the one copy is the second set's, so rebuilt again, as fresh.
  const undone = await outputs(await load(), new CorrectionSet(CORRECTIONS.slice(0, 3)), cacheDir);
  assert.deepEqual(undone.whole, (await outputs(await load(), before, null)).whole);
});

test('the app’s warm start loads the index the command line saved (one file, one rule)', async () => {
  const cacheDir = join(temp.dir, 'entity-cache-shared');
  rmSync(libraryCache, { recursive: true, force: true });
  const fromCli = await outputs(await load(), NO_CORRECTIONS, cacheDir);
  const library = await load();
  const progress: [number, number][] = [];
  const index = await new Promise<LibraryEntityIndex>((resolve, reject) =>
    new WorkerSource(library.articles, async () => extractorCounting({ n: 0 }), { cacheDir, extractorVersion: extractorCounting({ n: 0 }).version }).runLibraryPass({
      onProgress: (done, total) => progress.push([done, total]),
      onDone: resolve,
      onError: (message) => reject(new Error(message)),
    }),
  );
  // Loaded: all at once, no pass (a pass reports article by article, from a worker).
  assert.deepEqual(progress, [[60, 60]]);
  assert.equal(toJson(libraryEntitiesJson(index)), fromCli.whole.library);
});

test('the app’s warm start under the corrections the command line saved the index under: loaded as shown, not rebuilt', async () => {
  const cacheDir = join(temp.dir, 'entity-cache-shared-corrected');
  rmSync(libraryCache, { recursive: true, force: true });
  const fromCli = await outputs(await load(), new CorrectionSet([...CORRECTIONS]), cacheDir);
  spoilFindings();
  const library = await load();
  const problems: string[] = [];
  const index = await new Promise<LibraryEntityIndex>((resolve, reject) =>
    new WorkerSource(library.articles, async () => extractorCounting({ n: 0 }), { cacheDir, onCacheProblem: (p) => problems.push(p), extractorVersion: extractorCounting({ n: 0 }).version }).runLibraryPass({
      onProgress: () => {},
      onDone: resolve,
      onError: (message) => reject(new Error(message)),
    }),
  );
  // What use-entities does with the pass's index: the user's corrections (read again at this start: another set).
  const corrections = new CorrectionSet(CORRECTIONS.map((c) => ({ ...c })));
  const shown = await index.withCorrectionsInSlices(corrections, 8);
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.equal(shown.identity.corrections, corrections);
  assert.equal(toJson(libraryEntitiesJson(shown)), fromCli.whole.library);
  assert.deepEqual(problems, [], 'nothing rebuilt (the spoilt findings were never read)');
  assert.equal(shown.withCorrections(corrections), shown, 'the reducer’s withCorrections then has nothing to do');
});
