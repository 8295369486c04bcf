import type { Article } from '../article.js';
import { collectionFromText } from './json-collection.js';

/**
 * JSON Lines already in memory: one article object per line, id `path#N` with N the line number
 * (so `sed -n Np` finds it). A malformed line is skipped and counted in a note on every article
 * of the file; only a file with no readable line at all is skipped. Files on disk are streamed
 * instead (see CollectionReader).
 */
export function parseJsonl(path: string, text: string): Article[] {
  return collectionFromText(path, text, 'jsonl');
}
