import type { Article } from '../article.js';
import { FNV_OFFSET, fnvStep } from '../hash.js';
import { storedByteLength, storedTextBytes } from './text-store.js';

/**
 * The library's articles with each one listed once: an article with the same title and text as
 * one before it (another path, another record, a page saved twice) is dropped, and its id is
 * added to the first one's `duplicates`. The first in the library's order (path order) is kept.
 *
 * No second copy of any text is made: articles are grouped by title and the byte length of their
 * stored text; only within a group of two or more are texts hashed (FNV-1a over the stored
 * UTF-8), and a matching hash is confirmed byte for byte, so two different texts are never merged.
 */
export function listDuplicatesOnce(articles: Article[]): Article[] {
  const groups = new Map<string, Article | Map<number, Article[]>>();
  const kept: Article[] = [];
  for (const article of articles) {
    // The length only: a body kept in the library cache's file is read only if it has a twin in size and title.
    const key = `${storedByteLength(article)}\u0000${article.title}`;
    let group = groups.get(key);
    if (group === undefined) {
      groups.set(key, article);
      kept.push(article);
      continue;
    }
    if (!(group instanceof Map)) {
      // The second article of its title and size: from now on the group is keyed by hash.
      group = new Map([[hashBytes(storedTextBytes(group)), [group]]]);
      groups.set(key, group);
    }
    const bytes = storedTextBytes(article);
    const hash = hashBytes(bytes);
    const sameHash = group.get(hash);
    const original = sameHash?.find((other) => storedTextBytes(other).equals(bytes));
    if (original) {
      (original.duplicates ??= []).push(article.id);
      continue;
    }
    if (sameHash) sameHash.push(article);
    else group.set(hash, [article]);
    kept.push(article);
  }
  return kept;
}

/** FNV-1a over bytes, lede's one hash (a collision costs a byte comparison, never a wrong merge). */
function hashBytes(bytes: Uint8Array): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < bytes.length; i++) hash = fnvStep(hash, bytes[i]!);
  return hash >>> 0;
}
