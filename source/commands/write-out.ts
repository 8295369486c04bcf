/**
 * Output written as it is made, at the pace of whoever reads it: standard output may be a slow
 * pipe, so each chunk waits for the one before to drain (memory holds a chunk, not the output),
 * and a reader that stops (`| head`) ends the writing quietly instead of failing.
 */
import type { Writable } from 'node:stream';

/** Pieces gathered into one write: few system calls, little memory. */
const CHUNK_CHARS = 64 * 1024;

/** Resolves true once `out` has drained, false if it closes or fails first. */
function drained(out: Writable): Promise<boolean> {
  if (out.destroyed || out.writableEnded) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onClose);
  });
}

/**
 * Writes `pieces` to `out` as `print` would write them joined (nothing for none, a line break
 * added at the end when missing). Resolves true when all were written, false when `out` closed
 * first (the pieces after are never made).
 */
export async function writePieces(out: Writable, pieces: AsyncIterable<string> | Iterable<string>): Promise<boolean> {
  let chunk = '';
  let last = '';
  const flush = async (): Promise<boolean> => {
    if (out.destroyed || out.writableEnded) return false;
    if (chunk.length === 0) return true;
    last = chunk;
    const ready = out.write(chunk);
    chunk = '';
    return ready || drained(out);
  };
  for await (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= CHUNK_CHARS && !(await flush())) return false;
  }
  if (!(chunk || last).endsWith('\n') && (chunk || last).length > 0) chunk += '\n';
  return flush();
}
