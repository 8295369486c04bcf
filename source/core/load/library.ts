import type { Article, ArticleFormat, Library, SkippedFile } from '../article.js';
import { articlesFromBytes, type FileOutcome } from './file-articles.js';
import { readFileCapped, readFileCappedSync } from './read-capped.js';
import { readErrorReason, walkPaths, type FoundFile } from './walk.js';

export interface LoadOptions {
  /** Bytes read from one file at most; the rest is left unread and the article says so. */
  maxFileBytes?: number;
  /** Called with (0, total) once the paths are walked, then after each file. */
  onProgress?: (done: number, total: number) => void;
  /** Header label; by default the single path as given, or "N paths". */
  label?: string;
}

export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Work between two yields to the event loop, so a progress display and Ctrl+C stay live. */
const SLICE_MS = 12;

/**
 * Reads every article under `paths` (files and folders, see walkPaths), read-only.
 * Regular files are read synchronously in time slices (see readFileCappedSync); pipes and devices
 * named on the command line are read asynchronously, since they can block.
 * Throws UsageError only for a command-line path that does not exist; a file that cannot be read
 * or is not an article is listed in `skipped` with a short reason, never fatal.
 */
export async function loadLibrary(paths: string[], options: LoadOptions = {}): Promise<Library> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const { files, skipped } = await walkPaths(paths);
  const articles: Article[] = [];
  const fileSkips: SkippedFile[] = [];
  options.onProgress?.(0, files.length);

  let sliceStart = performance.now();
  for (const [index, file] of files.entries()) {
    const outcome = file.regular ? loadFileSync(file, maxFileBytes) : await loadFile(file, maxFileBytes);
    if ('articles' in outcome) articles.push(...outcome.articles);
    else fileSkips.push({ path: file.path, reason: outcome.reason });
    options.onProgress?.(index + 1, files.length);
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return { label: options.label ?? defaultLabel(paths), articles, skipped: [...skipped, ...fileSkips] };
}

function loadFileSync(file: FoundFile, maxFileBytes: number): FileOutcome {
  try {
    const { bytes, truncated } = readFileCappedSync(file.path, maxFileBytes);
    return articlesFromBytes(file.path, bytes, file.format, truncated ? maxFileBytes : undefined);
  } catch (error) {
    return { reason: readErrorReason(error) };
  }
}

async function loadFile(file: FoundFile, maxFileBytes: number): Promise<FileOutcome> {
  try {
    const { bytes, truncated } = await readFileCapped(file.path, maxFileBytes);
    return articlesFromBytes(file.path, bytes, file.format, truncated ? maxFileBytes : undefined);
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
