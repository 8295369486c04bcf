/**
 * Article bodies kept as UTF-8 bytes rather than JavaScript strings.
 *
 * Why: V8 stores a string with a single character above U+00FF (a curly quote, an em dash: most
 * news) at two bytes per character. At 20,000 articles the bodies were ~150 MB of heap that way,
 * and 83 MB as UTF-8. Bodies are written into shared 33 MiB slabs (one allocation per slab, not
 * per article); a slab is freed once no article points into it.
 *
 * A slab is bigger than glibc's largest mmap threshold (32 MiB), so it is always a mapping of its
 * own, given back to the system when freed, and only the pages written count in RSS. With 1 MiB
 * slabs, once the threshold had risen (it rises to the size of any mapped chunk freed: a worker's
 * message, a grown array), slabs came from malloc's main heap, and freeing them (moveOutside) left
 * holes the process kept: 45 s into a first pass over 100,000 articles, RSS was 928 MB that way
 * and 665 MB this way (malloc's [heap] 457 and 175 MB).
 *
 * Reading a body decodes it (~2 µs a kilobyte). A body read a second time soon after the first
 * is kept decoded, with the few others read that way most recently: the article on screen, read
 * on every render, is decoded twice in all. A pass over the library (an index build, the entity
 * pass, a phrase search) reads each body once and keeps none: cached, every body would have
 * lived long enough to reach V8's old generation, leaving ~180 MB of garbage at 20,000 articles.
 *
 * Once lede's library cache file holds the bodies, a body in memory moves there (moveOutside):
 * a first start then holds no more of them than a second start, which reads each from the file.
 * Before that, while a load runs, each slab it fills is written out to a spill file of the load's
 * (spillSlabsTo) and its bodies read from there: a first load of 100,000 articles held every body,
 * 437 MB, until the cache file was written at its end.
 */

import { createHash } from 'node:crypto';

export const SLAB_BYTES = 33 << 20;
/** Bodies bigger than this get a buffer of their own instead of a slab's tail. */
const OWN_BUFFER_BYTES = 256 * 1024;

/** How many decoded bodies stay cached, and at most how many characters in all. */
const CACHE_ENTRIES = 8;
const CACHE_CHARS = 16 * 1024 * 1024;

let slab: Buffer | undefined;
let slabUsed = 0;
/** The texts stored in the current slab: the ones to move when it is parked. */
let slabTexts: StoredText[] = [];
let spill: SlabSpill | undefined;

/**
 * Has every slab filled from now on parked by `target` (SlabSpill). Returns what ends it; ending
 * it leaves the slab being filled in memory.
 */
export function spillSlabsTo(target: SlabSpill): () => void {
  spill = target;
  return () => {
    if (spill === target) spill = undefined;
  };
}

/**
 * A check a body read from lede's own cache gets the first time it is read: it returns the text
 * to keep, the same string when the body is what the loader makes, else a repaired one.
 */
export type StoredTextCheck = (text: string, bytes: Buffer) => string;

/**
 * Bytes kept outside memory (lede's library cache file, cache-blob.ts): read each time they are
 * asked for, and since they may have changed on disk meanwhile, checked each time too.
 */
export interface OutsideBytes {
  read(start: number, end: number): Buffer;
  /** Bytes only parked here until lede's library cache file holds them (a load's spill file): moveOutside moves them on. */
  readonly parked?: boolean;
}

/**
 * Where a load parks the slabs it fills (library-cache.ts): `park` writes a slab's bytes out and
 * says where they are (undefined when it could not: the slab stays in memory); a body parked is
 * checked by `check` whenever what is read is not what was written.
 */
export interface SlabSpill {
  park(bytes: Buffer): { outside: OutsideBytes; at: number } | undefined;
  check: StoredTextCheck;
}

export class StoredText {
  /** For bytes outside memory: the SHA-256 of the ones that last passed the check. */
  private checkedDigest: string | undefined;

  constructor(
    private bytes: Buffer | OutsideBytes,
    private start: number,
    private end: number,
    /** Length of the decoded string in UTF-16 units. */
    private decodedLength: number,
    /** Pending until the first read (see StoredTextCheck); undefined for a body the loader made. */
    private check?: StoredTextCheck,
  ) {}

  /** Length of the decoded string in UTF-16 units. */
  get length(): number {
    return this.decodedLength;
  }

  /** Length of the stored UTF-8 in bytes, without reading it. */
  get byteLength(): number {
    return this.end - this.start;
  }

