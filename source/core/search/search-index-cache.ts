/**
 * The built search index, saved beside the library cache (`<cache>/library/<key>.search`) and
 * loaded instead of built on a start that gave exactly the library it was built from (the library
 * cache's generation, libraryCacheOf). Entity names, the index's extra words, are not part of it.
 *
 *   "lede search index\n"   the magic, 18 bytes
 *   u32 little-endian       H, the header's length in bytes
 *   32 bytes                SHA-256 of the header
 *   H bytes                 the header, JSON: version, generation, article count, the postings'
 *                           size in bytes, the chunk size
 *                           and the SHA-256 of each chunk of the postings, the vocabulary, the folded
 *                           titles and the body edges; padded with 0-3 spaces so that the
 *                           postings start on a four-byte boundary
 *   the rest                the postings, int32 little-endian: for each term in vocabulary order,
 *                           its count, then its postings (search-index.ts says what one holds)
 *
 * Read with own-files' rules, a chunk at a time: the postings go from each chunk straight into
 * the index's posting pages, never the whole file in memory beside them (100,000 articles' are
 * ~150 MB). Everything is checked before the index has any of it: the header's digest, every
 * field's type and size, the vocabulary's invariants (each term a folded word, no two alike), the
 * folded titles against the articles' titles, each chunk's digest, and every posting's article,
 * flags and count, in order, as it is read. What is read goes into a store of its own, put in
 * the index only once the last chunk passed. Anything amiss is a miss (the index is built in
 * slices as without a cache), said in one line when it is not a plain miss. Saving is best
 * effort: a full disk leaves the old file or none.
 */
import { createHash, webcrypto } from 'node:crypto';
import { dirname } from 'node:path';
import { closeOwnFile, ensureOwnDirectory, errnoCode, openOwnFile, realFileSystem, writeOwnFileAtomic, type OwnFileOutput, type OwnFileSystem } from '../own-files.js';
import { TimeSlices } from '../load/time-slices.js';
import { sanitizeSingleLine } from '../sanitize.js';
import { fold, isWordUnit } from './fold.js';
import { MAX_RESERVE, PostingStore } from './postings.js';
import { DOC_STRIDE, EDGE, type SearchIndex, TF_MAX, TITLE } from './search-index.js';
import { Vocabulary } from './vocabulary.js';

/** Bump whenever folding, tokenising or what the index holds changes: every saved index is then a miss. */
export const SEARCH_INDEX_VERSION = 2;

/** No saved index is read past this (20,000 articles make ~30 MB). */
export const MAX_SEARCH_INDEX_BYTES = 1024 * 1024 * 1024;

/** The postings are digested, read and checked this many bytes at a time: all of them a load holds at once. */
export const POSTING_CHUNK_BYTES = 1024 * 1024;
/** Reading the postings works this long between two turns of the event loop. */
const RESTORE_SLICE_MS = 50;
/** A header's chunk size is read only up to this (a file is untrusted: its chunk is what a load allocates). */
const MAX_CHUNK_BYTES = 16 * 1024 * 1024;

const MAGIC = Buffer.from('lede search index\n', 'utf8');
const DIGEST_BYTES = 32;
const PREFIX_BYTES = MAGIC.length + 4 + DIGEST_BYTES;
/** Header bytes at most: the vocabulary, titles and edges of the largest library that fits the cap. */
const MAX_HEADER_BYTES = 512 * 1024 * 1024;

export interface SearchIndexCacheOptions {
  /** Told one line when a saved index is found tampered with, or cannot be written. */
  onProblem?: (problem: string) => void;
  /** Test seam for fault injection (reads only). */
  fs?: OwnFileSystem;
  /** How long reading the postings works between two turns of the event loop (default RESTORE_SLICE_MS). */
  sliceMs?: number;
  /** Bytes of postings per chunk when saving (a multiple of 4; default POSTING_CHUNK_BYTES): a test seam, the file says its own. */
  chunkBytes?: number;
  /**
   * Read the postings into one array and search them where they lie (a one-shot `lede search`,
   * which draws nothing meanwhile): no turns of the event loop, no copy into posting pages. The
   * same checks, all before the index has any of it. Off: a chunk at a time, as the reader does.
   */
  inPlace?: boolean;
}

