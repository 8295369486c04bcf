/**
 * The built search index, saved beside the library cache (`<cache>/library/<key>.search`) and
 * loaded instead of built on a start that gave exactly the library it was built from (the library
 * cache's generation, libraryCacheOf). Entity names, the index's extra words, are not part of it.
 *
 *   "lede search index\n"   the magic, 18 bytes
 *   32 bytes                SHA-256 of everything after it
 *   u32 little-endian       H, the header's length in bytes
 *   H bytes                 the header, JSON: version, generation, article count, the vocabulary,
 *                           the folded titles and the body edges; padded with 0-3 spaces so
 *                           that the postings start on a four-byte boundary
 *   the rest                the postings, int32 little-endian: for each term in vocabulary order,
 *                           its count, then its postings (search-index.ts says what one holds)
 *
 * Read with own-files' rules and checked before anything is put in the index: the digest, every
 * field's type and size, the vocabulary's invariants (each term a folded word, no two alike), the
 * folded titles against the articles' titles, every posting's article, flags and count, in order.
 * Anything amiss is a miss (the index is built in slices as without a cache), said in one line
 * when it is not a plain miss. Saving is best effort: a full disk leaves the old file or none.
 */
import { createHash, webcrypto } from 'node:crypto';
import { dirname } from 'node:path';
import { ensureOwnDirectory, errnoCode, readOwnBytes, writeOwnFileAtomic, type OwnFileOutput } from '../own-files.js';
import { sanitizeSingleLine } from '../sanitize.js';
import { fold, isWordUnit } from './fold.js';
import { BODY, DOC_STRIDE, EDGE, type SearchIndex, TF_MAX } from './search-index.js';

/** Bump whenever folding, tokenising or what the index holds changes: every saved index is then a miss. */
export const SEARCH_INDEX_VERSION = 1;

/** No saved index is read past this (20,000 articles make ~30 MB). */
export const MAX_SEARCH_INDEX_BYTES = 1024 * 1024 * 1024;

const MAGIC = Buffer.from('lede search index\n', 'utf8');
const DIGEST_BYTES = 32;
const PREFIX_BYTES = MAGIC.length + DIGEST_BYTES + 4;

export interface SearchIndexCacheOptions {
  /** Told one line when a saved index is found tampered with, or cannot be written. */
  onProblem?: (problem: string) => void;
}

interface Header {
  version: number;
  generation: string;
  docs: number;
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
    writeOwnFileAtomic(file, (out) => writeIndex(out, index, generation));
  } catch (error) {
    options.onProblem?.(`search index cache off: cannot write to ${sanitizeSingleLine(dirname(file))} (${errnoCode(error) ?? 'unknown error'})`);
  }
}

/** Strings put in one piece of the header's JSON. */
const PIECE_STRINGS = 2048;
/** Postings gathered before they are hashed and written. */
const POSTING_CHUNK = 64 * 1024;

/** The header's JSON (Header), in pieces: what JSON.stringify gives the whole, never built whole. */
function* headerPieces(index: SearchIndex, generation: string): Generator<string> {
  yield `{"version":${SEARCH_INDEX_VERSION},"generation":${JSON.stringify(generation)},"docs":${index.docs.length}`;
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

/**
 * The file, written as it is made: the header's length first (its JSON made once to be measured,
 * once to be written), the digest worked out as the bytes go and put in its place at the end.
 * 100,000 articles' postings are ~150 MB: never gathered into one array.
 */
function writeIndex(out: OwnFileOutput, index: SearchIndex, generation: string): void {
  let headerBytes = 0;
  for (const piece of headerPieces(index, generation)) headerBytes += Buffer.byteLength(piece, 'utf8');
  // Spaces after the JSON put the postings on a four-byte boundary: read, they are a view, not a copy.
  const padding = ' '.repeat((4 - ((PREFIX_BYTES + headerBytes) % 4)) % 4);
  headerBytes += padding.length;
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes);
  const start = out.written;
  out.write(MAGIC);
  out.write(Buffer.alloc(DIGEST_BYTES));
  out.write(length);
  const digest = createHash('sha256').update(length);
  for (const piece of [...headerPieces(index, generation), padding]) {
    digest.update(piece, 'utf8');
    out.write(piece);
  }
  const chunk = new Int32Array(POSTING_CHUNK);
  let filled = 0;
  const flush = () => {
    const bytes = Buffer.from(chunk.buffer, 0, filled * 4);
    digest.update(bytes);
    out.write(bytes);
    filled = 0;
  };
  const put = (value: number) => {
    chunk[filled++] = value;
    if (filled === POSTING_CHUNK) flush();
  };
  for (let id = 0; id < index.vocab.size; id++) {
    put(index.postings.count(id));
    index.postings.forEach(id, put);
  }
  flush();
  out.writeAt(digest.digest(), start + MAGIC.length);
}

/**
 * Puts the saved index of the library of `generation` into `index` (empty, over that library's
 * articles) and returns true; false, with `index` untouched, when there is none or it is not right.
 */
