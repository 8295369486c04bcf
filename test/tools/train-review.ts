/**
 * Trains the review (source/core/entities/review.ts): the second look at each entity once the
 * rules have made it.
 *
 *   node --import tsx test/tools/train-review.ts path/to/train.txt --valid path/to/valid.txt \
 *     --extra test/fixtures/modern-news-train --extra-weight 2 --fold-weights /tmp/fold-K.ts --folds 4 \
 *     [--drop-at 0.6] [--retype-at 0.7] [--out source/core/entities/model/review.ts]
 *
 * Its examples are what the whole pipeline makes of labelled text whose tagger never saw it:
 * /tmp/fold-K.ts is a tagger trained by train-entities with `--leave-out K/4` (K = 0..3, and the
 * same --train-on train+dev and --extra as the shipped one), and it reads the K-th fold only
 * (review-folds.ts). Read by a tagger trained on them, the same documents would teach the review
 * to trust the tagger far more than it can be trusted on new text.
 *
 * Each entity is labelled with the gold type most of its mentions overlap; a mention that
 * overlaps no gold person, place or organization (MISC included) counts as none. The model is multinomial
 * logistic regression (AdaGrad, L2), written as text: a header `dropAt retypeAt`, then one line
 * per feature with its four weights. The data never enters the project: only weights.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { createExtractor, modelFromModule, type WeightsModule } from '../../source/core/entities/extractor.js';
import { REVIEW_CLASSES, type ReviewClass } from '../../source/core/entities/review.js';
import type { Entity } from '../../source/core/entities/types.js';
import { docText, readConll, spansOf, type ConllDoc } from '../core/entities/conll.js';
import { splitValidation } from './conll-splits.js';
import { readModernArticles } from './modern-training.js';
import { inFold } from './review-folds.js';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const trainPath = process.argv[2];
const validPath = arg('--valid');
const extraDir = arg('--extra');
const foldWeights = arg('--fold-weights');
if (!trainPath || trainPath.startsWith('--') || !validPath || !extraDir || !foldWeights?.includes('K')) {
  console.error('usage: train-review <train.conll> --valid <valid.conll> --extra DIR --fold-weights /tmp/fold-K.ts [--folds 4] [--extra-weight 2] [--out FILE]');
  process.exit(2);
}
const folds = Number(arg('--folds', '4'));
const extraWeight = Number(arg('--extra-weight', '2'));
const dropAt = Number(arg('--drop-at', '0.6'));
const retypeAt = Number(arg('--retype-at', '0.7'));
const epochs = Number(arg('--epochs', '12'));
const l2 = Number(arg('--l2', '1e-3'));
const outPath = arg('--out', 'source/core/entities/model/review.ts')!;

const TYPE_OF_TAG: Record<string, ReviewClass> = { PER: 'person', LOC: 'place', ORG: 'organization' };
const CLASS_OF_GOLD: Record<string, ReviewClass> = { person: 'person', place: 'place', organization: 'organization' };

interface Example {
  features: Map<string, number>;
  label: number;
  weight: number;
}

/** A gold span of one field: where a person, place or organization is. */
interface GoldSpan {
  field: string;
  start: number;
  end: number;
  type: ReviewClass;
}

/**
 * The class most of `entity`'s mentions overlap in `gold`; none when they overlap no person,
 * place or organization. Overlap, not exact offsets: the review decides what an entity is, and
 * a boundary it cannot move ("Khamenei" for "Ali Khamenei") must not teach it "none".
 */
function labelOf(entity: Entity, gold: readonly GoldSpan[]): number {
  const votes = new Map<ReviewClass, number>();
  for (const m of entity.mentions) {
    const field = m.field ?? 'text';
    const c = gold.find((g) => g.field === field && g.start < m.end && m.start < g.end)?.type ?? 'none';
    votes.set(c, (votes.get(c) ?? 0) + 1);
  }
  let best: ReviewClass = 'none';
  for (const [c, n] of votes) if (n > (votes.get(best) ?? 0)) best = c;
  return REVIEW_CLASSES.indexOf(best);
}

function conllGold(doc: ConllDoc): { text: string; gold: GoldSpan[] } {
  const { text, offsets } = docText(doc);
  const gold: GoldSpan[] = [];
  doc.forEach((s, si) => {
    for (const span of spansOf(s.labels)) {
      const type = TYPE_OF_TAG[span.type];
      if (!type) continue;
      const start = offsets[si]![span.start]!;
      const end = offsets[si]![span.end - 1]! + s.words[span.end - 1]!.length;
      gold.push({ field: 'text', start, end, type });
    }
  });
  return { text, gold };
}