interface Header {
  version: number;
  generation: string;
  docs: number;
  postingBytes: number;
  chunkBytes: number;
  postingChunks: string[];
  terms: string[];
  foldedTitles: string[];
  bodyHeads: string[];
  bodyTails: string[];
}

/** Where the index of the library cached in `libraryFile` is saved. */
export function searchIndexFile(libraryFile: string): string {
  return libraryFile.replace(/\.cache$/, '') + '.search';
}

/** Writes `index` (complete) for the library of `generation`, streamed (writeIndex); a failure is told, never thrown. */
export function saveSearchIndex(index: SearchIndex, file: string, generation: string, options: SearchIndexCacheOptions = {}): void {
  if (!index.ready) return;
  const problem = ensureOwnDirectory(dirname(file));
  if (problem) return options.onProblem?.(`search index cache off: ${problem}`);
  try {
    writeOwnFileAtomic(file, (out) => writeIndex(out, index, generation, options.chunkBytes ?? POSTING_CHUNK_BYTES));
  } catch (error) {
    options.onProblem?.(`search index cache off: cannot write to ${sanitizeSingleLine(dirname(file))} (${errnoCode(error) ?? 'unknown error'})`);
  }
}

/** Strings put in one piece of the header's JSON. */
const PIECE_STRINGS = 2048;

/** The header's JSON (Header), in pieces: what JSON.stringify gives the whole, never built whole. */
function* headerPieces(index: SearchIndex, generation: string, postingBytes: number, chunkBytes: number, postingChunks: readonly string[]): Generator<string> {
  yield `{"version":${SEARCH_INDEX_VERSION},"generation":${JSON.stringify(generation)},"docs":${index.docs.length},"postingBytes":${postingBytes},"chunkBytes":${chunkBytes},"postingChunks":${JSON.stringify(postingChunks)}`;
  const arrays: [keyof Header, readonly string[]][] = [
    ['terms', index.vocab.terms],
    ['foldedTitles', index.foldedTitles],
    ['bodyHeads', index.bodyHeads],
    ['bodyTails', index.bodyTails],
  ];
  for (const [name, values] of arrays) {
    yield `,"${name}":[`;
    for (let at = 0; at < values.length; at += PIECE_STRINGS) {
      const json = JSON.stringify(values.slice(at, at + PIECE_STRINGS));
      yield (at === 0 ? '' : ',') + json.slice(1, -1);
    }
    yield ']';
  }
  yield '}';
}

/** The postings as the file holds them (each term's count, then its postings), `chunkBytes` at a time. */
function forEachPostingChunk(index: SearchIndex, chunkBytes: number, visit: (bytes: Buffer) => void): void {
  const ints = chunkBytes / 4;
  const chunk = new Int32Array(ints);
  const bytes = Buffer.from(chunk.buffer);
  let filled = 0;
  const put = (value: number) => {
    chunk[filled++] = value;
    if (filled === ints) {
      visit(bytes);
      filled = 0;
    }
  };
  for (let id = 0; id < index.vocab.size; id++) {
    put(index.postings.count(id));
    index.postings.forEach(id, put);
  }
  if (filled > 0) visit(bytes.subarray(0, filled * 4));
}

/**
 * The file, written as it is made: the postings gone over twice (once for their digests, which
 * the header holds, once to be written), the header's JSON made once to be measured and digested,
 * once to be written. 100,000 articles' postings are ~150 MB: never gathered into one array.
 */
