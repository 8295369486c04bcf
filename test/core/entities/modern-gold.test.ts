import { join } from 'node:path';
import { root } from './helpers.js';
import { checkModernGold } from './modern-gold-check.js';

// The modern-news gold set's own consistency (not the extractor's score).
checkModernGold('modern-news', join(root, 'test/fixtures/modern-news'), 30);
