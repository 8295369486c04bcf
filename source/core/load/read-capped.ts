import { open } from 'node:fs/promises';

export interface CappedBytes {
  bytes: Uint8Array;
  /** The source had more than the cap; `bytes` holds exactly the first `maxBytes`. */
  truncated: boolean;
}

/** Chunk size for sources whose size is unknown in advance (pipes, devices, /proc files). */
const CHUNK_BYTES = 64 * 1024;

/**
 * The first `maxBytes` of a file, never more in memory, opened read-only.
 * Throws the fs error (ENOENT, EACCES, EISDIR…) for the caller to turn into a skip reason.
 */
export async function readFileCapped(path: string, maxBytes: number): Promise<CappedBytes> {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw Object.assign(new Error(`is a directory: ${path}`), { code: 'EISDIR' });
    if (stats.isFile() && stats.size > 0) {
      const want = Math.min(stats.size, maxBytes);
      const buffer = Buffer.allocUnsafe(want);
      let filled = 0;
      while (filled < want) {
        const { bytesRead } = await handle.read(buffer, filled, want - filled, filled);
        if (bytesRead === 0) break; // the file shrank while being read
        filled += bytesRead;
      }
      return { bytes: buffer.subarray(0, filled), truncated: stats.size > maxBytes };
    }
    return await readChunks(
      async (buffer) => (await handle.read(buffer, 0, buffer.length, null)).bytesRead,
      maxBytes,
    );
  } finally {
    await handle.close();
  }
}

/** The first `maxBytes` of a stream (standard input), consuming no more of it than that. */
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

async function readChunks(read: (buffer: Buffer) => Promise<number>, maxBytes: number): Promise<CappedBytes> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // One byte past the cap tells a file of exactly maxBytes from a longer one.
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
    const bytesRead = await read(buffer);
    if (bytesRead === 0) break;
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) return { bytes: Buffer.concat(chunks, total).subarray(0, maxBytes), truncated: true };
  }
  return { bytes: Buffer.concat(chunks, total), truncated: false };
}
