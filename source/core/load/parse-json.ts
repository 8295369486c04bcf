import type { Article } from '../article.js';
import { collectionFromText } from './json-collection.js';

/**
 * A `.json` file already in memory: one article object (id = path), an array of them, or
 * `{articles: [...]}` (ids `path#N`, N the record's position from 1). Records that are not
 * articles are skipped and counted in a note. A file that is really JSON Lines is read as such.
 * Files on disk are streamed instead (see CollectionReader); this is for standard input and files
 * whose format was sniffed.
 */
export function parseJson(path: string, text: string): Article[] {
  return collectionFromText(path, text, 'json');
}
