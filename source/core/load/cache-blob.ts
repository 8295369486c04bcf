/**
 * The library cache file's blob (library-cache-format.ts: every body's UTF-8, end to end) as a
 * load uses it. Read whole, it was the largest thing in memory: 92 MB at 20,000 articles, 437 MB
 * at 100,000, held for as long as the library, though a second start reads few bodies (the search
 * index and the entity index are loaded, not built). So it stays in the file: its digests are
 * checked as it is read through once, a chunk at a time in libuv's pool, and a body is read from
 * the file (the descriptor kept open) when it is asked for, and checked each time (text-store.ts:
 * the file may have been changed since it was checked). What is read is never more than a few chunks.
 *
 * A test's own file system (faults injected) has the file read whole, as own-files reads it.
 */
import { closeSync, read, readSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { promisify } from 'node:util';
import { closeOwnFile, errnoCode, openOwnFile, readOwnBytes, realFileSystem, type OwnFileFailure, type OwnFileSystem } from '../own-files.js';
import type { OutsideBytes } from './text-store.js';

const readInPool = promisify(read);

/** The blob is digested in chunks this big (the file says the digest of each). */
export const BLOB_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Chunks digested at once. WebCrypto copies what it digests: with every chunk of a 460 MB blob
 * (100,000 articles) started together, the whole blob was copied at once (peak RSS 1.13 GB).
 */
const DIGEST_JOBS = 2;

export interface CacheBlob {
  /** Its length in bytes. */
  readonly length: number;
  /** What the articles' bodies are read from. */
  readonly bodies: Buffer | OutsideBytes;
  /** Whether each BLOB_CHUNK_BYTES of it has its digest, worked out in libuv's pool (and, for a file, that it ends where it did). */
  intact(digests: readonly string[]): Promise<boolean>;
  /** Lets go of the file, when the cache is not used after all. */
  release(): void;
}

/** The cache file's prefix and header (one buffer) and its blob; or why not (own-files' reasons). */
export type CacheFileRead = { ok: true; head: Buffer; blob: CacheBlob } | OwnFileFailure;

/**
 * Reads the cache file at `path` under own-files' rules: its first `headBytes(prefix)` bytes
 * (the prefix and the header, as the prefix says; the prefix itself when it says nonsense), the
 * rest left as the blob.
 */
export async function readCacheFile(path: string, maxBytes: number, prefixBytes: number, headBytes: (prefix: Buffer) => number, fs: OwnFileSystem = realFileSystem): Promise<CacheFileRead> {
  if (fs !== realFileSystem) {
    const read = readOwnBytes(path, maxBytes, fs);
    if (!read.ok) return read;
    const head = read.bytes.length < prefixBytes ? read.bytes.length : clamp(headBytes(read.bytes), prefixBytes, read.bytes.length);
    return { ok: true, head: read.bytes.subarray(0, head), blob: memoryBlob(read.bytes.subarray(head)) };
  }
  const opened = openOwnFile(path, maxBytes);
  if (!opened.ok) return opened;
  const { fd, size } = opened;
  try {
    const prefix = await readAt(fd, 0, Math.min(prefixBytes, size));
    const headLength = prefix.length < prefixBytes ? prefix.length : clamp(headBytes(prefix), prefixBytes, size);
    const head = headLength === prefix.length ? prefix : Buffer.concat([prefix, await readAt(fd, prefix.length, headLength - prefix.length)]);
    if (head.length !== headLength) {
      closeOwnFile(fd);
      return { ok: false, reason: 'changed while read' };
    }
    return { ok: true, head, blob: fileBlob(fd, headLength, size - headLength) };
  } catch (error) {
    closeOwnFile(fd);
    const code = errnoCode(error);
    return { ok: false, reason: 'unreadable', ...(code ? { code } : {}) };
  }
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** `length` bytes of `fd` from `position`, read in libuv's pool (fewer when the file ends first). */
async function readAt(fd: number, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await readInPool(fd, buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** A blob in memory. */
export function memoryBlob(bytes: Buffer): CacheBlob {
  return {
    length: bytes.length,
    bodies: bytes,
    intact: (digests) => chunksIntact(bytes.length, digests, async (start, end) => bytes.subarray(start, end)),
    release: () => {},
  };
}

/** Closes a blob's file once no article can read from it any more. */
const closeWhenUnreachable = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Closed already: nothing to do.
  }
});

/**
 * Bytes of the open file `fd` from `at` on, read when asked for (a body at a time); the file is
 * closed once nothing can read from it (`token` unregisters that, for a caller that closes it).
 * `parked`: bytes of a load's spill file, to be moved on into the cache file (OutsideBytes).
 */
export function fileBodies(fd: number, at: number, token?: object, parked = false): OutsideBytes {
  const bodies: OutsideBytes = {
    parked,
    read(start, end) {
      const out = Buffer.allocUnsafe(end - start);
      let filled = 0;
      while (filled < out.length) {
        const got = readSync(fd, out, filled, out.length - filled, at + start + filled);
        if (got === 0) break;
        filled += got;
      }
      // Shorter when the file was cut since: the body's check then finds it is not what was written.
      return out.subarray(0, filled);
    },
  };
  closeWhenUnreachable.register(bodies, fd, token);
  return bodies;
}

/** The blob in the open file `fd`, from `at`, `length` bytes; the file is closed once nothing reads it. */
function fileBlob(fd: number, at: number, length: number): CacheBlob {
  const token = {};
  const bodies = fileBodies(fd, at, token);
  // The digests being worked out: the file is closed only once no read of theirs is in flight.
  let checking: Promise<boolean> = Promise.resolve(false);
  const blob: CacheBlob = {
    length,
    bodies,
    intact(digests) {
      checking = (async () => {
        try {
          const chunksPass = await chunksIntact(length, digests, (start, end) => readAt(fd, at + start, end - start));
          // Neither grown since it was opened: one byte past the end reads nothing.
          return chunksPass && (await readAt(fd, at + length, 1)).length === 0;
        } catch {
          return false;
        }
      })();
      return checking;
    },
    release() {
      closeWhenUnreachable.unregister(token);
      void checking.then(() => closeOwnFile(fd));
    },
  };
  return blob;
}

/**
 * Whether each chunk of a blob of `length` bytes (read by `chunk`) has its digest, worked out in
 * libuv's pool DIGEST_JOBS at a time: at most that many chunks are held at once.
 */
async function chunksIntact(length: number, digests: readonly string[], chunk: (start: number, end: number) => Promise<Buffer>): Promise<boolean> {
  const chunks = Math.max(1, Math.ceil(length / BLOB_CHUNK_BYTES));
  if (digests.length !== chunks) return false;
  let next = 0;
  let intact = true;
  const job = async () => {
    while (intact && next < chunks) {
      const index = next++;
      const start = index * BLOB_CHUNK_BYTES;
      const end = Math.min(length, start + BLOB_CHUNK_BYTES);
      const bytes = await chunk(start, end);
      if (bytes.length !== end - start || Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex') !== digests[index]) intact = false;
    }
  };
  await Promise.all(Array.from({ length: Math.min(DIGEST_JOBS, chunks) }, job)).catch(() => (intact = false));
  return intact;
}