  /**
   * The stored UTF-8, without copying or decoding it when it is in memory (read when it is not).
   * For a body from the cache not yet read, these are the bytes as the cache held them: fit to
   * compare, never to show.
   */
  bytesView(): Buffer {
    return Buffer.isBuffer(this.bytes) ? this.bytes.subarray(this.start, this.end) : this.bytes.read(this.start, this.end);
  }

  /** The text as stored, decoded without the pending check (see storedTextToCompare). */
  unchecked(): string {
    return recent.get(this) ?? this.bytesView().toString('utf8');
  }

  /** The text, decoded (or from the small cache of recently read ones). */
  read(): string {
    const cached = recent.get(this);
    if (cached !== undefined) {
      // Most recently used last.
      recent.delete(this);
      recent.set(this, cached);
      return cached;
    }
    const bytes = this.bytesView();
    let text = bytes.toString('utf8');
    if (this.check) text = this.settle(text, this.check, bytes);
    if (readOnce.has(this)) remember(this, text);
    else noteRead(this);
    return text;
  }

  /**
   * Lets go of bytes kept in memory once they are also in lede's cache file (`outside`, from
   * `start`): read from there from now on, and checked by `check` each time as a second start's
   * are. The bytes in memory are the loader's own, so their digest is taken as the one that
   * passed: a read of the same bytes skips the check. False when the bytes were outside already
   * (but for parked ones, SlabSpill: those move on, with the digest they were parked with).
   */
  moveOutside(outside: OutsideBytes, start: number, check: StoredTextCheck): boolean {
    // Parked bytes keep the digest the loader's own had when they were parked.
    if (Buffer.isBuffer(this.bytes)) this.checkedDigest = digestOf(this.bytesView());
    else if (!this.bytes.parked) return false;
    // New bodies go to a new slab: this one is freed once its bodies have all moved (the module
    // held it, and with it up to 33 MiB of written pages, for good).
    if (this.bytes === slab) slab = undefined;
    this.end = start + (this.end - this.start);
    this.start = start;
    this.bytes = outside;
    this.check = check;
    return true;
  }

  /** Where the stored UTF-8 is: a buffer, or bytes outside memory, from `start` to `end`. */
  place(): { bytes: Buffer | OutsideBytes; start: number; end: number } {
    return { bytes: this.bytes, start: this.start, end: this.end };
  }

  /** moveOutside for a body still in slab `from` (one repaired since lives elsewhere), to the same place in `outside` from `at`. */
  moveFromSlab(from: Buffer, outside: OutsideBytes, at: number, check: StoredTextCheck): void {
    if (this.bytes === from) this.moveOutside(outside, at + this.start, check);
  }

  /**
   * Runs the pending check: once for bytes in memory, and for bytes outside it whenever they are
   * not the ones checked before (they may have been changed since: told by their SHA-256, a
   * tenth of what the check costs). A repaired text replaces the stored one, in memory.
   */
  private settle(text: string, check: StoredTextCheck, bytes: Buffer): string {
    const outside = !Buffer.isBuffer(this.bytes);
    if (!outside) this.check = undefined;
    const digest = outside ? digestOf(bytes) : undefined;
    if (digest !== undefined && digest === this.checkedDigest) return text;
    const kept = check(text, bytes);
    if (kept !== text) {
      const repaired = storeText(kept);
      this.bytes = repaired.bytes;
      this.start = repaired.start;
      this.end = repaired.end;
      this.decodedLength = kept.length;
      this.check = undefined;
    } else this.checkedDigest = digest;
    return kept;
  }
}

const digestOf = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('base64');

/** Stores `text` and returns the handle to read it back with. */
export function storeText(text: string): StoredText {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > OWN_BUFFER_BYTES) {
    const own = Buffer.allocUnsafeSlow(size);
    own.write(text, 0, 'utf8');
    return new StoredText(own, 0, size, text.length);
  }
  if (!slab || slabUsed + size > slab.length) {
    if (slab && spill) parkSlab(slab, spill);
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabUsed = 0;
    slabTexts = [];
  }
  const start = slabUsed;
  slabUsed += slab.write(text, start, 'utf8');
  const stored = new StoredText(slab, start, slabUsed, text.length);
  slabTexts.push(stored);
  return stored;
}

/** The filled `full` written out by `to`, and every body in it read from there from now on. */
function parkSlab(full: Buffer, to: SlabSpill): void {
  const parked = to.park(full.subarray(0, slabUsed));
  if (!parked) return;
  for (const stored of slabTexts) stored.moveFromSlab(full, parked.outside, parked.at, to.check);
}

const recent = new Map<StoredText, string>();
let recentChars = 0;