export async function loadSearchIndex(index: SearchIndex, file: string, generation: string, options: SearchIndexCacheOptions = {}): Promise<boolean> {
  if (index.indexedCount !== 0 || index.vocab.size !== 0) return false;
  const read = readOwnBytes(file, MAX_SEARCH_INDEX_BYTES);
  const tampered = (why: string): false => {
    options.onProblem?.(`search index cache: ignored ${sanitizeSingleLine(file)} (${why}); rebuilt`);
    return false;
  };
  if (!read.ok) return read.reason === 'missing' ? false : tampered(read.reason);
  const bytes = read.bytes;
  if (bytes.length < PREFIX_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return tampered('not a search index');
  // Worked out in libuv's pool: 30 MB would otherwise hold the first keystrokes up.
  const digest = Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes.subarray(MAGIC.length + DIGEST_BYTES)));
  if (!digest.equals(bytes.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES))) return tampered('bytes changed since written');
  const headerBytes = bytes.readUInt32LE(MAGIC.length + DIGEST_BYTES);
  const rest = bytes.length - PREFIX_BYTES - headerBytes;
  if (rest < 0 || rest % 4 !== 0) return tampered('sizes do not add up');
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + headerBytes));
  } catch {
    return tampered('header not JSON');
  }
  if (!isRecord(header) || header.version !== SEARCH_INDEX_VERSION || header.generation !== generation) return false;
  const postings = int32View(bytes, PREFIX_BYTES + headerBytes, rest / 4);
  const problem = checkIndex(header, index, postings);
  if (problem) return tampered(problem);
  fill(index, header as unknown as Header, postings);
  return true;
}

/**
 * `count` int32s of `bytes` from `at`: a view when they are on a four-byte boundary (lede writes
 * them so: 100,000 articles' postings are ~150 MB, not to be had twice), else a copy.
 */
function int32View(bytes: Buffer, at: number, count: number): Int32Array {
  if ((bytes.byteOffset + at) % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset + at, count);
  const copy = new Int32Array(count);
  Buffer.from(copy.buffer).set(bytes.subarray(at, at + count * 4));
  return copy;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown, length: number, maxChars: number): v is string[] =>
  Array.isArray(v) && v.length === length && v.every((s) => typeof s === 'string' && s.length <= maxChars);

/** What is wrong with a saved index for `index`'s articles, or undefined when nothing is. */
function checkIndex(header: Record<string, unknown>, index: SearchIndex, postings: Int32Array): string | undefined {
  const docs = index.docs.length;
  if (header.docs !== docs) return 'another number of articles';
  if (!isStringArray(header.foldedTitles, docs, Infinity) || !isStringArray(header.bodyHeads, docs, EDGE + 1) || !isStringArray(header.bodyTails, docs, EDGE)) return 'bad titles or edges';
  for (let doc = 0; doc < docs; doc++) if (header.foldedTitles[doc] !== fold(index.docs[doc]!.title)) return 'a title differs from the library';
  const { terms } = header;
  if (!Array.isArray(terms) || terms.length > postings.length) return 'bad vocabulary';
  const seen = new Set<string>();
  for (const term of terms as unknown[]) {
    if (!isFoldedWord(term) || seen.has(term)) return 'bad vocabulary';
    seen.add(term);
  }
  return checkPostings(postings, terms.length, docs);
}

/** A vocabulary term: a non-empty folded word, every unit of it a word unit. */
function isFoldedWord(term: unknown): term is string {
  if (typeof term !== 'string' || term.length === 0 || fold(term) !== term) return false;
  for (let k = 0; k < term.length; k++) if (!isWordUnit(term, k)) return false;
  return true;
}

/** Each term's postings as the index makes them: at least one, articles in order, flags and counts that can be. */
function checkPostings(postings: Int32Array, terms: number, docs: number): string | undefined {
  let at = 0;
  for (let id = 0; id < terms; id++) {
    const count = postings[at++];
    if (count === undefined || count < 1 || at + count > postings.length) return 'bad posting count';
    let previous = -1;
    for (const end = at + count; at < end; at++) {
      const value = postings[at]!;
      const doc = Math.floor(value / DOC_STRIDE);
      const flags = (value >> 10) & 3;
      const tf = value & TF_MAX;
      if (value < 0 || doc <= previous || doc >= docs) return 'bad posting';
      // A title-only word counts nothing; a body word counts its occurrences (search-index.ts).
      if (flags === 0 || ((flags & BODY) !== 0 ? tf === 0 : tf !== 0)) return 'bad posting';
      previous = doc;
    }
  }
  return at === postings.length ? undefined : 'postings past the vocabulary';
}

function fill(index: SearchIndex, header: Header, postings: Int32Array): void {
  for (const term of header.terms) index.vocab.intern(term);
  let at = 0;
  for (let id = 0; id < header.terms.length; id++) {
    const count = postings[at++]!;
    index.postings.addAll(id, postings, at, at + count);
    at += count;
  }
  for (let doc = 0; doc < header.docs; doc++) {
    index.foldedTitles.push(header.foldedTitles[doc]!);
    index.bodyHeads.push(header.bodyHeads[doc]!);
    index.bodyTails.push(header.bodyTails[doc]!);
  }
  index.indexedCount = header.docs;
}
