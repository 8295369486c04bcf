import { closeSync } from 'node:fs';
import { openForReading, readRegularSync, type CappedBytes } from '../../source/core/load/read-capped.js';
import { isADirectory, notRegularFileError } from '../../source/core/load/read-errors.js';

/**
 * A path read the way the loader reads a regular file synchronously (load-file.ts: open, check
 * what was opened, read at most the cap), for tests that compare it with readFileCapped.
 */
export function readFileCappedSync(path: string, maxBytes: number): CappedBytes {
  const opened = openForReading(path);
  try {
    if (opened.stats.isDirectory()) throw isADirectory(path);
    if (!opened.stats.isFile()) throw notRegularFileError(path);
    return readRegularSync(opened, maxBytes);
  } finally {
    closeSync(opened.fd);
  }
}
