import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.js';
import { checkModernGold } from './modern-gold-check.js';

// The modern training set's own consistency: its labels are what the tagger learns from, so a span
// off by one or a name left out teaches the wrong thing. Each writer keeps a gold file (gold-a.json,
// gold-b.json, ...); every name, MISC included, is labelled.
const dir = join(root, 'test/fixtures/modern-news-train');
const goldFiles = readdirSync(dir).filter((f) => /^gold-[a-z]\.json$/.test(f)).sort();
checkModernGold('modern-news training set', dir, 40, { goldFiles, misc: true, minWords: 200 });
