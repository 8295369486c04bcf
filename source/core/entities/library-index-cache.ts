/**
 * The library entity index's inputs (each article's entity summaries, before any correction),
 * saved beside the library cache (`<cache>/library/<key>.entities`) after a complete pass and used
 * instead of the pass on a start that gave exactly the same library (its generation) with the same
 * extractor: 20,000 entry files are then not read at all. The corrections are applied on top, as
 * after a pass; they are never part of the file.
 *
 * The file is one line, the SHA-256 of the rest, then JSON: the version, generation, extractor
 * version, a table of strings (names and aliases) and, for each article in library order, its
 * entities as integers: count, then for each its name, type, alias count, aliases, mentions and
 * whether one is in the title. Read with own-files' rules and checked all through (every string a
 * name the views show as it is (isSavedString), every index inside its table, every count within the
 * extractor's caps); anything amiss is a miss, said in one line, and the pass runs.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { runSteps } from '../load/time-slices.js';
import { ensureOwnDirectory, errnoCode, readOwnFile, writeOwnFileAtomicInSteps, type OwnFileOutput } from '../own-files.js';
import { sanitizeForTerminal, sanitizeSingleLine } from '../sanitize.js';
import { MAX_NAME_CHARS } from './cache.js';
import { MAX_ENTITIES_PER_ARTICLE, MAX_MENTIONS_PER_ARTICLE } from './chunked.js';
import type { EntitySummary } from './library-index.js';
import type { EntityType } from './types.js';
import { stringTable } from './string-table.js';

/** Bump when what a summary holds changes. */
export const ENTITY_INDEX_CACHE_VERSION = 1;
/** No saved index inputs are read past this (20,000 articles make ~15 MB). */
export const MAX_ENTITY_INDEX_BYTES = 512 * 1024 * 1024;

const TYPES: readonly EntityType[] = ['person', 'place', 'organization'];

/** Where the entity index inputs of the library cached in `libraryFile` are saved. */
export function entityIndexFile(libraryFile: string): string {
  return libraryFile.replace(/\.cache$/, '') + '.entities';
}

export interface EntityIndexKey {
  generation: string;
  extractorVersion: string;
}

/**
 * Writes the findings of a complete pass over the articles `order` names; whether they were
 * written, a failure told, never thrown. Streamed (writeInputs): at 20,000 articles, building the file as one string (and the
 * integers as one array, and both again joined to the digest) cost a cold start ~200 MB more RSS.
 */
export function saveEntityIndexInputs(file: string, key: EntityIndexKey, order: readonly string[], findings: ReadonlyMap<string, readonly EntitySummary[]>, onProblem?: (problem: string) => void): boolean {
  return runSteps(saveEntityIndexInputsInSteps(file, key, order, findings, onProblem));
}

/** The same in steps (run in slices after a pass, on the UI thread: seconds of one block at 100,000 articles). */
export function* saveEntityIndexInputsInSteps(file: string, key: EntityIndexKey, order: readonly string[], findings: ReadonlyMap<string, readonly EntitySummary[]>, onProblem?: (problem: string) => void): Generator<void, boolean> {
  const problem = ensureOwnDirectory(dirname(file));
  if (problem) {
    onProblem?.(`entity index cache off: ${problem}`);
    return false;
  }
  try {
    yield* writeOwnFileAtomicInSteps(file, (out) => writeInputs(out, key, order, findings));
    return true;
  } catch (error) {
    onProblem?.(`entity index cache off: cannot write to ${sanitizeSingleLine(dirname(file))} (${errnoCode(error) ?? 'unknown error'})`);
    return false;
  }
}

/** Articles between two places where writing the inputs may pause. */
const ARTICLES_PER_STEP = 256;

/** Characters gathered before a piece of the JSON is hashed and written. */
const PIECE_CHARS = 64 * 1024;

/**
 * The file as JSON.stringify would give it, `{"version",…,"strings":[…],"ints":[…]}`, written a
 * piece at a time after a placeholder for its digest, which goes in front at the end.
 */
