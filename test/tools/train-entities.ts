/**
 * Trains lede's entity tagger (averaged perceptron, greedy BIO decoding, hashed features) on
 * CoNLL-2003 and writes the quantised weights as a TypeScript module.
 *
 *   npm run train:entities -- path/to/train.txt [--valid path/to/valid.txt] [--train-on train|train+dev]
 *                              [--epochs 8] [--bits 18] [--no-clusters] [--no-gazetteer] [--nonlocal]
 *                              [--lexicon-corpus reuters21578.jsonl] [--title-case 0.15] [--unseen 0] [--seed 0] [--ensemble 3] [--out source/core/entities/model/weights.ts]
 *                              [--extra test/fixtures/modern-news-train [--extra-weight 3]] [--leave-out k/K]
 *
 * The shipped model was trained on CoNLL alone (its lexicon from CoNLL and Reuters text):
 *   npm run train:entities -- ../shared/data/conll2003/train.txt --valid ../shared/data/conll2003/valid.txt --train-on train+dev \
 *     --lexicon-corpus ../shared/data/reuters21578/reuters21578.jsonl
 * and with the modern training set mixed in (measured, not shipped: the seed gold fell to 0.974):
 *     ... --extra test/fixtures/modern-news-train --extra-weight 2
 *
 * --extra DIR (repeatable) mixes labelled modern news into training (modern-training.ts: every
 * article of DIR's gold*.json, read as lede reads it), each article a document, --extra-weight
 * copies of each per epoch. The lexicon stays CoNLL's and Reuters' words.
 *
 * With --valid, validation is split (conll-splits.ts): the dev part is scored while training
 * (tagger alone, gold tokens) and, with --train-on train+dev, trained on; the held-out part is
 * never read here. The data never enters the project: only the learned weights are written.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { DocFeatures, docCasing, HISTORY_FEATURES, historyFeatures, NUM_LABELS, sentenceFeatures, sentenceIsCaps, type FeatureSet, type SentenceFeatures } from '../../source/core/entities/features.js';
import { addScores, bestLabel, tagWithFeatures } from '../../source/core/entities/tagger.js';
import { decodeWeights, encodeWeights } from '../../source/core/entities/model-codec.js';
import { sentenceRanges, tokenize } from '../../source/core/entities/tokenize.js';
import { readConll, spansOf, type ConllDoc } from '../core/entities/conll.js';
import { splitValidation } from './conll-splits.js';
import { loadLexicons } from './lexicon-modules.js';
import { readModernTraining } from './modern-training.js';
import { inFold, parseFold } from './review-folds.js';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const trainPath = process.argv[2];
if (!trainPath || trainPath.startsWith('--')) {
  console.error('usage: train-entities <train.conll> [--valid valid.conll] [--train-on train|train+dev] [--epochs N] [--bits B] [--no-clusters] [--no-gazetteer] [--nonlocal] [--ensemble N] [--out file.ts]');
  process.exit(2);
}
const validPath = arg('--valid') ?? arg('--dev');
const extraDirs = process.argv.flatMap((a, i) => (a === '--extra' && process.argv[i + 1] ? [process.argv[i + 1]!] : []));
const extraWeight = Number(arg('--extra-weight', '1'));
if (!Number.isInteger(extraWeight) || extraWeight < 1) throw new Error('--extra-weight: a whole number of copies per epoch, 1 or more');
const trainOn = arg('--train-on', 'train')!;
const epochs = Number(arg('--epochs', '8'));
const bits = Number(arg('--bits', '18'));
const outPath = arg('--out', 'source/core/entities/model/weights.ts')!;
const augment = Number(arg('--title-case', '0.15'));
// Unseen-name copies were measured no better with the final pipeline (dev 0.9116 at 0.4, 0.9128 at 0): off unless asked for.
const unseenShare = Number(arg('--unseen', '0'));
const features: FeatureSet = {
  clusters: !process.argv.includes('--no-clusters'),
  gazetteer: !process.argv.includes('--no-gazetteer'),
  // Measured no gain for the whole pipeline (its re-scan and type vote are non-local already), and
  // it makes a repeated paragraph tag differently from its first copy: off unless asked for.
  nonLocal: process.argv.includes('--nonlocal'),
};

/**
 * Words that running text writes in lower case at least 60% of the time away from the start of a
 * sentence (seen 3+ times). Built from the words only, never the labels: the training sentences
 * and, with --lexicon-corpus, the text of an unlabeled JSONL collection (Reuters-21578), so that
 * a headline's common words ("Warns", "Plea") read as the words they are.
 */
