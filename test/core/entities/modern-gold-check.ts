import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Article } from '../../../source/core/article.js';
import { normalizeName } from '../../../source/core/entities/normalize.js';
import { loadLibrary } from '../../../source/core/load/index.js';
import { isWordUnit } from '../../../source/core/search/fold.js';

// Checks a modern-news-style gold set itself, not the extractor: the offsets, aliases and lists must
// stay true to the articles as lede's own loader reads them (the loader `lede show --json` prints
// from, with its default options), or every score computed on the set is wrong.

interface GoldMention {
  field: 'title' | 'text';
  start: number;
  end: number;
  text: string;
}
interface GoldEntity {
  name: string;
  type: 'person' | 'place' | 'organization' | 'misc';
  aliases: string[];
  mentions: GoldMention[];
}
interface GoldArticle {
  file: string;
  entities: GoldEntity[];
  notEntities: string[];
}

const PANEL_TYPES = ['person', 'place', 'organization'];

/** How a set differs from the evaluation sets' shape; the training set's are all but the defaults. */
export interface GoldSetShape {
  /** The gold files beside the articles, each written by one annotator (default: gold.json). */
  goldFiles?: string[];
  /** Training labels also name CoNLL's MISC (works, products, events, demonyms): every name is labelled there. */
  misc?: boolean;
  minWords?: number;
}

/** Where `needle` occurs in `haystack` as whole tokens (no letter or digit glued on either side). */
function wordOccurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if ((at === 0 || !isWordUnit(haystack, at - 1)) && (end === haystack.length || !isWordUnit(haystack, end))) found.push(at);
  }
  return found;
}

async function loadOne(dir: string, file: string): Promise<Article> {
  const library = await loadLibrary([join(dir, file)]);
  assert.deepEqual(library.skipped, [], `${file} was skipped`);
  assert.equal(library.articles.length, 1, `${file} is one article`);
  return library.articles[0]!;
}

function checkEntities(article: GoldArticle, fields: Record<'title' | 'text', string>, types: Set<string>): Record<'title' | 'text', GoldMention[]> {
  const seen = new Set<string>();
  const spans: Record<'title' | 'text', GoldMention[]> = { title: [], text: [] };
  for (const entity of article.entities) {
    const where = `${article.file} ${entity.type} "${entity.name}"`;
    assert.ok(types.has(entity.type), `${where}: type`);
    assert.ok(!seen.has(`${entity.type}|${entity.name}`), `${where} is listed once`);
    seen.add(`${entity.type}|${entity.name}`);
    assert.ok(entity.mentions.length > 0, `${where} has mentions`);
    assert.ok(!entity.aliases.includes(entity.name), `${where}: the name is not also an alias`);
    assert.equal(new Set(entity.aliases).size, entity.aliases.length, `${where}: aliases are distinct`);
    for (const m of entity.mentions) {
      const source = fields[m.field];
      assert.ok(source !== undefined, `${where}: field ${m.field}`);
      assert.ok(Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.start < m.end && m.end <= source.length, `${where}: span ${m.start}-${m.end}`);
      assert.equal(source.slice(m.start, m.end), m.text, `${where}: ${m.field} ${m.start}-${m.end} covers its text`);
      assert.ok(m.start === 0 || !isWordUnit(source, m.start - 1), `${where}: "${m.text}" at ${m.start} starts a token`);
      assert.ok(m.end === source.length || !isWordUnit(source, m.end), `${where}: "${m.text}" at ${m.start} ends a token`);
      assert.ok(m.text === entity.name || entity.aliases.includes(m.text), `${where}: "${m.text}" is its name or an alias`);
      spans[m.field].push(m);
    }
    for (const alias of entity.aliases) {
      assert.ok(entity.mentions.some((m) => m.text === alias), `${where}: alias "${alias}" is used by a mention`);
    }
  }
  return spans;
}

function checkNoOverlap(file: string, spans: Record<'title' | 'text', GoldMention[]>): void {
  for (const field of ['title', 'text'] as const) {
    const sorted = [...spans[field]].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      assert.ok(b.start >= a.end, `${file}: "${a.text}" (${a.start}) and "${b.text}" (${b.start}) overlap in the ${field}`);
    }
  }
}

function checkNotEntities(article: GoldArticle, loaded: Article, spans: Record<'title' | 'text', GoldMention[]>): void {
  const { file, notEntities } = article;
  assert.equal(new Set(notEntities).size, notEntities.length, `${file}: notEntities are distinct`);
  // The eval compares names with normalizeName, so a notEntity must not collide with any form of an entity that way either.
  const forms = new Map<string, string>();
  for (const e of article.entities) for (const f of [e.name, ...e.aliases]) forms.set(normalizeName(f), `${e.type} "${e.name}"`);
  // A notEntity may also be part of a name ("European" in "European Commission"), but it must be said
  // somewhere on its own, outside every gold mention, or the article never uses it as a non-entity.
  const saidAlone = (n: string) =>
    (['title', 'text'] as const).some((field) =>
      wordOccurrences(loaded[field], n).some((at) => !spans[field].some((m) => m.start <= at && at + n.length <= m.end)),
    );
  for (const n of notEntities) {
    assert.ok(n.trim() === n && n.length > 0, `${file}: notEntity "${n}" is a trimmed string`);
    assert.equal(forms.get(normalizeName(n)), undefined, `${file}: notEntity "${n}" is the name or an alias of an entity`);
    assert.ok(saidAlone(n), `${file}: notEntity "${n}" occurs in the article outside the gold mentions`);
  }
}

/** Registers the tests that check the gold set in `dir` (its gold files beside its `.txt` articles). */
export function checkModernGold(label: string, dir: string, minArticles: number, shape: GoldSetShape = {}): void {
  const { goldFiles = ['gold.json'], misc = false, minWords = 250 } = shape;
  const types = new Set(misc ? [...PANEL_TYPES, 'misc'] : PANEL_TYPES);
  const gold = goldFiles.flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { articles: GoldArticle[] }).articles);

  test(`${label}: the gold lists every article in the folder once, and only those`, () => {
    const onDisk = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
    const listed = gold.map((a) => a.file);
    assert.equal(new Set(listed).size, listed.length, 'no article is listed twice');
    assert.deepEqual([...listed].sort(), onDisk);
    assert.ok(listed.length >= minArticles, `${listed.length} articles`);
  });

  describe(`${label} gold`, () => {
    for (const article of gold) {
      test(article.file, async () => {
        const loaded = await loadOne(dir, article.file);
        assert.ok(loaded.words >= minWords && loaded.words <= 700, `${loaded.words} words`);
        const spans = checkEntities(article, { title: loaded.title, text: loaded.text }, types);
        checkNoOverlap(article.file, spans);
        checkNotEntities(article, loaded, spans);
      });
    }
  });
}
