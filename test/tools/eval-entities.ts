/**
 * Scores lede's entity extraction on a CoNLL-2003 file with the same pipeline the app uses:
 * each document is rebuilt as text (a sentence per paragraph, words joined by spaces), run
 * through extract() (tokenise, tag, clean, alias, re-scan), and compared with the gold
 * annotations as bags of mentions per document (type + exact surface text).
 *
 *   npm run eval:entities -- path/to/valid.txt [--json]
 */
import { loadEntityExtractor, type EntityType } from '../../source/core/entities/index.js';
import { docText, readConll, spansOf } from '../core/entities/conll.js';

const TYPES: EntityType[] = ['person', 'place', 'organization'];
const FROM_TAG: Record<string, EntityType | undefined> = { PER: 'person', LOC: 'place', ORG: 'organization' };

export interface Score {
  tp: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

function score(tp: number, predicted: number, gold: number): Score {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, predicted, gold, precision, recall, f1 };
}

const path = process.argv[2];
if (!path || path.startsWith('--')) {
  console.error('usage: eval-entities <file.conll> [--json]');
  process.exit(2);
}
const json = process.argv.includes('--json');

const docs = readConll(path);
const extractor = await loadEntityExtractor();
const counts = new Map<EntityType, { tp: number; predicted: number; gold: number }>(TYPES.map((t) => [t, { tp: 0, predicted: 0, gold: 0 }]));
let words = 0;
let ms = 0;
const errors: string[] = [];
for (const doc of docs) {
  const { text } = docText(doc);
  const goldBag = new Map<string, number>();
  for (const s of doc) {
    words += s.words.length;
    for (const span of spansOf(s.labels)) {
      const type = FROM_TAG[span.type];
      if (!type) continue;
      const key = `${type}\t${s.words.slice(span.start, span.end).join(' ')}`;
      goldBag.set(key, (goldBag.get(key) ?? 0) + 1);
    }
  }
  const t0 = performance.now();
  const entities = extractor.extract(text);
  ms += performance.now() - t0;
  const predBag = new Map<string, number>();
  for (const e of entities) {
    for (const m of e.mentions) {
      const key = `${e.type}\t${m.text}`;
      predBag.set(key, (predBag.get(key) ?? 0) + 1);
    }
  }
  for (const [key, n] of predBag) {
    const type = key.split('\t')[0] as EntityType;
    const c = counts.get(type)!;
    const g = goldBag.get(key) ?? 0;
    c.predicted += n;
    c.tp += Math.min(n, g);
    if (n > g) errors.push(`FP ${key.replace('\t', ' ')} x${n - g}`);
  }
  for (const [key, n] of goldBag) {
    const type = key.split('\t')[0] as EntityType;
    counts.get(type)!.gold += n;
    const p = predBag.get(key) ?? 0;
    if (n > p) errors.push(`FN ${key.replace('\t', ' ')} x${n - p}`);
  }
}

const perType = Object.fromEntries(TYPES.map((t) => [t, score(counts.get(t)!.tp, counts.get(t)!.predicted, counts.get(t)!.gold)])) as Record<EntityType, Score>;
const all = [...counts.values()].reduce((a, c) => ({ tp: a.tp + c.tp, predicted: a.predicted + c.predicted, gold: a.gold + c.gold }), { tp: 0, predicted: 0, gold: 0 });
const overall = score(all.tp, all.predicted, all.gold);
const result = {
  file: path,
  documents: docs.length,
  words,
  extractor: extractor.version,
  wordsPerSecond: Math.round(words / (ms / 1000)),
  perType,
  overall,
};

if (process.argv.includes('--errors')) for (const e of errors) console.error(e);
if (json) console.log(JSON.stringify(result, null, 2));
else {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
  console.log(`${path}: ${docs.length} documents, ${words} words, extractor ${extractor.version}`);
  console.log(`type            precision  recall      F1    gold  predicted`);
  for (const [name, s] of [...Object.entries(perType), ['overall (micro)', overall] as const]) {
    console.log(`${name.padEnd(16)}${pct(s.precision)}%  ${pct(s.recall)}%  ${pct(s.f1)}%  ${String(s.gold).padStart(6)}  ${String(s.predicted).padStart(9)}`);
  }
  console.log(`extraction speed: ${result.wordsPerSecond} words/s`);
}