function buildLexicon(sentences: Iterable<string[]>): Set<string> {
  const lower = new Map<string, number>();
  const total = new Map<string, number>();
  for (const words of sentences) {
    if (sentenceIsCaps(words)) continue;
    words.forEach((w, i) => {
      if (i === 0 || !/^[a-zA-Z][a-z-]*$/.test(w)) return;
      const k = w.toLowerCase();
      total.set(k, (total.get(k) ?? 0) + 1);
      if (w === k) lower.set(k, (lower.get(k) ?? 0) + 1);
    });
  }
  const out = new Set<string>();
  for (const [k, n] of total) if (n >= 3 && (lower.get(k) ?? 0) / n >= 0.6) out.add(k);
  return out;
}

/** The sentences of a JSONL collection's texts, tokenised as the app does. */
function* collectionSentences(path: string): Generator<string[]> {
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text = (JSON.parse(line) as { text?: string }).text ?? '';
    const tokens = tokenize(text);
    for (const [a, b] of sentenceRanges(text, tokens)) yield tokens.slice(a, b).map((t) => t.text);
  }
}

const TITLE_SMALL = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'for', 'to', 'and', 'or', 'at', 'by', 'with', 'from', 'as']);
/** A headline-style copy: every word capitalised (bar short function words), labels unchanged. */
function titleCase(words: string[]): string[] {
  return words.map((w, i) => (i > 0 && TITLE_SMALL.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)));
}

