/**
 * The user's corrections on disk: `corrections.json` in lede's config directory
 * (`ownDirectory('config')`: `$LEDE_CONFIG_DIR`, else `$XDG_CONFIG_HOME/lede`, else
 * `~/.config/lede`), never next to the articles. A small file a person may edit by hand:
 *
 * ```json
 * {
 *   "version": 1,
 *   "corrections": [
 *     {"op": "hide", "name": "Christmas"},
 *     {"op": "type", "name": "Il Giornale", "type": "organization"},
 *     {"op": "merge", "name": "Lib Dems", "into": "Liberal Democrats"}
 *   ]
 * }
 * ```
 *
 * The ops and their fields are corrections.ts'; later corrections win over earlier ones.
 *
 * The file is the user's work, so it is never lost:
 * - A file that cannot be used (not JSON, not this shape, a FIFO or a link, too big) is reported
 *   in one line and ignored; a correction in it that is not one is reported and skipped, the
 *   others apply. Neither is ever fatal.
 * - While the file has such a problem, no change is written: a write would drop what lede could
 *   not read. The change is refused with one line saying so, and the file stays as it is.
 * - Each change reads the file again, so corrections made by hand (or by another lede) since it
 *   was loaded are kept, and replaces it atomically and durably (fsync, then rename).
 */
import { dirname, join } from 'node:path';
import { ensureOwnDirectory, errnoCode, type OwnFileSystem, ownDirectory, readOwnFile, realFileSystem, writeOwnFileAtomic } from '../own-files.js';
import { sanitizeSingleLine } from '../sanitize.js';
import { addsNothing, type Correction, CorrectionSet, describeCorrection, MAX_CORRECTIONS, NO_CORRECTIONS, readCorrection } from './corrections.js';

export const CORRECTIONS_FILE_NAME = 'corrections.json';
export const CORRECTIONS_FILE_VERSION = 1;

/**
 * The most a corrections file may hold. A correction takes about 70 bytes on its line, so this is
 * room for MAX_CORRECTIONS of them three times over, and still a file parsed in milliseconds; a
 * bigger one is not a file lede wrote, and is not read. lede refuses a change that would make its
 * file bigger, so it never writes a file it would refuse to read.
 */
export const MAX_CORRECTIONS_FILE_BYTES = 2 * 1024 * 1024;

/** Where the file is looked for, and the filesystem (a seam for fault injection). */
export interface CorrectionsFileOptions {
  env?: NodeJS.ProcessEnv;
  fs?: OwnFileSystem;
}

/** Where the corrections file is; null when there is no config directory (no HOME). */
export function correctionsPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = ownDirectory('config', env);
  return dir === null ? null : join(dir, CORRECTIONS_FILE_NAME);
}

export interface LoadedCorrections {
  set: CorrectionSet;
  /** One line when some or all of the file could not be used; null when all is well (or there is no file). */
  problem: string | null;
}

/** The user's corrections, as far as the file can be read. */
export function loadCorrections(options: CorrectionsFileOptions = {}): LoadedCorrections {
  const path = correctionsPath(options.env);
  if (path === null) return { set: NO_CORRECTIONS, problem: null };
  const file = readCorrectionsFile(path, options.fs ?? realFileSystem);
  const set = file.list.length > 0 ? new CorrectionSet(file.list) : NO_CORRECTIONS;
  if (file.fault === null) return { set, problem: null };
  return { set, problem: `${file.whole ? 'corrections ignored' : 'some corrections ignored'}: ${shown(path)} ${file.fault}` };
}

export type CorrectionsChange =
  | {
      ok: true;
      set: CorrectionSet;
      /** The correction added or undone. */
      correction: Correction;
      /** False when it changed nothing (the same correction was already in effect): nothing was written. */
      changed: boolean;
      path: string;
    }
  | { ok: false; problem: string };

/** Adds `correction` (untrusted: validated) after the others, and saves the file. */
export function addCorrection(correction: Correction, options: CorrectionsFileOptions = {}): CorrectionsChange {
  const read = readCorrection(correction);
  if ('problem' in read) return { ok: false, problem: `not a correction: ${read.problem}` };
  return change(options, (list) => {
    const set = new CorrectionSet(list);
    if (addsNothing(set, read.correction)) return { list, correction: read.correction, changed: false };
    return { list: [...list, read.correction], correction: read.correction, changed: true };
  });
}

/** Removes the last correction, and saves the file. */
export function undoCorrection(options: CorrectionsFileOptions = {}): CorrectionsChange {
  return change(options, (list) => {
    const last = list[list.length - 1];
    return last ? { list: list.slice(0, -1), correction: last, changed: true } : 'there is no correction to undo';
  });
}

type Edit = (list: readonly Correction[]) => { list: readonly Correction[]; correction: Correction; changed: boolean } | string;

