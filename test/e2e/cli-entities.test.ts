// Slow tier: some forty runs of the built CLI, each loading the model, ~16 s of CPU.
// The built CLI's entity commands as a script uses them: `lede correct …`, `lede entities
// --library`, `lede mentions` (JSON, CSV, plain), their exit codes and one-line errors, and a
// correction changing every command's output at once. Each test has its own cache and config
// directories, so nothing of the user's is read or written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { forbiddenInOutput, hashTree, makeTempDir, seedDir, seedTitles } from './fixtures';
import { cliPath, repoRoot } from './terminal';

const temp = makeTempDir('lede-e2e-cli-entities-');
const cache = join(temp.dir, 'cache');
/** A small library whose entities the tagger finds reliably: Gordon Brown in three articles, two of them records of one JSON Lines file. */
const news = join(temp.dir, 'news');
let serial = 0;

before(() => {
  mkdirSync(news);
  writeFileSync(
    join(news, 'leeds.txt'),
    'Brown visits Leeds\n\nGordon Brown, the Prime Minister, visited Leeds on Monday. Brown said the Labour Party would win. Tony Blair was not there.\n',
  );
  writeFileSync(
    join(news, 'feed.jsonl'),
    [
      { title: 'Talks in Paris', text: 'Gordon Brown met Nicolas Sarkozy in Paris. Brown and Sarkozy spoke of Europe, and Brown left, "pleased", he said.' },
      { title: 'Labour, again', text: 'The Labour Party met in Manchester. Gordon Brown spoke; Brown, tired, left early.' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
});
after(() => temp.remove());

/** A config directory of its own (not created: lede creates it when it first saves). */
const freshConfig = () => join(temp.dir, `config-${serial++}`);

function lede(args: string[], config: string) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', LEDE_CACHE_DIR: cache, LEDE_CONFIG_DIR: config },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Exit 0, nothing on stderr; the output. */
function ok(args: string[], config: string): string {
  const { status, stdout, stderr } = lede(args, config);
  assert.equal(status, 0, `lede ${args.join(' ')}: exit ${status}, ${stderr}`);
  assert.equal(stderr, '', `lede ${args.join(' ')}: nothing on stderr`);
  return stdout;
}

/** The given exit status, one line on stderr matching `message`, nothing on stdout. */
function fails(args: string[], config: string, status: number, message: RegExp): void {
  const result = lede(args, config);
  assert.equal(result.status, status, `lede ${args.join(' ')}: exit ${result.status}, ${result.stderr}`);
  assert.equal(result.stdout, '', `lede ${args.join(' ')}: nothing on stdout`);
  assert.equal(result.stderr.split('\n').length, 2, `one line: ${JSON.stringify(result.stderr)}`);
  assert.match(result.stderr.trimEnd(), message);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
}

interface EntityJson {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  mentions: { field?: string; start: number; end: number; text: string }[];
}
interface LibraryJson {
  entities: { id: string; name: string; type: string; aliases: string[]; articles: number; mentions: number; with: { id: string; name: string; type: string; articles: number }[] }[];
}
interface MentionsJson {
  entity: { id: string; name: string; type: string; aliases: string[] };
  articles: { path: string; id: string; title: string; mentions: { field: string; text: string; start: number; end: number; context: string }[] }[];
}

const perArticle = (paths: string[], config: string) => JSON.parse(ok(['entities', ...paths, '--json'], config)) as { id: string; entities: EntityJson[] }[];
const library = (paths: string[], config: string) => JSON.parse(ok(['entities', '--library', ...paths, '--json'], config)) as LibraryJson;
const mentions = (name: string, paths: string[], config: string) => JSON.parse(ok(['mentions', name, ...paths, '--json'], config)) as MentionsJson;
const searchTitles = (query: string, paths: string[], config: string): string[] => {
  const args = ['search', query, ...paths, '--json'];
  const { status, stdout, stderr } = lede(args, config);
  // Nothing found is exit 1 with nothing on stdout and one line on stderr, as grep.
  if (status === 1 && stdout === '' && /^lede: no article matches/.test(stderr)) return [];
  return (JSON.parse(ok(args, config)) as { results: { title: string }[] }).results.map((r) => r.title).sort();
};

describe('lede correct', () => {
  test('each op saves one correction and says so in one line; list and list --json show them in order', () => {
    const config = freshConfig();
    const runs: [string[], RegExp][] = [
      [['hide', 'Christmas'], /^saved: hide “Christmas” \(1 correction in .*corrections\.json\)\n$/],
      [['type', 'Il Giornale', 'org'], /^saved: “Il Giornale” is an organization \(2 corrections in /],
      [['rename', 'Bibi', 'Benjamin Netanyahu'], /^saved: rename “Bibi” to “Benjamin Netanyahu” \(3 corrections/],
      [['merge', 'Assad', 'Hafez al-Assad'], /^saved: merge “Assad” into “Hafez al-Assad” \(4 corrections/],
      [['split', 'Gordon Brown', 'Brown'], /^saved: split “Brown” off “Gordon Brown” \(5 corrections/],
      [['hide', 'christmas'], /^already so: hide “christmas” \(nothing changed\)\n$/],
    ];
    for (const [args, expected] of runs) assert.match(ok(['correct', ...args], config), expected);
    const expectedList = [
      { op: 'hide', name: 'Christmas' },
      { op: 'type', name: 'Il Giornale', type: 'organization' },
      { op: 'rename', name: 'Bibi', to: 'Benjamin Netanyahu' },
      { op: 'merge', name: 'Assad', into: 'Hafez al-Assad' },
      { op: 'split', name: 'Gordon Brown', alias: 'Brown' },
    ];
    const file = join(config, 'corrections.json');
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { version: 1, corrections: expectedList });
    assert.deepEqual(JSON.parse(ok(['correct', 'list', '--json'], config)), { file, corrections: expectedList });
    const listed = ok(['correct', 'list'], config).trimEnd().split('\n');
    assert.match(listed[0]!, /^# 5 corrections in .*corrections\.json, later ones win$/);
    assert.deepEqual(listed.slice(1), ['1  hide “Christmas”', '2  “Il Giornale” is an organization', '3  rename “Bibi” to “Benjamin Netanyahu”', '4  merge “Assad” into “Hafez al-Assad”', '5  split “Brown” off “Gordon Brown”']);
    assert.match(ok(['correct', 'undo'], config), /^undone: split “Brown” off “Gordon Brown” \(4 corrections in /);
    assert.equal((JSON.parse(ok(['correct', 'list', '--json'], config)) as { corrections: unknown[] }).corrections.length, 4);
    // The file is lede's own: in the config directory, for the user only.
    assert.equal(statSync(config).mode & 0o777, 0o700);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(config), ['corrections.json']);
  });

  test('no corrections: list says so; undo has nothing to undo (exit 1)', () => {
    const config = freshConfig();
    assert.match(ok(['correct', 'list'], config), /^no corrections \(.*corrections\.json\)\n$/);
    fails(['correct', 'undo'], config, 1, /^lede: there is no correction to undo$/);
  });

  test('usage errors: exit 2, one line, nothing saved', () => {
    const config = freshConfig();
    for (const [args, message] of [
      [['correct'], /^lede: correct needs what to do: lede correct hide NAME/],
      [['correct', 'forget', 'x'], /^lede: no correction “forget”/],
      [['correct', 'hide'], /^lede: correct hide takes NAME \(missing arguments/],
      [['correct', 'merge', 'Assad'], /^lede: correct merge takes NAME INTO/],
      [['correct', 'type', 'X', 'ruler'], /^lede: correct type: "type" must be person, place or organization/],
      [['correct', 'hide', 'x', '--json'], /^lede: --json goes with lede correct list/],
      [['correct', 'list', '--csv'], /^lede: --csv goes with lede mentions/],
    ] as [string[], RegExp][]) {
      fails(args, config, 2, message);
    }
    assert.throws(() => statSync(config), /ENOENT/, 'nothing was written');
  });

  test('a broken file: reported in one line, ignored, never overwritten', () => {
    const config = freshConfig();
    mkdirSync(config);
    const file = join(config, 'corrections.json');
    const broken = '{"version": 1, "corrections": [{"op": "hide", "name": "Gordon Brown"},\n';
    writeFileSync(file, broken);
    fails(['correct', 'hide', 'Leeds'], config, 1, /^lede: corrections not changed: .*corrections\.json is not valid JSON .*; fix it or move it away first$/);
    fails(['correct', 'undo'], config, 1, /^lede: corrections not changed: /);
    assert.equal(readFileSync(file, 'utf8'), broken);
    // Every other command still works, says so once, and uses no corrections.
    const result = lede(['entities', news, '--json'], config);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /^lede: corrections ignored: .*corrections\.json is not valid JSON.*\n$/);
    const names = (JSON.parse(result.stdout) as { entities: EntityJson[] }[]).flatMap((a) => a.entities.map((e) => e.name));
    assert.ok(names.includes('Gordon Brown'));
    assert.equal(readFileSync(file, 'utf8'), broken);
    assert.deepEqual(readdirSync(config), ['corrections.json'], 'no temporary file either');
  });
});

describe('lede entities --library', () => {
  for (const [what, paths] of [
    ['the bundled articles', []],
    ['a folder with a JSON Lines file', [news]],
  ] as [string, string[]][]) {
    test(`${what}: counts and "with" agree with each article's entities, most articles first`, () => {
      const config = freshConfig();
      const { entities } = library(paths, config);
      const articles = perArticle(paths, config);
      assert.ok(entities.length > 5);
      const idsOf = articles.map((a) => new Set(a.entities.map((e) => e.id)));
      for (const e of entities) {
        const holding = articles.filter((a) => a.entities.some((x) => x.id === e.id));
        assert.equal(e.articles, holding.length, `${e.name}: articles`);
        assert.equal(e.mentions, holding.reduce((n, a) => n + a.entities.find((x) => x.id === e.id)!.mentions.length, 0), `${e.name}: mentions`);
        assert.equal(holding[0]!.entities.find((x) => x.id === e.id)!.name, e.name, `${e.name}: the name articles show`);
        assert.ok(e.with.length <= 10);
        for (const w of e.with) {
          assert.notEqual(w.id, e.id);
          assert.equal(w.articles, idsOf.filter((ids) => ids.has(e.id) && ids.has(w.id)).length, `${e.name} with ${w.name}`);
        }
        // Sorted by shared articles, and none left out that shares more than the last one listed.
        assert.deepEqual(e.with.map((w) => w.articles), [...e.with.map((w) => w.articles)].sort((a, b) => b - a));
        const sharing = new Map<string, number>();
        for (const ids of idsOf) if (ids.has(e.id)) for (const other of ids) if (other !== e.id) sharing.set(other, (sharing.get(other) ?? 0) + 1);
        const listed = new Set(e.with.map((w) => w.id));
        const least = e.with.length > 0 ? e.with[e.with.length - 1]!.articles : 0;
        assert.equal(e.with.length, Math.min(10, sharing.size), `${e.name}: up to ten it appears with`);
        for (const [other, n] of sharing) if (!listed.has(other)) assert.ok(n <= least, `${e.name}: ${other} shares ${n} articles but is not listed`);
      }
      assert.deepEqual(entities.map((e) => e.articles), [...entities.map((e) => e.articles)].sort((a, b) => b - a));
    });
  }

  test('plain: a table with a header, one row per entity', () => {
    const out = ok(['entities', '--library', news], freshConfig()).trimEnd().split('\n');
    assert.match(out[0]!, /^type {4}articles {2}mentions {2}name +appears most with$/);
    // Seven mentions in the texts and one in a title ("Brown visits Leeds").
    assert.match(out[1]!, /^person {9}3 {9}8 {2}Gordon Brown \(also Brown\) +Labour Party 2, /);
    assert.doesNotMatch(out.join('\n'), forbiddenInOutput);
  });
});

describe('lede mentions', () => {
  test('--json: the entity and every mention, offsets into the text `lede show --json` prints, articles most about it first', () => {
    const config = freshConfig();
    const json = mentions('brown', [news], config);
    assert.deepEqual(json.entity, { id: 'person:gordon brown', name: 'Gordon Brown', type: 'person', aliases: ['Brown'] });
    assert.deepEqual(
      json.articles.map((a) => [a.title, a.mentions.length]),
      [
        ['Brown visits Leeds', 3],
        ['Talks in Paris', 3],
        ['Labour, again', 2],
      ],
      'the one naming him in its title first, then by mentions',
    );
    for (const article of json.articles) {
      const shown = JSON.parse(ok(['show', article.id, '--json'], config)) as { title: string; text: string };
      for (const m of article.mentions) {
        assert.equal((m.field === 'title' ? shown.title : shown.text).slice(m.start, m.end), m.text);
        assert.ok(m.context.includes(m.text), m.context);
      }
    }
    // The same entity by its full name, by a typo, and by @name.
    assert.deepEqual(mentions('Gordon Brown', [news], config), json);
    assert.equal(mentions('gordn brown', [news], config).entity.id, json.entity.id);
    assert.equal(mentions('@brown', [news], config).entity.id, json.entity.id);
  });

  test('--csv: a header and one row per mention, RFC 4180, CRLF, nothing a terminal would act on', () => {
    const config = freshConfig();
    const csv = ok(['mentions', 'brown', news, '--csv'], config);
    const records = csv.split('\r\n');
    assert.equal(records.pop(), '', 'every record ends in CRLF');
    assert.equal(records[0], 'path,id,title,field,start,end,text,context');
    assert.equal(records.length, 1 + 8);
    for (const record of records) assert.doesNotMatch(record, forbiddenInOutput, JSON.stringify(record));
    // A title with a comma is quoted; the quotes in a context are doubled.
    assert.ok(records.some((r) => r.includes(',"Labour, again",text,')));
    assert.ok(records.some((r) => r.includes('""pleased""')));
    assert.match(records[1]!, /,Brown visits Leeds,title,0,5,Brown,Brown visits Leeds$/);
    assert.ok(records.some((r) => /feed\.jsonl,.*feed\.jsonl#1,Talks in Paris,text,0,12,Gordon Brown,"Gordon Brown met Nicolas Sarkozy/.test(r)));
  });

  test('plain: the entity, then each article and a line of context per mention', () => {
    const out = ok(['mentions', 'netanyahu'], freshConfig());
    assert.match(out, /^Benjamin Netanyahu \(person; also Netanyahu\): \d+ mentions in 1 article\n\n/);
    assert.ok(out.includes(seedTitles[1]));
    assert.doesNotMatch(out, forbiddenInOutput);
  });

  test('no entity of that name: exit 1, one line, nothing on stdout; no name: exit 2', () => {
    const config = freshConfig();
    fails(['mentions', 'qqzzxxwwvv', news], config, 1, /^lede: no entity matches “qqzzxxwwvv”$/);
    fails(['mentions'], config, 2, /^lede: mentions needs a name/);
    fails(['mentions', '@'], config, 2, /^lede: mentions needs a name/);
    fails(['mentions', 'brown', news, '--json', '--csv'], config, 2, /^lede: lede mentions prints --json or --csv, not both$/);
    fails(['entities', news, '--csv'], config, 2, /^lede: --csv goes with lede mentions$/);
    fails(['list', '--library'], config, 2, /^lede: --library goes with lede entities$/);
  });
});

describe('a correction changes every command at once', () => {
  const config = freshConfig();
  const names = (paths: string[]) => perArticle(paths, config).flatMap((a) => a.entities.map((e) => `${e.type} ${e.name}`));
  const libraryNames = (paths: string[]) => library(paths, config).entities.map((e) => `${e.type} ${e.name}`);

  test('hide: gone from entities, entities --library, mentions and search @name', () => {
    assert.ok(names([news]).includes('person Tony Blair'));
    assert.deepEqual(searchTitles('@blair', [news], config), ['Brown visits Leeds']);
    ok(['correct', 'hide', 'Tony Blair'], config);
    assert.ok(!names([news]).some((n) => n.includes('Blair')));
    assert.ok(!libraryNames([news]).some((n) => n.includes('Blair')));
    fails(['mentions', 'blair', news], config, 1, /no entity matches “blair”/);
    assert.deepEqual(searchTitles('@blair', [news], config), []);
    ok(['correct', 'undo'], config);
    assert.deepEqual(searchTitles('@blair', [news], config), ['Brown visits Leeds'], 'undone: back');
  });

  test('type: the new type everywhere', () => {
    const before = names([news]).find((n) => n.endsWith(' Leeds'));
    assert.ok(before, 'Leeds is found');
    ok(['correct', 'type', 'Leeds', before.startsWith('place') ? 'organization' : 'place'], config);
    const type = before.startsWith('place') ? 'organization' : 'place';
    assert.ok(names([news]).includes(`${type} Leeds`));
    assert.ok(libraryNames([news]).includes(`${type} Leeds`));
    assert.equal(mentions('leeds', [news], config).entity.type, type);
  });

  test('rename: the new name everywhere, and @ finds it by it', () => {
    assert.deepEqual(searchTitles('@zebulon', [news], config), []);
    ok(['correct', 'rename', 'Nicolas Sarkozy', 'Zebulon Sarkozy'], config);
    assert.ok(names([news]).includes('person Zebulon Sarkozy'));
    assert.ok(libraryNames([news]).includes('person Zebulon Sarkozy'));
    assert.equal(mentions('zebulon', [news], config).entity.name, 'Zebulon Sarkozy');
    assert.deepEqual(searchTitles('@zebulon', [news], config), ['Talks in Paris']);
  });

  test('merge: one entity, under the name merged into, in every article', () => {
    ok(['correct', 'merge', 'Labour Party', 'Labour'], config);
    assert.ok(!names([news]).includes('organization Labour Party'));
    const labour = library([news], config).entities.find((e) => e.name === 'Labour');
    assert.equal(labour?.articles, 2);
    assert.equal(mentions('labour', [news], config).articles.length, 2);
    assert.deepEqual(searchTitles('@labour', [news], config), ['Brown visits Leeds', 'Labour, again']);
  });

  test('split: the bare form is its own entity, with its own mentions', () => {
    ok(['correct', 'split', 'Gordon Brown', 'Brown'], config);
    const full = mentions('gordon brown', [news], config);
    assert.equal(full.entity.name, 'Gordon Brown');
    assert.ok(full.articles.every((a) => a.mentions.every((m) => m.text === 'Gordon Brown')));
    const bare = perArticle([news], config).flatMap((a) => a.entities.filter((e) => e.name === 'Brown'));
    assert.equal(bare.length, 3);
    assert.ok(bare.every((e) => e.id !== full.entity.id && e.mentions.every((m) => m.text === 'Brown')));
    assert.ok(libraryNames([news]).includes('person Brown'));
  });
});

test('none of these commands writes next to the articles', () => {
  const config = freshConfig();
  const seedHash = hashTree(seedDir);
  const newsHash = hashTree(news);
  for (const args of [
    ['correct', 'hide', 'Moscow'],
    ['entities', '--library'],
    ['entities', '--library', news, '--json'],
    ['mentions', 'brown', news, '--csv'],
    ['mentions', 'netanyahu', '--json'],
    ['correct', 'undo'],
  ]) {
    lede(args, config);
    assert.equal(hashTree(seedDir), seedHash, `lede ${args.join(' ')} left articles/ untouched`);
    assert.equal(hashTree(news), newsHash, `lede ${args.join(' ')} left the folder untouched`);
  }
});
