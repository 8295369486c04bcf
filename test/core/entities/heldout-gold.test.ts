import { join } from 'node:path';
import { root } from './helpers.js';
import { checkModernGold } from './modern-gold-check.js';

// The held-out modern-news gold set's own consistency, not the extractor's score: the set was
// annotated blind, and its score is only read from `npm run eval:entities`, never asserted here.
checkModernGold('modern-news held-out', join(root, 'test/fixtures/modern-news-heldout'), 25);
