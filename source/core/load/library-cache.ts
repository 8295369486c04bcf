/**
 * The library cache: what loading each file gave (its articles, or why it was skipped), kept in
 * `<cache>/library/` (own-files.ts says where `<cache>` is), one file per library: the paths as
 * given and resolved, the follow-links flag, the per-file cap and LOADER_VERSION are its key. A
 * start walks the folders as always, looks at each file's identity (file-identity.ts), reuses
 * what the cache says for each file whose identity is unchanged and reads only the others; when
 * any of that changed the cache is rewritten, with a new generation.
 *
 * The cache is read with own-files' rules and checked as library-cache-format.ts says; a cache
 * that is not what lede writes is ignored, rebuilt and said in one line (`onProblem`). A cache
 * directory that cannot be created or written is off for the rest of the run, said once, as
 * the entity cache does: the cache can make a start faster, never break it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Library } from '../article.js';
import { createOwnTempFile, ensureOwnDirectory, errnoCode, ownDirectory, realFileSystem, writeOwnFileAtomic, type OwnFileSystem } from '../own-files.js';
import { sanitizeSingleLine } from '../sanitize.js';
import type { FileOutcome } from './file-articles.js';
import { fileIdentity, isSettled, type FileIdentity } from './file-identity.js';
import { fileBodies, readCacheFile, type CacheBlob } from './cache-blob.js';
import { CACHE_PREFIX_BYTES, decodeLibraryCache, headBytesOf, moveBodiesToCache, parkedBodyCheck, planLibraryCache, writeLibraryCache, type CacheContents, type CachedFile } from './library-cache-format.js';
import { spillSlabsTo, type OutsideBytes } from './text-store.js';
import { withoutReaderViewNote } from './parse-html.js';
import { readErrorReason } from './read-errors.js';
import type { FoundFile } from './walk.js';

/** Bump whenever what the loader makes of a file changes (a parser, a note, a cap): every cache is then a miss. */
export const LOADER_VERSION = 1;

/** No cache file is read or written past this (100,000 articles of 4 KB are ~400 MB). */
export const MAX_LIBRARY_CACHE_BYTES = 1536 * 1024 * 1024;

/** Fewer articles than this load in a few tens of milliseconds: not worth a cache file (`lede show FILE`). */
export const DEFAULT_MIN_ARTICLES = 50;

/** A file modified this recently may be written again without its times changing (isSettled). */
export const DEFAULT_SETTLE_MS = 2000;

export interface LibraryCacheOptions {
  /** undefined: `<cache>/library` (libraryCacheDir); null: no cache. */
  dir?: string | null;
  /** Told one line when the cache is found tampered with, or cannot be written (then it is off for the run). */
  onProblem?: (problem: string) => void;
  /** A library with fewer articles is not written to the cache (default DEFAULT_MIN_ARTICLES). */
  minArticles?: number;
  settleMs?: number;
  /** Libraries of this many files or more have their files stat'ed in a worker (file-identities.ts; a test seam). */
  identityWorkerFrom?: number;
  /** Test seam for fault injection. */
  fs?: OwnFileSystem;
}

/** What the library was loaded with, besides the paths: part of the key. */
export interface LoadKey {
  followLinks: boolean;
  maxFileBytes: number;
}

/** `<cache>/library`: $LEDE_CACHE_DIR/library, else $XDG_CACHE_HOME/lede/library, else ~/.cache/lede/library. */
export function libraryCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const root = ownDirectory('cache', env);
  return root ? join(root, 'library') : null;
}

export function libraryCacheKey(paths: readonly string[], load: LoadKey): string {
  return JSON.stringify({ loader: LOADER_VERSION, paths, resolved: paths.map((path) => resolve(path)), followLinks: load.followLinks, maxFileBytes: load.maxFileBytes });
}

/** Directories found unwritable in this process: the cache stays off there for the rest of the run. */
const offDirectories = new Map<string, string>();

