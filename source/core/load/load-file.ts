import { closeSync } from 'node:fs';
import { readArticlesFromBytes, type FileOutcome } from './file-articles.js';
import type { PageWorker } from './html/page-worker-client.js';
import { openForReading, readAsyncCapped, readRegularSync, type CappedBytes, type OpenedFile } from './read-capped.js';
import { readErrorReason } from './read-errors.js';
import { streamCollection, type StreamContext } from './stream-collection.js';
import { NOT_REGULAR, type FoundFile } from './walk.js';

export interface FileLoadContext extends Omit<StreamContext, 'maxRecordBytes'> {
  /** Bytes read from one article file at most; for JSON and JSON Lines files, from one record. */
  maxFileBytes: number;
  /** Reads web pages (started on the first one). */
  pages: PageWorker;
}

/**
 * One walked file → its articles, or the reason it is skipped; never throws, never blocks.
 * What counts is what is opened, not what was walked: a path swapped for a FIFO or a device since
 * the walk is skipped as "not a regular file". Only a pipe or device named on the command line
 * is read as one, asynchronously. Regular files are read synchronously (the caller slices the
 * work); JSON and JSON Lines files are streamed record by record, whatever their size.
 */
export async function loadFile(file: FoundFile, context: FileLoadContext): Promise<FileOutcome> {
  let opened: OpenedFile;
  try {
    opened = openForReading(file.path);
  } catch (error) {
    return { reason: readErrorReason(error) };
  }
  const { stats } = opened;
  if (!file.regular && !stats.isFile() && !stats.isDirectory()) {
    return articlesFrom(file, context, () => readAsyncCapped(opened, context.maxFileBytes));
  }
  try {
    if (stats.isDirectory()) return { reason: 'is a directory' };
    if (!stats.isFile()) return { reason: NOT_REGULAR };
    // Size 0 is an empty file or a /proc-style one of unknown length: read whole, capped.
    if ((file.format === 'json' || file.format === 'jsonl') && stats.size > 0) {
      const streamed = await streamCollection(opened, file.path, file.format, { ...context, maxRecordBytes: context.maxFileBytes });
      if (streamed) return streamed;
    }
    return await articlesFrom(file, context, () => readRegularSync(opened, context.maxFileBytes));
  } finally {
    closeSync(opened.fd);
  }
}

async function articlesFrom(file: FoundFile, context: FileLoadContext, read: () => CappedBytes | Promise<CappedBytes>): Promise<FileOutcome> {
  try {
    const { bytes, truncated } = await read();
    return await readArticlesFromBytes(file.path, bytes, file.format, truncated ? context.maxFileBytes : undefined, context.pages);
  } catch (error) {
    return { reason: readErrorReason(error) };
  }
}
