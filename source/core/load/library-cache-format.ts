/**
 * The library cache's file: what loading each walked file gave, and every body's UTF-8.
 *
 *   "lede library cache\n"   the magic, 19 bytes
 *   32 bytes                 SHA-256 of the header
 *   u32 little-endian        H, the header's length in bytes
 *   H bytes                  the header, JSON (CacheHeader), with the SHA-256 of each 4 MiB of the blob
 *   the rest                 the blob: bodies as UTF-8, end to end; each article names its span
 *
 * The digests make a changed byte (a bad disk, a stray edit) a miss for the whole file. The blob's
 * are computed off the main thread (WebCrypto runs in libuv's pool) as it is read through once;
 * it stays in the file, its bodies read when asked for (cache-blob.ts). The digests prove
 * nothing against a file crafted to pass, which is why everything is also checked.
 * The file is as untrusted as an article (own-files.ts says why). Reading it checks the header
 * field by field: its types, every article field as the loader would have made it (one clean
 * line, no terminal controls), every span inside the blob; a single thing amiss and the whole
 * file is a miss. A body is checked when it is read (checkedBody), every time it is read from
 * the file: decoding 80 MB to check it up front would cost most of what the cache saves.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { countWords, PARAGRAPH_SEPARATOR, type Article, type ArticleFormat } from '../article.js';
import { sanitizeSingleLine } from '../sanitize.js';
import { cleanLine, dropConsecutiveDuplicates } from './build-article.js';
import type { FileOutcome } from './file-articles.js';
import type { OwnFileOutput } from '../own-files.js';
import { BLOB_CHUNK_BYTES, type CacheBlob } from './cache-blob.js';
import { defineCachedText, moveStoredTextOutside, storedByteLength, storedTextBytes, storedTextLength, storedTextPlace, type OutsideBytes, type StoredTextCheck } from './text-store.js';

const MAGIC = Buffer.from('lede library cache\n', 'utf8');
const DIGEST_BYTES = 32;
const PREFIX_BYTES = MAGIC.length + DIGEST_BYTES + 4;
/** The blob is digested in chunks this big: each is copied once for its digest job, never the whole blob. */
const CHUNK_BYTES = BLOB_CHUNK_BYTES;

/** One walked file as it was loaded: its identity (file-identity.ts) and what loading gave. */
export interface CachedFile {
  path: string;
  identity: string;
  outcome: FileOutcome;
}

/** What a cache file must say to be the one asked for. */
export interface CacheExpectation {
  /** The loader version, paths and options the library was loaded with (see libraryCacheKey). */
  key: string;
}

export interface CacheContents {
  /** Changes whenever the cache is rewritten: names exactly this library for caches built on it. */
  generation: string;
  files: CachedFile[];
  /** Whether the blob's bytes are the ones written (its digests, computed off the main thread): await before using any file. */
  blobIntact: Promise<boolean>;
}

/** Why a cache file was not used; `tampered` when it is not a file lede would have written (worth a line). */
export interface CacheMiss {
  miss: string;
  tampered: boolean;
}

/**
 * An article as the header holds it: an array, not an object, so 20,000 of them parse quickly
 * and make few objects. ARTICLE_FIELDS names the positions; `id` is what follows the path in the
 * article's id ("" or "#N"); start and end are the body's span in the blob, in bytes, and length
 * its length in UTF-16 units; a metadata field the article lacks is null.
 */
export const ARTICLE_FIELDS = ['id', 'format', 'title', 'words', 'notes', 'start', 'end', 'length', 'date', 'source', 'url', 'author'] as const;
type ArticleRecord = [string, ArticleFormat, string, number, string[], number, number, number, string | null, string | null, string | null, string | null];

/** A file as the header holds it: [path, identity, skip reason] or [path, identity, its articles]. */
type FileRecord = [string, string, string | ArticleRecord[]];

interface CacheHeader {
  key: string;
  generation: string;
  blobBytes: number;
  blobChunks: string[];
  files: FileRecord[];
}

