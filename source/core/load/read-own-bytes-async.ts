/**
 * readOwnBytes (own-files.ts: the same rules, the same answers), its bytes read in libuv's pool:
 * the library cache (92 MB at 20,000 articles) is read while the UI thread walks the folders,
 * instead of the UI thread copying it in a read it waits on.
 */
import { read } from 'node:fs';
import { promisify } from 'node:util';
import { closeOwnFile, errnoCode, openOwnFile, type OwnBytesRead } from '../own-files.js';

const readInPool = promisify(read);

export async function readOwnBytesInPool(path: string, maxBytes: number): Promise<OwnBytesRead> {
  const opened = openOwnFile(path, maxBytes);
  if (!opened.ok) return opened;
  const { fd, size } = opened;
  try {
    // One byte past the size: it tells a file that grew after fstat from one that did not.
    const buffer = Buffer.allocUnsafe(size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await readInPool(fd, buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > size) return { ok: false, reason: 'changed while read' };
    return { ok: true, bytes: buffer.subarray(0, filled) };
  } catch (error) {
    const code = errnoCode(error);
    return { ok: false, reason: 'unreadable', ...(code ? { code } : {}) };
  } finally {
    closeOwnFile(fd);
  }
}
