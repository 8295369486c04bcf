/**
 * The built library entity index, saved beside the library cache (`<cache>/library/<key>.entity-index`)
 * after a pass (or a rebuild from its saved inputs, library-index-cache.ts) and loaded instead of
 * built on a start that gave exactly the same library (its generation) with the same extractor
 * (whose version carries RULES_VERSION): at 20,000 articles the build is seconds of the UI
 * thread, the load a few tens of milliseconds. The index under no corrections is saved there; the
 * index under the user's corrections (what the one place they are applied, withCorrectionsInSlices,
 * made of it) is saved beside it (`<key>.corrected-entity-index`, one copy: the last corrections),
 * with the digest of those corrections in its header, so that a start with the same corrections
 * loads it instead of rebuilding it.
 *
 *   "lede entity index\n"   the magic, 18 bytes
 *   32 bytes                SHA-256 of everything after it
 *   u32 little-endian       H, the header's length in bytes
 *   H bytes                 the header, JSON (Header): version, generation, extractor, the digest of
 *                           the corrections it is under (CorrectionSet.digest), the rules of its
 *                           name index (NAME_RULES), the counts of each section below, and the
 *                           strings (every name, alias, key and folded word of a name); padded
 *                           with 0-3 spaces so that the sections start on a four-byte boundary
 *   int32 little-endian     the sections, in SECTIONS' order, each as long as the header says;
 *                           strings are positions in the header's table; the last three are the name
 *                           index (name-search.ts: its words, and each word's entities), which
 *                           a warm start loads rather than builds (100-250 ms at 20,000 articles)
 *   the rest                each posting's title flag, a byte each
 *
 * Read with own-files' rules and checked field by field before anything is made of it: the
 * digest, every count against the file's size, every string one the views show as it is (line
 * breaks as spaces),
 * every position inside its table, each entity's postings at least one, articles ascending and
 * inside the library, mention counts and flags that can be, the name index's words folded and
 * none twice, each held by entities of the index, ascending. Anything amiss is a miss, said in one
 * line when it is not a plain one, and the index is rebuilt. The index keeps the sections as views
 * of the bytes read for it (nothing else holds them); the strings are the header's.
 */
import { createHash, webcrypto } from 'node:crypto';
import { dirname } from 'node:path';
import { ensureOwnDirectory, errnoCode, readOwnBytes, writeOwnFileAtomicInSteps, type OwnFileOutput } from '../own-files.js';
import { runSteps, runStepsInSlices } from '../load/time-slices.js';
import { sanitizeSingleLine } from '../sanitize.js';
import { MAX_NAME_CHARS } from './cache.js';
import { type CorrectionSet, NO_CORRECTIONS } from './corrections.js';
import type { LibraryIdentity } from './identity.js';
import { isSavedString } from './library-index-cache.js';
import type { Findings } from './library-findings.js';
import { type IndexParts, indexFromParts, type LibraryEntity, type LibraryEntityIndex } from './library-index.js';
import { MadeWhenAsked } from './made-when-asked.js';
import { PositionMap, postingsOf } from './library-postings.js';
import { EntityNames, entityNames, keepEntityNames, NAME_INDEX_VERSION } from './name-search.js';
import { isFoldedWord, SEARCH_INDEX_VERSION } from '../search/search-index-cache.js';
import type { EntityType } from './types.js';
import { stringsAt, stringTable } from './string-table.js';

/** Bump whenever what the index holds, or how it is built from the findings, changes. */
export const LIBRARY_INDEX_FILE_VERSION = 3;
/** No saved index is read past this (20,000 articles make ~20 MB). */
export const MAX_LIBRARY_INDEX_BYTES = 1024 * 1024 * 1024;

const MAGIC = Buffer.from('lede entity index\n', 'utf8');
const DIGEST_BYTES = 32;
const PREFIX_BYTES = MAGIC.length + DIGEST_BYTES + 4;
const TYPES: readonly EntityType[] = ['person', 'place', 'organization'];
/** A key is a name with its type in front ("organization:"): a little longer than a name. */
const MAX_STRING_CHARS = MAX_NAME_CHARS + 32;
/** Work between two turns of the event loop while a saved index is checked and put together. */
const SLICE_MS = 8;
/** Mentions of one entity in one article: the findings keep them below 2^30 (library-findings.ts). */
const MAX_MENTIONS = 0x3fffffff;

