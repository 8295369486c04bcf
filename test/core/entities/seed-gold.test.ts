import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEntityExtractor } from '../../../source/core/entities/index.js';
import { readGold, readSeed } from './helpers.js';

// Exact-span scoring (type + start + end) against the hand-made gold set of the two seed articles.
test('seed gold set: mention precision and recall at least 0.85 (exact spans, typed)', async () => {
  const extractor = await loadEntityExtractor();
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  const misses: string[] = [];
  for (const article of readGold()) {
    const { title, text } = readSeed(article.path);
    assert.equal(title, article.title);
    for (const [source, goldMentions] of [
      [text, article.mentions],
      [title, article.titleMentions],
    ] as const) {
      for (const m of goldMentions) assert.equal(source.slice(m.start, m.end), m.text, 'the fixture matches the text');
      const got = extractor.extract(source).flatMap((e) => e.mentions.map((m) => `${e.type}:${m.start}:${m.end}`));
      const want = new Set(goldMentions.map((m) => `${m.type}:${m.start}:${m.end}`));
      predicted += got.length;
      gold += want.size;
      for (const g of got) if (want.has(g)) tp++;
      for (const w of want) if (!got.includes(w)) misses.push(`${article.path} missed ${w} ${source.slice(Number(w.split(':')[1]), Number(w.split(':')[2]))}`);
    }
  }
  const precision = tp / predicted;
  const recall = tp / gold;
  const f1 = (2 * precision * recall) / (precision + recall);
  console.log(`seed gold: P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${f1.toFixed(3)} (${tp}/${predicted} predicted, ${gold} gold)`);
  if (process.env.LEDE_SHOW_MISSES) console.log(misses.join('\n'));
  assert.ok(precision >= 0.85, `precision ${precision}`);
  assert.ok(recall >= 0.85, `recall ${recall}`);
});
