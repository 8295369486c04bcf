/**
 * Learns word clusters from unlabeled newswire for the tagger (source/core/entities/model/clusters.ts).
 *
 * Predictive exchange clustering (Uszkoreit & Brants 2008, "Distributed Word Clustering for Large
 * Scale Class-Based Language Modeling"): words are put in K classes so that the class of a word
 * best predicts the word after it (or, with the reverse direction, the word before it), by moving
 * one word at a time to the class that most raises the likelihood, for a few passes. It optimises
 * the same kind of class-bigram likelihood as Brown clustering, in O(bigrams x K) per pass instead
 * of Brown's agglomerative O(V x C^2), and each granularity is a run of its own.
 *
 * The corpus is the text (not the ALL-CAPS titles) of a JSONL collection (Reuters-21578) plus the
 * words of CoNLL files given with --conll (no labels are read). Words are case-sensitive, as the
 * tokenizer gives them; only words seen --min-count times or more are clustered. Only hashes of the
 * words and their cluster ids are written.
 *
 *   node --import tsx test/tools/cluster-words.ts ../shared/data/reuters21578/reuters21578.jsonl
 *        [--conll ../shared/data/conll2003/train.txt] [--levels right:64,right:256,left:256]
 *        [--min-count 3] [--passes 8] [--out source/core/entities/model/clusters.ts]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fnv1a } from '../../source/core/entities/hashing.js';
import { encodeClusters, sortedTable } from '../../source/core/entities/lexicons.js';
import { tokenize } from '../../source/core/entities/tokenize.js';
import { readConll } from '../core/entities/conll.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const corpusPath = process.argv[2];
if (!corpusPath || corpusPath.startsWith('--')) {
  console.error('usage: cluster-words <collection.jsonl> [--conll train.txt] [--levels right:64,right:256,left:256] [--min-count 3] [--passes 8] [--out FILE]');
  process.exit(2);
}
const levelsSpec = arg('--levels', 'right:64,right:256,left:256')
  .split(',')
  .map((x) => {
    const [dir, k] = x.split(':');
    return { dir: dir === 'left' ? 'left' : 'right', k: Number(k) };
  });
const minCount = Number(arg('--min-count', '3'));
const passes = Number(arg('--passes', '8'));
const outPath = arg('--out', 'source/core/entities/model/clusters.ts');
const t0 = Date.now();

// Sentences of word ids, 0 = sentence boundary.
const ids = new Map<string, number>();
const names: string[] = ['<s>'];
const stream: number[] = [0];
const push = (w: string) => {
  let id = ids.get(w);
  if (id === undefined) {
    id = names.length;
    ids.set(w, id);
    names.push(w);
  }
  stream.push(id);
};
for (const line of readFileSync(corpusPath, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const text = (JSON.parse(line) as { text?: string }).text ?? '';
  for (const para of text.split(/\n\s*\n/)) {
    for (const t of tokenize(para)) push(t.text);
    stream.push(0);
  }
}
const conll = process.argv.indexOf('--conll');
if (conll >= 0) {
  for (const doc of readConll(process.argv[conll + 1]!)) {
    for (const s of doc) {
      for (const w of s.words) push(w);
      stream.push(0);
    }
  }
}
const count = new Int32Array(names.length);
for (const id of stream) count[id]!++;
// Vocabulary: frequent words get dense ids 1..V; the rest (and <s>) share id 0 as context only.
const order = [...names.keys()].filter((i) => i > 0 && count[i]! >= minCount).sort((a, b) => count[b]! - count[a]!);
const dense = new Int32Array(names.length);
order.forEach((id, i) => (dense[id] = i + 1));
const V = order.length + 1;
const tokens = Int32Array.from(stream, (id) => dense[id]!);
console.error(`${stream.length} tokens, ${names.length} types, ${V - 1} clustered (count >= ${minCount}), read in ${Date.now() - t0} ms`);

const F = (x: number) => (x > 0 ? x * Math.log(x) : 0);

/** For each word, its neighbours (the next word, or the previous one) and bigram counts, CSR. */
function neighbours(direction: 'left' | 'right'): { start: Int32Array; other: Int32Array; n: Int32Array; total: Float64Array } {
  const pairs = new Map<number, number>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [a, b] = direction === 'right' ? [tokens[i]!, tokens[i + 1]!] : [tokens[i + 1]!, tokens[i]!];
    if (a === 0) continue;
    const key = a * V + b;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  const keys = Float64Array.from(pairs.keys()).sort();
  const start = new Int32Array(V + 1);
  const other = new Int32Array(keys.length);
  const n = new Int32Array(keys.length);
  const total = new Float64Array(V);
  keys.forEach((key, j) => {
    const a = Math.floor(key / V);
    start[a + 1]!++;
    other[j] = key % V;
    n[j] = pairs.get(key)!;
    total[a]! += n[j]!;
  });
  for (let a = 0; a < V; a++) start[a + 1]! += start[a]!;
  return { start, other, n, total };
}

