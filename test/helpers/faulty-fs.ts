// A fault-injection seam for own-files.ts: the real filesystem, with every call counted and the
// failures a real machine has (a disk that fills part way through a write, a mkdir that keeps
// failing, a rename refused) injected on demand.
import { realFileSystem, type OwnFileSystem } from '../../source/core/own-files.js';

export type FsCall = keyof OwnFileSystem;

export interface Faults {
  /** Room left on the disk: a write past it is short (what fits), and the one after it fails with ENOSPC. */
  diskBytes?: number;
  /** An errno code to throw from a call, or a function deciding per call (n counts calls of that kind from 0). */
  fail?: Partial<Record<FsCall, string | ((n: number, args: unknown[]) => string | undefined)>>;
}

export interface FaultyFs {
  fs: OwnFileSystem;
  /** How many times each call was made. */
  calls: Record<FsCall, number>;
  /** Bytes handed back by readSync, over all reads. */
  bytesRead: number;
}

export function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected by the test`), { code });
}

export function faultyFs(faults: Faults = {}): FaultyFs {
  const names = Object.keys(realFileSystem) as FsCall[];
  const calls = Object.fromEntries(names.map((n) => [n, 0])) as Record<FsCall, number>;
  let room = faults.diskBytes ?? Infinity;
  const state: FaultyFs = { fs: {} as OwnFileSystem, calls, bytesRead: 0 };
  const wrap = (name: FsCall, real: (...args: unknown[]) => unknown) => {
    return (...args: unknown[]) => {
      const n = calls[name]++;
      const rule = faults.fail?.[name];
      const code = typeof rule === 'function' ? rule(n, args) : rule;
      if (code) throw fsError(code);
      if (name === 'writeSync') {
        if (room <= 0) throw fsError('ENOSPC');
        const [fd, buffer, offset, length, position] = args as [number, Uint8Array, number, number, number | undefined];
        const fits = Math.min(length, room);
        room -= fits;
        return realFileSystem.writeSync(fd, buffer, offset, fits, position);
      }
      const result = real(...args);
      if (name === 'readSync') state.bytesRead += result as number;
      return result;
    };
  };
  const fs: Record<string, unknown> = {};
  for (const name of names) fs[name] = wrap(name, (realFileSystem[name] as (...args: unknown[]) => unknown).bind(realFileSystem));
  state.fs = fs as unknown as OwnFileSystem;
  return state;
}