function writeIndex(out: OwnFileOutput, index: SearchIndex, generation: string, chunkBytes: number): void {
  if (!isChunkSize(chunkBytes)) throw new RangeError(`bad chunk size ${chunkBytes}`);
  const postingChunks: string[] = [];
  let postingBytes = 0;
  forEachPostingChunk(index, chunkBytes, (bytes) => {
    postingChunks.push(createHash('sha256').update(bytes).digest('hex'));
    postingBytes += bytes.length;
  });
  const digest = createHash('sha256');
  let headerBytes = 0;
  for (const piece of headerPieces(index, generation, postingBytes, chunkBytes, postingChunks)) {
    digest.update(piece, 'utf8');
    headerBytes += Buffer.byteLength(piece, 'utf8');
  }
  // Spaces after the JSON put the postings on a four-byte boundary.
  const padding = ' '.repeat((4 - ((PREFIX_BYTES + headerBytes) % 4)) % 4);
  digest.update(padding);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes + padding.length);
  out.write(MAGIC);
  out.write(length);
  out.write(digest.digest());
  for (const piece of headerPieces(index, generation, postingBytes, chunkBytes, postingChunks)) out.write(piece);
  out.write(padding);
  forEachPostingChunk(index, chunkBytes, (bytes) => out.write(bytes));
}

/**
 * Puts the saved index of the library of `generation` into `index` (empty, over that library's
 * articles) and returns true; false, with `index` untouched, when there is none or it is not right.
 */
export async function loadSearchIndex(index: SearchIndex, file: string, generation: string, options: SearchIndexCacheOptions = {}): Promise<boolean> {
  if (index.indexedCount !== 0 || index.vocab.size !== 0) return false;
  const fs = options.fs ?? realFileSystem;
  const opened = openOwnFile(file, MAX_SEARCH_INDEX_BYTES, fs);
  const tampered = (why: string): false => {
    options.onProblem?.(`search index cache: ignored ${sanitizeSingleLine(file)} (${why}); rebuilt`);
    return false;
  };
  if (!opened.ok) return opened.reason === 'missing' ? false : tampered(opened.reason);
  try {
    const reader = new ChunkReader(fs, opened.fd, opened.size);
    const read = await readHeader(reader, generation, options.inPlace === true);
    if (read === false) return false;
    if (typeof read === 'string') return tampered(read);
    const { postingBytes } = read;
    const problem = checkHeader(read.header, index, postingBytes);
    if (problem) return tampered(problem);
    const header = read.header as unknown as Header;
    const restored = options.inPlace ? readPostingsInPlace(reader, header, postingBytes) : await readPostings(reader, header, postingBytes, options.sliceMs ?? RESTORE_SLICE_MS);
    if (typeof restored === 'string') return tampered(restored);
    index.restore({ vocab: restored.vocab, postings: restored.postings, foldedTitles: header.foldedTitles, bodyHeads: header.bodyHeads, bodyTails: header.bodyTails });
    return true;
  } catch (error) {
    return tampered(`unreadable${errnoCode(error) ? ` (${errnoCode(error)})` : ''}`);
  } finally {
    closeOwnFile(opened.fd, fs);
  }
}

/** Reads an open file front to back, never past the size it had when opened (and one byte to tell it grew). */
class ChunkReader {
  private position = 0;
  constructor(
    private readonly fs: OwnFileSystem,
    private readonly fd: number,
    readonly size: number,
  ) {}

  /** Fills `into` from the file; false when the file ends first. */
  fill(into: Uint8Array): boolean {
    let filled = 0;
    while (filled < into.length) {
      const got = this.fs.readSync(this.fd, into, filled, into.length - filled, this.position);
      if (got === 0) return false;
      filled += got;
      this.position += got;
    }
    return true;
  }

  /** Whether the file ends where it did when it was opened (neither grown nor shrunk). */
  atEnd(): boolean {
    return this.position === this.size && this.fs.readSync(this.fd, Buffer.alloc(1), 0, 1, this.position) === 0;
  }
}

