/**
 * lede's own files: the caches, the user's corrections (config) and the read state. They live in
 * their own directories, never next to the articles, and they are as untrusted as the articles:
 * anyone (another program, a sync tool, a crafted download unpacked in ~/.cache) may have put a
 * FIFO, a device, a link or a 10 GB file where lede expects its own small JSON.
 *
 * Where they live (the one place this is decided):
 *
 * | kind   | override           | else                     | else                  |
 * |--------|--------------------|--------------------------|-----------------------|
 * | cache  | `$LEDE_CACHE_DIR`  | `$XDG_CACHE_HOME/lede`   | `~/.cache/lede`       |
 * | config | `$LEDE_CONFIG_DIR` | `$XDG_CONFIG_HOME/lede`  | `~/.config/lede`      |
 * | state  | `$LEDE_STATE_DIR`  | `$XDG_STATE_HOME/lede`   | `~/.local/state/lede` |
 *
 * An empty variable counts as unset; a relative `XDG_*` path is ignored, as the XDG Base
 * Directory specification says. Each use has its own subdirectory or file inside (the entity
 * cache is `<cache>/entities`).
 *
 * Reading (`readOwnFile`) never blocks, follows no final symbolic link, refuses anything but a
 * regular file and never reads past a cap. Directories (`ensureOwnDirectory`) are created a
 * component at a time, mode 0700, in a bounded number of steps. Writes (`writeOwnFileAtomic`)
 * go to an exclusive temporary file (mode 0600) in the same directory, renamed over the target,
 * and the temporary file is removed on any failure.
 */
import * as nodeFs from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { runSteps } from './load/time-slices.js';
import { sanitizeSingleLine } from './sanitize.js';

export type OwnDirectoryKind = 'cache' | 'config' | 'state';

const LOCATIONS: Record<OwnDirectoryKind, { override: string; xdg: string; home: string[] }> = {
  cache: { override: 'LEDE_CACHE_DIR', xdg: 'XDG_CACHE_HOME', home: ['.cache'] },
  config: { override: 'LEDE_CONFIG_DIR', xdg: 'XDG_CONFIG_HOME', home: ['.config'] },
  state: { override: 'LEDE_STATE_DIR', xdg: 'XDG_STATE_HOME', home: ['.local', 'state'] },
};

/** The directory for one kind of lede's files (see the table above); null when there is no home to put it in. */
export function ownDirectory(kind: OwnDirectoryKind, env: NodeJS.ProcessEnv = process.env): string | null {
  const { override, xdg, home } = LOCATIONS[kind];
  const given = env[override];
  if (given) return resolve(given);
  const base = env[xdg];
  if (base && isAbsolute(base)) return join(base, 'lede');
  try {
    const dir = homedir();
    return dir ? join(dir, ...home, 'lede') : null;
  } catch {
    return null; // no HOME and no passwd entry
  }
}

/** The fs calls this module makes: a seam so tests can inject faults (ENOSPC part way through a write). */
export type OwnFileSystem = Pick<
  typeof nodeFs,
  'openSync' | 'fstatSync' | 'readSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync' | 'statSync' | 'mkdirSync' | 'accessSync'
>;

export const realFileSystem: OwnFileSystem = {
  openSync: nodeFs.openSync,
  fstatSync: nodeFs.fstatSync,
  readSync: nodeFs.readSync,
  writeSync: nodeFs.writeSync,
  fsyncSync: nodeFs.fsyncSync,
  closeSync: nodeFs.closeSync,
  renameSync: nodeFs.renameSync,
  unlinkSync: nodeFs.unlinkSync,
  statSync: nodeFs.statSync,
  mkdirSync: nodeFs.mkdirSync,
  accessSync: nodeFs.accessSync,
};

/** The errno code of a Node fs error (ENOENT, ENOSPC…), if it has one. */
export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** A path as it may appear in a one-line message: it comes from the environment, so it may hold escapes. */
const shown = (path: string): string => sanitizeSingleLine(path);

const { O_RDONLY, O_NONBLOCK, O_NOFOLLOW, O_NOCTTY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL } = nodeFs.constants;

