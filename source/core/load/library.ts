import type { Article, ArticleFormat, Library, SkippedFile } from '../article.js';
import type { FileFormat } from './parse.js';
import { listDuplicatesOnce } from './duplicates.js';
import { articlesFromBytes, readArticlesFromBytes, type FileOutcome } from './file-articles.js';
import { PageWorker } from './html/page-worker-client.js';
import { FileIdentities } from './file-identities.js';
import { LibraryCacheRun, type LibraryCacheOptions } from './library-cache.js';
import { loadFile } from './load-file.js';
import { TimeSlices } from './time-slices.js';
import { walkPaths } from './walk.js';

export interface LoadOptions {
  /**
   * Bytes read from one file at most; the rest is left unread and the article says so. For JSON
   * and JSON Lines files, which are streamed whatever their size, it caps each record instead.
   */
  maxFileBytes?: number;
  /**
   * Called with (0, total) once the paths are walked, then after each file, and while a file
   * that spans many chunks is read (`done` then counts the files finished before it); `articles`
   * is how many have been read so far, that file's included.
   */
  onProgress?: (done: number, total: number, articles: number) => void;
  /** Header label; by default the single path as given, or "N paths". */
  label?: string;
  /** Follow every symbolic link inside the folders, not only those that stay inside the paths given (see walkPaths). */
  followLinks?: boolean;
  /** How long loading works between two turns of the event loop (default 12 ms). */
  sliceMs?: number;
  /** How long one web page may take in the reader view before it is read from its markup alone (default 10 s). */
  pageTimeoutMs?: number;
  /** Where what was loaded is kept for the next start (library-cache.ts); null: not kept. Default: lede's cache directory. */
  cache?: LibraryCacheOptions | null;
}

export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Work between two yields to the event loop, so a progress display and Ctrl+C stay live. */
const DEFAULT_SLICE_MS = 12;

/**
 * Reads every article under `paths` (files and folders, see walkPaths), read-only, in time
 * slices (see loadFile for how each file is read, and why none can block). An article found
 * again under another path is listed once (see listDuplicatesOnce).
 * Throws UsageError only for a command-line path that does not exist; a file that cannot be read
 * or is not an article is listed in `skipped` with a short reason, never fatal.
 */
export async function loadLibrary(paths: string[], options: LoadOptions = {}): Promise<Library> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const slices = new TimeSlices(options.sliceMs ?? DEFAULT_SLICE_MS);
  // The cache file's header is read in libuv's pool while the folders are walked, and checked
  // once they are listed, on this thread (a moment at 20,000 articles, seconds at 100,000: the
  // interactive reader draws its first frame meanwhile); its blob is digested in the pool
  // meanwhile and stays in the file (cache-blob.ts).
  const cache = options.cache === null ? null : LibraryCacheRun.open(paths, { followLinks: options.followLinks ?? false, maxFileBytes }, options.cache);
  const endParking = cache?.parkBodies();
  try {
    return await loadWith(paths, options, maxFileBytes, slices, cache);
  } finally {
    endParking?.();
  }
}

async function loadWith(paths: string[], options: LoadOptions, maxFileBytes: number, slices: TimeSlices, cache: LibraryCacheRun | null): Promise<Library> {
  const { files, skipped } = await walkPaths(paths, { followLinks: options.followLinks, slices });
  // What the cache is checked against, stat'ed in a worker while this thread checks the cache.
  const identities = cache && FileIdentities.start(files.map((file) => file.path), options.cache?.identityWorkerFrom);
  await Promise.all([cache?.ready(), identities?.ready()]);
  const articles: Article[] = [];
  const fileSkips: SkippedFile[] = [];
  const progress = (done: number, readFromCurrentFile = 0) =>
    options.onProgress?.(done, files.length, articles.length + readFromCurrentFile);
  progress(0);

  const pages = new PageWorker(options.pageTimeoutMs);
  try {
    for (const [index, file] of files.entries()) {
      const known = cache?.lookup(file, () => identities?.of(index));
      let outcome: FileOutcome;
      if (known && 'outcome' in known) outcome = known.outcome;
      else {
        outcome = await loadFile(file, { maxFileBytes, slices, pages, onPause: (soFar) => progress(index, soFar) });
        cache?.noteLoaded(file, known?.identity, outcome);
      }
      // One by one: a spread of a 200,000-record file's articles would overflow the call stack.
      if ('articles' in outcome) for (const article of outcome.articles) articles.push(article);
      else fileSkips.push({ path: file.path, reason: outcome.reason });
      progress(index + 1);
      await slices.pauseIfDue();
    }
  } finally {
    await pages.close();
  }
  const library = { label: options.label ?? defaultLabel(paths), articles: listDuplicatesOnce(articles), skipped: skipped.concat(fileSkips) };
  cache?.finish(library);
  return library;
}

/**
 * A library from bytes already in memory, e.g. standard input (`path` "-", labelled "standard
 * input", articles get format "stdin"). Without a `format` (or with "stdin") the text is sniffed.
 * `truncatedAt` is the cap the bytes were cut at, if they were (see readStreamCapped).
 * A web page is read from its markup alone, with a note (readLibraryFromBytes has the reader view read it).
 */
export function libraryFromBytes(
  path: string,
  bytes: Uint8Array,
  format?: ArticleFormat,
  options: { truncatedAt?: number } = {},
): Library {
  return libraryFromOutcome(path, articlesFromBytes(path, bytes, fileFormat(format), options.truncatedAt));
}

/** libraryFromBytes, with a web page (a saved page piped in) read by the reader view, in the page worker. */
export async function readLibraryFromBytes(
  path: string,
  bytes: Uint8Array,
  format?: ArticleFormat,
  options: { truncatedAt?: number; pageTimeoutMs?: number } = {},
): Promise<Library> {
  const pages = new PageWorker(options.pageTimeoutMs);
  try {
    return libraryFromOutcome(path, await readArticlesFromBytes(path, bytes, fileFormat(format), options.truncatedAt, pages));
  } finally {
    await pages.close();
  }
}

function fileFormat(format: ArticleFormat | undefined): FileFormat | undefined {
  return format === 'stdin' ? undefined : format;
}

function libraryFromOutcome(path: string, outcome: FileOutcome): Library {
  const isStdin = path === '-';
  const label = isStdin ? 'standard input' : path;
  if (!('articles' in outcome)) return { label, articles: [], skipped: [{ path, reason: outcome.reason }] };
  const articles = isStdin ? outcome.articles.map((article) => ({ ...article, format: 'stdin' as const })) : outcome.articles;
  return { label, articles: listDuplicatesOnce(articles), skipped: [] };
}

function defaultLabel(paths: string[]): string {
  return paths.length === 1 ? paths[0]! : `${paths.length} paths`;
}