/** The header's fields, in the order writeLibraryCache writes them. */
const HEADER_KEYS: readonly (keyof CacheHeader)[] = ['key', 'generation', 'blobBytes', 'blobChunks', 'files'];

const META_KEYS = ['date', 'source', 'url', 'author'] as const;

/**
 * A cache file about to be written: its blob's size and digests, and its pieces, gone through
 * again as it is written (views of the bodies where they are stored, neighbours in one
 * text-store slab as one piece, none copied; a body still in the old cache file is read from it
 * each time, so the blob is never held whole: 437 MB at 100,000 articles).
 */
export interface LibraryCachePlan {
  blobBytes: number;
  blobChunks: string[];
  bodies: () => Iterable<Buffer>;
}

export function planLibraryCache(files: readonly CachedFile[]): LibraryCachePlan {
  const bodies = () => piecesOf(files);
  let blobBytes = 0;
  for (const { outcome } of files) if (!('reason' in outcome)) for (const article of outcome.articles) blobBytes += storedByteLength(article);
  return { blobBytes, blobChunks: chunkDigests(bodies(), blobBytes), bodies };
}

/** Parked bodies next to each other are read as one piece up to this size. */
const PARKED_PIECE_BYTES = 4 * 1024 * 1024;

/**
 * Every body's UTF-8, in order, neighbours joined into one piece: in one buffer, a view of it;
 * parked in a load's spill file (text-store.ts), one read of a few MiB.
 */
function* piecesOf(files: readonly CachedFile[]): Generator<Buffer> {
  // The piece being gathered: bytes in memory, or a span of parked bytes not read yet.
  let last: Buffer | { from: OutsideBytes; start: number; end: number } | undefined;
  const gathered = (piece: NonNullable<typeof last>) => (Buffer.isBuffer(piece) ? piece : piece.from.read(piece.start, piece.end));
  for (const { outcome } of files) {
    if ('reason' in outcome) continue;
    for (const article of outcome.articles) {
      const place = storedTextPlace(article);
      if (place && !Buffer.isBuffer(place.bytes) && place.bytes.parked) {
        if (place.end === place.start) continue;
        if (last && !Buffer.isBuffer(last) && last.from === place.bytes && last.end === place.start && place.end - last.start <= PARKED_PIECE_BYTES) last.end = place.end;
        else {
          if (last) yield gathered(last);
          last = { from: place.bytes, start: place.start, end: place.end };
        }
        continue;
      }
      const bytes = storedTextBytes(article);
      if (bytes.length === 0) continue;
      if (last && Buffer.isBuffer(last) && last.buffer === bytes.buffer && last.byteOffset + last.length === bytes.byteOffset) last = Buffer.from(last.buffer, last.byteOffset, last.length + bytes.length);
      else {
        if (last) yield gathered(last);
        last = bytes;
      }
    }
  }
  if (last) yield gathered(last);
}

/** Records gathered into one string up to this many characters before they are hashed and written. */
const HEADER_PIECE_CHARS = 64 * 1024;

/**
 * Writes the cache file through `out`, streamed: the header a file record at a time (its digest
 * and length worked out as it goes, put in front at the end), then the bodies where they are
 * stored. Nothing the size of the file, nor of its header, is built in memory. Returns where in
 * the file the blob begins.
 */
