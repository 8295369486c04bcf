import type { Library } from '../core/article';
import { type Entity, type EntityExtractor, type EntityType, loadEntityExtractor } from '../core/entities';
import { entityCacheDir } from '../core/entities/cache';
import type { CorrectionSet } from '../core/entities/corrections';
import { loadCorrections } from '../core/entities/corrections-file';
import { InThreadSource } from '../core/entities/entity-source';
import type { LibraryEntityIndex } from '../core/entities/library-index';
import { articleIsCapped, CAPPED_NOTE, mentionCountLabel } from '../core/entities/chunked';
import { storedTextLength } from '../core/load/text-store';
import { sanitizeSingleLine } from '../core/sanitize';

export interface ArticleEntities {
  path: string;
  id: string;
  title: string;
  entities: Entity[];
  /** Present (true) when the article holds more than lede keeps: its first mentions only (chunked.ts). */
  capped?: true;
}

const reported = new Set<string>();

/**
 * A diagnostic (a cache that is off, a corrections file that cannot be used) says so once per
 * run, on stderr, so the data on stdout stays clean.
 */
function reportOnce(problem: string): void {
  if (reported.has(problem)) return;
  reported.add(problem);
  process.stderr.write(`lede: ${sanitizeSingleLine(problem)}\n`);
}

/** The user's corrections (corrections-file.ts), a file that cannot be used said once on stderr. */
export function userCorrections(): CorrectionSet {
  const { set, problem } = loadCorrections();
  if (problem) reportOnce(problem);
  return set;
}

/** Every article's entities found (through the on-disk cache), and the library's index of them under `corrections`. */
export interface LibraryEntitySource {
  source: InThreadSource;
  index: LibraryEntityIndex;
}

/** The extractor, the disk cache and where its problems are told (default: once each, on stderr). */
export interface EntitySourcePlace {
  extractor: () => Promise<EntityExtractor>;
  cacheDir: string | null;
  onProblem?: (problem: string) => void;
}

/**
 * Loads the library's index saved by a run before (the app's or the command line's), else runs
 * the library pass through the on-disk cache and saves the index it builds (so a second run is
 * fast), and applies the user's corrections to it. Every command that shows entities starts
 * here, so a correction changes all of them at once.
 */
export async function libraryEntitySource(
  library: Library,
  corrections: CorrectionSet = userCorrections(),
  where: EntitySourcePlace = { extractor: loadEntityExtractor, cacheDir: entityCacheDir() },
): Promise<LibraryEntitySource> {
  const source = new InThreadSource(library.articles, where.extractor, { cacheDir: where.cacheDir, onCacheProblem: where.onProblem ?? reportOnce, corrections });
  const index = await new Promise<LibraryEntityIndex>((resolve, reject) => {
    source.runLibraryPass({ onProgress: () => {}, onDone: resolve, onError: (message) => reject(new Error(message)) });
  });
  return { source, index };
}

/**
 * Every article's entities as the panel shows them: with what the whole library knows (a bare
 * "Putin" is a person where other articles say "Vladimir Putin") and the user's corrections
 * (through `sourced`'s index). Made one article at a time, in library order, as they are written:
 * an article's entities are read back from the disk cache, and dropped once printed.
 */
export async function* articlesWithEntities(library: Library, sourced: LibraryEntitySource): AsyncGenerator<ArticleEntities> {
  const { source, index } = sourced;
  for (const article of library.articles) {
    const entities = await source.entitiesOf(article, index);
    const shown = { path: article.path, id: article.id, title: article.title, entities };
    yield articleIsCapped(entities, storedTextLength(article)) ? { ...shown, capped: true as const } : shown;
  }
}

const typeLabels: Record<EntityType, string> = { person: 'person', place: 'place', organization: 'org' };

/**
 * A readable table of one article's entities: type, mention count, name, and aliases. Names are
 * sanitised here too, though the cache refuses entries whose names would need it: whatever
 * reaches a terminal is sanitised where it is printed.
 */
export function articleEntitiesPlain(article: ArticleEntities): string {
  const rows = article.entities.map((e) => {
    const aliases = e.aliases.filter((a) => a !== e.name).map(sanitizeSingleLine);
    const aka = aliases.length > 0 ? `  (also ${aliases.join(', ')})` : '';
    return `  ${typeLabels[e.type].padEnd(6)} ${mentionCountLabel(e).padStart(3)}  ${sanitizeSingleLine(e.name)}${aka}`;
  });
  const header = `${sanitizeSingleLine(article.title)}\n  ${sanitizeSingleLine(article.id)}`;
  const capped = article.capped ? [`  (${CAPPED_NOTE})`] : [];
  return [header, ...(rows.length > 0 ? rows : ['  (no people, places or organizations found)']), ...capped].join('\n');
}

/** The tables of every article, a blank line between two, a piece at a time as `articles` come. */
export async function* entitiesPlainPieces(articles: AsyncIterable<ArticleEntities>): AsyncGenerator<string> {
  let first = true;
  for await (const article of articles) {
    yield (first ? '' : '\n\n') + articleEntitiesPlain(article);
    first = false;
  }
}
