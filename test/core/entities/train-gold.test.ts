import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './helpers.js';
import { checkModernGold } from './modern-gold-check.js';

// The modern training set's own consistency: its labels are what the tagger learns from, so a span
// off by one or a name left out teaches the wrong thing. Each writer keeps a gold file (gold-a.json,
// gold-b.json, ...); every name, MISC included, is labelled.
const dir = join(root, 'test/fixtures/modern-news-train');
const goldFiles = readdirSync(dir).filter((f) => /^gold-[a-z]\.json$/.test(f)).sort();
checkModernGold('modern-news training set', dir, 40, { goldFiles, misc: true, minWords: 200 });

// The training labels follow the evaluation sets' conventions, or the tagger learns to put in the
// panel what the evaluations count as a non-entity: a platform named as where something was posted
// ("wrote on X", "streamed on YouTube") is a product (MISC), as the gold sets list it. The exceptions
// are a name that is also an actor elsewhere: an exchange trades ("on the Nasdaq"), a newspaper
// reports ("The Nikkei reported"), and TikTok is the company in a story about the company.
const ACTOR_AS_WELL = new Set(['Nasdaq', 'Nikkei', 'TikTok']);
test('no name an evaluation set lists as a non-entity is a person, place or organization in training', () => {
  const listed = new Set<string>();
  for (const set of ['modern-news', 'modern-news-dev', 'modern-news-dev2']) {
    const gold = JSON.parse(readFileSync(join(root, 'test/fixtures', set, 'gold.json'), 'utf8')) as { articles: { notEntities: string[] }[] };
    for (const article of gold.articles) for (const name of article.notEntities) listed.add(name);
  }
  const clashes: string[] = [];
  for (const file of goldFiles) {
    const gold = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { articles: { file: string; entities: { name: string; type: string; aliases: string[] }[] }[] };
    for (const article of gold.articles)
      for (const entity of article.entities)
        for (const form of [entity.name, ...entity.aliases])
          if (entity.type !== 'misc' && listed.has(form) && !ACTOR_AS_WELL.has(form)) clashes.push(`${article.file}: ${form} (${entity.type})`);
  }
  assert.deepEqual(clashes, []);
});
