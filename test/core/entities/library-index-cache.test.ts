// The saved inputs of the library entity index give the index a pass gives; a saved file that is
// not exactly what lede wrote for this library and extractor is a miss (the pass then runs).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { loadEntityIndexInputs, MAX_ENTITY_INDEX_BYTES, saveEntityIndexInputs } from '../../../source/core/entities/library-index-cache.js';
import { type EntitySummary, indexFindings, LibraryIndexBuilder } from '../../../source/core/entities/library-index.js';
import { librariesOf } from '../../helpers/entity-summaries.js';
import { specialFileTampers } from '../../helpers/special-own-files.js';

const root = mkdtempSync(join(tmpdir(), 'lede-entity-index-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;
const freshFile = () => join(root, `${serial++}.entities`);
const KEY = { generation: 'g1', extractorVersion: 'x1' };

const NAMES = ['Vladimir Putin', 'Putin', 'Benjamin Netanyahu', 'Netanyahu', 'Moscow', 'Gaza', 'United Nations', 'UN', 'Erdoğan', 'Zürich'];
const library = librariesOf(NAMES);

function indexOf(order: string[], found: ReadonlyMap<string, readonly EntitySummary[]>) {
  const builder = new LibraryIndexBuilder(null);
  for (const id of order) builder.add(id, found.get(id) ?? []);
  return builder.finish(order);
}
/** What an index shows: every entity, and each article's keys and names. */
const shown = (index: ReturnType<typeof indexOf>) => ({ entities: index.entities, keys: [...index.keysByArticle], names: [...index.namesByArticle] });

describe('entity index cache: the saved inputs give the same index', () => {
  test('over generated findings', () => {
    fc.assert(
      fc.property(library, (articles) => {
        const order = articles.map((_, i) => `a${i}.txt`);
        const passIndex = indexOf(order, new Map(order.map((id, i) => [id, articles[i]!])));
        const file = freshFile();
        saveEntityIndexInputs(file, KEY, order, indexFindings(passIndex)!);
        const loaded = loadEntityIndexInputs(file, KEY, order);
        assert.ok(loaded);
        assert.deepEqual(shown(indexOf(order, loaded)), shown(passIndex));
        unlinkSync(file);
      }),
      { numRuns: 60 },
    );
  });

  test('the file written a piece at a time is the digest line and one JSON text, over pieces and tables of any size', () => {
    // 3,000 articles with names of their own: a strings table over 1,024 and JSON over 64 Ki characters.
    const order = Array.from({ length: 3000 }, (_, i) => `a${i}.txt`);
    const found = new Map(order.map((id, i): [string, EntitySummary[]] => [id, [{ name: `Person Number${i}`, type: 'person', aliases: [`Number${i}`], mentions: 1 + (i % 9), inTitle: i % 2 === 0 }, { name: 'Erdoğan', type: 'person', aliases: [], mentions: 2, inTitle: false }]]));
    const file = freshFile();
    saveEntityIndexInputs(file, KEY, order, found);
    const text = readFileSync(file, 'utf8');
    const json = text.slice(65);
    assert.equal(text.slice(0, 65), `${createHash('sha256').update(json).digest('hex')}\n`);
    const value = JSON.parse(json) as { strings: string[]; ints: number[] };
    assert.equal(JSON.stringify(value), json);
    assert.ok(value.strings.length > 1024 && json.length > 64 * 1024);
    assert.deepEqual(loadEntityIndexInputs(file, KEY, order), found);
  });

  test('a name read across the title’s gap (line breaks in it, as in Reuters) is saved and read back', () => {
    const order = ['a'];
    const found = new Map([['a', [{ name: 'NASDAQ\n\nStar Technologies Inc', type: 'organization' as const, aliases: ['Star\tTechnologies'], mentions: 1, inTitle: true }]]]);
    const file = freshFile();
    saveEntityIndexInputs(file, KEY, order, found);
    assert.deepEqual(loadEntityIndexInputs(file, KEY, order, (p) => assert.fail(p)), found);
  });

  test('another generation, extractor or version is a plain miss: nothing said', () => {
    const order = ['a', 'b'];
    const file = freshFile();
    saveEntityIndexInputs(file, KEY, order, new Map([['a', [{ name: 'Moscow', type: 'place', aliases: [], mentions: 2, inTitle: false }]]]));
    const problems: string[] = [];
    assert.equal(loadEntityIndexInputs(file, { ...KEY, generation: 'g2' }, order, (p) => problems.push(p)), undefined);
    assert.equal(loadEntityIndexInputs(file, { ...KEY, extractorVersion: 'x2' }, order, (p) => problems.push(p)), undefined);
    assert.deepEqual(problems, []);
  });
});

describe('entity index cache: a tampered file is a miss, said once', () => {
  const order = ['a.txt', 'b.txt'];
  const findings = new Map<string, EntitySummary[]>([
    ['a.txt', [{ name: 'Vladimir Putin', type: 'person', aliases: ['Putin'], mentions: 3, inTitle: true }]],
    ['b.txt', [{ name: 'Moscow', type: 'place', aliases: [], mentions: 1, inTitle: false }]],
  ]);
  function assertMiss(tamper: (file: string, text: string) => void, said: RegExp) {
    const file = freshFile();
    saveEntityIndexInputs(file, KEY, order, findings);
    assert.ok(loadEntityIndexInputs(file, KEY, order), 'the untampered file loads');
    tamper(file, readFileSync(file, 'utf8'));
    const problems: string[] = [];
    assert.equal(loadEntityIndexInputs(file, KEY, order, (p) => problems.push(p)), undefined);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, said);
  }
  /** As a forger with the format in hand would write it: the digest right. */
  const forged = (f: (value: { strings: string[]; ints: number[] }) => void) => (file: string, text: string) => {
    const value = JSON.parse(text.slice(65));
    f(value);
    const json = JSON.stringify(value);
    writeFileSync(file, `${createHash('sha256').update(json).digest('hex')}\n${json}`);
  };

  test('truncated', () => assertMiss((file, text) => writeFileSync(file, text.slice(0, text.length >> 1)), /bytes changed since written/));
  test('a byte changed', () => assertMiss((file, text) => writeFileSync(file, text.replace('Moscow', 'Moscaw')), /bytes changed since written/));
  test('a forged name with an escape sequence', () => assertMiss(forged((v) => void (v.strings[0] = 'Putin\x1b]0;pwned\x07')), /bad tables/));
  test('a forged empty name', () => assertMiss(forged((v) => void (v.strings[0] = '')), /bad tables/));
  test('a forged name index past the table', () => assertMiss(forged((v) => void (v.ints[1] = 99)), /bad entity/));
  test('a forged type', () => assertMiss(forged((v) => void (v.ints[2] = 7)), /bad entity/));
  test('a forged mention count of 0', () => assertMiss(forged((v) => void (v.ints[v.ints.length - 2] = 0)), /bad mention count/));
  test('a forged fraction', () => assertMiss(forged((v) => void (v.ints[0] = 0.5)), /bad entity count/));
  test('forged entities past the last article', () => assertMiss(forged((v) => void v.ints.push(0)), /past the last article/));
  test('not JSON under a right digest', () => assertMiss((file) => writeFileSync(file, `${createHash('sha256').update('{').digest('hex')}\n{`), /not JSON/));
  for (const [name, tamper, said] of specialFileTampers(MAX_ENTITY_INDEX_BYTES)) test(name, () => assertMiss((file) => tamper(file), said));
});
