import type { Article, ArticleFormat, Library, SkippedFile } from '../article.js';
import { articlesFromBytes, type FileOutcome } from './file-articles.js';
import type { FileFormat } from './parse.js';
import { readFileCapped } from './read-capped.js';
import { readErrorReason, walkPaths } from './walk.js';

export interface LoadOptions {
  /** Bytes read from one file at most; the rest is left unread and the article says so. */
  maxFileBytes?: number;
  /** Called with (0, total) once the paths are walked, then after each file. */
  onProgress?: (done: number, total: number) => void;
  /** Header label; by default the single path as given, or "N paths". */
  label?: string;
}

export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Files in flight at once. Reads go through libuv's pool of 4 threads; keeping more requests
 * queued than threads hides each file's open/stat/read/close latency without holding many buffers.
 */
const CONCURRENT_FILES = 32;

/**
 * Reads every article under `paths` (files and folders, see walkPaths), read-only.
 * Throws UsageError only for a command-line path that does not exist; a file that cannot be read
 * or is not an article is listed in `skipped` with a short reason, never fatal.
 */
export async function loadLibrary(paths: string[], options: LoadOptions = {}): Promise<Library> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const { files, skipped } = await walkPaths(paths);
  const outcomes = new Array<FileOutcome>(files.length);
  let done = 0;
  options.onProgress?.(0, files.length);

  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index]!;
      outcomes[index] = await loadFile(file.path, file.format, maxFileBytes);
      options.onProgress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_FILES, files.length) }, worker));

  const articles: Article[] = [];
  const fileSkips: SkippedFile[] = [];
  outcomes.forEach((outcome, index) => {
    if ('articles' in outcome) articles.push(...outcome.articles);
    else fileSkips.push({ path: files[index]!.path, reason: outcome.reason });
  });
  return { label: options.label ?? defaultLabel(paths), articles, skipped: [...skipped, ...fileSkips] };
}

async function loadFile(path: string, format: FileFormat | undefined, maxFileBytes: number): Promise<FileOutcome> {
  try {
    const { bytes, truncated } = await readFileCapped(path, maxFileBytes);
    return articlesFromBytes(path, bytes, format, truncated ? maxFileBytes : undefined);
  } catch (error) {
    return { reason: readErrorReason(error) };
  }
}

/**
 * A library from bytes already in memory, e.g. standard input (`path` "-", labelled "standard
 * input", articles get format "stdin"). Without a `format` (or with "stdin") the text is sniffed.
 * `truncatedAt` is the cap the bytes were cut at, if they were (see readStreamCapped).
 */
export function libraryFromBytes(
  path: string,
  bytes: Uint8Array,
  format?: ArticleFormat,
  options: { truncatedAt?: number } = {},
): Library {
  const isStdin = path === '-';
  const outcome = articlesFromBytes(path, bytes, format === 'stdin' ? undefined : format, options.truncatedAt);
  const label = isStdin ? 'standard input' : path;
  if (!('articles' in outcome)) return { label, articles: [], skipped: [{ path, reason: outcome.reason }] };
  const articles = isStdin ? outcome.articles.map((article) => ({ ...article, format: 'stdin' as const })) : outcome.articles;
  return { label, articles, skipped: [] };
}

function defaultLabel(paths: string[]): string {
  return paths.length === 1 ? paths[0]! : `${paths.length} paths`;
}