function exchange(direction: 'left' | 'right', K: number): Uint16Array {
  const { start, other, n, total } = neighbours(direction);
  const cls = new Int32Array(V);
  // N[w * K + c]: how often class c is followed (preceded) by word w; classSize[c]: its count.
  const N = new Float64Array(V * K);
  const classSize = new Float64Array(K);
  for (let v = 1; v < V; v++) cls[v] = (v - 1) % K;
  const move = (v: number, c: number, sign: number) => {
    for (let j = start[v]!; j < start[v + 1]!; j++) N[other[j]! * K + c]! += sign * n[j]!;
    classSize[c]! += sign * total[v]!;
  };
  for (let v = 1; v < V; v++) move(v, cls[v]!, 1);
  const gain = new Float64Array(K);
  for (let pass = 1; pass <= passes; pass++) {
    const tp = Date.now();
    let moved = 0;
    for (let v = 1; v < V; v++) {
      const old = cls[v]!;
      move(v, old, -1);
      for (let c = 0; c < K; c++) gain[c] = F(classSize[c]!) - F(classSize[c]! + total[v]!);
      for (let j = start[v]!; j < start[v + 1]!; j++) {
        const base = other[j]! * K;
        const m = n[j]!;
        for (let c = 0; c < K; c++) {
          const x = N[base + c]!;
          gain[c]! += F(x + m) - F(x);
        }
      }
      let best = old;
      for (let c = 0; c < K; c++) if (gain[c]! > gain[best]! + 1e-9) best = c;
      if (best !== old) moved++;
      cls[v] = best;
      move(v, best, 1);
    }
    console.error(`  ${direction}:${K} pass ${pass}: moved ${moved} words (${Date.now() - tp} ms)`);
    if (moved < V / 1000) break;
  }
  return Uint16Array.from(cls, (c, v) => (v === 0 ? 0 : c + 1));
}

const levels = levelsSpec.map(({ dir, k }) => exchange(dir as 'left' | 'right', k));
const entries = new Map<number, number>();
for (let v = 1; v < V; v++) entries.set(fnv1a(names[order[v - 1]!]!), v);
const { keys, values } = sortedTable(entries);
const b64 = encodeClusters({ keys, levels: levels.map((l) => Uint16Array.from(values, (v) => l[v]!)) });
writeFileSync(
  outPath,
  `// Generated by test/tools/cluster-words.ts (predictive exchange clustering, levels ${levelsSpec.map((l) => `${l.dir}:${l.k}`).join(', ')}) from\n` +
    '// unlabeled newswire: hashes of words and their cluster ids, no text. Do not edit.\n' +
    `export const CLUSTERS = '${b64}';\n`,
);
console.error(`wrote ${outPath} (${(b64.length / 1e3).toFixed(0)} kB, ${keys.length} words) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// A look at what was learned: a few frequent capitalised words and their companions at the finest level.
if (process.argv.includes('--show')) {
  const last = levels[levels.length - 1]!;
  for (const w of ['Reuters', 'Monday', 'London', 'Smith', 'Corp', 'said', 'Germany', 'IBM']) {
    const v = dense[ids.get(w) ?? 0]!;
    if (!v) continue;
    const mates = [];
    for (let u = 1; u < V && mates.length < 12; u++) if (last[u] === last[v]) mates.push(names[order[u - 1]!]);
    console.error(`${w}: ${mates.join(' ')}`);
  }
}