const t0 = Date.now();
const { dev } = splitValidation(readConll(validPath));
const conllDocs = [...readConll(trainPath), ...dev];
const modern = await readModernArticles(extraDir);
const examples: Example[] = [];
for (let k = 0; k < folds; k++) {
  const path = resolve(foldWeights.replace('K', String(k)));
  const { model, version, known } = modelFromModule((await import(pathToFileURL(path).href)) as WeightsModule);
  let seen: Array<{ entity: Entity; features: Map<string, number> }> = [];
  const extractor = createExtractor(model, version, known, { observe: (entity, features) => seen.push({ entity, features }) });
  const fold = { index: k, count: folds };
  const read = (text: string, title: string | undefined, gold: GoldSpan[], weight: number) => {
    seen = [];
    extractor.extract(text, title);
    for (const { entity, features } of seen) examples.push({ features, label: labelOf(entity, gold), weight });
  };
  conllDocs.forEach((doc, i) => {
    if (!inFold(i, fold)) return;
    const { text, gold } = conllGold(doc);
    read(text, undefined, gold, 1);
  });
  modern.forEach((article, i) => {
    if (!inFold(i, fold)) return;
    const gold: GoldSpan[] = [];
    for (const e of article.entities) {
      const type = CLASS_OF_GOLD[e.type];
      if (type) for (const m of e.mentions) gold.push({ field: m.field, start: m.start, end: m.end, type });
    }
    read(article.text, article.title, gold, extraWeight);
  });
  console.error(`fold ${k}: ${examples.length} examples so far (${Date.now() - t0} ms)`);
}

const counts = REVIEW_CLASSES.map((_, c) => examples.filter((e) => e.label === c).length);
console.error(`examples by class: ${REVIEW_CLASSES.map((c, i) => `${c} ${counts[i]}`).join(', ')}`);

// Multinomial logistic regression by AdaGrad; features seen once are left out (noise, and size).
const seenCount = new Map<string, number>();
for (const e of examples) for (const name of e.features.keys()) seenCount.set(name, (seenCount.get(name) ?? 0) + 1);
const weights = new Map<string, Float64Array>();
const history = new Map<string, Float64Array>();
for (const [name, n] of seenCount) {
  if (n < 2) continue;
  weights.set(name, new Float64Array(REVIEW_CLASSES.length));
  history.set(name, new Float64Array(REVIEW_CLASSES.length));
}
let state = 7;
const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const order = examples.map((_, i) => i);
const rate = 0.3;
for (let epoch = 1; epoch <= epochs; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let loss = 0;
  for (const i of order) {
    const { features, label, weight } = examples[i]!;
    const scores = new Float64Array(REVIEW_CLASSES.length);
    for (const [name, value] of features) {
      const w = weights.get(name);
      if (w) for (let c = 0; c < scores.length; c++) scores[c]! += w[c]! * value;
    }
    const max = Math.max(...scores);
    let sum = 0;
    for (let c = 0; c < scores.length; c++) sum += scores[c] = Math.exp(scores[c]! - max);
    loss -= weight * Math.log(scores[label]! / sum);
    for (const [name, value] of features) {
      const w = weights.get(name);
      const h = history.get(name);
      if (!w || !h) continue;
      for (let c = 0; c < scores.length; c++) {
        const g = weight * value * (scores[c]! / sum - (c === label ? 1 : 0)) + l2 * w[c]!;
        h[c]! += g * g;
        w[c]! -= (rate * g) / Math.sqrt(h[c]! + 1e-8);
      }
    }
  }
  console.error(`epoch ${epoch}: mean loss ${(loss / examples.length).toFixed(4)}`);
}

const lines = [`${dropAt} ${retypeAt}`];
for (const [name, w] of [...weights].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const rounded = [...w].map((x) => Math.round(x * 1000) / 1000);
  if (rounded.some((x) => x !== 0)) lines.push(`${name} ${rounded.join(' ')}`);
}
const encoded = lines.join('\n');
const version = `review-${createHash('sha256').update(encoded).digest('hex').slice(0, 12)}`;
writeFileSync(
  outPath,
  `// Generated by test/tools/train-review.ts from what the pipeline makes of CoNLL-2003 (train and lede's dev part of\n` +
    `// validation) and the labelled modern articles, each read by a tagger trained without it: learned weights only. Do not edit.\n` +
    `export const REVIEW_VERSION = '${version}';\n` +
    `export const REVIEW_MODEL = ${JSON.stringify(encoded)};\n`,
);
console.error(`wrote ${outPath} (${lines.length - 1} features, ${(encoded.length / 1024).toFixed(0)} KB), ${version}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