/** The header, checked against its digest and for this generation; false for a plain miss, else what is wrong. */
async function readHeader(reader: ChunkReader, generation: string, inPlace: boolean): Promise<{ header: Record<string, unknown>; postingBytes: number } | string | false> {
  const prefix = Buffer.alloc(PREFIX_BYTES);
  if (reader.size < PREFIX_BYTES || !reader.fill(prefix) || !prefix.subarray(0, MAGIC.length).equals(MAGIC)) return 'not a search index';
  const headerBytes = prefix.readUInt32LE(MAGIC.length);
  const postingBytes = reader.size - PREFIX_BYTES - headerBytes;
  if (headerBytes > MAX_HEADER_BYTES || postingBytes < 0 || postingBytes % 4 !== 0) return 'sizes do not add up';
  const headerView = Buffer.allocUnsafe(headerBytes);
  if (!reader.fill(headerView)) return 'sizes do not add up';
  // Digested in libuv's pool: the restore starts as the list is first drawn, and this wait lets
  // that frame out before the header is parsed and checked (a tenth of a second at 20,000 articles).
  // A one-shot draws nothing: here, at once (WebCrypto's copy of the header alone costs as much
  // as its digest, and a wait for the pool on a busy machine more).
  const digest = inPlace ? createHash('sha256').update(headerView).digest() : Buffer.from(await webcrypto.subtle.digest('SHA-256', headerView));
  if (!digest.equals(prefix.subarray(MAGIC.length + 4))) return 'bytes changed since written';
  let header: unknown;
  try {
    header = JSON.parse(headerView.toString('utf8'));
  } catch {
    return 'header not JSON';
  }
  if (!isRecord(header) || header.version !== SEARCH_INDEX_VERSION || header.generation !== generation) return false;
  return { header, postingBytes };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown, length: number, maxChars: number): v is string[] =>
  Array.isArray(v) && v.length === length && v.every((s) => typeof s === 'string' && s.length <= maxChars);

/** What is wrong with a saved index's header for `index`'s articles, or undefined when nothing is. */
function checkHeader(header: Record<string, unknown>, index: SearchIndex, postingBytes: number): string | undefined {
  const docs = index.docs.length;
  if (header.postingBytes !== postingBytes) return 'sizes do not add up';
  if (header.docs !== docs) return 'another number of articles';
  const { chunkBytes, postingChunks } = header;
  if (!isChunkSize(chunkBytes)) return 'bad chunk size';
  if (!Array.isArray(postingChunks) || postingChunks.length !== Math.ceil(postingBytes / chunkBytes) || !postingChunks.every((d) => typeof d === 'string' && /^[0-9a-f]{64}$/.test(d))) return 'bad posting digests';
  if (!isStringArray(header.foldedTitles, docs, Infinity) || !isStringArray(header.bodyHeads, docs, EDGE + 1) || !isStringArray(header.bodyTails, docs, EDGE)) return 'bad titles or edges';
  for (let doc = 0; doc < docs; doc++) if (header.foldedTitles[doc] !== fold(index.docs[doc]!.title)) return 'a title differs from the library';
  const { terms } = header;
  // Each term has a count and at least one posting.
  if (!Array.isArray(terms) || terms.length * 8 > postingBytes) return 'bad vocabulary';
  // No two alike is seen as the vocabulary is made (readPostings).
  for (const term of terms as unknown[]) if (!isFoldedWord(term)) return 'bad vocabulary';
  return undefined;
}

const isChunkSize = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 4 && (v as number) <= MAX_CHUNK_BYTES && (v as number) % 4 === 0;

/** Lower-case ASCII letters and digits: folded word units as they are (fold.ts), most of any vocabulary. */
const ASCII_FOLDED_WORD = /^[a-z0-9]+$/;

