import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import type { SkippedFile } from '../article.js';
import { UsageError } from '../errors.js';
import { sanitizeSingleLine } from '../sanitize.js';
import { formatForPath, type FileFormat } from './parse.js';
import { errorCode, readErrorReason } from './read-errors.js';
import type { TimeSlices } from './time-slices.js';

export interface FoundFile {
  /** As the user named it, or the folder they named joined with the names below it. */
  path: string;
  /** From the extension; undefined for a file named on the command line with another extension (sniffed when read). */
  format: FileFormat | undefined;
  /**
   * A regular file when walked. False only for a pipe or device named on the command line: the
   * one kind of non-regular file lede reads (asynchronously). The loader checks again what it opens.
   */
  regular: boolean;
}

export interface WalkResult {
  files: FoundFile[];
  /** Folders that could not be listed, links that lead nowhere or out of the tree, files that are not regular. */
  skipped: SkippedFile[];
}

export interface WalkOptions {
  /** Follow every symbolic link (`--follow`), not only those whose target lies inside the paths given. */
  followLinks?: boolean;
  /** Gives the event loop turns during a long walk (a folder of 20,000 entries takes ~100 ms to list). */
  slices?: TimeSlices;
}

/** Why a link inside a folder is not followed by default. */
export const LINK_LEAVES_TREE = 'link leaves the folders given';
export const NOT_REGULAR = 'not a regular file';

/**
 * Expands command-line paths into the article files to read, in a stable order: each folder's
 * entries sorted by name in code-unit order (the same on every machine and locale), folders
 * walked where they sort. Hidden entries and node_modules are skipped, as are files of other
 * types, unless named explicitly. Every directory is entered once by its real path, so symlink
 * loops end, and a file reached twice (by a link, or named twice) is read once.
 * A symbolic link met inside a folder is followed only when its real target lies inside one of
 * the paths given (unless `followLinks`): a link to / or /proc must not turn a folder of articles
 * into a walk of the whole filesystem. Paths on the command line themselves are always followed.
 * Throws UsageError for a path on the command line that does not exist or cannot be reached.
 */
export async function walkPaths(paths: string[], options: WalkOptions = {}): Promise<WalkResult> {
  const named: NamedPath[] = [];
  for (const path of paths) named.push(await resolveNamed(path));
  const walker = new Walker(named.map((n) => n.real), options.followLinks ?? false, options.slices);
  for (const path of named) await walker.visitNamed(path);
  return { files: walker.files, skipped: walker.skipped };
}

export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

function byCodeUnits(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

interface NamedPath {
  path: string;
  real: string;
  stats: Stats;
}

async function resolveNamed(path: string): Promise<NamedPath> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw new UsageError(`${explainPathError(errorCode(error))}: ${sanitizeSingleLine(path)}`);
  }
  // `lede <(curl …)` names /dev/fd/N, a link to "pipe:[1234]", which is no path: it is its own real path.
  const real = await realpath(path).catch(() => path);
  return { path, stats, real };
}

/** `real` is `root` or below it (both real paths, so no `..` or links are left in them). */
function isWithin(real: string, root: string): boolean {
  if (real === root) return true;
  return real.startsWith(root.endsWith(sep) ? root : root + sep);
}

class Walker {
  readonly files: FoundFile[] = [];
  readonly skipped: SkippedFile[] = [];
  private readonly seenDirectories = new Set<string>();
  private readonly seenFiles = new Set<string>();

  constructor(
    /** Real paths of the folders and files named on the command line. */
    private readonly roots: string[],
    private readonly followAllLinks: boolean,
    private readonly slices: TimeSlices | undefined,
  ) {}

  async visitNamed({ path, real, stats }: NamedPath): Promise<void> {
    if (stats.isDirectory()) await this.visitDirectory(path, real);
    // Anything else named explicitly is read, whatever its extension: `lede notes` or `lede <(curl …)`.
    else this.addFile({ path, format: formatForPath(path), regular: stats.isFile() }, real);
  }

  private addFile(file: FoundFile, real: string): void {
    if (this.seenFiles.has(real)) return;
    this.seenFiles.add(real);
    this.files.push(file);
  }

  private async visitDirectory(path: string, real: string): Promise<void> {
    if (this.seenDirectories.has(real)) return;
    this.seenDirectories.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      this.skipped.push({ path, reason: `folder ${readErrorReason(error)}` });
      return;
    }
    entries.sort(byCodeUnits);
    for (const entry of entries) {
      await this.slices?.pauseIfDue();
      if (isIgnoredName(entry.name)) continue;
      const child = childPath(path, entry.name);
      // `real` is a real path, normalised, and an entry's name holds no separator: joined as
      // path.join would join them, without its normalising pass over the whole path (a fifth of
      // walking 2,000 files, that code run cold).
      if (entry.isDirectory()) await this.visitDirectory(child, childPath(real, entry.name));
      else if (entry.isFile()) this.addWalkedFile(child, childPath(real, entry.name));
      else if (entry.isSymbolicLink()) await this.visitLink(child);
      // FIFOs, sockets and devices inside folders are never opened: reading one could block forever.
      else this.skipArticleNamed(child, NOT_REGULAR);
    }
  }

  private addWalkedFile(path: string, real: string): void {
    const format = formatForPath(path);
    if (format) this.addFile({ path, format, regular: true }, real);
  }

  /** Lists a skip for an entry lede would have read as an article; other names are not its business. */
  private skipArticleNamed(path: string, reason: string): void {
    if (formatForPath(path)) this.skipped.push({ path, reason });
  }

  private async visitLink(path: string): Promise<void> {
    let stats: Stats;
    let real: string;
    try {
      stats = await stat(path);
      real = await realpath(path);
    } catch (error) {
      this.skipArticleNamed(path, readErrorReason(error, 'broken link'));
      return;
    }
    if (!this.followAllLinks && !this.roots.some((root) => isWithin(real, root))) {
      if (stats.isDirectory()) this.skipped.push({ path, reason: LINK_LEAVES_TREE });
      else this.skipArticleNamed(path, LINK_LEAVES_TREE);
      return;
    }
    if (stats.isDirectory()) await this.visitDirectory(path, real);
    else if (stats.isFile()) this.addWalkedFile(path, real);
    else this.skipArticleNamed(path, NOT_REGULAR);
  }
}

function explainPathError(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return `cannot open${code ? ` (${code})` : ''}`;
  }
}

export { readErrorReason } from './read-errors.js';

/**
 * A folder's entry, its path written the way the folder was given (`./news/` gives
 * `./news/a.txt`, as grep prints it; path.join would drop the `./`).
 */
export function childPath(folder: string, name: string): string {
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}
