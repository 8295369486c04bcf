import { readSync } from 'node:fs';
import { decodeBytes } from './decode.js';
import type { FileOutcome } from './file-articles.js';
import { CollectionReader, type CollectionFormat } from './json-collection.js';
import { NotAnArticleError } from './not-an-article.js';
import type { OpenedFile } from './read-capped.js';
import { errorCode, readErrorReason } from './read-errors.js';
import type { TimeSlices } from './time-slices.js';

export interface StreamContext {
  /** Bytes of one record at most. */
  maxRecordBytes: number;
  slices: TimeSlices;
  /** Called when a file that spans several chunks gives the event loop a turn, with the articles read from it so far. */
  onPause?: (articlesSoFar: number) => void;
}

/** Bytes read at a time: small enough that a chunk's records parse well within a time slice. */
const CHUNK_BYTES = 64 * 1024;
/** What the encoding and binary checks look at, as decodeBytes does for a whole file. */
const SNIFF_BYTES = 8192;

/**
 * A regular JSON or JSON Lines file of any size, streamed record by record (see
 * CollectionReader): its first `size` bytes as fstat saw them at open (a file appended to
 * meanwhile cannot keep the read going), in chunks, with the event loop given a turn between
 * slices. Undefined for a UTF-16 file, which the byte-level splitters cannot cut: the caller
 * reads that one whole, up to the file cap.
 */
export async function streamCollection(
  opened: OpenedFile,
  path: string,
  format: CollectionFormat,
  context: StreamContext,
): Promise<FileOutcome | undefined> {
  try {
    const size = opened.stats.size;
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, size));
    const head = chunk.subarray(0, readSync(opened.fd, chunk, 0, Math.min(SNIFF_BYTES, chunk.length), 0));
    const sniffed = decodeBytes(head, { truncated: true });
    if ('binary' in sniffed) return { reason: sniffed.reason };
    if (sniffed.encoding.startsWith('utf-16')) return undefined;
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    const start = bom ? 3 : 0;
    const reader = new CollectionReader(path, format, { maxRecordBytes: context.maxRecordBytes, utf8Promised: bom });
    let position = start;
    while (position < size) {
      const bytesRead = readSync(opened.fd, chunk, 0, Math.min(chunk.length, size - position), position);
      if (bytesRead === 0) break; // the file shrank while being read
      reader.write(chunk.subarray(0, bytesRead));
      position += bytesRead;
      if (reader.needsRestart) {
        reader.restartAsLines();
        position = start;
      }
      if (position < size) await context.slices.pauseIfDue(() => context.onPause?.(reader.count));
    }
    return { articles: reader.end() };
  } catch (error) {
    if (error instanceof NotAnArticleError) return { reason: error.message };
    return { reason: errorCode(error) === undefined ? 'could not be parsed' : readErrorReason(error) };
  }
}