/** Where the index of the library cached in `libraryFile` is saved. */
export function libraryIndexFile(libraryFile: string): string {
  return libraryFile.replace(/\.cache$/, '') + '.entity-index';
}

/** Where the same library's index under the user's corrections is saved (one copy: the last ones). */
export function correctedLibraryIndexFile(libraryFile: string): string {
  return libraryFile.replace(/\.cache$/, '') + '.corrected-entity-index';
}

export interface LibraryIndexKey {
  generation: string;
  extractorVersion: string;
}

/** The int32 sections, in the file's order: each with the header count that gives its length. */
const SECTIONS = [
  ['entityKey', 'entities'],
  ['entityName', 'entities'],
  ['entityType', 'entities'],
  ['aliasStart', 'entities+1'],
  ['alias', 'aliases'],
  ['docStart', 'entities+1'],
  ['doc', 'postings'],
  ['mentions', 'postings'],
  ['nameStart', 'articles+1'],
  ['name', 'names'],
  ['shownKey', 'shownNames'],
  ['shownName', 'shownNames'],
  ['linkArticle', 'links'],
  ['linkBare', 'links'],
  ['linkFull', 'links'],
  ['typedName', 'typedNames'],
  ['typedType', 'typedNames'],
  ['surname', 'surnames'],
  ['nameTerm', 'nameTerms'],
  ['termHolderStart', 'nameTerms+1'],
  ['termHolder', 'termHolders'],
] as const;

type SectionName = (typeof SECTIONS)[number][0];
type Count = 'articles' | 'entities' | 'aliases' | 'postings' | 'names' | 'shownNames' | 'links' | 'typedNames' | 'surnames' | 'nameTerms' | 'termHolders';
const COUNTS: readonly Count[] = ['articles', 'entities', 'aliases', 'postings', 'names', 'shownNames', 'links', 'typedNames', 'surnames', 'nameTerms', 'termHolders'];

/**
 * The rules the saved name index was built under: its own and the search's folding and
 * tokenising (SEARCH_INDEX_VERSION). Under others it is not used, and the name index is built as
 * without it (the rest of the index stays good).
 */
const NAME_RULES = `${NAME_INDEX_VERSION}/${SEARCH_INDEX_VERSION}`;

interface Header extends Record<Count, number> {
  version: number;
  generation: string;
  extractor: string;
  corrections: string;
  /** The rules of the saved name index (NAME_RULES). */
  nameRules: string;
  strings: string[];
}

const lengthOf = (counts: Record<Count, number>, spec: (typeof SECTIONS)[number][1]): number =>
  spec.endsWith('+1') ? counts[spec.slice(0, -2) as Count] + 1 : counts[spec as Count];

/**
 * Writes `index` (complete) for the library and extractor of `key`, under the corrections it was
 * built with (their digest: it loads only under the same); a failure is told, never thrown.
 */
export function saveLibraryIndex(index: LibraryEntityIndex, file: string, key: LibraryIndexKey, onProblem?: (problem: string) => void): void {
  runSteps(saveLibraryIndexInSteps(index, file, key, onProblem));
}

/** The same in steps (run in slices after a pass, on the UI thread: ~3 s of one block at 100,000 articles with the inputs). */
export function* saveLibraryIndexInSteps(index: LibraryEntityIndex, file: string, key: LibraryIndexKey, onProblem?: (problem: string) => void): Generator<void, void> {
  const problem = ensureOwnDirectory(dirname(file));
  if (problem) return onProblem?.(`entity index cache off: ${problem}`);
  try {
    yield* writeOwnFileAtomicInSteps(file, (out) => writeIndex(out, index, key));
  } catch (error) {
    onProblem?.(`entity index cache off: cannot write to ${sanitizeSingleLine(dirname(file))} (${errnoCode(error) ?? 'unknown error'})`);
  }
}