export type OwnFileFailure = { ok: false; reason: 'missing' | 'not a regular file' | 'too big' | 'not UTF-8' | 'changed while read' | 'unreadable'; code?: string };

export type OwnFileRead = { ok: true; text: string } | OwnFileFailure;

export type OwnBytesRead = { ok: true; bytes: Buffer } | OwnFileFailure;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One of lede's own files, open for reading (openOwnFile): its descriptor and size when opened. */
export type OwnFileOpened = { ok: true; fd: number; size: number } | OwnFileFailure;

/**
 * One of lede's own files opened for reading, or why not. Opened without blocking (a FIFO with no
 * writer would otherwise hang the open), without following a final symbolic link (a link to
 * /dev/zero), and without ever becoming a controlling terminal; anything but a regular file, or
 * one over `maxBytes`, is refused before a byte is read. The caller reads it (never past `size`
 * + 1 bytes) and closes `fd` (closeOwnFile).
 */
export function openOwnFile(path: string, maxBytes: number, fs: OwnFileSystem = realFileSystem): OwnFileOpened {
  let fd: number;
  try {
    fd = fs.openSync(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', code };
    // ELOOP is what O_NOFOLLOW gives for a symbolic link.
    return { ok: false, reason: code === 'ELOOP' ? 'not a regular file' : 'unreadable', ...(code ? { code } : {}) };
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) return refuse(fs, fd, { ok: false, reason: 'not a regular file' });
    if (stats.size > maxBytes) return refuse(fs, fd, { ok: false, reason: 'too big' });
    return { ok: true, fd, size: stats.size };
  } catch (error) {
    const code = errnoCode(error);
    return refuse(fs, fd, { ok: false, reason: 'unreadable', ...(code ? { code } : {}) });
  }
}

function refuse(fs: OwnFileSystem, fd: number, failure: OwnFileFailure): OwnFileFailure {
  closeQuietly(fs, fd);
  return failure;
}

/** Closes a file openOwnFile opened; a failure to close a file only read is nothing to report. */
export function closeOwnFile(fd: number, fs: OwnFileSystem = realFileSystem): void {
  closeQuietly(fs, fd);
}

/**
 * The bytes of one of lede's own files (openOwnFile's rules), or why not. At most `maxBytes` + 1
 * bytes are read: the one byte past the cap tells a file that grew after fstat from one that did not.
 */
