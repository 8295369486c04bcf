import { closeSync, constants, fstatSync, openSync, read, readSync, type Stats } from 'node:fs';
import { Socket } from 'node:net';
import { isADirectory } from './read-errors.js';

export interface CappedBytes {
  bytes: Uint8Array;
  /** The source had more than the cap; `bytes` holds exactly the first `maxBytes`. */
  truncated: boolean;
}

export interface OpenedFile {
  fd: number;
  /** What was opened, which is what counts: the path may have been swapped since it was walked. */
  stats: Stats;
}

/**
 * Read-only; never waits: O_NONBLOCK makes opening a FIFO return at once (even with no writer)
 * and a read that would block fail with EAGAIN instead of hanging; O_NOCTTY keeps a terminal
 * device from becoming lede's controlling terminal.
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/** Chunk size for sources whose size is unknown in advance (pipes, devices, /proc files). */
const CHUNK_BYTES = 64 * 1024;

/** Opens `path` for reading and says what it is. Throws the fs error (ENOENT, EACCES…). */
export function openForReading(path: string): OpenedFile {
  const fd = openSync(path, OPEN_FLAGS);
  try {
    return { fd, stats: fstatSync(fd) };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * The first `maxBytes` of an opened regular file, synchronously: on a local disk this is ten
 * times faster than the promise API (which pays a thread-pool round trip for each of open, stat,
 * read and close), and the fd is non-blocking, so a "regular" file that would block (/proc/kmsg)
 * throws EAGAIN rather than holding the event loop. Callers yield between files.
 */
export function readRegularSync(opened: OpenedFile, maxBytes: number): CappedBytes {
  const reads = cappedReads(opened.stats.size, maxBytes);
  let step = reads.next();
  while (!step.done) {
    const { buffer, offset, length, position } = step.value;
    step = reads.next(readSync(opened.fd, buffer, offset, length, position));
  }
  return step.value;
}

/**
 * The first `maxBytes` of an opened file of any kind, asynchronously, so the event loop is never
 * held by it: how a pipe, socket or device named on the command line (`lede <(curl …)`) is read.
 * Takes over the fd and closes it. Pipes go through libuv's poll loop: a slow writer, or none yet,
 * is simply waited for. Other kinds are read on the thread pool; one that has nothing to give
 * (EAGAIN) fails the read.
 */
export async function readAsyncCapped(opened: OpenedFile, maxBytes: number): Promise<CappedBytes> {
  if (opened.stats.isFIFO() || opened.stats.isSocket()) {
    const pipe = new Socket({ fd: opened.fd, readable: true, writable: false });
    try {
      return await readStreamCapped(pipe, maxBytes);
    } finally {
      pipe.destroy();
    }
  }
  try {
    const reads = cappedReads(opened.stats.size, maxBytes);
    let step = reads.next();
    while (!step.done) step = reads.next(await readAsync(opened.fd, step.value));
    return step.value;
  } finally {
    closeSync(opened.fd);
  }
}

/**
 * The first `maxBytes` of any file, never more in memory, opened read-only (see readAsyncCapped).
 * Throws the fs error (ENOENT, EACCES, EISDIR…) for the caller to turn into a skip reason.
 */
export async function readFileCapped(path: string, maxBytes: number): Promise<CappedBytes> {
  const opened = openForReading(path);
  if (opened.stats.isDirectory()) {
    closeSync(opened.fd);
    throw isADirectory(path);
  }
  return readAsyncCapped(opened, maxBytes);
}

/** The first `maxBytes` of a stream (standard input, a pipe), consuming no more of it than that. */
export async function readStreamCapped(stream: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<CappedBytes> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (total + bytes.length > maxBytes) {
      chunks.push(bytes.subarray(0, maxBytes - total));
      total = maxBytes;
      truncated = true;
      break;
    }
    chunks.push(bytes);
    total += bytes.length;
  }
  return { bytes: Buffer.concat(chunks, total), truncated };
}

/** One read the loop below asks for: `length` bytes into `buffer` at `offset`, from `position` (null: where the last read ended). */
interface ReadRequest {
  buffer: Buffer;
  offset: number;
  length: number;
  position: number | null;
}

/**
 * The reading loop, written once for the synchronous and the asynchronous reader: each yields a
 * request, is resumed with the number of bytes read (0 at end of file), and gets the result.
 * A file of known size: its first min(size, cap) bytes, at most one allocation. Unknown size
 * (size 0: pipes, devices, /proc): chunks until end of file or one byte past the cap (which
 * tells "exactly the cap" from "more").
 */
function* cappedReads(size: number, maxBytes: number): Generator<ReadRequest, CappedBytes, number> {
  if (size > 0) {
    const want = Math.min(size, maxBytes);
    const buffer = Buffer.allocUnsafe(want);
    let filled = 0;
    while (filled < want) {
      const bytesRead = yield { buffer, offset: filled, length: want - filled, position: filled };
      if (bytesRead === 0) break; // the file shrank while being read
      filled += bytesRead;
    }
    return { bytes: buffer.subarray(0, filled), truncated: size > maxBytes };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= maxBytes) {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
    const bytesRead = yield { buffer, offset: 0, length: buffer.length, position: null };
    if (bytesRead === 0) break;
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
  }
  const bytes = Buffer.concat(chunks, total);
  return total > maxBytes ? { bytes: bytes.subarray(0, maxBytes), truncated: true } : { bytes, truncated: false };
}

function readAsync(fd: number, request: ReadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, request.buffer, request.offset, request.length, request.position, (error, bytesRead) => {
      if (error) reject(error);
      else resolve(bytesRead);
    });
  });
}
