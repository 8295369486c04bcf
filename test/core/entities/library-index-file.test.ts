// The saved library entity index answers exactly as the index it was saved from; a saved file that
// is not exactly what lede wrote for this library and extractor is a miss (the index is rebuilt).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { type Correction, CorrectionSet, NO_CORRECTIONS } from '../../../source/core/entities/corrections.js';
import type { Findings } from '../../../source/core/entities/library-findings.js';
import { appearsWith, type EntitySummary, findingsFrom, indexFindings, keptIn, type LibraryEntityIndex, LibraryIndexBuilder, nextArticleWith } from '../../../source/core/entities/library-index.js';
import { correctedLibraryIndexFile, libraryIndexFile, loadLibraryIndex, MAX_LIBRARY_INDEX_BYTES, saveLibraryIndex } from '../../../source/core/entities/library-index-file.js';
import { entitiesAsShown } from '../../../source/core/entities/library-view.js';
import { saveBuiltIndex, saveBuiltIndexInSlices } from '../../../source/core/entities/saved-library-index.js';
import { entityNames } from '../../../source/core/entities/name-search.js';
import type { Entity } from '../../../source/core/entities/types.js';
import { decodeLibraryIndex as decode, type DecodedLibraryIndex as Decoded, encodeLibraryIndex as encode, LIBRARY_INDEX_MAGIC as MAGIC } from '../../helpers/library-index-file.js';
import { librariesOf } from '../../helpers/entity-summaries.js';
import { specialFileTampers } from '../../helpers/special-own-files.js';

