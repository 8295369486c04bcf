import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkippedFile } from '../article.js';
import { UsageError } from '../errors.js';
import { sanitizeSingleLine } from '../sanitize.js';
import { formatForPath, type FileFormat } from './parse.js';

export interface FoundFile {
  /** As the user named it, or the folder they named joined with the names below it. */
  path: string;
  /** From the extension; undefined for a file named on the command line with another extension (sniffed when read). */
  format: FileFormat | undefined;
  /** A regular file (not a pipe or device named on the command line), so reading it cannot block. */
  regular: boolean;
}

export interface WalkResult {
  files: FoundFile[];
  /** Folders that could not be listed, links that lead nowhere. */
  skipped: SkippedFile[];
}

/**
 * Expands command-line paths into the article files to read, in a stable order: each folder's
 * entries sorted by name in code-unit order (the same on every machine and locale), folders
 * walked where they sort. Hidden entries and node_modules are skipped, as are files of other
 * types, unless named explicitly. Every directory is entered once by its real path, so symlink
 * loops end, and a file reached twice (by a link, or named twice) is read once.
 * Throws UsageError for a path on the command line that does not exist or cannot be reached.
 */
export async function walkPaths(paths: string[]): Promise<WalkResult> {
  const walker = new Walker();
  for (const path of paths) await walker.visitExplicit(path);
  return { files: walker.files, skipped: walker.skipped };
}

export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

function byCodeUnits(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

class Walker {
  readonly files: FoundFile[] = [];
  readonly skipped: SkippedFile[] = [];
  private readonly seenDirectories = new Set<string>();
  private readonly seenFiles = new Set<string>();

  async visitExplicit(path: string): Promise<void> {
    let stats: Stats;
    let real: string;
    try {
      stats = await stat(path);
      real = await realpath(path);
    } catch (error) {
      throw new UsageError(`${explainPathError(errorCode(error))}: ${sanitizeSingleLine(path)}`);
    }
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
      if (isIgnoredName(entry.name)) continue;
      const child = join(path, entry.name);
      if (entry.isDirectory()) await this.visitDirectory(child, join(real, entry.name));
      else if (entry.isFile()) this.addWalkedFile(child, join(real, entry.name));
      else if (entry.isSymbolicLink()) await this.visitLink(child);
      // FIFOs, sockets and devices inside folders are never opened: reading one could block forever.
    }
  }

  private addWalkedFile(path: string, real: string): void {
    const format = formatForPath(path);
    if (format) this.addFile({ path, format, regular: true }, real);
  }

  private async visitLink(path: string): Promise<void> {
    try {
      const stats = await stat(path);
      const real = await realpath(path);
      if (stats.isDirectory()) await this.visitDirectory(path, real);
      else if (stats.isFile()) this.addWalkedFile(path, real);
    } catch (error) {
      if (formatForPath(path)) this.skipped.push({ path, reason: readErrorReason(error, 'broken link') });
    }
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

/** A short human reason for a file or folder that could not be read. */
export function readErrorReason(error: unknown, notFound = 'not found'): string {
  switch (errorCode(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return notFound;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default: {
      const code = errorCode(error);
      return code ? `unreadable (${code})` : 'unreadable';
    }
  }
}
