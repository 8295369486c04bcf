// `lede mentions` and `lede entities --library` without a process: the ranking of articles, the
// shape of each mention, CSV as RFC 4180 has it, and no control character in anything printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { csvField, toCsv } from '../../source/commands/csv.js';
import type { LibraryEntitySource } from '../../source/commands/entities.js';
import { libraryEntitiesJson, libraryEntitiesPlain } from '../../source/commands/library-entities.js';
import { bestEntity, MENTION_CONTEXT_COLUMNS, mentionsCsv, mentionsJson, mentionsOf, mentionsPlain } from '../../source/commands/mentions.js';
import type { Library } from '../../source/core/article.js';
import type { Entity, EntityExtractor, Mention } from '../../source/core/entities/index.js';
import { InThreadSource } from '../../source/core/entities/entity-source.js';
import type { LibraryEntityIndex } from '../../source/core/entities/library-index.js';
import { displayWidth } from '../../source/core/layout/text-width.js';
import { makeArticle, makeLibrary } from '../helpers/articles.js';

const CONTROLS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** Every occurrence of `name` in an article's title and text, as mentions. */
function mentionsOfName(title: string, text: string, name: string): Mention[] {
  const out: Mention[] = [];
  for (const [field, value] of [['title', title], ['text', text]] as const) {
    for (let at = value.indexOf(name); at !== -1; at = value.indexOf(name, at + 1)) out.push({ field, start: at, end: at + name.length, text: name });
  }
  return out;
}

/**
 * A library and its entity source, with an extractor that finds the names given (and only them)
 * wherever they occur, so the test decides what the entities are.
 */
async function sourced(library: Library, names: { name: string; type: Entity['type'] }[]): Promise<LibraryEntitySource> {
  const titles = new Map(library.articles.map((a) => [a.text, a.title]));
  const extractor: EntityExtractor = {
    version: 'test',
    extract: (text) =>
      names.flatMap(({ name, type }) => {
        const mentions = mentionsOfName(titles.get(text) ?? '', text, name);
        return mentions.length > 0 ? [{ id: `${type}:${name.toLowerCase()}`, name, type, aliases: [], mentions }] : [];
      }),
  };
  const source = new InThreadSource(library.articles, async () => extractor, { cacheDir: null });
  const index = await new Promise<LibraryEntityIndex>((resolve) => source.runLibraryPass({ onProgress: () => {}, onDone: resolve }));
  return { source, index };
}

const library = makeLibrary([
  makeArticle('Markets', ['Shares fell. Blair said little.']),
  makeArticle('Blair resigns', ['Blair spoke once.']),
  makeArticle('Week', ['Blair, Blair and again Blair.', 'Moscow was quiet.']),
  makeArticle('Moscow', ['Nothing of him.']),
]);

test('articles most about the entity first: a mention in the title, then more mentions, then library order', async () => {
  const s = await sourced(library, [{ name: 'Blair', type: 'person' }, { name: 'Moscow', type: 'place' }]);
  const entity = bestEntity(s, 'blair')!;
  assert.equal(entity.name, 'Blair');
  const found = await mentionsOf(library, s, entity.key);
  assert.deepEqual(
    found.map((f) => [f.article.title, f.mentions.length]),
    [
      ['Blair resigns', 2],
      ['Week', 3],
      ['Markets', 1],
    ],
  );
});

test('each mention: its field, its offsets into that field, and a line of context around it', async () => {
  const s = await sourced(library, [{ name: 'Blair', type: 'person' }]);
  const entity = bestEntity(s, '@Blair')!;
  const json = mentionsJson(entity, await mentionsOf(library, s, entity.key));
  assert.deepEqual(json.entity, { id: 'person:blair', name: 'Blair', type: 'person', aliases: [] });
  for (const article of json.articles) {
    const source = library.articles.find((a) => a.id === article.id)!;
    for (const m of article.mentions) {
      assert.equal((m.field === 'title' ? source.title : source.text).slice(m.start, m.end), m.text);
      assert.ok(m.context.includes('Blair'));
      assert.ok(displayWidth(m.context) <= MENTION_CONTEXT_COLUMNS);
    }
  }
  assert.deepEqual(json.articles[0]!.mentions.map((m) => m.field), ['title', 'text']);
  assert.equal(json.articles[0]!.mentions[0]!.context, 'Blair resigns');
});

test('a mention deep in a long paragraph: one line, cut to the width, the mention in it', async () => {
  const long = makeLibrary([makeArticle('Long', [`${'word '.repeat(500)}Blair ${'more '.repeat(500)}`])]);
  const s = await sourced(long, [{ name: 'Blair', type: 'person' }]);
  const entity = bestEntity(s, 'blair')!;
  const [m] = mentionsJson(entity, await mentionsOf(long, s, entity.key)).articles[0]!.mentions;
  assert.ok(m!.context.startsWith('…') && m!.context.endsWith('…'), m!.context);
  assert.equal(displayWidth(m!.context), MENTION_CONTEXT_COLUMNS);
  assert.ok(m!.context.includes('Blair'));
});