/** The strings of every list as positions (`at`), and where each list starts (one more than lists): counted first, so both are exact-size typed arrays. */
function* flatLists<T>(lists: readonly T[], itemsOf: (list: T) => readonly string[], at: (s: string) => number): Generator<void, { start: Int32Array; values: Int32Array }> {
  const start = new Int32Array(lists.length + 1);
  for (const [k, list] of lists.entries()) start[k + 1] = start[k]! + itemsOf(list).length;
  const values = new Int32Array(start[lists.length]!);
  for (const [k, list] of lists.entries()) {
    if (k % LISTS_PER_STEP === LISTS_PER_STEP - 1) yield;
    itemsOf(list).forEach((item, i) => (values[start[k]! + i] = at(item)));
  }
  return { start, values };
}

/** Lists between two places where the sections' making may pause (an article's names, ~40, each). */
const LISTS_PER_STEP = 512;

/**
 * The index as the file's sections (strings as positions in `strings`). Typed arrays of their exact
 * size, no array per row: at 100,000 articles the sections as growing number arrays and tuples were
 * ~100 MB of heap the save made and dropped, on the UI thread, at the end of the pass.
 */
function* sectionsOf(index: LibraryEntityIndex): Generator<void, { strings: string[]; counts: Record<Count, number>; sections: Record<SectionName, ArrayLike<number>> }> {
  const { strings, at } = stringTable();
  const { entities, postings, order, namesByArticle, identity } = index;
  const aliases = yield* flatLists(entities, (e) => e.aliases, at);
  const names = yield* flatLists(order, (id) => namesByArticle.get(id) ?? [], at);
  // An article's ties together, articles in order (the reader relies on it: identityFrom).
  let tieCount = 0;
  for (const id of order) tieCount += identity.links.get(id)?.size ?? 0;
  const [linkArticle, linkBare, linkFull] = [new Int32Array(tieCount), new Int32Array(tieCount), new Int32Array(tieCount)];
  let tie = 0;
  order.forEach((id, d) => {
    for (const [bare, full] of identity.links.get(id) ?? []) {
      linkArticle[tie] = d;
      linkBare[tie] = at(bare);
      linkFull[tie++] = at(full);
    }
  });
  const pairs = <K, V>(map: ReadonlyMap<K, V>, first: (k: K) => number, second: (v: V) => number) => {
    const [a, b] = [new Int32Array(map.size), new Int32Array(map.size)];
    let k = 0;
    for (const [key, value] of map) {
      a[k] = first(key);
      b[k++] = second(value);
    }
    return [a, b] as const;
  };
  const [shownKey, shownName] = pairs(identity.names, at, at);
  const [typedName, typedType] = pairs(identity.typeByName, at, (t) => TYPES.indexOf(t));
  // The name index the screens' filter and `@name` use: saved, a warm start loads it rather than
  // build it (100-250 ms of the UI thread at 20,000 articles). Built here if it was not yet.
  const nameIndex = entityNames(index).saved();
  const column = (of: (e: LibraryEntity) => number) => Int32Array.from(entities, of);
  const sections: Record<SectionName, ArrayLike<number>> = {
    entityKey: column((e) => at(e.key)),
    entityName: column((e) => at(e.name)),
    entityType: column((e) => TYPES.indexOf(e.type)),
    aliasStart: aliases.start,
    alias: aliases.values,
    docStart: postings.docStart,
    doc: postings.docs,
    mentions: postings.mentions,
    nameStart: names.start,
    name: names.values,
    shownKey,
    shownName,
    linkArticle,
    linkBare,
    linkFull,
    typedName,
    typedType,
    surname: Int32Array.from(identity.evidence.surnames, at),
    nameTerm: Int32Array.from(nameIndex.terms, at),
    termHolderStart: nameIndex.holderStart,
    termHolder: nameIndex.holder,
  };
  const counts: Record<Count, number> = {
    articles: order.length,
    entities: entities.length,
    aliases: aliases.values.length,
    postings: postings.docs.length,
    names: names.values.length,
    shownNames: shownKey.length,
    links: linkArticle.length,
    typedNames: typedName.length,
    surnames: identity.evidence.surnames.size,
    nameTerms: nameIndex.terms.length,
    termHolders: nameIndex.holder.length,
  };
  return { strings, counts, sections };
}

