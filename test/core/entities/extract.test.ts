import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { entityKey, loadEntityExtractor, type Entity } from '../../../source/core/entities/index.js';
import { MAX_MENTIONS_PER_ENTITY } from '../../../source/core/entities/chunked.js';
import { readSeed, root } from './helpers.js';
import { TS_LOADER_ARGS } from '../../helpers/ts-loader-args';

const SEED1 = 'articles/000_09270935bd4655ee.txt';
const SEED2 = 'articles/004_eaf6071b633d695b.txt';
const find = (entities: Entity[], name: string) => entities.find((e) => e.name === name || e.aliases.includes(name));

test('seed 2: the title has Netanyahu as a person and Putin, not "Offer Putin"', async () => {
  const ex = await loadEntityExtractor();
  const { title, text } = readSeed(SEED2);
  // Read as lede reads every article: the headline with its text (a headline alone, read as body
  // text, is no article lede is given).
  const entities = ex.extract(text, title);
  const inTitle = (e: Entity) => e.mentions.filter((m) => m.field === 'title');
  // No entity swallows the headline's verbs; Netanyahu is a person; Putin is found with its exact span.
  assert.ok(!entities.some((e) => inTitle(e).length > 0 && /Offer|May|Ousting/.test(e.name)), JSON.stringify(entities.map((e) => e.name)));
  assert.ok(entities.some((e) => /Netanyahu/.test(e.name) && e.type === 'person' && inTitle(e).some((m) => m.text === 'Netanyahu')));
  const putin = entities.find((e) => /Putin/.test(e.name) && e.type === 'person');
  assert.deepEqual(putin && inTitle(putin).map((m) => [m.start, m.text]), [[title.indexOf('Putin'), 'Putin']]);
});

test('seed 2: all six Netanyahu mentions (one in the title, five in the text), one entity named Benjamin Netanyahu', async () => {
  const ex = await loadEntityExtractor();
  const { title, text } = readSeed(SEED2);
  const inText = ex.extract(text).filter((e) => e.type === 'person' && /Netanyahu/.test(e.name));
  assert.equal(inText.length, 1);
  assert.equal(inText[0]!.name, 'Benjamin Netanyahu');
  assert.ok(inText[0]!.aliases.includes('Netanyahu'));
  const expected = [...text.matchAll(/Netanyahu/g)].length;
  assert.equal(expected, 5);
  assert.equal(inText[0]!.mentions.length, expected);
  const inTitle = ex.extract(title).find((e) => e.name === 'Netanyahu');
  assert.equal(inTitle?.mentions.length, 1);
  assert.equal(entityKey(inText[0]!), entityKey(inTitle!));
});

