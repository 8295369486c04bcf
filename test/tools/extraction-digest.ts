/**
 * A digest of everything extraction answers, to show a speed change left every answer as it was:
 *
 *   node --import tsx test/tools/extraction-digest.ts [CONLL.txt] [--generate N] [--out FILE.jsonl]
 *
 * For each set (the seeds, each fixture set of test/fixtures/, N generated articles, and the
 * CoNLL file when given) it prints the SHA-256 of the extractor's output (every entity and
 * mention, as JSON, in order). Run it before and after a change: equal digests, equal answers.
 * --out writes every document's output, one JSON line each, to diff when they are not.
 */
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEntityExtractor } from '../../source/core/entities/index.js';
import { loadLibrary } from '../../source/core/load/index.js';
import { generateArticles } from '../bench/generate-corpus.js';
import { docText, readConll } from '../core/entities/conll.js';
import { readGold, readSeed, root } from '../core/entities/helpers.js';

const argv = process.argv.slice(2);
const arg = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const ex = await loadEntityExtractor();
const lines: string[] = [];
const sets: Record<string, { documents: number; sha256: string }> = {};

function digest(name: string, docs: Iterable<{ id: string; title?: string; text: string }>): void {
  const hash = createHash('sha256');
  let n = 0;
  for (const d of docs) {
    const line = JSON.stringify({ set: name, id: d.id, entities: ex.extract(d.text, d.title) });
    hash.update(line + '\n');
    lines.push(line);
    n++;
  }
  sets[name] = { documents: n, sha256: hash.digest('hex') };
}

digest('seeds', readGold().map((a) => ({ id: a.path, ...readSeed(a.path) })));
for (const set of ['modern-news', 'modern-news-dev', 'modern-news-dev2', 'modern-news-heldout']) {
  const dir = join(root, 'test/fixtures', set);
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const docs = [];
  for (const f of files) {
    const a = (await loadLibrary([join(dir, f)])).articles[0];
    if (a) docs.push({ id: f, title: a.title, text: a.text });
  }
  digest(set, docs);
}
digest('generated', [...generateArticles(Number(arg('--generate') ?? 300), 1)].map((a) => ({ id: a.name, title: a.title, text: a.body })));
const conll = argv[0] && !argv[0].startsWith('--') ? argv[0] : undefined;
if (conll) digest('conll', readConll(conll).map((doc, i) => ({ id: String(i), text: docText(doc).text })));
const out = arg('--out');
if (out) writeFileSync(out, lines.join('\n') + '\n');
console.log(JSON.stringify({ extractor: ex.version, sets }, null, 2));