export function readOwnBytes(path: string, maxBytes: number, fs: OwnFileSystem = realFileSystem): OwnBytesRead {
  const opened = openOwnFile(path, maxBytes, fs);
  if (!opened.ok) return opened;
  const { fd, size } = opened;
  try {
    const buffer = Buffer.allocUnsafe(size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const bytesRead = fs.readSync(fd, buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > size) return { ok: false, reason: 'changed while read' };
    return { ok: true, bytes: buffer.subarray(0, filled) };
  } catch (error) {
    const code = errnoCode(error);
    return { ok: false, reason: 'unreadable', ...(code ? { code } : {}) };
  } finally {
    closeQuietly(fs, fd);
  }
}

/** The text of one of lede's own files (readOwnBytes' rules), or why not; UTF-8 or nothing. */
export function readOwnFile(path: string, maxBytes: number, fs: OwnFileSystem = realFileSystem): OwnFileRead {
  const read = readOwnBytes(path, maxBytes, fs);
  if (!read.ok) return read;
  try {
    return { ok: true, text: utf8.decode(read.bytes) };
  } catch {
    return { ok: false, reason: 'not UTF-8' };
  }
}

/** The parsed JSON of one of lede's own files (readOwnFile's rules), or undefined: the caller validates its shape. */
export function readOwnJson(path: string, maxBytes: number, fs: OwnFileSystem = realFileSystem): unknown {
  const read = readOwnFile(path, maxBytes, fs);
  if (!read.ok) return undefined;
  try {
    return JSON.parse(read.text) as unknown;
  } catch {
    return undefined;
  }
}

/** A path with more components than this is refused rather than walked (real ones have a dozen). */
export const MAX_DIRECTORY_DEPTH = 256;

type PathKind = 'directory' | 'other' | 'missing' | { code: string };

function pathKind(fs: OwnFileSystem, path: string): PathKind {
  try {
    return fs.statSync(path).isDirectory() ? 'directory' : 'other';
  } catch (error) {
    const code = errnoCode(error) ?? 'unknown error';
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : { code };
  }
}

/**
 * Makes sure `dir` is a directory lede can write to, creating the missing components one by one
 * (mode 0700). Returns null when it is, else one line saying why not ("cannot create /proc/x
 * (ENOENT)"). Each component is looked at once and created at most once, so this ends: Node's
 * own `mkdirSync(…, { recursive: true })` retries for ever where mkdir keeps failing with ENOENT
 * under an existing parent, as in /proc.
 */
export function ensureOwnDirectory(dir: string, fs: OwnFileSystem = realFileSystem): string | null {
  const target = resolve(dir);
  const missing: string[] = [];
  for (let at = target; ; at = dirname(at)) {
    if (missing.length >= MAX_DIRECTORY_DEPTH) return `cannot create ${shown(target)} (over ${MAX_DIRECTORY_DEPTH} levels deep)`;
    const kind = pathKind(fs, at);
    if (kind === 'directory') break;
    if (kind === 'other') return `cannot create ${shown(target)} (${shown(at)} is not a directory)`;
    if (kind !== 'missing') return `cannot create ${shown(target)} (${kind.code} on ${shown(at)})`;
    if (dirname(at) === at) return `cannot create ${shown(target)} (no root directory)`;
    missing.push(at);
  }
  for (const component of missing.reverse()) {
    try {
      fs.mkdirSync(component, { mode: 0o700 });
    } catch (error) {
      // Another lede may have just created it.
      if (errnoCode(error) === 'EEXIST' && pathKind(fs, component) === 'directory') continue;
      return `cannot create ${shown(component)} (${errnoCode(error) ?? 'unknown error'})`;
    }
  }
  try {
    fs.accessSync(target, nodeFs.constants.W_OK | nodeFs.constants.X_OK);
  } catch (error) {
    return `cannot write to ${shown(target)} (${errnoCode(error) ?? 'unknown error'})`;
  }
  return null;
}

export interface AtomicWriteOptions {
  /** fsync the file before the rename: for files a person made (corrections), not for caches. */
  durable?: boolean;
  /**
   * Returns the file's descriptor, open for reading, instead of closing it: the caller reads back
   * what it wrote (the library cache's bodies), from this very file whatever is renamed over its
   * path later by another lede.
   */
  keepOpen?: boolean;
  fs?: OwnFileSystem;
}

/**
 * Where a streamed write (writeOwnFileAtomic given a function) puts its bytes: appended in order,
 * small pieces gathered into one buffer, so a caller can write a record at a time and nothing the
 * size of the file is ever built in memory.
 */
export interface OwnFileOutput {
  /** Appends `data` (a string as UTF-8). */
  write(data: string | Uint8Array): void;
  /** Puts `bytes` at `position`, over what was written there (a length or digest known only at the end). */
  writeAt(bytes: Uint8Array, position: number): void;
  /** Bytes appended so far. */
  readonly written: number;
}

/** Pieces smaller than this are gathered before they are written. */
const GATHER_BYTES = 256 * 1024;

function fileOutput(fs: OwnFileSystem, fd: number): OwnFileOutput & { flush(): void } {
  const gathered = Buffer.allocUnsafe(GATHER_BYTES);
  let filled = 0;
  let written = 0;
  const writeAll = (bytes: Uint8Array, position?: number) => {
    for (let done = 0; done < bytes.length; ) {
      done += position === undefined ? fs.writeSync(fd, bytes, done, bytes.length - done) : fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
    }
  };
  const flush = () => {
    if (filled > 0) writeAll(gathered.subarray(0, filled));
    filled = 0;
  };
  return {
    write(data) {
      const size = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
      written += size;
      if (filled + size > GATHER_BYTES) flush();
      if (size >= GATHER_BYTES) writeAll(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      else if (typeof data === 'string') filled += gathered.write(data, filled, 'utf8');
      else filled += Buffer.from(data.buffer, data.byteOffset, data.length).copy(gathered, filled);
    },
    writeAt(bytes, position) {
      flush();
      writeAll(bytes, position);
    },
    get written() {
      return written;
    },
    flush,
  };
}

/**
 * Replaces `path` with `data` all at once: readers see the old file or the new one, never half.
 * Written to a temporary file beside it (exclusive create, mode 0600, hidden and ending in .tmp),
 * then renamed over it; on any failure (a throw from `data` too) the temporary file is removed and
 * the error thrown. `data` may be pieces written one after another, or a function that writes the
 * file through an OwnFileOutput: a cache of many bodies is then never joined into one copy.
 */
export function writeOwnFileAtomic(
  path: string,
  data: string | Uint8Array | readonly Uint8Array[] | ((out: OwnFileOutput) => void),
  options: AtomicWriteOptions = {},
): number | undefined {
  return runSteps(writeOwnFileAtomicInSteps(path, data, options));
}

/**
 * A new file of lede's own in `dir`, `.NAME.PID.RANDOM.tmp`, made for this process alone (never
 * an existing file or a link followed, readable by the user only); open for reading too with
 * `readable`. Throws as openSync does.
 */
export function createOwnTempFile(dir: string, name: string, readable: boolean, fs: OwnFileSystem = realFileSystem): { fd: number; path: string } {
  const path = join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  return { fd: fs.openSync(path, (readable ? O_RDWR : O_WRONLY) | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600), path };
}

/**
 * The same, for a `data` function that yields between the pieces it writes: run in slices
 * (runStepsInSlices), a file of tens of megabytes written on the UI thread holds no key for
 * seconds. The new file replaces the old one only after the last piece.
 */
export function* writeOwnFileAtomicInSteps(
  path: string,
  data: string | Uint8Array | readonly Uint8Array[] | ((out: OwnFileOutput) => Generator<void> | void),
  options: AtomicWriteOptions = {},
): Generator<void, number | undefined> {
  const fs = options.fs ?? realFileSystem;
  const { fd, path: temp } = createOwnTempFile(dirname(path), basename(path), options.keepOpen ?? false, fs);
  let open = true;
  let renamed = false;
  // In `finally`, not `catch`: steps left unfinished (return()) clean up as a throw does.
  try {
    const out = fileOutput(fs, fd);
    if (typeof data === 'function') {
      // A function typed to return nothing may return a value all the same (the library cache's
      // writer gives its blob's offset): only a generator is stepped through.
      const steps: unknown = data(out);
      if (isSteps(steps)) yield* steps;
    } else if (typeof data === 'string' || data instanceof Uint8Array) out.write(data);
    else for (const piece of data) out.write(piece);
    out.flush();
    if (options.durable) fs.fsyncSync(fd);
    if (!options.keepOpen) {
      open = false;
      fs.closeSync(fd);
    }
    fs.renameSync(temp, path);
    renamed = true;
  } finally {
    if (!renamed) {
      if (open) closeQuietly(fs, fd);
      try {
        fs.unlinkSync(temp);
      } catch {
        // Already gone; nothing else to clean.
      }
    }
  }
  if (options.durable) syncDirectory(fs, dirname(path));
  return options.keepOpen ? fd : undefined;
}

const isSteps = (value: unknown): value is Generator<void> => typeof value === 'object' && value !== null && typeof (value as Generator).next === 'function';

/** Makes a rename durable; best effort, as some filesystems refuse fsync on a directory. */
function syncDirectory(fs: OwnFileSystem, dir: string): void {
  try {
    const fd = fs.openSync(dir, O_RDONLY);
    try {
      fs.fsyncSync(fd);
    } finally {
      closeQuietly(fs, fd);
    }
  } catch {
    // The file itself is in place and synced.
  }
}

function closeQuietly(fs: OwnFileSystem, fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Nothing was written through it, or the write already failed: that is the error worth reporting.
  }
}
