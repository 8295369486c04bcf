// The name index (the entity filter's and `@name`'s) is saved in the library entity index file and
// loaded with it, not built again on a warm start: loaded or built, it answers every name exactly
// as the name index answered before it was saved (the reference below is that build, word for
// word: each name's words interned, every entity's whole names in a set). Saved under other
// rules, it is not used, and the name index is built as without it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { type EntitySummary, type LibraryEntity, type LibraryEntityIndex, LibraryIndexBuilder } from '../../../source/core/entities/library-index.js';
import { loadLibraryIndex, saveLibraryIndex } from '../../../source/core/entities/library-index-file.js';
import { EntityNames, entityNames, hasEntityNames, WORD_OF_NAME } from '../../../source/core/entities/name-search.js';
import { fold, forEachToken } from '../../../source/core/search/fold.js';
import { Vocabulary } from '../../../source/core/search/vocabulary.js';
import { decodeLibraryIndex as decode, encodeLibraryIndex as encode } from '../../helpers/library-index-file.js';

const root = mkdtempSync(join(tmpdir(), 'lede-name-search-saved-'));
after(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;
const KEY = { generation: 'g1', extractorVersion: 'x1' };

/** The name index as it was built before it could be saved: the answers the saved one must give. */
function referenceMatch(entities: readonly LibraryEntity[]): (name: string) => [string, number][] {
  const wordsOf = (name: string) => {
    const f = fold(name);
    const words: string[] = [];
    forEachToken(f, (start, end) => words.push(f.slice(start, end)));
    return words;
  };
  const vocab = new Vocabulary();
  const holders: number[][] = [];
  const wholeNames: Set<string>[] = [];
  for (const [position, entity] of entities.entries()) {
    const whole = new Set<string>();
    for (const name of [entity.name, ...entity.aliases]) {
      const words = wordsOf(name);
      whole.add(words.join(' '));
      for (const word of words) {
        const list = (holders[vocab.intern(word)] ??= []);
        if (list[list.length - 1] !== position) list.push(position);
      }
    }
    wholeNames.push(whole);
  }
  return (name) => {
    const words = wordsOf(name);
    if (words.length === 0) return [];
    let sums: Map<number, number> | undefined;
    for (const word of words) {
      const expansion = vocab.expand(word);
      const best = new Map<number, number>();
      for (let k = 0; k < expansion.ids.length; k++) {
        for (const position of holders[expansion.ids[k]!] ?? []) if ((best.get(position) ?? 0) < expansion.quality[k]!) best.set(position, expansion.quality[k]!);
      }
      sums = sums ? new Map([...sums].filter(([p]) => best.has(p)).map(([p, sum]) => [p, sum + best.get(p)!])) : best;
      if (sums.size === 0) return [];
    }
    const typed = words.join(' ');
    const matches = [...sums!].map(([p, sum]) => ({ entity: entities[p]!, quality: wholeNames[p]!.has(typed) ? 1 : WORD_OF_NAME * (sum / words.length) }));
    matches.sort((a, b) => b.quality - a.quality || b.entity.articles - a.entity.articles || a.entity.name.localeCompare(b.entity.name));
    return matches.map((m) => [m.entity.key, m.quality]);
  };
}

// Names that share words, fold (case, accents, ß), hold punctuation and digits, as news has.
const WORDS = ['Vladimir', 'Putin', 'Gordon', 'Brown', 'Zoë', 'Erdoğan', 'Straße', 'ZÜRICH', 'United', 'Nations', 'UN', 'Bank', 'of', 'England', 'Al-Qaeda', "O'Brien", 'G7', 'Netanyahu', 'New', 'York', 'Jo', 'John', 'Johnson'];
const nameOf = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
const summary = fc.record({
  name: nameOf,
  type: fc.constantFrom('person' as const, 'place' as const, 'organization' as const),
  aliases: fc.uniqueArray(nameOf, { maxLength: 2 }),
  mentions: fc.integer({ min: 1, max: 9 }),
  inTitle: fc.boolean(),
});
const libraryOf = fc.array(fc.array(summary, { maxLength: 6 }), { minLength: 1, maxLength: 20 });

/** What a person types: a whole name or a word of one, cut short, a letter changed, other case, a word of none. */
const typed = fc.oneof(
  nameOf,
  fc.tuple(fc.constantFrom(...WORDS), fc.integer({ min: 1, max: 8 })).map(([w, n]) => w.slice(0, n)),
  fc.tuple(fc.constantFrom(...WORDS), fc.nat(), fc.constantFrom('a', 'x', 'ö', '')).map(([w, at, c]) => w.slice(0, at % w.length) + c + w.slice((at % w.length) + 1)),
  nameOf.map((n) => n.toUpperCase()),
  fc.constantFrom('', ' ', '-', 'jo jo', 'brown putin', 'zzz', 'strasse', 'zoe'),
);

function built(articles: EntitySummary[][]): { index: LibraryEntityIndex; order: string[] } {
  const order = articles.map((_, i) => `a${i}.txt`);
  const builder = new LibraryIndexBuilder(null);
  order.forEach((id, i) => builder.add(id, articles[i]!));
  return { index: builder.finish(order), order };
}

async function savedAndLoaded(index: LibraryEntityIndex, order: string[], forge?: (header: Record<string, unknown>) => void): Promise<LibraryEntityIndex> {
  const file = join(root, `${serial++}.entity-index`);
  saveLibraryIndex(index, file, KEY);
  if (forge) {
    const decoded = decode(readFileSync(file));
    forge(decoded.header);
    writeFileSync(file, encode(decoded));
  }
  const problems: string[] = [];
  const loaded = await loadLibraryIndex(file, KEY, order, { cacheDir: null, findings: () => undefined, onProblem: (p) => problems.push(p) });
  assert.deepEqual(problems, []);
  assert.ok(loaded, 'the saved index loads');
  return loaded;
}

const answers = (names: EntityNames, queries: readonly string[]) => queries.map((q) => names.match(q).map((m) => [m.entity.key, m.quality]));

test('over random libraries: the name index built, and the one loaded with its saved index, answer as the build before', async () => {
  await fc.assert(
    fc.asyncProperty(libraryOf, fc.array(typed, { minLength: 1, maxLength: 12 }), async (articles, queries) => {
      const { index, order } = built(articles);
      const reference = referenceMatch(index.entities);
      const expected = queries.map(reference);
      assert.deepEqual(answers(new EntityNames(index.entities), queries), expected, 'built');
      const loaded = await savedAndLoaded(index, order);
      assert.ok(hasEntityNames(loaded), 'loaded with the index: nothing to build');
      assert.deepEqual(answers(entityNames(loaded), queries), expected, 'loaded');
    }),
    { numRuns: 150 },
  );
});

test('saved under other rules (folding changed since): loaded without it, and built as before', async () => {
  const { index, order } = built([
    [{ name: 'Vladimir Putin', type: 'person', aliases: ['Putin'], mentions: 3, inTitle: true }],
    [{ name: 'Zürich', type: 'place', aliases: [], mentions: 1, inTitle: false }],
  ]);
  const loaded = await savedAndLoaded(index, order, (header) => void (header.nameRules = `0/${String(header.nameRules)}`));
  assert.equal(hasEntityNames(loaded), false, 'the saved one not used');
  const queries = ['putin', 'vlad', 'zurich', 'zur', 'putn'];
  assert.deepEqual(answers(entityNames(loaded), queries), queries.map(referenceMatch(index.entities)));
});