interface PreparedSentence {
  sentence: SentenceFeatures;
  labels: number[];
  /** A title-case copy: read the document's memory, never write it. */
  copy: boolean;
}
interface PreparedDoc {
  sentences: PreparedSentence[];
  /** Fresh per pass: the non-local memory starts empty for every document. */
  features: () => DocFeatures;
  static: DocFeatures;
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
const { dev: devDocs } = validPath ? splitValidation(readConll(validPath)) : { dev: [] as ConllDoc[] };
// --leave-out k/K: trained without the k-th of K folds, for the review's training (review-folds.ts).
const leaveOut = arg('--leave-out') ? parseFold(arg('--leave-out')!) : undefined;
const kept = <T>(docs: T[]) => (leaveOut ? docs.filter((_, i) => !inFold(i, leaveOut)) : docs);
const conllDocs = kept(trainOn === 'train+dev' ? [...trainDocs, ...devDocs] : trainDocs);
const lexiconCorpus = arg('--lexicon-corpus');
const lexicon = buildLexicon(
  (function* () {
    for (const doc of conllDocs) for (const sentence of doc) yield sentence.words;
    if (lexiconCorpus) yield* collectionSentences(lexiconCorpus);
  })(),
);
// Read with the lexicon, as the extractor reads a headline; each copy is shuffled in on its own.
const extraSets = await Promise.all(extraDirs.map((dir) => readModernTraining(dir, lexicon)));
const extraDocs = extraSets.flatMap((x) => kept(x.docs));
const extraCut = extraSets.reduce((n, x) => n + x.cut, 0);
const fitDocs = [...conllDocs, ...Array.from({ length: extraWeight }, () => extraDocs).flat()];
const lexicons = await loadLexicons();
const model = { bits, features, lexicon, ...lexicons };

function prepare(docs: ConllDoc[], augmentShare: number, random?: () => number): PreparedDoc[] {
  return docs.map((doc) => {
    const casing = docCasing(doc.map((s) => s.words));
    const features = () => new DocFeatures(model, casing);
    const shared = features();
    const sentences: PreparedSentence[] = [];
    for (const s of doc) {
      sentences.push({ sentence: sentenceFeatures(s.words, shared), labels: s.labels, copy: false });
      if (random && s.words.length >= 4 && !sentenceIsCaps(s.words) && random() < augmentShare) {
        sentences.push({ sentence: sentenceFeatures(titleCase(s.words), shared), labels: s.labels, copy: true });
      }
      // Unseen-name copies: the names' words hidden, so the tagger learns to type new names.
      if (random && s.labels.some((l) => l !== 0) && random() < unseenShare) {
        sentences.push({ sentence: sentenceFeatures(s.words, shared, s.labels.map((l) => l !== 0)), labels: s.labels, copy: true });
      }
    }
    return { sentences, features, static: shared };
  });
}

function spanF1(data: PreparedDoc[], weights: ArrayLike<number>): { p: number; r: number; f: number } {
  let tp = 0;
  let np = 0;
  let ng = 0;
  const key = (x: { type: string; start: number; end: number }) => `${x.type}:${x.start}:${x.end}`;
  for (const d of data) {
    const doc = d.features();
    for (const s of d.sentences) {
      const pred = tagWithFeatures(weights, s.sentence, doc);
      const gold = new Set(spansOf(s.labels).filter((x) => x.type !== 'MISC').map(key));
      const got = spansOf(pred).filter((x) => x.type !== 'MISC').map(key);
      np += got.length;
      ng += gold.size;
      for (const g of got) if (gold.has(g)) tp++;
    }
  }
  const p = tp / Math.max(1, np);
  const r = tp / Math.max(1, ng);
  return { p, r, f: (2 * p * r) / Math.max(1e-9, p + r) };
}

const seed = Number(arg('--seed', '0'));
const ensemble = Math.max(1, Number(arg('--ensemble', '3')));
const dev = prepare(devDocs, 0);
const size = (1 << bits) * NUM_LABELS;
console.error(
  `features ${JSON.stringify(features)}; lexicon: ${lexicon.size} lower-case words; training on ${trainOn} (${conllDocs.length} documents)` +
    (extraDocs.length > 0 ? ` and ${extraDocs.length} modern articles x ${extraWeight} (${extraDirs.join(', ')}; ${extraCut} mentions inside a token left O)` : ''),
);

/** One averaged perceptron, its shuffles and augmented copies drawn from `runSeed`. */
function trainOnce(runSeed: number): Float32Array {
  const train = prepare(fitDocs, augment, rng(7 + runSeed));
  console.error(`seed ${runSeed}: prepared ${train.reduce((n, d) => n + d.sentences.length, 0)} training sentences (${Date.now() - t0} ms so far)`);
  const w = new Float32Array(size);
  const u = new Float64Array(size);
  let c = 1;
  const scores = new Float64Array(NUM_LABELS);
  const hist = new Int32Array(HISTORY_FEATURES);
  const random = rng(42 + runSeed);
  const order = train.map((_, i) => i);

  const update = (feats: ArrayLike<number>, from: number, to: number, label: number, delta: number) => {
    for (let k = from; k < to; k++) {
      const i = feats[k]! * NUM_LABELS + label;
      w[i]! += delta;
      u[i]! += c * delta;
    }
  };
  const averaged = (): Float32Array => {
    const avg = new Float32Array(size);
    for (let i = 0; i < size; i++) avg[i] = w[i]! - u[i]! / c;
    return avg;
  };
  /** One perceptron pass over a sentence with greedy decoding; returns the number of token errors. */
  const trainSentence = (s: PreparedSentence, doc: DocFeatures): number => {
    const { info, flat, offsets } = s.sentence;
    let errors = 0;
    let prev = -1;
    let prev2 = -1;
    const chosen: number[] = [];
    for (let i = 0; i < info.length; i++) {
      scores.fill(0);
      addScores(w, flat, offsets[i]!, offsets[i + 1]!, scores);
      const nh = historyFeatures(prev, prev2, info[i]!, doc, hist);
      addScores(w, hist, 0, nh, scores);
      const guess = bestLabel(scores, prev);
      const gold = s.labels[i]!;
      if (guess !== gold) {
        for (const [label, delta] of [
          [gold, 1],
          [guess, -1],
        ] as const) {
          update(flat, offsets[i]!, offsets[i + 1]!, label, delta);
          update(hist, 0, nh, label, delta);
        }
        errors++;
      }
      c++;
      chosen.push(guess);
      prev2 = prev;
      prev = guess;
    }
    // The memory holds what the tagger chose, as it will when reading an article.
    if (!s.copy) info.forEach((t, i) => doc.remember(t, chosen[i]!));
    return errors;
  };

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const te = Date.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    let tokens = 0;
    for (const di of order) {
      const d = train[di]!;
      const doc = d.features();
      for (const s of d.sentences) {
        errors += trainSentence(s, doc);
        tokens += s.labels.length;
      }
    }
    let msg = `epoch ${epoch}: train token error ${((100 * errors) / tokens).toFixed(2)}% (${Date.now() - te} ms)`;
    if (dev.length > 0 && epoch === epochs) {
      const r = spanF1(dev, averaged());
      msg += `; dev PER/LOC/ORG span F1 (gold tokens, tagger only${trainOn === 'train+dev' ? ', trained on' : ''}) ${r.f.toFixed(4)} P ${r.p.toFixed(4)} R ${r.r.toFixed(4)}`;
    }
    console.error(msg);
  }
  return averaged();
}