/** A vocabulary term: a non-empty folded word, every unit of it a word unit. */
export function isFoldedWord(term: unknown): term is string {
  if (typeof term !== 'string' || term.length === 0) return false;
  // Folding 44,000 terms one by one was a tenth of reading a saved index at 2,000 articles.
  if (ASCII_FOLDED_WORD.test(term)) return true;
  if (fold(term) !== term) return false;
  for (let k = 0; k < term.length; k++) if (!isWordUnit(term, k)) return false;
  return true;
}

/**
 * The postings, a chunk at a time (with a turn of the event loop every RESTORE_SLICE_MS): each chunk's digest,
 * then each term's postings as the index makes them (at least one, articles in order, flags and
 * counts that can be) put straight into a posting store of their own, which the index gets once
 * all passed. What is wrong, when anything is.
 */
async function readPostings(reader: ChunkReader, header: Header, postingBytes: number, sliceMs: number): Promise<{ vocab: Vocabulary; postings: PostingStore } | string> {
  const vocab = new Vocabulary();
  // A term seen before gets its first id back, not the next one. Interned one by one, so that
  // each term's hash and buckets are made now, as the restore goes, not on the first key.
  for (let id = 0; id < header.terms.length; id++) if (vocab.intern(header.terms[id]!) !== id) return 'bad vocabulary';
  const postings = new PostingStore();
  // Each term is one run after its count: the file's ints are the store's entries, a link for each count.
  postings.presize(header.terms.length, postingBytes / 4);
  const checker = new PostingChecker(postings, header.terms.length, header.docs, postingBytes / 4);
  const slices = new TimeSlices(sliceMs);
  const chunk = new Int32Array(Math.min(header.chunkBytes, postingBytes) / 4);
  const bytes = Buffer.from(chunk.buffer);
  for (let index = 0, left = postingBytes; left > 0; index++) {
    const view = bytes.subarray(0, Math.min(left, header.chunkBytes));
    if (!reader.fill(view)) return 'changed while read';
    left -= view.length;
    if (createHash('sha256').update(view).digest('hex') !== header.postingChunks[index]) return 'bytes changed since written';
    const problem = checker.take(chunk, view.length / 4);
    if (problem) return problem;
    // A turn for the event loop now and then (keys typed while 150 MB of postings are read are
    // echoed), not after every chunk: each turn lets other start-up work in before the index is
    // ready (the entity index's, ~0.4 s at 20,000 articles).
    await slices.pauseIfDue();
  }
  if (!reader.atEnd()) return 'changed while read';
  return checker.finish() ?? { vocab, postings };
}

/**
 * The postings read whole into one array, each chunk's digest checked, then every posting as
 * readPostings checks them; the store reads each term's run where it lies (PostingStore.adoptRuns).
 */
function readPostingsInPlace(reader: ChunkReader, header: Header, postingBytes: number): { vocab: Vocabulary; postings: PostingStore } | string {
  const vocab = Vocabulary.ofDistinct(header.terms);
  if (!vocab) return 'bad vocabulary';
  const values = new Int32Array(postingBytes / 4);
  const bytes = new Uint8Array(values.buffer);
  for (let index = 0, at = 0; at < postingBytes; index++, at += header.chunkBytes) {
    const view = bytes.subarray(at, Math.min(postingBytes, at + header.chunkBytes));
    if (!reader.fill(view)) return 'changed while read';
    if (createHash('sha256').update(view).digest('hex') !== header.postingChunks[index]) return 'bytes changed since written';
  }
  if (!reader.atEnd()) return 'changed while read';
  const runs = checkedRuns(values, header.terms.length, header.docs);
  return typeof runs === 'string' ? runs : { vocab, postings: PostingStore.adoptRuns(values, runs.starts, runs.counts) };
}

/**
 * Where each term's postings start in `values` (the whole file's, read in place) and how many
 * there are, checked as PostingChecker checks them, with the same answers; or what is wrong.
 * One loop over the array rather than PostingChecker's calls per term: run once, on 44,000 terms
 * at 2,000 articles, before V8 had optimised those calls, they were a third of reading the index.
 */
