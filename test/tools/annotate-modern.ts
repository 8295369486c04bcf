/**
 * Writes a modern-news gold.json (the format of test/fixtures/modern-news/gold.json) from a hand-written spec: for each
 * article, its entities (name, type, other forms) and its non-entities. Every whole-token
 * occurrence of a form in the title or text, as lede reads the file, is a mention, longest forms
 * first and never overlapping; a form found nowhere is an error (a typo in the spec).
 *
 *   node --import tsx test/tools/annotate-modern.ts SPEC.json DIR [OUT.json]
 *
 * OUT.json (default gold.json, inside DIR) lets two writers of one set keep a file each.
 * With --uncovered, it also prints each article's capitalised words that no mention covers: a
 * training set needs every name labelled, and this is where a left-out one shows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../source/core/load/index.js';
import { tokenize } from '../../source/core/entities/tokenize.js';

type Spec = Array<{ file: string; entities: Array<{ name: string; type: string; aliases: string[] }>; notEntities: string[] }>;
const showUncovered = process.argv.includes('--uncovered');
const [specPath, dir, outName = 'gold.json'] = process.argv.slice(2).filter((a) => a !== '--uncovered');
if (!specPath || !dir) throw new Error('usage: annotate-modern.ts SPEC.json DIR [OUT.json]');
const spec = JSON.parse(readFileSync(specPath, 'utf8')) as Spec;
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const articles = [];
for (const a of spec) {
  const lib = await loadLibrary([join(dir, a.file)]);
  const art = lib.articles[0];
  if (!art) throw new Error(`${a.file}: not read`);
  const taken: Record<'title' | 'text', Uint8Array> = { title: new Uint8Array(art.title.length), text: new Uint8Array(art.text.length) };
  // A non-entity's words are no mention either ("Apple" in "Apple Intelligence"): k = -1.
  const forms = [...a.entities.flatMap((e, k) => [e.name, ...e.aliases].map((form) => ({ form, k }))), ...a.notEntities.map((form) => ({ form, k: -1 }))].sort(
    (x, y) => y.form.length - x.form.length,
  );
  const mentions: Array<Array<{ field: 'title' | 'text'; start: number; end: number; text: string }>> = a.entities.map(() => []);
  for (const { form, k } of forms) {
    let found = 0;
    for (const field of ['title', 'text'] as const) {
      const s = field === 'title' ? art.title : art.text;
      for (let i = s.indexOf(form); i >= 0; i = s.indexOf(form, i + 1)) {
        const end = i + form.length;
        if (isWordChar(s[i - 1]) || isWordChar(s[end]) || taken[field].subarray(i, end).some((x) => x)) continue;
        taken[field].fill(1, i, end);
        if (k >= 0) mentions[k]!.push({ field, start: i, end, text: form });
        found++;
      }
    }
    if (found === 0 && k >= 0) console.error(`${a.file}: "${form}" not found`);
  }
  if (showUncovered) {
    const uncovered = new Set<string>();
    for (const field of ['title', 'text'] as const) {
      for (const t of tokenize(art[field])) if (/^\p{Lu}/u.test(t.text) && !taken[field][t.start]) uncovered.add(t.text);
    }
    console.error(`${a.file} uncovered: ${[...uncovered].join(' ')}`);
  }
  articles.push({
    file: a.file,
    entities: a.entities.map((e, k) => ({ name: e.name, type: e.type, aliases: e.aliases, mentions: mentions[k]!.sort((x, y) => (x.field === y.field ? x.start - y.start : x.field === 'title' ? -1 : 1)) })),
    notEntities: a.notEntities,
  });
}
writeFileSync(join(dir, outName), JSON.stringify({ articles }, null, 1) + '\n');
console.error(`${articles.length} articles, ${articles.reduce((n, a) => n + a.entities.length, 0)} entities`);
