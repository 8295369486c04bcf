/**
 * The library entity index a run before saved, for every source that builds one (the app's
 * worker source, the command line's in-thread one): one rule for when it is valid (the same
 * library generation, the same extractor version), one way to load it (the built index, else the
 * pass's saved findings to build it from), and one way to save it after a build. A saved index is
 * always one under no corrections: the user's are applied after loading, where they are applied
 * after a pass (LibraryEntityIndex.withCorrections*).
 */
import { existsSync } from 'node:fs';
import { TimeSlices } from '../load/time-slices.js';
import { libraryCacheOf } from '../load/library-cache.js';
import { entityIndexFile, loadEntityIndexInputs, saveEntityIndexInputs } from './library-index-cache.js';
import type { Findings } from './library-findings.js';
import { findingsFrom, indexFindings, type LibraryEntityIndex, LibraryIndexBuilder } from './library-index.js';
import { type LibraryIndexKey, libraryIndexFile, loadLibraryIndex, saveLibraryIndex } from './library-index-file.js';

/** Where a library's saved index lives and what it must have been saved for. */
export interface SavedIndexPlace {
  files: { index: string; inputs: string };
  key: LibraryIndexKey;
  /** The library's article ids, in library order. */
  order: string[];
}

/**
 * The place of the saved index of a library loaded through the library cache (its articles as
 * the load returned them), for the extractor of `extractorVersion`; undefined when the library was
 * not cached (a small one, no cache directory): then nothing is loaded or saved.
 */
export function savedIndexPlace(articles: readonly { id: string }[], extractorVersion: string): SavedIndexPlace | undefined {
  const cached = libraryCacheOf(articles);
  if (!cached) return undefined;
  return {
    files: { index: libraryIndexFile(cached.file), inputs: entityIndexFile(cached.file) },
    key: { generation: cached.generation, extractorVersion },
    order: articles.map((a) => a.id),
  };
}

export interface SavedIndexOptions {
  cacheDir: string | null;
  /** Told one line when a saved file is found tampered with, or cannot be written. */
  onProblem?: (problem: string) => void;
}

/**
 * The index saved by a run before, if it is there and right; its findings (for a rebuild under
 * corrections) read from the saved inputs only when a correction needs them.
 */
export async function loadSavedIndex(place: SavedIndexPlace, options: SavedIndexOptions): Promise<LibraryEntityIndex | undefined> {
  const { files, key, order } = place;
  // Written together; without the inputs no correction could be applied to the index.
  if (!existsSync(files.inputs)) return undefined;
  let findings: Findings | undefined;
  const readFindings = () => {
    if (findings) return findings;
    const saved = loadEntityIndexInputs(files.inputs, key, order, options.onProblem);
    return (findings = saved && findingsFrom(order, saved));
  };
  return loadLibraryIndex(files.index, key, order, { cacheDir: options.cacheDir, findings: readFindings, onProblem: options.onProblem });
}

/**
 * The index built from the findings a pass before saved (when the built index was not saved, or
 * is stale), in slices of `sliceMs`; undefined when there are none or they are not right, and
 * when `cancelled` says so. `onRead` is told once the findings are read, before the build.
 */
export async function indexFromSavedInputs(
  place: SavedIndexPlace,
  options: SavedIndexOptions & { sliceMs: number; cancelled?: () => boolean; onRead?: () => void },
): Promise<LibraryEntityIndex | undefined> {
  const { files, key, order } = place;
  const found = loadEntityIndexInputs(files.inputs, key, order, options.onProblem);
  if (!found) return undefined;
  // In slices, as after a pass: at 20,000 articles this build is seconds, and a warm start
  // that held the UI thread for it answered no key meanwhile (1.2 s at 2,000 in the latency bench).
  const builder = new LibraryIndexBuilder(options.cacheDir);
  const slices = new TimeSlices(options.sliceMs);
  for (const id of order) {
    await slices.pauseIfDue();
    if (options.cancelled?.()) return undefined;
    builder.add(id, found.get(id) ?? []);
  }
  options.onRead?.();
  const index = await builder.finishInSlices(order, options.sliceMs);
  return options.cancelled?.() ? undefined : index;
}

/** Saves the built index `index` (and, with `withInputs`, the findings it was built from), atomically; a failure is told, never thrown. */
export function saveBuiltIndex(index: LibraryEntityIndex, place: SavedIndexPlace, options: SavedIndexOptions & { withInputs: boolean }): void {
  if (options.withInputs) {
    const findings = indexFindings(index);
    if (findings) saveEntityIndexInputs(place.files.inputs, place.key, place.order, findings, options.onProblem);
  }
  saveLibraryIndex(index, place.files.index, place.key, options.onProblem);
}