export function writeLibraryCache(out: OwnFileOutput, key: string, generation: string, files: readonly CachedFile[], plan: LibraryCachePlan): number {
  const start = out.written;
  out.write(MAGIC);
  out.write(Buffer.alloc(DIGEST_BYTES + 4));
  const digest = createHash('sha256');
  let headerBytes = 0;
  let piece = '';
  const emit = (text: string) => {
    piece += text;
    if (piece.length < HEADER_PIECE_CHARS) return;
    digest.update(piece, 'utf8');
    headerBytes += Buffer.byteLength(piece, 'utf8');
    out.write(piece);
    piece = '';
  };
  // The same text JSON.stringify gives the whole CacheHeader, in the same key order.
  emit(`{"key":${JSON.stringify(key)},"generation":${JSON.stringify(generation)},"blobBytes":${plan.blobBytes},"blobChunks":${JSON.stringify(plan.blobChunks)},"files":[`);
  let blobAt = 0;
  files.forEach(({ path, identity, outcome }, index) => {
    let record: FileRecord;
    if ('reason' in outcome) record = [path, identity, outcome.reason];
    else {
      const articles = outcome.articles.map((article): ArticleRecord => {
        const start = blobAt;
        blobAt += storedByteLength(article);
        const { id, format, title, words, notes, date, source, url, author } = article;
        return [id.slice(path.length), format, title, words, notes, start, blobAt, storedTextLength(article), date ?? null, source ?? null, url ?? null, author ?? null];
      });
      record = [path, identity, articles];
    }
    emit((index === 0 ? '' : ',') + JSON.stringify(record));
  });
  emit(']}');
  digest.update(piece, 'utf8');
  headerBytes += Buffer.byteLength(piece, 'utf8');
  out.write(piece);
  const blobStart = out.written;
  for (const body of plan.bodies()) out.write(body);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes);
  out.writeAt(Buffer.concat([digest.digest(), length]), start + MAGIC.length);
  return blobStart;
}

/**
 * Once the cache file is written: every body the load kept in memory is read from the file's
 * blob (`blob`) from then on, checked as a second start's are (checkedBody). A first start used
 * to hold every body for its whole run, 650–760 MB of a 100,000-article library, where a second
 * start holds none. The spans are the ones writeLibraryCache gave, in the same order.
 */
export function moveBodiesToCache(files: readonly CachedFile[], blob: OutsideBytes, bodies: BodyCheckContext): void {
  let blobAt = 0;
  for (const { outcome } of files) {
    if ('reason' in outcome) continue;
    for (const article of outcome.articles) {
      const start = blobAt;
      blobAt += storedByteLength(article);
      const length = storedTextLength(article);
      moveStoredTextOutside(article, blob, start, (text, bytes) => checkedBody(text, { bytes, length }, article, bodies));
    }
  }
}

const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

/** The SHA-256 of each CHUNK_BYTES of the blob that `pieces` make, end to end. */
function chunkDigests(pieces: Iterable<Buffer>, blobBytes: number): string[] {
  const digests: string[] = [];
  let hash = createHash('sha256');
  let inChunk = 0;
  for (const piece of pieces) {
    for (let at = 0; at < piece.length; ) {
      const take = Math.min(piece.length - at, CHUNK_BYTES - inChunk);
      hash.update(piece.subarray(at, at + take));
      at += take;
      inChunk += take;
      if (inChunk === CHUNK_BYTES) {
        digests.push(hash.digest('hex'));
        hash = createHash('sha256');
        inChunk = 0;
      }
    }
  }
  if (inChunk > 0 || blobBytes === 0) digests.push(hash.digest('hex'));
  return digests;
}

/** What a body that fails its first-read check does: told once per cache file read. */
export interface BodyCheckContext {
  onTampered: () => void;
}

/** How many bytes the prefix and the header take, as the prefix says (readCacheFile reads that much as the head). */
export function headBytesOf(prefix: Buffer): number {
  return PREFIX_BYTES + prefix.readUInt32LE(MAGIC.length + DIGEST_BYTES);
}

export { PREFIX_BYTES as CACHE_PREFIX_BYTES };

/**
 * A cache file's contents from its head (the prefix and the header, headBytesOf) and its blob,
 * its articles built as the loader builds them (the same fields, in the same order), or why it
 * is a miss. The articles' bodies stay in the blob, unread.
 */