/** Each loaded library's generation and cache file (see libraryCacheOf). */
const generations = new WeakMap<object, LibraryCacheInfo>();

export interface LibraryCacheInfo {
  /** The same string on every start that gave exactly this library, another as soon as anything in it changed. */
  generation: string;
  /** The library cache's file: caches built on the library live beside it, under the same name. */
  file: string;
}

/**
 * The generation of the library a load returned (or of its articles array): the same string on
 * every start that gave exactly this library, another one as soon as anything in it changed.
 * Undefined when the library was not cached. A cache built on a library (the search index) is
 * valid only for its generation.
 */
export function generationOf(library: Library | readonly object[]): string | undefined {
  return generations.get(library)?.generation;
}

/** The generation (generationOf) and cache file of a loaded library, or of its articles array. */
export function libraryCacheOf(library: Library | readonly object[]): LibraryCacheInfo | undefined {
  return generations.get(library);
}

/** Reasons that say the file could not be read this time, not what it holds: read again next time. */
const TRANSIENT_REASONS = new Set(
  ['ENOENT', 'EACCES', 'EISDIR', 'ELOOP', 'EMFILE', 'EIO', 'ENXIO', 'EAGAIN', 'EBUSY', 'ETIMEDOUT', 'ENOMEM'].map((code) => readErrorReason({ code })),
);

/** How every note on a page the reader view could not read begins. */
const READER_VIEW_FAILED = withoutReaderViewNote(undefined).slice(0, withoutReaderViewNote(undefined).indexOf(':'));

/** Whether an outcome says what the file holds, for as long as its identity stays the same. */
function isLasting(outcome: FileOutcome): boolean {
  if ('reason' in outcome) return !TRANSIENT_REASONS.has(outcome.reason) && !outcome.reason.startsWith('unreadable');
  // A page the reader view failed on (a timeout, a crash) is read again: next time it may work.
  return !outcome.articles.some((article) => article.notes.some((note) => note.startsWith(READER_VIEW_FAILED)));
}