/** Reads the file afresh, applies `edit` and writes the result, unless the file has a problem. */
function change(options: CorrectionsFileOptions, edit: Edit): CorrectionsChange {
  const fs = options.fs ?? realFileSystem;
  const path = correctionsPath(options.env);
  if (path === null) return { ok: false, problem: 'corrections not saved: no config directory (set LEDE_CONFIG_DIR or HOME)' };
  const file = readCorrectionsFile(path, fs);
  if (file.fault !== null) return { ok: false, problem: `corrections not changed: ${shown(path)} ${file.fault}; fix it or move it away first` };
  const edited = edit(file.list);
  if (typeof edited === 'string') return { ok: false, problem: edited };
  const result = { ok: true as const, set: edited.list.length > 0 ? new CorrectionSet(edited.list) : NO_CORRECTIONS, correction: edited.correction, changed: edited.changed, path };
  if (!edited.changed) return result;
  if (edited.list.length > MAX_CORRECTIONS) return { ok: false, problem: `corrections not saved: a file holds at most ${MAX_CORRECTIONS.toLocaleString('en')} corrections` };
  const text = formatCorrectionsFile(edited.list);
  if (Buffer.byteLength(text, 'utf8') > MAX_CORRECTIONS_FILE_BYTES) return { ok: false, problem: `corrections not saved: the file would be over ${MIB} MiB` };
  const dirProblem = ensureOwnDirectory(dirname(path), fs);
  if (dirProblem !== null) return { ok: false, problem: `corrections not saved: ${dirProblem}` };
  try {
    writeOwnFileAtomic(path, text, { durable: true, fs });
  } catch (error) {
    return { ok: false, problem: `corrections not saved: cannot write ${shown(path)} (${errnoCode(error) ?? 'unknown error'})` };
  }
  return result;
}

const MIB = MAX_CORRECTIONS_FILE_BYTES / (1024 * 1024);

/** What the file holds that lede can use, and what is wrong with it (a phrase after its path). */
interface CorrectionsFileRead {
  list: Correction[];
  fault: string | null;
  /** The fault concerns the whole file (nothing in it is used), not some of its corrections. */
  whole: boolean;
}

const unusable = (fault: string): CorrectionsFileRead => ({ list: [], fault, whole: true });

function readCorrectionsFile(path: string, fs: OwnFileSystem): CorrectionsFileRead {
  // readOwnFile rather than readOwnJson: the same read, with the reason it failed, which the user is told.
  const read = readOwnFile(path, MAX_CORRECTIONS_FILE_BYTES, fs);
  if (!read.ok) {
    switch (read.reason) {
      case 'missing':
        return { list: [], fault: null, whole: false };
      case 'too big':
        return unusable(`is over ${MIB} MiB`);
      case 'changed while read':
        return unusable('changed while it was read');
      case 'unreadable':
        return unusable(`cannot be read (${read.code ?? 'unknown error'})`);
      default:
        return unusable(`is ${read.reason}`);
    }
  }
  return parseCorrectionsFile(read.text);
}

/** The corrections in a file's text (exported for tests: the file's rules without a file). */
export function parseCorrectionsFile(text: string): CorrectionsFileRead {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    // V8's message quotes the text around the error: cut, and sanitised like anything from a file.
    const why = sanitizeSingleLine(error instanceof Error ? error.message : String(error)).slice(0, 120);
    return unusable(`is not valid JSON (${why})`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json) || !Array.isArray((json as { corrections?: unknown }).corrections)) {
    return unusable(`is not a corrections file (it needs {"version": ${CORRECTIONS_FILE_VERSION}, "corrections": [...]})`);
  }
  const { version, corrections } = json as { version?: unknown; corrections: unknown[] };
  if (version !== CORRECTIONS_FILE_VERSION) {
    const given = typeof version === 'number' ? `version ${version}` : 'no version';
    return unusable(`has ${given}; this lede reads version ${CORRECTIONS_FILE_VERSION}`);
  }
  if (corrections.length > MAX_CORRECTIONS) return unusable(`holds over ${MAX_CORRECTIONS.toLocaleString('en')} corrections`);
  const list: Correction[] = [];
  let firstBad: string | null = null;
  let bad = 0;
  for (const [i, value] of corrections.entries()) {
    const one = readCorrection(value);
    if ('correction' in one) list.push(one.correction);
    else if (bad++ === 0) firstBad = `#${i + 1}, ${one.problem}`;
  }
  if (firstBad === null) return { list, fault: null, whole: false };
  const fault = bad > 1 ? `has ${bad} corrections lede cannot read; the first, ${firstBad}` : `has a correction lede cannot read: ${firstBad}`;
  return { list, fault, whole: false };
}

/** The file as lede writes it: one correction a line, so it reads, edits and diffs well. */
export function formatCorrectionsFile(list: readonly Correction[]): string {
  const lines = list.map((c) => `    {${Object.entries(c).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')}}`);
  const body = lines.length > 0 ? `[\n${lines.join(',\n')}\n  ]` : '[]';
  return `{\n  "version": ${CORRECTIONS_FILE_VERSION},\n  "corrections": ${body}\n}\n`;
}

/** A path as it may appear in a one-line message: it comes from the environment. */
const shown = (path: string): string => sanitizeSingleLine(path);

/**
 * The corrections file as the interactive app keeps corrections (app.tsx's CorrectionsStore, on
 * main): the same three calls in the shapes it takes. A correction already in effect is said as
 * such rather than as saved, since there is then nothing for an undo to take back.
 */
export function correctionsFileStore(options: CorrectionsFileOptions = {}) {
  return {
    load: (): { corrections: CorrectionSet; problem: string | null } => {
      const { set, problem } = loadCorrections(options);
      return { corrections: set, problem };
    },
    add: (correction: Correction): { corrections: CorrectionSet } | { problem: string } => {
      const result = addCorrection(correction, options);
      if (!result.ok) return { problem: result.problem };
      return result.changed ? { corrections: result.set } : { problem: `already so: ${describeCorrection(result.correction)}` };
    },
    undo: (): { corrections: CorrectionSet; undone: Correction } | { problem: string } => {
      const result = undoCorrection(options);
      return result.ok ? { corrections: result.set, undone: result.correction } : { problem: result.problem };
    },
  };
}