/** Strings put in one piece of the header's JSON. */
const PIECE_STRINGS = 2048;
/** Integers gathered before they are hashed and written. */
const INT_CHUNK = 64 * 1024;

function* headerPieces(key: LibraryIndexKey, corrections: string, counts: Record<Count, number>, strings: readonly string[]): Generator<string> {
  yield `{"version":${LIBRARY_INDEX_FILE_VERSION},"generation":${JSON.stringify(key.generation)},"extractor":${JSON.stringify(key.extractorVersion)}`;
  yield `,"corrections":${JSON.stringify(corrections)},"nameRules":${JSON.stringify(NAME_RULES)}`;
  for (const name of COUNTS) yield `,"${name}":${counts[name]}`;
  yield ',"strings":[';
  for (let at = 0; at < strings.length; at += PIECE_STRINGS) yield (at === 0 ? '' : ',') + JSON.stringify(strings.slice(at, at + PIECE_STRINGS)).slice(1, -1);
  yield ']}';
}

/** The file, written as it is made; the digest worked out as the bytes go and put in its place at the end. */
function* writeIndex(out: OwnFileOutput, index: LibraryEntityIndex, key: LibraryIndexKey): Generator<void> {
  const { strings, counts, sections } = yield* sectionsOf(index);
  const corrections = index.identity.corrections.digest;
  let headerBytes = 0;
  for (const piece of headerPieces(key, corrections, counts, strings)) headerBytes += Buffer.byteLength(piece, 'utf8');
  // Spaces after the JSON put the sections on a four-byte boundary.
  const padding = ' '.repeat((4 - ((PREFIX_BYTES + headerBytes) % 4)) % 4);
  headerBytes += padding.length;
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes);
  const start = out.written;
  out.write(MAGIC);
  out.write(Buffer.alloc(DIGEST_BYTES));
  out.write(length);
  const digest = createHash('sha256').update(length);
  const emit = (bytes: Uint8Array) => {
    digest.update(bytes);
    out.write(bytes);
  };
  for (const piece of [...headerPieces(key, corrections, counts, strings), padding]) {
    emit(Buffer.from(piece, 'utf8'));
    yield;
  }
  const chunk = new Int32Array(INT_CHUNK);
  let filled = 0;
  const flush = () => {
    emit(new Uint8Array(chunk.buffer, 0, filled * 4));
    filled = 0;
  };
  for (const [name] of SECTIONS) {
    const values = sections[name];
    for (let k = 0; k < values.length; k++) {
      chunk[filled++] = values[k]!;
      if (filled === INT_CHUNK) {
        flush();
        yield;
      }
    }
  }
  flush();
  emit(index.postings.inTitle);
  out.writeAt(digest.digest(), start + MAGIC.length);
}

/** What a loaded index needs beside the file: the library's articles, where the entity cache is, the findings if ever needed. */
export interface LoadOptions {
  cacheDir: string | null;
  /** The corrections the index must have been saved under (default none): the loaded index is under this set. */
  corrections?: CorrectionSet;
  /** What the index was built from, read when a correction needs a rebuild (library-index-cache.ts' file). */
  findings: () => Findings | undefined;
  /** Told one line when a saved index is found tampered with. */
  onProblem?: (problem: string) => void;
}

/**
 * The saved index of the library of `key`, whose articles are `order`; undefined when there is
 * none or it is not right (said when it is not a plain miss).
 */