/** Whether every article is `path`'s, with the ids the cache can store (the path, or path#N). */
function hasIdsOf(path: string, outcome: FileOutcome): boolean {
  return 'reason' in outcome || outcome.articles.every((a) => a.path === path && (a.id === path || /^#[1-9]\d{0,9}$/.test(a.id.slice(path.length))) && a.id.startsWith(path));
}

/** One load's use of the cache: opened once the paths are walked, finished once every file is read. */
export class LibraryCacheRun {
  private readonly known = new Map<string, CachedFile>();
  private readonly kept: CachedFile[] = [];
  private hits = 0;
  private lastingMisses = 0;
  /** What files that are never cached gave this time: part of the generation. */
  private readonly passing = createHash('sha256');
  private passingCount = 0;
  private tamperTold = false;

  private constructor(
    private readonly dir: string,
    private readonly file: string,
    private readonly key: string,
    private readonly options: LibraryCacheOptions,
  ) {}

  /** What the cache file holds for this library; undefined when nothing (or nothing usable). Set by ready(). */
  private contents: CacheContents | undefined;
  /** The cache file's head being read, its blob left in the file (undefined when there is no file to use). */
  private reading: Promise<{ head: Buffer; blob: CacheBlob } | undefined> = Promise.resolve(undefined);

  /**
   * The cache for a load of `paths`, or null when there is none. Its file is read from now on,
   * off this thread (the folders are walked meanwhile); `ready` checks it.
   */
  static open(paths: readonly string[], load: LoadKey, options: LibraryCacheOptions = {}): LibraryCacheRun | null {
    const chosen = options.dir === undefined ? libraryCacheDir() : options.dir;
    if (chosen === null) return null;
    const dir = resolve(chosen);
    if (offDirectories.has(dir)) return null;
    const key = libraryCacheKey(paths, load);
    const file = join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.cache`);
    const run = new LibraryCacheRun(dir, file, key, options);
    run.reading = run.readHead();
    return run;
  }

  /**
   * Checks what was read: the header field by field, here, then the blob's digests (worked out
   * in libuv's pool as the blob is read through; a blob whose digests differ is a miss). Then
   * lookup can be called.
   */
  async ready(): Promise<void> {
    const read = await this.reading;
    if (!read) return;
    this.contents = this.decode(read.head, read.blob);
    if (this.contents && !(await this.contents.blobIntact)) {
      this.tellTampered('bytes changed since written');
      this.contents = undefined;
    }
    if (!this.contents) return read.blob.release();
    for (const cached of this.contents.files) this.known.set(cached.path, cached);
  }

  private async readHead(): Promise<{ head: Buffer; blob: CacheBlob } | undefined> {
    const read = await readCacheFile(this.file, MAX_LIBRARY_CACHE_BYTES, CACHE_PREFIX_BYTES, headBytesOf, this.options.fs);
    if (!read.ok) {
      if (read.reason !== 'missing') this.tellTampered(read.reason);
      return undefined;
    }
    return read;
  }

  private decode(head: Buffer, blob: CacheBlob): CacheContents | undefined {
    const decoded = decodeLibraryCache(head, blob, { key: this.key }, { onTampered: () => this.bodyTampered() });
    if ('miss' in decoded) {
      if (decoded.tampered) this.tellTampered(decoded.miss);
      return undefined;
    }
    return decoded;
  }

  /**
   * What the cache holds for `file` when its identity (`identityOf`: looked at now unless the
   * caller has it, file-identities.ts) is the one cached (a hit), else that identity for
   * noteLoaded. A pipe named on the command line has none: it is read every time.
   */
  lookup(file: FoundFile, identityOf: () => FileIdentity | undefined = () => fileIdentity(file.path)): { outcome: FileOutcome } | { identity: FileIdentity | undefined } {
    if (!file.regular) return { identity: undefined };
    const identity = identityOf();
    const cached = this.known.get(file.path);
    if (identity && cached && cached.identity === identity.identity) {
      this.known.delete(file.path);
      this.kept.push(cached);
      this.hits++;
      return { outcome: cached.outcome };
    }
    return { identity };
  }

  /** What reading a file the cache missed gave; kept for the next start when it can be trusted to last. */
  noteLoaded(file: FoundFile, identity: FileIdentity | undefined, outcome: FileOutcome): void {
    const settled = identity !== undefined && isSettled(identity.mtimeMs, Date.now(), this.options.settleMs ?? DEFAULT_SETTLE_MS);
    if (identity && settled && isLasting(outcome) && hasIdsOf(file.path, outcome)) {
      this.kept.push({ path: file.path, identity: identity.identity, outcome });
      this.lastingMisses++;
      return;
    }
    this.passingCount++;
    this.passing.update(JSON.stringify([file.path, 'reason' in outcome ? outcome.reason : outcome.articles.map((a) => [a.id, a.title, a.text.length])]));
  }

  /**
   * Parks the slabs of bodies the load fills (text-store.ts) in a spill file of this run's, in
   * the cache's directory, unlinked as soon as it is made (nothing is left behind, whatever
   * happens; the system frees it once no body reads from it): a first load of 100,000 articles
   * held 437 MB of bodies until finish wrote them to the cache file. A spill that cannot be made
   * or written (a full disk) leaves the bodies in memory, as before. Returns what ends it. Not
   * with a test's own file system.
   */
  parkBodies(): () => void {
    if ((this.options.fs ?? realFileSystem) !== realFileSystem) return () => {};
    let spill: { fd: number; bodies: OutsideBytes; written: number } | null | undefined;
    return spillSlabsTo({
      check: parkedBodyCheck,
      park: (bytes) => {
        if (spill === undefined) spill = this.openSpill();
        if (!spill) return undefined;
        const at = spill.written;
        try {
          for (let done = 0; done < bytes.length; ) done += writeSync(spill.fd, bytes, done, bytes.length - done, at + done);
        } catch {
          // Full, most likely: the bodies stay in memory from now on.
          spill = null;
          return undefined;
        }
        spill.written += bytes.length;
        return { outside: spill.bodies, at };
      },
    });
  }

  private openSpill(): { fd: number; bodies: OutsideBytes; written: number } | null {
    if (ensureOwnDirectory(this.dir)) return null;
    let fd: number;
    let path: string;
    try {
      ({ fd, path } = createOwnTempFile(this.dir, 'spill', true));
    } catch {
      return null;
    }
    try {
      unlinkSync(path);
    } catch {
      closeSync(fd);
      return null;
    }
    return { fd, bodies: fileBodies(fd, 0, undefined, true), written: 0 };
  }

  /**
   * Rewrites the cache when anything in it changed (a file read, a file gone), and records the
   * library's generation (generationOf).
   */
  finish(library: Library): void {
    const changed = this.contents === undefined || this.lastingMisses > 0 || this.hits !== this.contents.files.length;
    let generation = this.contents?.generation;
    const worthKeeping = this.kept.length > 0 && library.articles.length >= (this.options.minArticles ?? DEFAULT_MIN_ARTICLES);
    if (changed) generation = worthKeeping ? this.write() : undefined;
    if (generation === undefined) return;
    if (this.passingCount > 0) generation = createHash('sha256').update(generation).update(this.passing.digest('hex')).digest('hex').slice(0, 32);
    const info = { generation, file: this.file };
    generations.set(library, info);
    generations.set(library.articles, info);
  }

  /** The new generation, or undefined when the cache could not be written. */
  private write(): string | undefined {
    const fs = this.options.fs ?? realFileSystem;
    const problem = ensureOwnDirectory(this.dir, fs);
    if (problem) return this.turnOff(problem);
    const generation = randomBytes(16).toString('hex');
    const plan = planLibraryCache(this.kept);
    // The header is a few hundred bytes an article: the blob is what can pass the cap.
    if (plan.blobBytes > MAX_LIBRARY_CACHE_BYTES - 1024 * this.kept.length) return undefined;
    let blobStart = 0;
    let fd: number | undefined;
    try {
      // Kept open on a real file system: the bodies are read back from this very file (below).
      fd = writeOwnFileAtomic(this.file, (out) => (blobStart = writeLibraryCache(out, this.key, generation, this.kept, plan)), { fs, keepOpen: fs === realFileSystem });
    } catch (error) {
      return this.turnOff(`cannot write to ${sanitizeSingleLine(this.dir)} (${errnoCode(error) ?? 'unknown error'})`);
    }
    // From now on this start holds its bodies as a second start does: in the file, not in memory.
    if (fd !== undefined) moveBodiesToCache(this.kept, fileBodies(fd, blobStart), { onTampered: () => this.bodyTampered() });
    return generation;
  }

  private turnOff(why: string): undefined {
    const problem = `library cache off: ${why}`;
    offDirectories.set(this.dir, problem);
    this.options.onProblem?.(problem);
    return undefined;
  }

  private tellTampered(why: string): void {
    if (this.tamperTold) return;
    this.tamperTold = true;
    this.options.onProblem?.(`library cache: ignored ${sanitizeSingleLine(this.file)} (${why}); rebuilt`);
  }

  /**
   * A body from the cache was not what the loader makes: the article shows it repaired, and the
   * cache file goes, so the next start reads every file again.
   */
  private bodyTampered(): void {
    if (this.tamperTold) return;
    this.tamperTold = true;
    try {
      (this.options.fs ?? realFileSystem).unlinkSync(this.file);
    } catch {
      // Gone already, or never to be read again anyway: its next reader checks it as this one did.
    }
    this.options.onProblem?.(`library cache: an article's text in ${sanitizeSingleLine(this.file)} was not as lede wrote it; shown repaired, cache removed`);
  }
}