export function decodeLibraryCache(head: Buffer, blob: CacheBlob, expected: CacheExpectation, bodies: BodyCheckContext): CacheContents | CacheMiss {
  const tampered = (miss: string): CacheMiss => ({ miss, tampered: true });
  if (head.length < PREFIX_BYTES || !head.subarray(0, MAGIC.length).equals(MAGIC)) return tampered('not a library cache');
  const headerBytes = head.readUInt32LE(MAGIC.length + DIGEST_BYTES);
  if (headerBytes !== head.length - PREFIX_BYTES) return tampered('header past the end of the file');
  const headerView = head.subarray(PREFIX_BYTES);
  if (!sha256(headerView).equals(head.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES))) return tampered('header changed since written');
  if (!isUtf8(headerView)) return tampered('header not UTF-8');
  let header: unknown;
  try {
    header = JSON.parse(headerView.toString('utf8'));
  } catch {
    return tampered('header not JSON');
  }
  if (!isRecord(header) || typeof header.key !== 'string') return tampered('no header');
  // Another version or other paths: a plain miss (the file is overwritten with this library's).
  if (header.key !== expected.key) return { miss: 'another library', tampered: false };
  if (!hasExactKeys(header, HEADER_KEYS)) return tampered('unexpected header fields');
  if (header.blobBytes !== blob.length) return tampered('blob size differs from the header');
  const { blobChunks } = header;
  if (!Array.isArray(blobChunks) || !blobChunks.every((d) => typeof d === 'string' && /^[0-9a-f]{64}$/.test(d))) return tampered('bad blob digests');
  // Started first, so the digests are worked out while the header's files are checked.
  const blobIntact = blob.intact(blobChunks as string[]);
  if (typeof header.generation !== 'string' || !/^[0-9a-f]{32}$/.test(header.generation)) return tampered('bad generation');
  if (!Array.isArray(header.files)) return tampered('no file list');
  const files: CachedFile[] = [];
  const paths = new Set<string>();
  const records = header.files as unknown[];
  for (let at = 0; at < records.length; at++) {
    const file = fileFromRecord(records[at], blob, bodies);
    if (typeof file === 'string') return tampered(file);
    if (paths.has(file.path)) return tampered('a file listed twice');
    paths.add(file.path);
    files.push(file);
  }
  return { generation: header.generation, files, blobIntact };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every key one of `allowed` and every `required` one present: a field lede never writes is tampering. */
function hasExactKeys(value: Record<string, unknown>, required: readonly string[]): boolean {
  for (const key of required) if (!(key in value)) return false;
  return Object.keys(value).length === required.length;
}

/**
 * One line as the loader leaves every field it keeps (cleanLine's fixed points): trimmed, single
 * spaces, nothing the sanitiser would change. Checked without cleanLine's copy: this runs on
 * every title of the library at start.
 */
function isCleanLine(value: unknown, maxChars: number): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxChars) return false;
  return value.charCodeAt(0) !== 0x20 && value.charCodeAt(value.length - 1) !== 0x20 && !value.includes('  ') && sanitizeSingleLine(value) === value;
}

const MAX_LINE_CHARS = 4096;
const MAX_PATH_CHARS = 64 * 1024;
const FORMATS: ReadonlySet<unknown> = new Set<ArticleFormat>(['txt', 'md', 'json', 'jsonl', 'html']);
const IDENTITY = /^\d+:\d+:\d+:\d+:\d+$/;
const RECORD_SUFFIX = /^#[1-9]\d{0,9}$/;

/** The file a record describes, or what is wrong with it. */
function fileFromRecord(record: unknown, blob: CacheBlob, bodies: BodyCheckContext): CachedFile | string {
  if (!Array.isArray(record) || record.length !== 3) return 'a file entry is not one';
  // By index, not destructured: destructuring goes through the array's iterator, which this
  // code (run once a record at start, mostly before V8 optimises it) paid for on every record.
  const path: unknown = record[0];
  const identity: unknown = record[1];
  const outcome: unknown = record[2];
  if (typeof path !== 'string' || path.length === 0 || path.length > MAX_PATH_CHARS) return 'bad path';
  if (typeof identity !== 'string' || !IDENTITY.test(identity)) return 'bad identity';
  if (typeof outcome === 'string') return isCleanLine(outcome, MAX_LINE_CHARS) ? { path, identity, outcome: { reason: outcome } } : 'bad skip reason';
  if (!Array.isArray(outcome) || outcome.length === 0) return 'bad article list';
  const articles: Article[] = [];
  const ids = new Set<string>();
  for (let at = 0; at < outcome.length; at++) {
    const article = articleFromRecord(outcome[at], path, blob, bodies);
    if (typeof article === 'string') return article;
    if (ids.has(article.id)) return 'an article listed twice';
    ids.add(article.id);
    articles.push(article);
  }
  return { path, identity, outcome: { articles } };
}

