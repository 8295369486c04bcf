/**
 * Trains lede's entity tagger (averaged perceptron, greedy BIO decoding, hashed features) on a
 * CoNLL-2003 file and writes the quantised weights as a TypeScript module.
 *
 *   npm run train:entities -- path/to/train.txt [--dev path/to/valid.txt] [--epochs 8] [--bits 18]
 *                              [--out source/core/entities/model/weights.ts]
 *
 * The data never enters the project: only the learned weights are written.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { docCasing, sentenceIsCaps, historyFeatures, NUM_LABELS, sentenceFeatures, type TokenInfo } from '../../source/core/entities/features.js';
import { bestLabel, scoreToken, tagWithFeatures } from '../../source/core/entities/tagger.js';
import { decodeWeights, encodeWeights } from '../../source/core/entities/model-codec.js';
import { readConll, spansOf, type ConllDoc } from '../core/entities/conll.js';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const trainPath = process.argv[2];
if (!trainPath || trainPath.startsWith('--')) {
  console.error('usage: train-entities <train.conll> [--dev valid.conll] [--epochs N] [--bits B] [--out file.ts]');
  process.exit(2);
}
const devPath = arg('--dev');
const epochs = Number(arg('--epochs', '8'));
const bits = Number(arg('--bits', '18'));
const outPath = arg('--out', 'source/core/entities/model/weights.ts')!;
const mask = (1 << bits) - 1;

interface Prepared {
  info: TokenInfo[];
  feats: Int32Array[];
  labels: number[];
}

/**
 * Words that running text writes in lower case at least 60% of the time away from the start of a
 * sentence (seen 3+ times). Built from the words only, never the labels.
 */
function buildLexicon(docs: ConllDoc[]): Set<string> {
  const lower = new Map<string, number>();
  const total = new Map<string, number>();
  for (const doc of docs) {
    for (const s of doc) {
      if (sentenceIsCaps(s.words)) continue;
      s.words.forEach((w, i) => {
        if (i === 0 || !/^[a-zA-Z][a-z-]*$/.test(w)) return;
        const k = w.toLowerCase();
        total.set(k, (total.get(k) ?? 0) + 1);
        if (w === k) lower.set(k, (lower.get(k) ?? 0) + 1);
      });
    }
  }
  const out = new Set<string>();
  for (const [k, n] of total) if (n >= 3 && (lower.get(k) ?? 0) / n >= 0.6) out.add(k);
  return out;
}

const TITLE_SMALL = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'for', 'to', 'and', 'or', 'at', 'by', 'with', 'from', 'as']);
/** A headline-style copy: every word capitalised (bar short function words), labels unchanged. */
function titleCase(words: string[]): string[] {
  return words.map((w, i) => (i > 0 && TITLE_SMALL.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)));
}

let lexicon = new Set<string>();

function prepare(docs: ConllDoc[], augment: number, random?: () => number): Prepared[] {
  const out: Prepared[] = [];
  for (const doc of docs) {
    const casing = docCasing(doc.map((s) => s.words));
    for (const s of doc) {
      const { info, feats } = sentenceFeatures(s.words, casing, mask, lexicon);
      out.push({ info, feats, labels: s.labels });
      if (random && s.words.length >= 4 && !sentenceIsCaps(s.words) && random() < augment) {
        const t = sentenceFeatures(titleCase(s.words), casing, mask, lexicon);
        out.push({ info: t.info, feats: t.feats, labels: s.labels });
      }
    }
  }
  return out;
}

function spanF1(data: Prepared[], weights: ArrayLike<number>): { p: number; r: number; f: number } {
  // (features already include the lexicon)
  let tp = 0;
  let np = 0;
  let ng = 0;
  for (const s of data) {
    const pred = tagWithFeatures({ bits, weights }, s.info, s.feats);
    const key = (x: { type: string; start: number; end: number }) => `${x.type}:${x.start}:${x.end}`;
    const gold = new Set(spansOf(s.labels).filter((x) => x.type !== 'MISC').map(key));
    const got = spansOf(pred).filter((x) => x.type !== 'MISC').map(key);
    np += got.length;
    ng += gold.size;
    for (const g of got) if (gold.has(g)) tp++;
  }
  const p = tp / Math.max(1, np);
  const r = tp / Math.max(1, ng);
  return { p, r, f: (2 * p * r) / Math.max(1e-9, p + r) };
}

// Deterministic shuffle (mulberry32).
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const t0 = Date.now();
const trainDocs = readConll(trainPath);
lexicon = buildLexicon(trainDocs);
const augment = Number(arg('--title-case', '0.15'));
const train = prepare(trainDocs, augment, rng(7));
const dev = devPath ? prepare(readConll(devPath), 0) : [];
console.error(`lexicon: ${lexicon.size} lower-case words`);
console.error(`prepared ${train.length} training sentences in ${Date.now() - t0} ms`);