export async function loadLibraryIndex(file: string, key: LibraryIndexKey, order: string[], options: LoadOptions): Promise<LibraryEntityIndex | undefined> {
  const tampered = (why: string): undefined => {
    options.onProblem?.(`entity index cache: ignored ${sanitizeSingleLine(file)} (${why}); rebuilt`);
    return undefined;
  };
  const read = readOwnBytes(file, MAX_LIBRARY_INDEX_BYTES);
  if (!read.ok) return read.reason === 'missing' ? undefined : tampered(read.reason);
  const bytes = read.bytes;
  if (bytes.length < PREFIX_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return tampered('not an entity index');
  // Worked out in libuv's pool while this thread checks and decodes the rest (on a busy start the
  // pool is digesting the library cache and the search index too: the wait was up to 0.2 s). No
  // answer leaves before it is known: a file whose digest is wrong is said so, whatever else is.
  const digested = webcrypto.subtle.digest('SHA-256', bytes.subarray(MAGIC.length + DIGEST_BYTES));
  // Awaited below; marked handled in case the decode throws first.
  digested.catch(() => {});
  const decoded = await decode(bytes, key, order, options);
  const digest = Buffer.from(await digested);
  if (!digest.equals(bytes.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES))) return tampered('bytes changed since written');
  if (decoded === undefined) return undefined;
  if (typeof decoded === 'string') return tampered(decoded);
  const index = indexFromParts(decoded.parts, options.findings);
  if (decoded.names) keepEntityNames(index, decoded.names);
  return index;
}

/** The index's parts from the file's bytes (their digest not yet known), undefined for a plain miss (another library, extractor or set of corrections), or what is wrong. */
async function decode(bytes: Buffer, key: LibraryIndexKey, order: string[], options: LoadOptions): Promise<Decoded | string | undefined> {
  const headerBytes = bytes.readUInt32LE(MAGIC.length + DIGEST_BYTES);
  if (PREFIX_BYTES + headerBytes > bytes.length || (PREFIX_BYTES + headerBytes) % 4 !== 0) return 'sizes do not add up';
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + headerBytes));
  } catch {
    return 'header not JSON';
  }
  const corrections = options.corrections ?? NO_CORRECTIONS;
  if (!isRecord(header) || header.version !== LIBRARY_INDEX_FILE_VERSION || header.generation !== key.generation || header.extractor !== key.extractorVersion) return undefined;
  // Saved under other corrections (the user changed them since, or undid one): a plain miss.
  if (header.corrections !== corrections.digest) return undefined;
  // A pause between the stages (each tens of milliseconds at 20,000 articles), so keys are answered meanwhile.
  return runStepsInSlices(partsFrom(header, bytes, PREFIX_BYTES + headerBytes, order, options.cacheDir, corrections), SLICE_MS);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 0x7fffffff;
/** A string of the table: a saved string (library-index-cache.ts), a little longer for a key. */
const isShowable = (v: unknown): v is string => isSavedString(v, MAX_STRING_CHARS);

/**
 * The sections of the file, as views of `bytes` (read for this load and nobody else's: the index
 * keeps them, ~12 MB at 20,000 articles that are not copied again), or what is wrong with them.
 */
function readSections(header: Header, bytes: Buffer, from: number): Record<SectionName, Int32Array> & { inTitle: Uint8Array } | string {
  let ints = 0;
  for (const [, spec] of SECTIONS) ints += lengthOf(header, spec);
  if (bytes.length - from !== ints * 4 + header.postings) return 'sizes do not add up';
  const out = {} as Record<SectionName, Int32Array>;
  let at = from;
  for (const [name, spec] of SECTIONS) {
    const length = lengthOf(header, spec);
    out[name] = int32sOf(bytes, at, length);
    at += length * 4;
  }
  // A plain Uint8Array as a build makes it, not a Buffer.
  return { ...out, inTitle: new Uint8Array(bytes.buffer, bytes.byteOffset + from + ints * 4, header.postings) };
}

/** `count` int32s of `bytes` from `at`: a view when they are on a four-byte boundary in memory (a file as big as an index is read into its own buffer), else a copy. */
function int32sOf(bytes: Buffer, at: number, count: number): Int32Array {
  if ((bytes.byteOffset + at) % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset + at, count);
  const copy = new Int32Array(count);
  Buffer.from(copy.buffer).set(bytes.subarray(at, at + count * 4));
  return copy;
}

