import { join } from 'node:path';
import { root } from './helpers.js';
import { checkModernGold } from './modern-gold-check.js';

// The second modern-news dev set's own consistency, not the extractor's score: offsets, aliases and
// non-entities must stay true to the articles as lede reads them, or every figure on it is wrong.
checkModernGold('modern-news dev2', join(root, 'test/fixtures/modern-news-dev2'), 20);
