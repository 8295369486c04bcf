/** `@name`: the articles that mention an entity by a name, through the library's entity index. */
import Fuse from 'fuse.js';
import type { LibraryEntityIndex } from './library-index.js';

const nameSearches = new WeakMap<LibraryEntityIndex, Fuse<{ key: string; name: string }>>();

/** fuse.js over the library's entity names: a short list, where its typo-tolerant scoring shines. */
function nameSearch(index: LibraryEntityIndex): Fuse<{ key: string; name: string }> {
  let search = nameSearches.get(index);
  if (!search) {
    const names = [...index.labels].map(([key, label]) => ({ key, name: label.name }));
    search = new Fuse(names, { keys: ['name'], threshold: 0.3, ignoreLocation: true });
    nameSearches.set(index, search);
  }
  return search;
}

/**
 * Article ids (library order) mentioning an entity whose key or display name contains `query`
 * ("@shoigu"); when no name does, the names it is a typo of ("@netanyhau").
 */
export function articlesMatching(index: LibraryEntityIndex, query: string): string[] {
  const q = query.replace(/^@/, '').trim().toLowerCase();
  if (!q) return [];
  let keys = [...index.labels]
    .filter(([key, label]) => key.slice(key.indexOf(':') + 1).includes(q) || label.name.toLowerCase().includes(q))
    .map(([key]) => key);
  if (keys.length === 0) keys = nameSearch(index).search(q).map((result) => result.item.key);
  const hit = new Set(keys.flatMap((key) => index.articlesByKey.get(key) ?? []));
  return index.order.filter((id) => hit.has(id));
}

/**
 * Article ids (library order) that match every one of `terms` (articlesMatching each): the
 * `@a @b` filter of the list and of `lede search`, an AND like the words of a query.
 */
export function articlesMatchingAll(index: LibraryEntityIndex, terms: readonly string[]): string[] {
  if (terms.length === 0) return [...index.order];
  const sets = terms.map((term) => new Set(articlesMatching(index, term)));
  return index.order.filter((id) => sets.every((set) => set.has(id)));
}