/** The index's parts from the checked header and sections, or what is wrong with them. */
function* partsFrom(
  value: Record<string, unknown>,
  bytes: Buffer,
  from: number,
  order: string[],
  cacheDir: string | null,
  corrections: CorrectionSet,
): Generator<void, Decoded | string> {
  if (!COUNTS.every((c) => isCount(value[c]))) return 'bad counts';
  const header = value as unknown as Header;
  if (header.articles !== order.length) return 'another number of articles';
  if (!Array.isArray(header.strings) || !header.strings.every(isShowable)) return 'bad strings';
  const s = readSections(header, bytes, from);
  if (typeof s === 'string') return s;
  yield;
  const strings = header.strings;
  // Every position inside its table; a name, an alias or a key never the empty string.
  const labels = strings.length;
  const empty = strings.indexOf('');
  const isLabels = (a: Int32Array) => within(a, labels) && (empty < 0 || !a.includes(empty));
  if (!isLabels(s.entityKey) || !isLabels(s.entityName) || !within(s.entityType, TYPES.length) || !isLabels(s.alias)) return 'bad entity';
  if (!isStarts(s.aliasStart, s.alias.length, false) || !isStarts(s.docStart, s.doc.length, true) || !isStarts(s.nameStart, s.name.length, false)) return 'bad offsets';
  yield;
  const postingsProblem = checkPostings(s.docStart, s.doc, s.mentions, s.inTitle, order.length);
  if (postingsProblem) return postingsProblem;
  if (!isLabels(s.name) || !isLabels(s.shownKey) || !isLabels(s.shownName)) return 'bad names';
  if (!within(s.linkArticle, order.length) || !isAscending(s.linkArticle) || !isLabels(s.linkBare) || !isLabels(s.linkFull)) return 'bad links';
  if (!within(s.typedName, labels) || !within(s.typedType, TYPES.length) || !within(s.surname, labels)) return 'bad types';
  if (!isLabels(s.nameTerm) || !isStarts(s.termHolderStart, s.termHolder.length, true) || !isHolders(s.termHolderStart, s.termHolder, header.entities)) return 'bad name index';
  yield;
  const entities: LibraryEntity[] = [];
  for (let p = 0; p < header.entities; p++) {
    const key = strings[s.entityKey[p]!]!;
    let mentions = 0;
    for (let k = s.docStart[p]!; k < s.docStart[p + 1]!; k++) mentions += s.mentions[k]!;
    const aliases = stringsAt(strings, s.alias, s.aliasStart[p], s.aliasStart[p + 1]);
    entities.push({ key, name: strings[s.entityName[p]!]!, type: TYPES[s.entityType[p]!]!, aliases, articles: s.docStart[p + 1]! - s.docStart[p]!, mentions });
  }
  const { nameStart, name } = s;
  // One map from article to position for both maps by article below (20,000 entries each).
  const docOf = new Map(order.map((id, d) => [id, d]));
  const namesByArticle = new PositionMap(
    docOf,
    (d) => stringsAt(strings, name, nameStart[d], nameStart[d + 1]),
    (d) => nameStart[d]! < nameStart[d + 1]!,
  );
  yield;
  const postings = postingsOf(order.length, entities, s.docStart, s.doc, s.mentions, s.inTitle);
  // Its map by key holds each key once: fewer keys than entities is a key twice.
  if (postings.positionOf.size !== entities.length) return 'an entity twice';
  yield;
  const names = savedNames(header, strings, s, entities);
  if (typeof names === 'string') return names;
  const parts = { order, entities, postings, namesByArticle, identity: identityFrom(s, strings, order.length, docOf, corrections), cacheDir };
  return { parts, ...(names ? { names } : {}) };
}

/** The index's parts, and its name index when it was saved under today's rules. */
interface Decoded {
  parts: IndexParts;
  names?: EntityNames;
}

/** The saved name index over `entities`; undefined when saved under other rules (then built), or what is wrong with it. */
function savedNames(header: Header, strings: readonly string[], s: Record<SectionName, Int32Array>, entities: readonly LibraryEntity[]): EntityNames | string | undefined {
  if (header.nameRules !== NAME_RULES) return undefined;
  const terms = stringsAt(strings, s.nameTerm);
  if (!terms.every(isFoldedWord)) return 'bad name index';
  return EntityNames.fromSaved(entities, { terms, holderStart: s.termHolderStart, holder: s.termHolder }) ?? 'bad name index';
}

