import { createHash } from 'node:crypto';
import type { Article } from '../article.js';
import { storedTextBytes } from './text-store.js';

/**
 * The library's articles with each one listed once: an article with the same title and text as
 * one before it (another path, another record, a page saved twice) is dropped, and its id is
 * added to the first one's `duplicates`. The first in the library's order (path order) is kept.
 *
 * No second copy of any text is made: articles are grouped by title and the byte length of their
 * stored text; only within a group of two or more are texts hashed (SHA-1 of the stored UTF-8),
 * and a matching hash is confirmed byte for byte, so two different texts are never merged.
 */
export function listDuplicatesOnce(articles: Article[]): Article[] {
  const groups = new Map<string, Article | Map<string, Article>>();
  const kept: Article[] = [];
  for (const article of articles) {
    const bytes = storedTextBytes(article);
    const key = `${bytes.length}\u0000${article.title}`;
    let group = groups.get(key);
    if (group === undefined) {
      groups.set(key, article);
      kept.push(article);
      continue;
    }
    if (!(group instanceof Map)) {
      // The second article of its title and size: from now on the group is keyed by hash.
      group = new Map([[digest(storedTextBytes(group)), group]]);
      groups.set(key, group);
    }
    const hash = digest(bytes);
    const original = group.get(hash);
    if (original && storedTextBytes(original).equals(bytes)) {
      (original.duplicates ??= []).push(article.id);
    } else {
      if (!original) group.set(hash, article);
      kept.push(article);
    }
  }
  return kept;
}

function digest(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}