const META_AT = 8;

function articleFromRecord(value: unknown, path: string, blob: CacheBlob, bodies: BodyCheckContext): Article | string {
  if (!Array.isArray(value) || value.length !== ARTICLE_FIELDS.length) return 'bad article fields';
  const fields = value as unknown[];
  const suffix = fields[0];
  const format = fields[1];
  const title = fields[2];
  const words = fields[3];
  const notes = fields[4];
  const start = fields[5];
  const end = fields[6];
  const length = fields[7];
  // `path` itself, or `path#N`: the ids the loader gives a file's articles.
  if (typeof suffix !== 'string' || (suffix !== '' && !RECORD_SUFFIX.test(suffix))) return 'bad article id';
  if (!FORMATS.has(format)) return 'bad article format';
  if (!isCleanLine(title, MAX_LINE_CHARS)) return 'bad title';
  if (!Array.isArray(notes) || notes.length > 16 || !notes.every((note) => isCleanLine(note, MAX_LINE_CHARS))) return 'bad notes';
  if (!isCount(words) || !isCount(start) || !isCount(end) || !isCount(length)) return 'bad counts';
  // UTF-8 takes one to three bytes for each UTF-16 unit.
  if (start > end || end > blob.length || length > end - start || length * 3 < end - start) return 'body outside the blob';
  for (let at = META_AT; at < value.length; at++) {
    if (value[at] !== null && !isCleanLine(value[at], MAX_LINE_CHARS)) return `bad ${ARTICLE_FIELDS[at]}`;
  }
  // Built as buildArticle builds it: the same fields in the same order, so the same shape.
  const article = { id: suffix === '' ? path : path + suffix, path, format: format as ArticleFormat, title, words, notes: notes as string[] };
  const built: Article = defineCachedText(article, blob.bodies, start, end, length, (text, bytes) => checkedBody(text, { bytes, length }, built, bodies));
  for (let at = META_AT; at < value.length; at++) {
    if (value[at] !== null) built[META_KEYS[at - META_AT]!] = value[at] as string;
  }
  return built;
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * A body from the cache, as first read: kept when it is what the loader makes (valid UTF-8 of
 * the length recorded, paragraphs that are each one clean line, none repeated right after itself,
 * as many words as recorded). Anything else is tampering: told, and the body is made what the
 * loader would have made of it (its words counted again).
 */
export function checkedBody(text: string, stored: { bytes: Buffer; length: number }, article: Article, bodies: BodyCheckContext): string {
  if (text.length === stored.length && isUtf8(stored.bytes) && isLoaderBody(text) && countWords(text) === article.words) return text;
  bodies.onTampered();
  const repaired = repairedBody(text);
  article.words = countWords(repaired);
  return repaired;
}

/** A body made what the loader would have made of it. */
const repairedBody = (text: string): string => dropConsecutiveDuplicates(text.split(PARAGRAPH_SEPARATOR).map(cleanLine).filter((p) => p.length > 0)).join(PARAGRAPH_SEPARATOR);

/**
 * The check a body parked in a load's spill file gets when what is read is not what was written
 * (text-store.ts): the file is lede's own, unlinked as soon as made, so this should never run;
 * if it does, the body is made one the loader could have made (its word count may then be off
 * until the cache file's check recounts it).
 */
export const parkedBodyCheck: StoredTextCheck = (text, bytes) => (isUtf8(bytes) && isLoaderBody(text) ? text : repairedBody(text));

function isLoaderBody(text: string): boolean {
  if (text.length === 0) return true;
  let previous: string | undefined;
  for (const paragraph of text.split(PARAGRAPH_SEPARATOR)) {
    if (paragraph === previous || !isCleanLine(paragraph, Infinity)) return false;
    previous = paragraph;
  }
  return true;
}