const size = (mask + 1) * NUM_LABELS;
const w = new Float32Array(size);
const u = new Float64Array(size);
let c = 1;
const scores = new Float64Array(NUM_LABELS);
const random = rng(42);
const order = train.map((_, i) => i);

function update(feats: ArrayLike<number>, hist: ArrayLike<number>, label: number, delta: number) {
  for (let k = 0; k < feats.length; k++) {
    const i = feats[k]! * NUM_LABELS + label;
    w[i]! += delta;
    u[i]! += c * delta;
  }
  for (let k = 0; k < hist.length; k++) {
    const i = hist[k]! * NUM_LABELS + label;
    w[i]! += delta;
    u[i]! += c * delta;
  }
}

function averaged(): Float32Array {
  const avg = new Float32Array(size);
  for (let i = 0; i < size; i++) avg[i] = w[i]! - u[i]! / c;
  return avg;
}

for (let epoch = 1; epoch <= epochs; epoch++) {
  const te = Date.now();
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let errors = 0;
  let tokens = 0;
  for (const si of order) {
    const s = train[si]!;
    let prev = -1;
    let prev2 = -1;
    for (let i = 0; i < s.info.length; i++) {
      const hist = historyFeatures(prev, prev2, s.info[i]!, mask);
      scoreToken(w, s.feats[i]!, hist, scores);
      const guess = bestLabel(scores, prev);
      const gold = s.labels[i]!;
      if (guess !== gold) {
        update(s.feats[i]!, hist, gold, 1);
        update(s.feats[i]!, hist, guess, -1);
        errors++;
      }
      tokens++;
      c++;
      prev2 = prev;
      prev = guess;
    }
  }
  let msg = `epoch ${epoch}: train token error ${((100 * errors) / tokens).toFixed(2)}% (${Date.now() - te} ms)`;
  if (dev.length > 0 && (epoch === epochs || epoch % 2 === 0)) {
    const r = spanF1(dev, averaged());
    msg += `; dev PER/LOC/ORG span F1 (gold tokens, tagger only) ${r.f.toFixed(4)} P ${r.p.toFixed(4)} R ${r.r.toFixed(4)}`;
  }
  console.error(msg);
}

const avgAll = averaged();
{
  const m = Array.from(avgAll.filter((x) => x !== 0), Math.abs).sort((a, b) => a - b);
  const pct = (x: number) => m[Math.min(m.length - 1, Math.floor(m.length * x))]!.toFixed(3);
  console.error(`non-zero floats ${m.length}; |w| percentiles 50% ${pct(0.5)} 90% ${pct(0.9)} 99% ${pct(0.99)} 99.9% ${pct(0.999)} max ${pct(1)}`);
  if (dev.length > 0) {
    for (const thr of [0.01, 0.05, 0.1, 0.2]) {
      const pr = avgAll.map((x) => (Math.abs(x) < thr ? 0 : x));
      const kept = pr.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0);
      console.error(`prune |w|<${thr}: kept ${kept}, dev F1 ${spanF1(dev, pr).f.toFixed(4)}`);
    }
  }
}
// Quantise to sparse int16: the largest weight maps to 32767; entries that round to 0 are dropped.
const avg = averaged();
let maxAbs = 0;
for (const x of avg) maxAbs = Math.max(maxAbs, Math.abs(x));
const scale = 32767 / maxAbs;
const b64 = encodeWeights(avg, scale);
const q = decodeWeights(b64, size);
console.error(`quantised: ${q.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0)} non-zero weights`);
if (dev.length > 0) {
  const r = spanF1(dev, q);
  console.error(`dev span F1 after quantisation ${r.f.toFixed(4)} P ${r.p.toFixed(4)} R ${r.r.toFixed(4)}`);
}

const version = `perceptron-${bits}-${createHash('sha256').update(q).update([...lexicon].sort().join(' ')).digest('hex').slice(0, 12)}`;
writeFileSync(
  outPath,
  `// Generated by test/tools/train-entities.ts from the CoNLL-2003 train split: learned weights only,\n` +
    `// no text of the data. Sparse int16 weights (see model-codec.ts), laid out [bucket * ${NUM_LABELS} + label]. Do not edit.\n` +
    `export const MODEL_VERSION = '${version}';\n` +
    `export const MODEL_BITS = ${bits};\n` +
    `export const MODEL_LABELS = ${NUM_LABELS};\n` +
    `export const MODEL_WEIGHTS = '${b64}';\n` +
    `export const MODEL_LEXICON = '${[...lexicon].sort().join(' ')}';\n`,
);
console.error(`wrote ${outPath} (${(b64.length / 1e6).toFixed(2)} MB), version ${version}, total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