/** Each term's entities (CSR, starts already checked): positions among `entities`, ascending. */
function isHolders(starts: Int32Array, holders: Int32Array, entities: number): boolean {
  for (let t = 0; t + 1 < starts.length; t++) {
    let previous = -1;
    for (let k = starts[t]!; k < starts[t + 1]!; k++) {
      if (holders[k]! <= previous || holders[k]! >= entities) return false;
      previous = holders[k]!;
    }
  }
  return true;
}

/** Whether every value of `values` is a position in a table of `length`. */
function within(values: Int32Array, length: number): boolean {
  for (let k = 0; k < values.length; k++) if (values[k]! < 0 || values[k]! >= length) return false;
  return true;
}

/** Whether `values` never go back (the ties, an article at a time). */
function isAscending(values: Int32Array): boolean {
  for (let k = 1; k < values.length; k++) if (values[k]! < values[k - 1]!) return false;
  return true;
}

/** Offsets into a section of `length`: from 0 to `length`, never going back (each step at least one when `nonEmpty`). */
function isStarts(starts: Int32Array, length: number, nonEmpty: boolean): boolean {
  if (starts[0] !== 0 || starts[starts.length - 1] !== length) return false;
  for (let k = 1; k < starts.length; k++) if (starts[k]! - starts[k - 1]! < (nonEmpty ? 1 : 0)) return false;
  return true;
}

/** Each entity's postings as the build makes them: articles ascending and in the library, mentions and flags that can be. */
function checkPostings(docStart: Int32Array, docs: Int32Array, mentions: Int32Array, inTitle: Uint8Array, articles: number): string | undefined {
  for (let p = 0; p + 1 < docStart.length; p++) {
    let previous = -1;
    for (let k = docStart[p]!; k < docStart[p + 1]!; k++) {
      if (docs[k]! <= previous || docs[k]! >= articles) return 'bad posting';
      previous = docs[k]!;
    }
  }
  for (let k = 0; k < mentions.length; k++) if (mentions[k]! < 0 || mentions[k]! > MAX_MENTIONS || inTitle[k]! > 1) return 'bad mention count';
  return undefined;
}

/** What the library decided about its entities, under `corrections` (the ones it was saved under). */
function identityFrom(s: Record<SectionName, Int32Array>, strings: readonly string[], articles: number, docOf: ReadonlyMap<string, number>, corrections: CorrectionSet): LibraryIdentity {
  // Each article's ties as a small map made when asked for (an opened article's entities ask):
  // 20,000 maps made at once were most of the identity's load.
  const { linkArticle, linkBare, linkFull } = s;
  const linkStart = new Int32Array(articles + 1);
  for (let l = 0; l < linkArticle.length; l++) linkStart[linkArticle[l]! + 1]! += 1;
  for (let d = 0; d < articles; d++) linkStart[d + 1]! += linkStart[d]!;
  const links = new PositionMap(
    docOf,
    (d) => {
      const forArticle = new Map<string, string>();
      for (let l = linkStart[d]!; l < linkStart[d + 1]!; l++) forArticle.set(strings[linkBare[l]!]!, strings[linkFull[l]!]!);
      return forArticle;
    },
    (d) => linkStart[d]! < linkStart[d + 1]!,
  );
  return {
    corrections,
    evidence: { surnames: new Set(stringsAt(strings, s.surname)) },
    typeByName: new MadeWhenAsked(() => pairsMap(s.typedName, s.typedType, (p) => strings[p]!, (t) => TYPES[t]!)),
    links,
    names: new MadeWhenAsked(() => pairsMap(s.shownKey, s.shownName, (p) => strings[p]!, (p) => strings[p]!)),
  };
}

/** The map of `keys[k]` to `values[k]`, each through its decoder (a loop: see stringsAt). */
function pairsMap<K, V>(keys: Int32Array, values: Int32Array, key: (p: number) => K, value: (p: number) => V): Map<K, V> {
  const map = new Map<K, V>();
  for (let k = 0; k < keys.length; k++) map.set(key(keys[k]!), value(values[k]!));
  return map;
}
