import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Article } from '../../../source/core/article.js';
import { loadLibrary } from '../../../source/core/load/index.js';
import { isWordUnit } from '../../../source/core/search/fold.js';
import { root } from './helpers.js';

// Checks the modern-news gold set itself, not the extractor: the offsets, aliases and lists must
// stay true to the articles as lede's own loader reads them, or every score computed on it is wrong.

interface GoldMention {
  field: 'title' | 'text';
  start: number;
  end: number;
  text: string;
}
interface GoldEntity {
  name: string;
  type: 'person' | 'place' | 'organization';
  aliases: string[];
  mentions: GoldMention[];
}
interface GoldArticle {
  file: string;
  entities: GoldEntity[];
  notEntities: string[];
}

const dir = join(root, 'test/fixtures/modern-news');
const gold = (JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as { articles: GoldArticle[] }).articles;
const TYPES = new Set(['person', 'place', 'organization']);

/** Does `needle` occur in `haystack` as whole tokens (no letter or digit glued on either side)? */
function occursAsWords(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if ((at === 0 || !isWordUnit(haystack, at - 1)) && (end === haystack.length || !isWordUnit(haystack, end))) return true;
  }
  return false;
}

async function loadOne(file: string): Promise<Article> {
  const library = await loadLibrary([join(dir, file)]);
  assert.deepEqual(library.skipped, [], `${file} was skipped`);
  assert.equal(library.articles.length, 1, `${file} is one article`);
  return library.articles[0]!;
}

test('modern-news: the gold lists every article in the folder once, and only those', () => {
  const onDisk = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const listed = gold.map((a) => a.file);
  assert.equal(new Set(listed).size, listed.length, 'no article is listed twice');
  assert.deepEqual([...listed].sort(), onDisk);
  assert.ok(listed.length >= 30, `${listed.length} articles`);
});

describe('modern-news gold', () => {
  for (const article of gold) {
    test(article.file, async () => {
      const loaded = await loadOne(article.file);
      const fields = { title: loaded.title, text: loaded.text };
      assert.ok(loaded.words >= 250 && loaded.words <= 700, `${loaded.words} words`);

      const seen = new Set<string>();
      const spans: Record<'title' | 'text', GoldMention[]> = { title: [], text: [] };
      for (const entity of article.entities) {
        const where = `${article.file} ${entity.type} "${entity.name}"`;
        assert.ok(TYPES.has(entity.type), `${where}: type`);
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

      for (const field of ['title', 'text'] as const) {
        const sorted = [...spans[field]].sort((a, b) => a.start - b.start);
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!];
          assert.ok(b.start >= a.end, `${article.file}: "${a.text}" (${a.start}) and "${b.text}" (${b.start}) overlap in the ${field}`);
        }
      }

      assert.equal(new Set(article.notEntities).size, article.notEntities.length, `${article.file}: notEntities are distinct`);
      const mentionTexts = [...spans.title, ...spans.text].map((m) => m.text);
      for (const n of article.notEntities) {
        assert.ok(n.trim() === n && n.length > 0, `${article.file}: notEntity "${n}" is a trimmed string`);
        assert.ok(occursAsWords(loaded.title, n) || occursAsWords(loaded.text, n), `${article.file}: notEntity "${n}" occurs in the article`);
        const inside = mentionTexts.find((t) => occursAsWords(t, n));
        assert.equal(inside, undefined, `${article.file}: notEntity "${n}" is inside the gold mention "${inside}"`);
      }
    });
  }
});
