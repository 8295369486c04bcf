import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEntityExtractor } from '../../../source/core/entities/index.js';
import { readGold, readSeed } from './helpers.js';

/** Measured with the shipped model (see the README's figures); the test accepts nothing less. */
const MIN_PRECISION = 0.98;
const MIN_RECALL = 0.98;

// Exact-span scoring (type + field + start + end) against the hand-made gold set of the two seed
// articles, each read with its title as the app reads it: extract(text, title).
test(`seed gold set: mention precision and recall at least ${MIN_PRECISION} / ${MIN_RECALL} (exact spans, typed, titles included)`, async () => {
  const extractor = await loadEntityExtractor();
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  const misses: string[] = [];
  for (const article of readGold()) {
    const { title, text } = readSeed(article.path);
    assert.equal(title, article.title);
    const want = new Set<string>();
    for (const [field, source, goldMentions] of [
      ['text', text, article.mentions],
      ['title', title, article.titleMentions],
    ] as const) {
      for (const m of goldMentions) {
        assert.equal(source.slice(m.start, m.end), m.text, 'the fixture matches the text');
        want.add(`${m.type}:${field}:${m.start}:${m.end}`);
      }
    }
    const got = extractor.extract(text, title).flatMap((e) => e.mentions.map((m) => `${e.type}:${m.field}:${m.start}:${m.end}`));
    predicted += got.length;
    gold += want.size;
    for (const g of got) if (want.has(g)) tp++;
    for (const w of want) if (!got.includes(w)) misses.push(`${article.path} missed ${w}`);
    for (const g of got) if (!want.has(g)) misses.push(`${article.path} extra ${g}`);
  }
  const precision = tp / predicted;
  const recall = tp / gold;
  const f1 = (2 * precision * recall) / (precision + recall);
  console.log(`seed gold: P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${f1.toFixed(3)} (${tp}/${predicted} predicted, ${gold} gold)`);
  if (process.env.LEDE_SHOW_MISSES) console.log(misses.join('\n'));
  assert.ok(precision >= MIN_PRECISION, `precision ${precision}\n${misses.join('\n')}`);
  assert.ok(recall >= MIN_RECALL, `recall ${recall}\n${misses.join('\n')}`);
});