function* writeInputs(out: OwnFileOutput, key: EntityIndexKey, order: readonly string[], findings: ReadonlyMap<string, readonly EntitySummary[]>): Generator<void> {
  const { strings, at: intern } = stringTable();
  for (const [k, id] of order.entries()) {
    if (k % ARTICLES_PER_STEP === ARTICLES_PER_STEP - 1) yield;
    for (const e of findings.get(id) ?? []) [e.name, ...e.aliases].forEach(intern);
  }
  const start = out.written;
  out.write(`${'0'.repeat(64)}\n`);
  const digest = createHash('sha256');
  let piece = '';
  const emit = (text: string, force = false) => {
    piece += text;
    if (!force && piece.length < PIECE_CHARS) return;
    digest.update(piece, 'utf8');
    out.write(piece);
    piece = '';
  };
  emit(`{"version":${ENTITY_INDEX_CACHE_VERSION},"generation":${JSON.stringify(key.generation)},"extractor":${JSON.stringify(key.extractorVersion)},"strings":[`);
  for (let at = 0; at < strings.length; at += 1024) emit((at === 0 ? '' : ',') + JSON.stringify(strings.slice(at, at + 1024)).slice(1, -1));
  emit('],"ints":[');
  let first = true;
  for (const [k, id] of order.entries()) {
    if (k % ARTICLES_PER_STEP === ARTICLES_PER_STEP - 1) yield;
    const list = findings.get(id) ?? [];
    const ints: number[] = [list.length];
    for (const e of list) {
      ints.push(intern(e.name), TYPES.indexOf(e.type), e.aliases.length);
      for (const alias of e.aliases) ints.push(intern(alias));
      ints.push(e.mentions, e.inTitle ? 1 : 0);
    }
    emit((first ? '' : ',') + ints.join(','));
    first = false;
  }
  emit(']}', true);
  out.writeAt(Buffer.from(digest.digest('hex'), 'latin1'), start);
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * A string as lede's saved entity files may hold it: at most `maxChars`, and nothing a sanitiser
 * would change but line breaks and tabs. Those are in names the extractor read across a gap
 * ("NASDAQ\n\nStar Technologies Inc" in Reuters), and every view shows them as spaces
 * (sanitizeSingleLine); refusing them made every such library's saved files a miss.
 */
export const isSavedString = (v: unknown, maxChars = MAX_NAME_CHARS): v is string => typeof v === 'string' && v.length <= maxChars && sanitizeForTerminal(v) === v;

/** A name as the panel shows it: non-empty, and a saved string. */
const isLabel = (v: unknown): v is string => isSavedString(v) && v.length > 0;

/**
 * The saved findings for the articles `order` names, under `key`; undefined when there are none
 * (said only when the file is not what lede writes).
 */
export function loadEntityIndexInputs(file: string, key: EntityIndexKey, order: readonly string[], onProblem?: (problem: string) => void): Map<string, EntitySummary[]> | undefined {
  const read = readOwnFile(file, MAX_ENTITY_INDEX_BYTES);
  const tampered = (why: string): undefined => {
    onProblem?.(`entity index cache: ignored ${sanitizeSingleLine(file)} (${why}); the entities are found again`);
    return undefined;
  };
  if (!read.ok) return read.reason === 'missing' ? undefined : tampered(read.reason);
  const newline = read.text.indexOf('\n');
  if (newline !== 64 || sha256(read.text.slice(newline + 1)) !== read.text.slice(0, 64)) return tampered('bytes changed since written');
  let value: unknown;
  try {
    value = JSON.parse(read.text.slice(newline + 1));
  } catch {
    return tampered('not JSON');
  }
  if (typeof value !== 'object' || value === null) return tampered('not an index');
  const { version, generation, extractor, strings, ints } = value as Record<string, unknown>;
  if (version !== ENTITY_INDEX_CACHE_VERSION || generation !== key.generation || extractor !== key.extractorVersion) return undefined;
  if (!Array.isArray(strings) || !strings.every(isLabel) || !Array.isArray(ints)) return tampered('bad tables');
  const found = findingsFrom(ints as unknown[], strings as string[], order);
  return typeof found === 'string' ? tampered(found) : found;
}

function findingsFrom(ints: readonly unknown[], strings: readonly string[], order: readonly string[]): Map<string, EntitySummary[]> | string {
  let at = 0;
  const next = (max: number): number => {
    const v = ints[at++];
    return Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= max ? (v as number) : -1;
  };
  const found = new Map<string, EntitySummary[]>();
  for (const id of order) {
    const count = next(MAX_ENTITIES_PER_ARTICLE);
    if (count < 0) return 'bad entity count';
    const list: EntitySummary[] = [];
    for (let k = 0; k < count; k++) {
      const name = next(strings.length - 1);
      const type = next(TYPES.length - 1);
      const aliasCount = next(MAX_ENTITIES_PER_ARTICLE);
      if (name < 0 || type < 0 || aliasCount < 0) return 'bad entity';
      const aliases: string[] = [];
      for (let a = 0; a < aliasCount; a++) {
        const alias = next(strings.length - 1);
        if (alias < 0) return 'bad alias';
        aliases.push(strings[alias]!);
      }
      const mentions = next(MAX_MENTIONS_PER_ARTICLE);
      const inTitle = next(1);
      if (mentions < 1 || inTitle < 0) return 'bad mention count';
      list.push({ name: strings[name]!, type: TYPES[type]!, aliases, mentions, inTitle: inTitle === 1 });
    }
    found.set(id, list);
  }
  return at === ints.length ? found : 'entities past the last article';
}