test('seed 1: "Syria." and "Syria\'s" are one place; mentions exclude punctuation and possessives', async () => {
  const ex = await loadEntityExtractor();
  const { text } = readSeed(SEED1);
  const syria = ex.extract(text).filter((e) => /^Syria/.test(e.name));
  assert.equal(syria.length, 1);
  assert.equal(syria[0]!.name, 'Syria');
  assert.equal(syria[0]!.type, 'place');
  assert.deepEqual(syria[0]!.aliases, []);
  // Every "Syria." and "Syria's" of the article is a mention of that one place.
  const starts = new Set(syria[0]!.mentions.map((m) => m.start));
  const dotted = [...text.matchAll(/\bSyria(?=\.|'s)/g)].map((m) => m.index!);
  assert.ok(dotted.length >= 2);
  for (const i of dotted) assert.ok(starts.has(i), `Syria at ${i}`);
  for (const m of syria[0]!.mentions) assert.equal(m.text, 'Syria');
  const r = ex.extract("Troops left Syria. Syria's army stayed in Syria, not in Syria's north.");
  const one = r.filter((e) => /Syria/.test(e.name));
  assert.equal(one.length, 1);
  assert.deepEqual(one[0]!.mentions.map((m) => m.text), ['Syria', 'Syria', 'Syria', 'Syria']);
});

test('titles and honorifics are stripped from names', async () => {
  const ex = await loadEntityExtractor();
  const text =
    'Prime Minister Benjamin Netanyahu met Russian President Vladimir Putin on Monday. ' +
    'Army Gen. Ali Mayhoub said the talks went well, and Supreme Leader Ayatollah Ali Khamenei agreed. ' +
    'Israeli Defense Minister Avigdor Lieberman and Dr. Sarah Connor did not comment.';
  const names = ex.extract(text).filter((e) => e.type === 'person').map((e) => e.name);
  for (const name of ['Benjamin Netanyahu', 'Vladimir Putin', 'Ali Mayhoub', 'Ali Khamenei', 'Avigdor Lieberman', 'Sarah Connor']) {
    assert.ok(names.includes(name), `${name} in ${JSON.stringify(names)}`);
  }
  assert.ok(!names.some((n) => /Minister|President|Gen\.|Ayatollah|Leader|Dr\./.test(n)), JSON.stringify(names));
});

test('U.S. / US / United States and Russian Federation / Russia are merged; the article defines ISIS', async () => {
  const ex = await loadEntityExtractor();
  const text =
    'The United States and Russia disagree. U.S. officials said the Russian Federation had been warned. ' +
    'Fighters of the Islamic State (ISIS) withdrew, and ISIS later denied it. The US embassy was closed.';
  const entities = ex.extract(text);
  const us = find(entities, 'United States');
  assert.ok(us);
  assert.equal(us.name, 'United States');
  assert.ok(us.aliases.includes('U.S.') && us.aliases.includes('US'), JSON.stringify(us));
  assert.equal(us.mentions.length, 3);
  const russia = find(entities, 'Russia');
  assert.ok(russia && russia.aliases.includes('Russian Federation'), JSON.stringify(russia));
  assert.equal(entityKey({ name: 'Russian Federation', type: 'place' }), entityKey({ name: 'Russia', type: 'place' }));
  assert.equal(entityKey({ name: 'U.S.', type: 'place' }), 'place:united states');
  const isis = find(entities, 'Islamic State');
  assert.ok(isis && isis.aliases.includes('ISIS') && isis.mentions.length === 3, JSON.stringify(isis));
});

test('two people sharing a surname stay apart; a bare surname goes to the most recent full name', async () => {
  const ex = await loadEntityExtractor();
  const text =
    'George Bush met reporters in Washington on Tuesday. Bush said the economy was strong. ' +
    'Later, Jeb Bush spoke in Miami. Bush said he would run for governor.';
  const people = ex.extract(text).filter((e) => e.type === 'person');
  const george = people.find((e) => e.name === 'George Bush');
  const jeb = people.find((e) => e.name === 'Jeb Bush');
  assert.ok(george && jeb, JSON.stringify(people));
  assert.notEqual(george.id, jeb.id);
  const bare = [...text.matchAll(/(?<!\w )Bush said/g)].map((m) => m.index!);
  assert.ok(george.mentions.some((m) => m.start === bare[0] && m.text === 'Bush'));
  assert.ok(jeb.mentions.some((m) => m.start === bare[1] && m.text === 'Bush'));
});

test('a surname with one full name in the article is merged into it (Putin = Vladimir Putin)', async () => {
  const ex = await loadEntityExtractor();
  const text = 'Vladimir Putin arrived in Paris. Putin then met French officials, and Putin left on Friday.';
  const putin = ex.extract(text).filter((e) => /Putin/.test(e.name));
  assert.equal(putin.length, 1);
  assert.equal(putin[0]!.name, 'Vladimir Putin');
  assert.equal(putin[0]!.mentions.length, 3);
});

test('mention re-scan finds every occurrence of a known name, even where the tagger missed it', async () => {
  const ex = await loadEntityExtractor();
  // A list of names in a lower-case sentence frame, then the names again in odd positions.
  const text = 'Officials from Lebanon and Jordan met on Monday.\n\nLebanon, Jordan.\n\nThey flew to Jordan; Lebanon waited. Jordan.';
  const entities = ex.extract(text);
  for (const name of ['Lebanon', 'Jordan']) {
    const e = find(entities, name);
    assert.ok(e, name);
    assert.equal(e.mentions.length, [...text.matchAll(new RegExp(name, 'g'))].length, name);
  }
});

test('nationality adjectives are not places (CoNLL convention)', async () => {
  const ex = await loadEntityExtractor();
  const names = ex.extract('Israeli jets struck Iranian targets while Syrian and Russian officials watched.').map((e) => e.name);
  for (const adj of ['Israeli', 'Iranian', 'Syrian', 'Russian']) assert.ok(!names.includes(adj), JSON.stringify(names));
});

test('entities are sorted by mention count then name; mentions sorted by start; ids unique', async () => {
  const ex = await loadEntityExtractor();
  for (const path of [SEED1, SEED2]) {
    const entities = ex.extract(readSeed(path).text);
    assert.ok(entities.length > 5);
    for (let i = 1; i < entities.length; i++) {
      const a = entities[i - 1]!;
      const b = entities[i]!;
      assert.ok(a.mentions.length > b.mentions.length || (a.mentions.length === b.mentions.length && a.name.localeCompare(b.name) <= 0));
    }
    for (const e of entities) {
      for (let i = 1; i < e.mentions.length; i++) assert.ok(e.mentions[i - 1]!.end <= e.mentions[i]!.start);
      assert.ok(!/['’]s$|[.,;:!?]$/.test(e.name) || /\.$/.test(e.name) && /\w\.\w/.test(e.name), e.name);
    }
    assert.equal(new Set(entities.map((e) => e.id)).size, entities.length);
  }
});

test('property: extract never throws and every mention is a slice of the text', async () => {
  const ex = await loadEntityExtractor();
  const word = fc.constantFrom('Israel', "Israel's", 'Syria.', 'Benjamin', 'Netanyahu', 'Prime', 'Minister', 'U.S.', 'the', 'said', '(', 'ISIS', ')', '\n\n', '’s', 'Gen.', 'Moscow', 'ﬁ', '😀', 'É', '-');
  const textArb = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 200 }), fc.array(word, { maxLength: 60 }).map((w) => w.join(' ')));
  fc.assert(
    fc.property(textArb, (text) => {
      const entities = ex.extract(text);
      for (const e of entities) {
        assert.ok(e.mentions.length > 0);
        for (const m of e.mentions) {
          assert.ok(m.start >= 0 && m.end <= text.length && m.start < m.end);
          assert.equal(text.slice(m.start, m.end), m.text);
        }
      }
    }),
    { numRuns: 300 },
  );
});

// Speed is measured by `npm run bench -- entities` (test/bench/entities.ts), not asserted here.
test('a 1,000-word article made of one article repeated: every repetition has the same mentions', async () => {
  const ex = await loadEntityExtractor();
  const { text } = readSeed(SEED2);
  let big = text;
  let copies = 1;
  while (big.split(/\s+/).length < 1000) {
    big += '\n\n' + text;
    copies++;
  }
  const once = ex.extract(text).reduce((n, e) => n + e.mentions.length, 0);
  const all = ex.extract(big).reduce((n, e) => n + e.mentions.length, 0);
  assert.equal(all, once * copies);
});

test('a title is read with its article: title mentions first (field "title", offsets into the title), then the text\'s', async () => {
  const ex = await loadEntityExtractor();
  const { title, text } = readSeed(SEED2);
  const entities = ex.extract(text, title);
  const netanyahu = entities.find((e) => e.name === 'Benjamin Netanyahu')!;
  assert.ok(netanyahu, JSON.stringify(entities.map((e) => e.name)));
  // One entity for the title's "Netanyahu" and the text's five.
  assert.deepEqual(netanyahu.mentions.map((m) => m.field), ['title', 'text', 'text', 'text', 'text', 'text']);
  for (const e of entities) {
    let seenText = false;
    let last = -1;
    for (const m of e.mentions) {
      const source = m.field === 'title' ? title : text;
      assert.equal(source.slice(m.start, m.end), m.text, `${e.name} ${m.field}`);
      if (m.field === 'text' && !seenText) [seenText, last] = [true, -1];
      assert.ok(m.field === 'text' || !seenText, 'title mentions come first');
      assert.ok(m.start > last, 'sorted by start within a field');
      last = m.start;
    }
  }
  // Without a title, every mention is the text's, exactly as before.
  const plain = ex.extract(text);
  assert.ok(plain.every((e) => e.mentions.every((m) => m.field === 'text')));
  assert.equal(ex.extract(text, '').length, plain.length);
});

test('an entity seen only in the title still counts; an ALL-CAPS title is read too', async () => {
  const ex = await loadEntityExtractor();
  const body = 'Prime Minister Benjamin Netanyahu spoke to reporters in Jerusalem on Monday about the talks.';
  const onlyInTitle = ex.extract(body, 'Netanyahu Meets Putin In Moscow');
  const putin = onlyInTitle.find((e) => e.name === 'Putin');
  assert.ok(putin && putin.type === 'person', JSON.stringify(onlyInTitle.map((e) => `${e.type}:${e.name}`)));
  assert.deepEqual(putin.mentions.map((m) => m.field), ['title']);
  assert.ok(onlyInTitle.find((e) => e.name === 'Moscow')?.type === 'place');
  const caps = ex.extract(body, 'NETANYAHU SPEAKS IN JERUSALEM');
  const jerusalem = caps.find((e) => e.name === 'Jerusalem');
  assert.ok(jerusalem, JSON.stringify(caps.map((e) => e.name)));
  assert.deepEqual(jerusalem.mentions.map((m) => [m.field, m.text]), [
    ['title', 'JERUSALEM'],
    ['text', 'Jerusalem'],
  ]);
});

test('names are cleaned: "General Motors" and "St. Louis" stay whole, "A and B" splits, no non-entities', async () => {
  const ex = await loadEntityExtractor();
  const entities = ex.extract(
    'General Motors said on Monday it would close a plant in St. Louis. Selma Blair and Dennis Quaid watched the film Sideways on a PC at Christmas, ' +
      'while Muslims and Americans bought DVDs on iTunes.',
  );
  const names = entities.map((e) => `${e.type}:${e.name}`);
  assert.ok(names.includes('organization:General Motors'), JSON.stringify(names));
  assert.ok(names.includes('place:St. Louis'), JSON.stringify(names));
  assert.ok(names.includes('person:Selma Blair') && names.includes('person:Dennis Quaid'), JSON.stringify(names));
  for (const bad of ['Motors', 'Louis', 'Sideways', 'PC', 'Christmas', 'Muslims', 'Americans', 'DVDs', 'iTunes']) {
    assert.ok(!entities.some((e) => e.name === bad || e.aliases.includes(bad)), `${bad} in ${JSON.stringify(names)}`);
  }
});

test('a pathological text (one short line of acronyms repeated) extracts in bounded memory', () => {
  // In a child process with a small heap: a working set that grew faster than the text would
  // crash it. 128 KiB of "US,UN,EU,UK. " is 10,083 sentences and 40,332 mentions, two chunks;
  // each name keeps its first MAX_MENTIONS_PER_ENTITY (chunked.ts).
  const script = `
    const { loadEntityExtractor } = await import(${JSON.stringify(new URL('../../../source/core/entities/index.ts', import.meta.url).href)});
    const ex = await loadEntityExtractor();
    const text = 'US,UN,EU,UK. '.repeat(10083);
    const entities = ex.extract(text);
    console.log(JSON.stringify(entities.map((e) => [e.name, e.mentions.length]).sort()));
  `;
  const r = spawnSync(process.execPath, ['--max-old-space-size=96', ...TS_LOADER_ARGS, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr.slice(-500));
  assert.deepEqual(JSON.parse(r.stdout.trim()), [
    ['EU', MAX_MENTIONS_PER_ENTITY],
    ['UK', MAX_MENTIONS_PER_ENTITY],
    ['UN', MAX_MENTIONS_PER_ENTITY],
    ['US', MAX_MENTIONS_PER_ENTITY],
  ]);
});

test('a title-case title reads a word as common where the body writes it in lower case ("Digital Rules", "Fastest-Selling")', async () => {
  const ex = await loadEntityExtractor();
  for (const [file, word] of [
    ['08-eu-fines-apple-meta.txt', 'Digital'],
    ['25-switch2-launch.txt', 'Fastest-Selling'],
  ] as const) {
    const [title, ...body] = readFileSync(`${root}test/fixtures/modern-news/${file}`, 'utf8').split('\n');
    const names = ex.extract(body.join('\n').trim(), title).map((e) => e.name);
    assert.ok(!names.includes(word), `${file}: ${JSON.stringify(names)}`);
  }
});
