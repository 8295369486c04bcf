import { statSync } from 'node:fs';

/**
 * What says a file is the one read before: size, modification and change times to the
 * nanosecond, inode and device, as one string. Any write changes the change time, a copy or a
 * rename-over changes the inode: a file with the same identity holds the same bytes, unless it
 * was written again within the same clock tick as it was looked at (see isSettled).
 */
export interface FileIdentity {
  identity: string;
  /** Modification time in milliseconds since the epoch. */
  mtimeMs: number;
}

/**
 * The identity of the regular file at `path` (links followed, as the loader opens it), or
 * undefined for anything whose bytes lede cannot vouch for by its identity: what is not a
 * regular file, and an empty one (the loader reads an empty-looking file whole: a /proc file
 * says size 0 and changes without its times changing).
 */
export function fileIdentity(path: string): FileIdentity | undefined {
  try {
    const stats = statSync(path, { bigint: true });
    if (!stats.isFile() || stats.size === 0n) return undefined;
    return {
      identity: `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}:${stats.dev}`,
      mtimeMs: Number(stats.mtimeNs / 1_000_000n),
    };
  } catch {
    return undefined;
  }
}

/**
 * Whether a file last modified at `mtimeMs` is old enough for its identity to be trusted at
 * `nowMs`: one written again within the same timestamp tick would keep its times (2 s on FAT,
 * a few milliseconds elsewhere), so a file modified that recently is read again next time.
 */
export function isSettled(mtimeMs: number, nowMs: number, windowMs: number): boolean {
  return mtimeMs < nowMs - windowMs;
}
