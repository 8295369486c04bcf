/**
 * `lede list`: the library in an order (the app's own, core/library-order.ts), narrowed to unread
 * or flagged articles by the read state the reader keeps, which the list only reads.
 */
import type { Article, Library } from '../core/article';
import type { ReadingLoad } from '../core/reading';
import { isShown, LIBRARY_ORDERS, type LibraryOrder, orderedIndices, reversedIndices } from '../core/library-order';
import { UsageError } from '../core/errors';
import { listJson, listPlain, type MarkOf, skippedNote } from './list';

export interface ListOptions {
  json: boolean;
  sort?: string;
  reverse?: boolean;
  unread?: boolean;
  flagged?: boolean;
  /** Where the read state comes from: by default lede's state directory (core/reading.ts). */
  loadMarks?: () => ReadingLoad;
}

function orderOf(sort: string | undefined): LibraryOrder {
  if (sort === undefined) return 'path';
  const order = LIBRARY_ORDERS.find((o) => o === sort);
  if (!order) throw new UsageError(`--sort takes ${LIBRARY_ORDERS.join(', ')}, not '${sort}'`);
  return order;
}

/**
 * The read state, read only when it is needed (for --json, --unread or --flagged): hashing every
 * article's text is work a plain `lede list` should not pay for. A file that cannot be used is a
 * note, and every article then counts as unread and unflagged.
 */
async function readMarks(library: Library, loadMarks?: () => ReadingLoad): Promise<{ markOf: MarkOf; problem: string | null }> {
  const { ReadingStore, readingKey } = await import('../core/reading');
  const { marks, problem } = loadMarks ? loadMarks() : new ReadingStore().load();
  return { markOf: (article) => (marks.size === 0 ? undefined : marks.get(readingKey(article))), problem: library.articles.length > 0 ? problem : null };
}

/** The list's text for stdout and its notes for stderr. */
export async function listArticles(library: Library, options: ListOptions): Promise<{ text: string; notes: string[] }> {
  const order = orderOf(options.sort);
  const needsMarks = options.json || options.unread || options.flagged;
  const { markOf, problem } = needsMarks ? await readMarks(library, options.loadMarks) : { markOf: undefined, problem: null };
  const indices = options.reverse ? reversedIndices(library.articles, order) : orderedIndices(library.articles, order);
  const shown: Article[] = [];
  for (const i of indices) {
    const article = library.articles[i]!;
    const mark = markOf?.(article);
    if (options.unread && !isShown(mark, 'unread')) continue;
    if (options.flagged && !isShown(mark, 'flagged')) continue;
    shown.push(article);
  }
  const notes = [problem, options.json ? undefined : skippedNote(library)].filter((n): n is string => Boolean(n));
  return { text: options.json ? listJson(library, markOf, shown) : listPlain(shown), notes };
}