test('no entity of that name: none', async () => {
  const s = await sourced(library, [{ name: 'Blair', type: 'person' }]);
  assert.equal(bestEntity(s, 'qqzzxx'), undefined);
});

/** RFC 4180 read back, independently of the writer: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  assert.equal(field, '', 'the last record ends in CRLF');
  return rows;
}

test('CSV: any printable field reads back as it was; records end in CRLF', () => {
  const printable = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', '"', '""', 'x,"y"', '漢') });
  fc.assert(
    fc.property(fc.array(fc.tuple(printable, printable, fc.nat()), { maxLength: 5 }), (rows) => {
      const text = toCsv(['a', 'b', 'n'], rows);
      assert.deepEqual(parseCsv(text), [['a', 'b', 'n'], ...rows.map(([a, b, n]) => [a, b, String(n)])]);
    }),
  );
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a "quote", and a comma'), '"a ""quote"", and a comma"');
});

test('CSV: control characters and line breaks from a file never reach the output raw', () => {
  const hostile = 'Evil\x1b]0;PWNED\x07\r\nname\u202e\x9b2J';
  const text = toCsv(['path'], [[hostile], ['ok']]);
  const records = text.split('\r\n');
  assert.equal(records.length, 4, 'header, two records, and the empty rest after the last CRLF');
  for (const record of records) assert.doesNotMatch(record, CONTROLS, JSON.stringify(record));
  // Made visible (a carriage return as ^M, C1 as <U+009B>), a line break a space, the bidi override and the escape sequence gone.
  assert.equal(records[1], 'Evil^M name<U+009B>2J');
});

test('mentions --csv: one row per mention, header first', async () => {
  const s = await sourced(library, [{ name: 'Blair', type: 'person' }]);
  const entity = bestEntity(s, 'blair')!;
  const rows = parseCsv(mentionsCsv(mentionsJson(entity, await mentionsOf(library, s, entity.key))));
  assert.deepEqual(rows[0], ['path', 'id', 'title', 'field', 'start', 'end', 'text', 'context']);
  assert.equal(rows.length, 1 + 6);
  assert.deepEqual(rows[1]!.slice(2, 7), ['Blair resigns', 'title', '0', '5', 'Blair']);
});

test('plain output: the entity, then each article with a line per mention, all sanitised', () => {
  const out = mentionsPlain({
    entity: { id: 'person:x', name: 'X\x1b[2J', type: 'person', aliases: ['Y\x07'] },
    articles: [{ path: 'p\x1b]0;t\x07.txt', id: 'p\x1b]0;t\x07.txt', title: 'T', mentions: [{ field: 'title', text: 'X', start: 0, end: 1, context: 'X\x9b1m' }] }],
  });
  assert.doesNotMatch(out, CONTROLS);
  assert.match(out, /^X \(person; also Y\^G\): 1 mention in 1 article$/m);
  assert.match(out, /^ {2}title: X<U\+009B>1m$/m);
});

test('entities --library: the JSON shape, "with" the entities sharing the most articles', async () => {
  const s = await sourced(library, [{ name: 'Blair', type: 'person' }, { name: 'Moscow', type: 'place' }]);
  const { entities } = libraryEntitiesJson(s.index);
  assert.deepEqual(entities, [
    { id: 'person:blair', name: 'Blair', type: 'person', aliases: [], articles: 3, mentions: 6, with: [{ id: 'place:moscow', name: 'Moscow', type: 'place', articles: 1 }] },
    { id: 'place:moscow', name: 'Moscow', type: 'place', aliases: [], articles: 2, mentions: 2, with: [{ id: 'person:blair', name: 'Blair', type: 'person', articles: 1 }] },
  ]);
});

test('entities --library plain: a header and one row per entity, columns lined up by display width, sanitised', () => {
  const row = (name: string, aliases: string[] = []) => ({ id: `person:${name}`, name, type: 'person' as const, aliases, articles: 12, mentions: 345, with: [] });
  const out = libraryEntitiesPlain({ entities: [row('習近平', ['Xi']), row('Evil\x1b]0;PWNED\x07'), { ...row('Moscow'), type: 'place', with: [{ id: 'person:x', name: 'Xi\x1b[2J', type: 'person', articles: 3 }] }] });
  assert.doesNotMatch(out, CONTROLS);
  const lines = out.split('\n');
  assert.match(lines[0]!, /^type {4}articles {2}mentions {2}name/);
  // The column after the names starts at the same terminal column on every row.
  const withColumn = displayWidth(lines[0]!.slice(0, lines[0]!.indexOf('appears most with')));
  assert.equal(displayWidth(lines[3]!.slice(0, lines[3]!.indexOf('Xi 3'))), withColumn);
  assert.match(lines[1]!, /^person {8}12 {7}345 {2}習近平 \(also Xi\)$/);
  assert.equal(libraryEntitiesPlain({ entities: [] }), '(no people, places or organizations found)');
});
