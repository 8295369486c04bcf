/**
 * The library entity index a run before saved, for every source that builds one (the app's
 * worker source, the command line's in-thread one): one rule for when it is valid (the same
 * library generation, the same extractor version), one way to load it (the built index, else the
 * pass's saved findings to build it from), and one way to save it after a build. The index is
 * saved under no corrections; the user's are applied after loading, where they are applied after a
 * pass (LibraryEntityIndex.withCorrectionsInSlices), and what that makes is saved beside it (one
 * copy, under the digest of the corrections), loaded on the next start under the same ones.
 */
import { existsSync } from 'node:fs';
import { runSteps, runStepsInSlices, TimeSlices } from '../load/time-slices.js';
import { libraryCacheOf } from '../load/library-cache.js';
import { entityIndexFile, loadEntityIndexInputs, saveEntityIndexInputsInSteps } from './library-index-cache.js';
import type { Findings } from './library-findings.js';
import { type CorrectedIndexStore, findingsFrom, findingsReadFrom, indexFindings, keptIn, type LibraryEntityIndex, LibraryIndexBuilder } from './library-index.js';
import { entityNamesInSlices } from './name-search.js';
import { correctedLibraryIndexFile, type LibraryIndexKey, libraryIndexFile, loadLibraryIndex, saveLibraryIndex, saveLibraryIndexInSteps } from './library-index-file.js';

/** Where a library's saved index lives and what it must have been saved for. */
export interface SavedIndexPlace {
  files: { index: string; corrected: string; inputs: string };
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
    files: { index: libraryIndexFile(cached.file), corrected: correctedLibraryIndexFile(cached.file), inputs: entityIndexFile(cached.file) },
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
  const findings = savedFindings(place, options);
  const loaded = await loadLibraryIndex(files.index, key, order, { cacheDir: options.cacheDir, findings, onProblem: options.onProblem });
  return loaded && keptIn(loaded, correctedStore(place, options, findings));
}

/** The findings saved beside the index, read once when first asked for (a correction's rebuild needs them). */
function savedFindings(place: SavedIndexPlace, options: SavedIndexOptions): () => Findings | undefined {
  let findings: Findings | undefined;
  return () => {
    if (findings) return findings;
    const saved = loadEntityIndexInputs(place.files.inputs, place.key, place.order, options.onProblem);
    return (findings = saved && findingsFrom(place.order, saved));
  };
}

/**
 * The library's index under the user's corrections, saved beside the one under none: one copy,
 * replaced when the corrections change, and loaded (checked as that one is) only under the very
 * corrections it was saved under. Rebuilt under others from `findings`.
 */
function correctedStore(place: SavedIndexPlace, options: SavedIndexOptions, findings: () => Findings | undefined): CorrectedIndexStore {
  const { files, key, order } = place;
  return {
    load: (corrections) => loadLibraryIndex(files.corrected, key, order, { cacheDir: options.cacheDir, corrections, findings, onProblem: options.onProblem }),
    save: (index) => saveLibraryIndex(index, files.corrected, key, options.onProblem),
  };
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
  return options.cancelled?.() ? undefined : keptIn(index, correctedStore(place, options, () => findingsFrom(order, found)));
}

/**
 * Saves the built index `index`, under no corrections (and, with `withInputs`, the findings it was
 * built from), atomically; a failure is told, never thrown. Its versions under corrections are
 * saved beside it from then on, and once its findings are on disk they are read from there.
 */
export function saveBuiltIndex(index: LibraryEntityIndex, place: SavedIndexPlace, options: SavedIndexOptions & { withInputs: boolean }): void {
  runSteps(saveBuiltIndexInSteps(index, place, options));
}

function* saveBuiltIndexInSteps(index: LibraryEntityIndex, place: SavedIndexPlace, options: SavedIndexOptions & { withInputs: boolean }): Generator<void, void> {
  if (index.identity.corrections.size > 0) return;
  // Without withInputs, the index was built from the saved inputs, read back just before.
  let inputsSaved = !options.withInputs;
  if (options.withInputs) {
    const findings = indexFindings(index);
    inputsSaved = !!findings && (yield* saveEntityIndexInputsInSteps(place.files.inputs, place.key, place.order, findings, options.onProblem));
  }
  yield* saveLibraryIndexInSteps(index, place.files.index, place.key, options.onProblem);
  const fromDisk = savedFindings(place, options);
  if (inputsSaved) findingsReadFrom(index, fromDisk);
  keptIn(index, correctedStore(place, options, fromDisk));
}

/**
 * The same in slices of `sliceMs`, once the index's name index (saved with it) is built in
 * slices too: after a pass on the UI thread, the name index built inside the save was 100-250 ms
 * more of one block at 20,000 articles, and writing both files at once ~3 s at 100,000. The
 * screens wait for the same name index build (use-entities.ts): it is not done twice.
 */
export async function saveBuiltIndexInSlices(index: LibraryEntityIndex, place: SavedIndexPlace, options: SavedIndexOptions & { withInputs: boolean; sliceMs: number }): Promise<void> {
  await entityNamesInSlices(index, options.sliceMs);
  await runStepsInSlices(saveBuiltIndexInSteps(index, place, options), options.sliceMs);
}