/** Bodies read once lately (the handles only, not their text): one read again is worth caching. */
const readOnce = new Set<StoredText>();
const READ_ONCE_ENTRIES = 64;

function noteRead(stored: StoredText): void {
  readOnce.add(stored);
  if (readOnce.size > READ_ONCE_ENTRIES) readOnce.delete(readOnce.values().next().value as StoredText);
}

function remember(stored: StoredText, text: string): void {
  readOnce.delete(stored);
  if (text.length > CACHE_CHARS) return;
  recent.set(stored, text);
  recentChars += text.length;
  while (recent.size > CACHE_ENTRIES || recentChars > CACHE_CHARS) {
    const [oldest, oldText] = recent.entries().next().value as [StoredText, string];
    recent.delete(oldest);
    recentChars -= oldText.length;
  }
}

/**
 * Gives `target` a read-only, enumerable `text` property backed by a StoredText: it reads like a
 * plain field (spread, JSON.stringify and destructuring all see it) but costs UTF-8 bytes.
 */
export function defineStoredText<T extends object>(target: T, text: string): T & { readonly text: string } {
  // One getter shared by every article, the handle in a hidden property: objects built the same
  // way then share one shape. A closure per article gave each its own, and V8 fell back to
  // dictionary-mode properties (~450 bytes an article, and slower to read).
  Object.defineProperty(target, STORED, { value: storeText(text) });
  Object.defineProperty(target, 'text', { get: readStoredText, enumerable: true, configurable: true });
  return target as T & { readonly text: string };
}

const STORED = Symbol('stored text');

/**
 * An article's text as UTF-8, without a copy when it is stored (see defineStoredText); encoded
 * from the string when it is a plain field (an article built by hand, or spread into a new object).
 */
export function storedTextBytes(article: { readonly text: string }): Buffer {
  const stored = (article as { [STORED]?: StoredText })[STORED];
  return stored ? stored.bytesView() : Buffer.from(article.text, 'utf8');
}

/**
 * defineStoredText for a body already stored as UTF-8 (`bytes` from `start` to `end`, in lede's
 * library cache, in memory or in its file): not copied, and checked by `check` when read
 * (StoredTextCheck: the first time, or every time for bytes outside memory).
 */
export function defineCachedText<T extends object>(target: T, bytes: Buffer | OutsideBytes, start: number, end: number, length: number, check: StoredTextCheck): T & { readonly text: string } {
  Object.defineProperty(target, STORED, { value: new StoredText(bytes, start, end, length, check) });
  Object.defineProperty(target, 'text', { get: readStoredText, enumerable: true, configurable: true });
  return target as T & { readonly text: string };
}

/**
 * An article's text as stored, decoded without the check a body from lede's cache gets when it is
 * read (StoredTextCheck) and without keeping it among the recently read: to compare (does a term
 * occur in it), never to show. For a body from a cache file whose digests passed, this is the text
 * `read()` gives; only bytes crafted to pass the digests can differ, and what such a body says
 * reaches the terminal only through `read()`, checked. A one-shot search tests hundreds of
 * candidate bodies for a phrase this way and reads (checks) only the ones it prints.
 */
export function storedTextToCompare(article: { readonly text: string }): string {
  const stored = (article as { [STORED]?: StoredText })[STORED];
  return stored ? stored.unchecked() : article.text;
}

/**
 * Moves an article's stored text out of memory to `outside` from `start` (StoredText.moveOutside);
 * false when it is not stored, or not in memory.
 */
export function moveStoredTextOutside(article: { readonly text: string }, outside: OutsideBytes, start: number, check: StoredTextCheck): boolean {
  const stored = (article as { [STORED]?: StoredText })[STORED];
  return stored ? stored.moveOutside(outside, start, check) : false;
}

/** Where an article's stored text is (StoredText.place), or undefined when it is a plain field. */
export function storedTextPlace(article: { readonly text: string }): ReturnType<StoredText['place']> | undefined {
  return (article as { [STORED]?: StoredText })[STORED]?.place();
}

/** An article's text's length in UTF-8 bytes, without reading it. */
export function storedByteLength(article: { readonly text: string }): number {
  const stored = (article as { [STORED]?: StoredText })[STORED];
  return stored ? stored.byteLength : Buffer.byteLength(article.text, 'utf8');
}

/** An article's text's length in UTF-16 units, without reading it. */
export function storedTextLength(article: { readonly text: string }): number {
  const stored = (article as { [STORED]?: StoredText })[STORED];
  return stored ? stored.length : article.text.length;
}

function readStoredText(this: { [STORED]: StoredText }): string {
  return this[STORED].read();
}