// An ensemble of perceptrons from different shuffles, averaged in weight space: still one linear
// model of the same size, with less of the variance a single shuffle order leaves.
const avg = new Float32Array(size);
for (let k = 0; k < ensemble; k++) {
  const one = trainOnce(seed + k);
  for (let i = 0; i < size; i++) avg[i]! += one[i]! / ensemble;
}
if (ensemble > 1 && dev.length > 0) console.error(`ensemble of ${ensemble}: dev span F1 ${spanF1(dev, avg).f.toFixed(4)}`);

// Quantise to sparse int16: the largest weight maps to 32767; entries that round to 0 are dropped.
let maxAbs = 0;
for (const x of avg) maxAbs = Math.max(maxAbs, Math.abs(x));
const b64 = encodeWeights(avg, 32767 / maxAbs);
const q = decodeWeights(b64, size);
console.error(`quantised: ${q.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0)} non-zero weights`);
if (dev.length > 0) {
  const r = spanF1(dev, q);
  console.error(`dev span F1 after quantisation ${r.f.toFixed(4)} P ${r.p.toFixed(4)} R ${r.r.toFixed(4)}`);
}

const lexiconText = [...lexicon].sort().join(' ');
const version = `perceptron-${bits}-${createHash('sha256').update(q).update(lexiconText).update(JSON.stringify(features)).update(lexicons.fingerprint).digest('hex').slice(0, 12)}`;
writeFileSync(
  outPath,
  `// Generated by test/tools/train-entities.ts from CoNLL-2003 (${trainOn === 'train+dev' ? 'train and lede\'s dev part of validation; never its held-out part' : 'train split'})` +
    (extraDocs.length > 0 ? ` and ${extraDocs.length} labelled modern articles (x${extraWeight})` : '') +
    `:\n` +
    `// learned weights only, no text of the data. Sparse int16 weights (see model-codec.ts), laid out [bucket * ${NUM_LABELS} + label]. Do not edit.\n` +
    `export const MODEL_VERSION = '${version}';\n` +
    `export const MODEL_BITS = ${bits};\n` +
    `export const MODEL_LABELS = ${NUM_LABELS};\n` +
    `export const MODEL_FEATURES = ${JSON.stringify(features)};\n` +
    `export const MODEL_WEIGHTS = '${b64}';\n` +
    `export const MODEL_LEXICON = '${lexiconText}';\n`,
);
console.error(`wrote ${outPath} (${(b64.length / 1e6).toFixed(2)} MB), version ${version}, total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