const root = mkdtempSync(join(tmpdir(), 'lede-library-index-file-'));
after(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;
const freshFile = () => join(root, `${serial++}.entity-index`);
const KEY = { generation: 'g1', extractorVersion: 'x1' };
/** One turn of the event loop: what is saved after it is handed back is saved by then. */
const aTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

// The last as the extractor reads some Reuters titles, across the gap before the text.
const NAMES = ['Vladimir Putin', 'Putin', 'Benjamin Netanyahu', 'Netanyahu', 'Moscow', 'Gaza', 'United Nations', 'UN', 'Erdoğan', 'Zürich', 'Brown', 'Gordon Brown', 'Zoe Brown', 'NASDAQ\n\nStar Technologies Inc'];
const library = librariesOf(NAMES);
const correction: fc.Arbitrary<Correction> = fc.oneof(
  fc.record({ op: fc.constant('hide' as const), name: fc.constantFrom(...NAMES) }),
  fc.record({ op: fc.constant('type' as const), name: fc.constantFrom(...NAMES), type: fc.constantFrom('person' as const, 'place' as const, 'organization' as const) }),
  fc.record({ op: fc.constant('rename' as const), name: fc.constantFrom(...NAMES), to: fc.constantFrom('Vova', 'The Kremlin') }),
);

function built(order: string[], found: ReadonlyMap<string, readonly EntitySummary[]>): LibraryEntityIndex {
  const builder = new LibraryIndexBuilder('/cache');
  for (const id of order) builder.add(id, found.get(id) ?? []);
  return builder.finish(order);
}

/** Everything an index answers with: its fields, and what the screens, `@name`, `}`/`{` and an opened article ask of it. */
function answers(index: LibraryEntityIndex, probe: readonly Entity[], small = true) {
  const { identity, postings } = index;
  const keys = index.entities.map((e) => e.key);
  return {
    order: index.order,
    entities: index.entities,
    byKey: [...index.byKey],
    articlesByKey: [...index.articlesByKey],
    mentionsByKey: [...index.mentionsByKey].map(([k, v]) => [k, [...v]]),
    titleByKey: [...index.titleByKey].map(([k, v]) => [k, [...v]]),
    keysByArticle: [...index.keysByArticle],
    namesByArticle: [...index.namesByArticle],
    identity: { corrections: identity.corrections.list, surnames: [...identity.evidence.surnames], typeByName: [...identity.typeByName], links: [...identity.links].map(([id, m]) => [id, [...m]]), names: [...identity.names] },
    cacheDir: index.cacheDir,
    postings: { ...postings, positionOf: [...postings.positionOf] },
    appearsWith: keys.map((k) => appearsWith(index, k, 5).map((w) => [w.entity.key, w.articles])),
    // Every entity from every article: for a small library only (it is entities × articles).
    next: small ? keys.flatMap((k) => index.order.map((id) => [nextArticleWith(index, k, id, 1), nextArticleWith(index, k, id, -1)])) : [],
    names: NAMES.map((n) => entityNames(index).match(n.split(' ')[0]!.slice(0, 4)).map((m) => [m.entity.key, m.quality])),
    shown: index.order.map((id) => entitiesAsShown(probe, index, id)),
  };
}

/** Each summary as an extracted entity (one mention a summary counts), for what an opened article shows. */
const probeOf = (found: readonly EntitySummary[]): Entity[] =>
  found.map((s, i) => ({ id: `e${i}`, name: s.name, type: s.type, aliases: [...s.aliases], mentions: [{ field: s.inTitle ? 'title' : 'text', start: i, end: i + 1, text: s.name }] }));

async function savedAndLoaded(index: LibraryEntityIndex, order: string[], findings: () => Findings | undefined = () => undefined) {
  const file = freshFile();
  saveLibraryIndex(index, file, KEY);
  const loaded = await loadLibraryIndex(file, KEY, order, { cacheDir: index.cacheDir, findings });
  unlinkSync(file);
  return loaded;
}

describe('saved library entity index: loaded, it answers as the built one', () => {
  test('over generated libraries: every field, appears with, next article, names, an opened article', async () => {
    await fc.assert(
      fc.asyncProperty(library, async (articles) => {
        const order = articles.map((_, i) => `a${i}.txt`);
        const found = new Map(order.map((id, i) => [id, articles[i]!]));
        const index = built(order, found);
        const loaded = await savedAndLoaded(index, order);
        assert.ok(loaded, 'the saved index loads');
        const probe = probeOf(articles.flat());
        assert.deepEqual(answers(loaded, probe), answers(index, probe));
      }),
      { numRuns: 80 },
    );
  });

  test('under corrections, the loaded index rebuilds from the findings as the built one does', async () => {
    await fc.assert(
      fc.asyncProperty(library, fc.array(correction, { minLength: 1, maxLength: 3 }), async (articles, list) => {
        const order = articles.map((_, i) => `a${i}.txt`);
        const found = new Map(order.map((id, i) => [id, articles[i]!]));
        const index = built(order, found);
        let reads = 0;
        const loaded = await savedAndLoaded(index, order, () => (reads++, findingsFrom(order, found)));
        assert.ok(loaded);
        assert.equal(reads, 0, 'the findings are read only when a correction needs them');
        const corrections = new CorrectionSet(list);
        const probe = probeOf(articles.flat());
        assert.deepEqual(answers(loaded.withCorrections(corrections), probe), answers(index.withCorrections(corrections), probe));
        assert.deepEqual(answers(await loaded.withCorrectionsInSlices(corrections, 1), probe), answers(index.withCorrections(corrections), probe));
        // The same corrections again, or none on an index under none: the same index, nothing rebuilt.
        const again = loaded.withCorrections(corrections);
        assert.equal(again.withCorrections(corrections), again);
        assert.equal(loaded.withCorrections(new CorrectionSet([])), loaded);
        assert.notEqual(again.withCorrections(new CorrectionSet([])), again);
      }),
      { numRuns: 40 },
    );
  });

  test('a built index saved with its inputs reads its findings back from them: under corrections it answers as one that kept them', () => {
    fc.assert(
      fc.property(library, fc.array(correction, { minLength: 1, maxLength: 3 }), (articles, list) => {
        const order = articles.map((_, i) => `a${i}.txt`);
        const found = new Map(order.map((id, i) => [id, articles[i]!]));
        const index = built(order, found);
        const at = freshFile();
        const place = { files: { index: at, corrected: `${at}.corrected`, inputs: `${at}.entities` }, key: KEY, order };
        saveBuiltIndex(index, place, { cacheDir: root, withInputs: true });
        const corrections = new CorrectionSet(list);
        const probe = probeOf(articles.flat());
        assert.deepEqual(answers(index.withCorrections(corrections), probe), answers(built(order, found).withCorrections(corrections), probe));
        assert.deepEqual([...indexFindings(index)!], [...indexFindings(built(order, found))!]);
      }),
      { numRuns: 40 },
    );
  });

  test('saved in slices, the index and its inputs are the bytes the one-block save writes, the event loop turning meanwhile', async () => {
    const order = Array.from({ length: 3000 }, (_, i) => `a${i}.txt`);
    const found = new Map(
      order.map((id, i): [string, EntitySummary[]] => [id, [{ name: `Person Number${i}`, type: 'person', aliases: [`Number${i}`], mentions: 1 + (i % 3), inTitle: false }, { name: 'Gaza', type: 'place', aliases: [], mentions: 2, inTitle: i % 2 === 0 }]]),
    );
    const place = (at: string) => ({ files: { index: at, corrected: `${at}.corrected`, inputs: `${at}.entities` }, key: KEY, order });
    const [once, sliced] = [freshFile(), freshFile()];
    saveBuiltIndex(built(order, found), place(once), { cacheDir: root, withInputs: true });
    // Its name index built first: the turns counted are the save's own.
    const index = built(order, found);
    entityNames(index);
    let turns = 0;
    let saving = true;
    const turn = () => {
      if (!saving) return;
      turns++;
      setImmediate(turn);
    };
    setImmediate(turn);
    await saveBuiltIndexInSlices(index, place(sliced), { cacheDir: root, withInputs: true, sliceMs: 0 });
    saving = false;
    assert.ok(readFileSync(sliced).equals(readFileSync(once)), 'the same index file');
    assert.ok(readFileSync(`${sliced}.entities`).equals(readFileSync(`${once}.entities`)), 'the same inputs file');
    assert.ok(turns >= 10, `${turns} turns of the event loop while saving`);
  });

  test('once saved, the built index holds no findings of its own: with its inputs file gone there are none to rebuild from', () => {
    const order = ['a.txt', 'b.txt'];
    const found = new Map<string, EntitySummary[]>([['a.txt', [{ name: 'Gordon Brown', type: 'person', aliases: ['Brown'], mentions: 2, inTitle: false }]], ['b.txt', []]]);
    const index = built(order, found);
    const at = freshFile();
    saveBuiltIndex(index, { files: { index: at, corrected: `${at}.corrected`, inputs: `${at}.entities` }, key: KEY, order }, { cacheDir: root, withInputs: true });
    unlinkSync(`${at}.entities`);
    assert.equal(indexFindings(index), undefined);
    assert.equal(index.withCorrections(new CorrectionSet([{ op: 'hide', name: 'Gordon Brown' }])), index);
  });

  test('an index under corrections, saved, loads only under the same corrections, and answers as the freshly corrected one', async () => {
    await fc.assert(
      fc.asyncProperty(library, fc.array(correction, { minLength: 1, maxLength: 4 }), async (articles, list) => {
        const order = articles.map((_, i) => `a${i}.txt`);
        const found = new Map(order.map((id, i) => [id, articles[i]!]));
        const corrections = new CorrectionSet(JSON.parse(JSON.stringify(list)) as Correction[]);
        const corrected = built(order, found).withCorrections(corrections);
        const file = freshFile();
        saveLibraryIndex(corrected, file, KEY);
        const options = { cacheDir: corrected.cacheDir, findings: () => findingsFrom(order, found) };
        // The same corrections as another set (a new run reads the file again): loaded, under that set.
        const same = new CorrectionSet(JSON.parse(JSON.stringify(list)) as Correction[]);
        const loaded = await loadLibraryIndex(file, KEY, order, { ...options, corrections: same });
        assert.ok(loaded, 'loads under the same corrections');
        const probe = probeOf(articles.flat());
        assert.deepEqual(answers(loaded, probe), answers(corrected, probe));
        assert.equal(loaded.identity.corrections, same);
        assert.equal(loaded.withCorrections(same), loaded, 'nothing to rebuild under its own corrections');
        // Under none, or one correction more: a plain miss, said nowhere.
        assert.equal(await loadLibraryIndex(file, KEY, order, options), undefined);
        assert.equal(await loadLibraryIndex(file, KEY, order, { ...options, corrections: new CorrectionSet([...list, { op: 'hide', name: 'Zürich' }]) }), undefined);
        unlinkSync(file);
      }),
      { numRuns: 40 },
    );
  });

  test('withCorrectionsInSlices keeps its output: the same corrections again load it, changed or undone ones rebuild and replace it', async () => {
    await fc.assert(
      fc.asyncProperty(library, fc.array(correction, { minLength: 1, maxLength: 4 }), correction, async (articles, list, more) => {
        const order = articles.map((_, i) => `a${i}.txt`);
        const found = new Map(order.map((id, i) => [id, articles[i]!]));
        const file = freshFile();
        const saved = { n: 0 };
        let reads = 0;
        // What saved-library-index.ts keeps beside a loaded index, over one file.
        const store = {
          load: (corrections: CorrectionSet) => loadLibraryIndex(file, KEY, order, { cacheDir: '/cache', corrections, findings: () => (reads++, findingsFrom(order, found)) }),
          save: (index: LibraryEntityIndex) => (saved.n++, saveLibraryIndex(index, file, KEY)),
        };
        const reference = built(order, found);
        const start = async () => {
          const uncorrected = await savedAndLoaded(reference, order, () => (reads++, findingsFrom(order, found)));
          return keptIn(uncorrected!, store);
        };
        const probe = probeOf(articles.flat());
        const first = await (await start()).withCorrectionsInSlices(new CorrectionSet(list), 1);
        assert.equal(saved.n, 0, 'saved after it is handed back');
        await aTurn();
        assert.deepEqual(answers(first, probe), answers(reference.withCorrections(new CorrectionSet(list)), probe));
        assert.equal(saved.n, 1, 'the corrected index saved');
        // The next start, the same corrections (read again: another set): loaded, nothing rebuilt or saved.
        reads = 0;
        const second = await (await start()).withCorrectionsInSlices(new CorrectionSet([...list]), 1);
        await aTurn();
        assert.equal(reads, 0, 'no findings read: nothing rebuilt');
        assert.equal(saved.n, 1);
        assert.deepEqual(answers(second, probe), answers(first, probe));
        // A start after one more correction: the digest is stale, the index rebuilt and saved in its place.
        const changed = new CorrectionSet([...list, more]);
        const third = await (await start()).withCorrectionsInSlices(changed, 1);
        await aTurn();
        assert.ok(reads > 0, 'rebuilt from the findings');
        assert.equal(saved.n, 2);
        assert.deepEqual(answers(third, probe), answers(reference.withCorrections(changed), probe));
        assert.ok(await store.load(new CorrectionSet([...list, more])), 'one copy, under the new corrections');
        assert.equal(await store.load(new CorrectionSet([...list])), undefined, 'the old one replaced');
        // Undo back to none: the index under none, nothing saved for it.
        assert.equal(await (await start()).withCorrectionsInSlices(NO_CORRECTIONS, 1).then((i) => i.identity.corrections.size), 0);
        await aTurn();
        assert.equal(saved.n, 2);
        unlinkSync(file);
      }),
      { numRuns: 30 },
    );
  });

  test('a library of thousands: tables past one piece of the header, sections past one chunk', async () => {
    const order = Array.from({ length: 3000 }, (_, i) => `a${i}.txt`);
    const found = new Map(order.map((id, i): [string, EntitySummary[]] => [id, [
      { name: `Person Number${i}`, type: 'person', aliases: [`Number${i}`], mentions: 1 + (i % 9), inTitle: i % 2 === 0 },
      { name: 'Erdoğan', type: 'person', aliases: [], mentions: 2, inTitle: false },
      { name: `Place${i % 700}`, type: 'place', aliases: [], mentions: 1, inTitle: false },
    ]]));
    const index = built(order, found);
    const loaded = await savedAndLoaded(index, order);
    assert.ok(loaded);
    assert.deepEqual(answers(loaded, [], false), answers(index, [], false));
  });

  test('the file sits beside the library cache', () => {
    assert.equal(libraryIndexFile('/c/library/abc.cache'), '/c/library/abc.entity-index');
    assert.equal(correctedLibraryIndexFile('/c/library/abc.cache'), '/c/library/abc.corrected-entity-index');
  });
});

describe('saved library entity index: a plain miss says nothing', () => {
  test('another generation, extractor or version', async () => {
    const order = ['a', 'b'];
    const file = freshFile();
    saveLibraryIndex(built(order, new Map([['a', [{ name: 'Moscow', type: 'place', aliases: [], mentions: 2, inTitle: false }]]])), file, KEY);
    const problems: string[] = [];
    const options = { cacheDir: null, findings: () => undefined, onProblem: (p: string) => problems.push(p) };
    assert.equal(await loadLibraryIndex(file, { ...KEY, generation: 'g2' }, order, options), undefined);
    assert.equal(await loadLibraryIndex(file, { ...KEY, extractorVersion: 'x2' }, order, options), undefined);
    assert.equal(await loadLibraryIndex(join(root, 'none'), KEY, order, options), undefined);
    assert.deepEqual(problems, []);
    assert.ok(await loadLibraryIndex(file, KEY, order, options));
  });
});

// The index under no corrections, and the one under the user's (saved beside it): one format, one check.
const UNDER: [string, CorrectionSet][] = [
  ['', NO_CORRECTIONS],
  [' (the index under corrections)', new CorrectionSet([{ op: 'merge', name: 'Moscow', into: 'Kremlin' }, { op: 'type', name: 'Putin', type: 'person' }])],
];
for (const [under, corrections] of UNDER) describe(`saved library entity index: a tampered file is a miss, said once${under}`, () => {
  const order = ['a.txt', 'b.txt', 'c.txt'];
  const findings = new Map<string, EntitySummary[]>([
    ['a.txt', [{ name: 'Vladimir Putin', type: 'person', aliases: ['Putin'], mentions: 3, inTitle: true }, { name: 'Moscow', type: 'place', aliases: [], mentions: 1, inTitle: false }]],
    ['b.txt', [{ name: 'Moscow', type: 'place', aliases: [], mentions: 1, inTitle: false }, { name: 'Putin', type: 'person', aliases: [], mentions: 2, inTitle: false }]],
    ['c.txt', [{ name: 'Putin', type: 'place', aliases: [], mentions: 1, inTitle: false }, { name: 'Moscow', type: 'place', aliases: [], mentions: 4, inTitle: true }]],
  ]);
  const index = built(order, findings).withCorrections(corrections);

  async function assertMiss(tamper: (file: string, bytes: Buffer) => void, said: RegExp) {
    const file = freshFile();
    saveLibraryIndex(index, file, KEY);
    const options = { cacheDir: null, corrections, findings: () => undefined };
    assert.ok(await loadLibraryIndex(file, KEY, order, options), 'the untampered file loads');
    tamper(file, readFileSync(file));
    const problems: string[] = [];
    assert.equal(await loadLibraryIndex(file, KEY, order, { ...options, onProblem: (p) => problems.push(p) }), undefined);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, said);
    assert.doesNotMatch(problems[0]!, /[\u0000-\u001f]/);
  }
  const forged = (f: (d: Decoded) => void) => (file: string, bytes: Buffer) => {
    const decoded = decode(bytes);
    f(decoded);
    writeFileSync(file, encode(decoded));
  };

  test('the forger’s encoding of an untouched file loads (so the forgeries below test the checks)', async () => {
    const file = freshFile();
    saveLibraryIndex(index, file, KEY);
    const bytes = readFileSync(file);
    assert.deepEqual(encode(decode(bytes)), bytes);
    assert.ok(decode(bytes).sections.linkArticle!.length > 0, 'the library ties a bare name');
  });

  test('truncated', () => assertMiss((file, bytes) => writeFileSync(file, bytes.subarray(0, bytes.length >> 1)), /bytes changed since written/));
  test('a byte flipped', () =>
    assertMiss((file, bytes) => {
      bytes[bytes.length - 3]! ^= 0x10;
      writeFileSync(file, bytes);
    }, /bytes changed since written/));
  test('another magic', () => assertMiss((file, bytes) => writeFileSync(file, Buffer.concat([Buffer.from('lede entity indey\n'), bytes.subarray(MAGIC.length)])), /not an entity index/));
  test('an empty file', () => assertMiss((file) => writeFileSync(file, ''), /not an entity index/));
  test('a forged string with an escape sequence', () => assertMiss(forged((d) => void (d.header.strings[0] = 'Putin\x1b]0;pwned\x07')), /bad strings/));
  test('a forged string with a carriage return', () => assertMiss(forged((d) => void (d.header.strings[0] = 'Putin\rMoscow')), /bad strings/));
  test('a forged string past the length cap', () => assertMiss(forged((d) => void (d.header.strings[0] = 'P'.repeat(400))), /bad strings/));
  test('a forged empty name', () => assertMiss(forged((d) => void (d.header.strings[d.sections.entityName![0]!] = '')), /bad entity/));
  test('a forged name past the table', () => assertMiss(forged((d) => void (d.sections.entityName![0] = 999)), /bad entity/));
  test('a forged negative string', () => assertMiss(forged((d) => void (d.sections.name![0] = -1)), /bad names/));
  test('a forged type', () => assertMiss(forged((d) => void (d.sections.entityType![0] = 3)), /bad entity/));
  test('a forged article past the library', () => assertMiss(forged((d) => void (d.sections.doc![0] = 3)), /bad posting/));
  test('forged articles out of order', () =>
    assertMiss(
      forged((d) => {
        const doc = d.sections.doc!;
        const p = d.sections.docStart!.findIndex((s, i, all) => all[i + 1]! - s >= 2);
        const k = d.sections.docStart![p]!;
        [doc[k], doc[k + 1]] = [doc[k + 1]!, doc[k]!];
      }),
      /bad posting/,
    ));
  test('a forged offset going back', () => assertMiss(forged((d) => void (d.sections.docStart![1] = 0)), /bad offsets/));
  test('a forged name offset past its section', () => assertMiss(forged((d) => void (d.sections.nameStart![1] = 1000)), /bad offsets/));
  test('a forged negative mention count', () => assertMiss(forged((d) => void (d.sections.mentions![0] = -5)), /bad mention count/));
  test('a forged title flag', () => assertMiss(forged((d) => void (d.inTitle[0] = 2)), /bad mention count/));
  test('a forged link to an article past the library', () => assertMiss(forged((d) => void (d.sections.linkArticle![0] = 7)), /bad links/));
  test('forged ties out of article order', () =>
    assertMiss(
      forged((d) => {
        d.sections.linkArticle!.unshift(2);
        d.sections.linkBare!.unshift(d.sections.linkBare![0]!);
        d.sections.linkFull!.unshift(d.sections.linkFull![0]!);
        d.header.links = (d.header.links as number) + 1;
      }),
      /bad links/,
    ));
  test('a forged entity twice', () => assertMiss(forged((d) => void (d.sections.entityKey![1] = d.sections.entityKey![0]!)), /an entity twice/));
  test('a forged count the sections do not have', () => assertMiss(forged((d) => void (d.header.postings = (d.header.postings as number) + 1)), /sizes do not add up/));
  test('a forged fractional count', () => assertMiss(forged((d) => void (d.header.links = 0.5)), /bad counts/));
  test('another number of articles', () =>
    assertMiss(
      forged((d) => {
        d.header.articles = 2;
        d.sections.nameStart!.pop();
      }),
      /another number of articles/,
    ));
  test('a forged name-index holder past the entities', () => assertMiss(forged((d) => void (d.sections.termHolder![0] = 99)), /bad name index/));
  test('a forged name-index holder twice', () =>
    assertMiss(
      forged((d) => {
        const { termHolderStart: starts, termHolder: holders } = d.sections;
        // The first term's first entity again after it (holders must ascend).
        holders!.splice(starts![1]!, 0, holders![0]!);
        for (let t = 1; t < starts!.length; t++) starts![t]! += 1;
        d.header.termHolders = (d.header.termHolders as number) + 1;
      }),
      /bad name index/,
    ));
  test('a forged name-index term held by no entity', () => assertMiss(forged((d) => void (d.sections.termHolderStart![1] = 0)), /bad name index/));
  test('a forged name-index term that is not a folded word', () =>
    assertMiss(forged((d) => void (d.header.strings[d.sections.nameTerm![0]!] = 'Putin')), /bad name index/));
  test('forged name-index terms alike', () => assertMiss(forged((d) => void (d.sections.nameTerm![1] = d.sections.nameTerm![0]!)), /bad name index/));
  test('a header that is not JSON under a right digest', () =>
    assertMiss((file) => {
      const rest = Buffer.concat([Buffer.from([6, 0, 0, 0]), Buffer.from('{"vers')]);
      writeFileSync(file, Buffer.concat([Buffer.from(MAGIC), createHash('sha256').update(rest).digest(), rest]));
    }, /header not JSON/));
  for (const [name, tamper, said] of specialFileTampers(MAX_LIBRARY_INDEX_BYTES)) test(name, () => assertMiss((file) => tamper(file), said));
  test('a forged digest of the corrections: a plain miss (another set), said nowhere', async () => {
    const file = freshFile();
    saveLibraryIndex(index, file, KEY);
    const decoded = decode(readFileSync(file));
    assert.equal(decoded.header.corrections, corrections.digest);
    decoded.header.corrections = new CorrectionSet([{ op: 'hide', name: 'Gaza' }]).digest;
    writeFileSync(file, encode(decoded));
    const problems: string[] = [];
    assert.equal(await loadLibraryIndex(file, KEY, order, { cacheDir: null, corrections, findings: () => undefined, onProblem: (p) => problems.push(p) }), undefined);
    assert.deepEqual(problems, []);
  });
});