export function checkedRuns(values: Int32Array, terms: number, docs: number): { starts: Int32Array; counts: Int32Array } | string {
  const starts = new Int32Array(terms);
  const counts = new Int32Array(terms);
  const length = values.length;
  let term = 0;
  let at = 0;
  while (at < length) {
    if (term === terms) return 'postings past the vocabulary';
    const count = values[at++]!;
    // What is left after the count: a term's postings never run past the file's.
    if (count < 1 || count > length - at || count > MAX_RESERVE) return 'bad posting count';
    starts[term] = at;
    counts[term] = count;
    let previous = -1;
    for (const end = at + count; at < end; at++) {
      const value = values[at]!;
      const doc = value >> DOC_SHIFT;
      if (doc <= previous || doc >= docs) return 'bad posting';
      const flags = value & FLAG_BITS;
      const tf = value & TF_MAX;
      if (flags === TITLE_ONLY ? tf !== 0 : flags === 0 || tf === 0) return 'bad posting';
      previous = doc;
    }
    term++;
  }
  return term === terms ? { starts, counts } : 'bad posting count';
}

/** A posting's article is its value over DOC_STRIDE, a power of two. */
const DOC_SHIFT = Math.log2(DOC_STRIDE);
const FLAG_BITS = 3 << 10;
const TITLE_ONLY = TITLE << 10;

/** Checks postings as they come, in any pieces, and puts each term's into `store` as one run. */
export class PostingChecker {
  /** The term whose count or postings come next. */
  private term = 0;
  /** Postings of `term` still to come; 0: its count comes next. */
  private left = 0;
  private previous = -1;
  /** Ints not yet seen, of all the file's. */
  private unread: number;

  constructor(
    private readonly store: Pick<PostingStore, 'reserve' | 'addAll'>,
    private readonly terms: number,
    private readonly docs: number,
    ints: number,
  ) {
    this.unread = ints;
  }

  /** The first `length` ints of `values`, next in the file; what is wrong with them, if anything. */
  take(values: Int32Array, length: number): string | undefined {
    let at = 0;
    while (at < length) {
      if (this.left === 0) {
        if (this.term === this.terms) return 'postings past the vocabulary';
        const count = values[at++]!;
        this.unread--;
        if (count < 1 || count > this.unread || count > MAX_RESERVE) return 'bad posting count';
        this.store.reserve(this.term, count);
        this.left = count;
        this.previous = -1;
        continue;
      }
      const end = Math.min(length, at + this.left);
      const problem = this.check(values, at, end);
      if (problem) return problem;
      this.store.addAll(this.term, values, at, end);
      this.unread -= end - at;
      this.left -= end - at;
      at = end;
      if (this.left === 0) this.term++;
    }
    return undefined;
  }

  private check(values: Int32Array, from: number, to: number): string | undefined {
    let previous = this.previous;
    const docs = this.docs;
    for (let at = from; at < to; at++) {
      const value = values[at]!;
      // Integer arithmetic only: this loop sees every posting of the library. A negative value
      // gives a negative article, which is never after the previous one.
      const doc = value >> DOC_SHIFT;
      if (doc <= previous || doc >= docs) return 'bad posting';
      const flags = value & FLAG_BITS;
      const tf = value & TF_MAX;
      // A title-only word counts nothing; a body word counts its occurrences (search-index.ts).
      if (flags === TITLE_ONLY ? tf !== 0 : flags === 0 || tf === 0) return 'bad posting';
      previous = doc;
    }
    this.previous = previous;
    return undefined;
  }

  /** What is wrong once every int was taken: a term left without all its postings, or none. */
  finish(): string | undefined {
    return this.term === this.terms && this.left === 0 ? undefined : 'bad posting count';
  }
}
