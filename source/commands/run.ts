import { stat } from 'node:fs/promises';
import type { Article, Library } from '../core/article';
import { UsageError } from '../core/errors';
import { sanitizeSingleLine } from '../core/sanitize';
import { DEFAULT_MAX_FILE_BYTES, loadLibrary, readLibraryFromBytes, readStreamCapped, type LoadOptions } from '../core/load';
import { colorOutput } from './color';
import { skippedNote } from './list';
import { listArticles } from './list-command';

// Each subcommand imports what only it needs when it runs: text measuring (string-width),
// search and entities each cost start-up time that `lede list` should not pay.
const showModule = () => import('./show');

/**
 * The interactive reader, imported only when lede draws a screen. Ink decides once, as it is
 * imported, whether it runs in CI (CI or CONTINUOUS_INTEGRATION set) and then draws nothing until
 * exit. lede draws only when its output is a terminal, so a person is watching: tell Ink so.
 */
function interactiveModule() {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  return import('../interactive');
}

export interface CommandOptions {
  input: string[];
  json: boolean;
  width?: number;
  limit?: number;
  /** `--follow`: follow symbolic links that lead out of the folders given. */
  follow?: boolean;
  /** `entities --library`: the library's entities, not each article's. */
  library?: boolean;
  /** `mentions --csv`. */
  csv?: boolean;
  /** `list --sort`: date, title, words or path. */
  sort?: string;
  /** `list --reverse`. */
  reverse?: boolean;
  /** `list --unread`, `list --flagged`. */
  unread?: boolean;
  flagged?: boolean;
  bundledArticles: string;
}

/** Data, on stdout; nothing at all for none. */
function print(text: string): void {
  if (text.length === 0) return;
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * Data made as it is written, on stdout, as `print` would print it joined: at the reader's pace
 * (a slow pipe holds the making back), and a reader that stops (`| head`) ends it quietly.
 */
async function printPieces(pieces: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const { writePieces } = await import('./write-out');
  await writePieces(process.stdout, pieces);
}

/** A diagnostic (skipped files, more results than shown), on stderr, so `2>/dev/null` leaves only data. */
export function note(text: string | undefined): void {
  if (text) process.stderr.write(`lede: ${sanitizeSingleLine(text)}\n`);
}

function validateWidth(width: number | undefined): number | undefined {
  if (width === undefined) return undefined;
  if (!Number.isInteger(width) || width < 20 || width > 1000) {
    throw new UsageError('--width takes a whole number of columns from 20 to 1000');
  }
  return width;
}

function plainWidth(width: number | undefined): number {
  return width ?? Math.min(80, process.stdout.isTTY ? process.stdout.columns || 80 : 80);
}

function libraryPaths(paths: string[], bundled: string): { paths: string[]; label: string | undefined } {
  return paths.length > 0 ? { paths, label: undefined } : { paths: [bundled], label: 'articles/ (bundled)' };
}

/** What every command passes the loader besides the paths. */
function loadOptions(options: CommandOptions, label?: string): LoadOptions {
  return { label, followLinks: options.follow };
}

/** Options that belong to one command only: given to another, they are a mistake worth saying. */
function validateOwnOptions(command: string | undefined, options: CommandOptions): void {
  if (options.library && command !== 'entities') throw new UsageError('--library goes with lede entities');
  if (options.csv && command !== 'mentions') throw new UsageError('--csv goes with lede mentions');
  if (options.csv && options.json) throw new UsageError('lede mentions prints --json or --csv, not both');
  for (const [flag, given] of [['--sort', options.sort !== undefined], ['--reverse', options.reverse], ['--unread', options.unread], ['--flagged', options.flagged]] as const) {
    if (given && command !== 'list') throw new UsageError(`${flag} goes with lede list`);
  }
}

export async function runCommand(options: CommandOptions): Promise<number> {
  const width = validateWidth(options.width);
  const [command, ...rest] = options.input;
  validateOwnOptions(command, options);
  switch (command) {
    case 'list':
      return list(rest, options);
    case 'show':
      return show(rest, options, width);
    case 'search':
      return search(rest, options);
    case 'entities':
      return entities(rest, options);
    case 'mentions':
      return mentions(rest, options);
    case 'correct': {
      const { runCorrect } = await import('./correct');
      return runCorrect(rest, options.json, print);
    }
    default:
      return browse(options.input, options, width);
  }
}

async function list(args: string[], options: CommandOptions): Promise<number> {
  const { paths, label } = libraryPaths(args, options.bundledArticles);
  const library = await loadLibrary(paths, loadOptions(options, label));
  const { text, notes } = await listArticles(library, { json: options.json, sort: options.sort, reverse: options.reverse, unread: options.unread, flagged: options.flagged });
  for (const line of notes) note(line);
  print(text);
  return 0;
}

async function search(args: string[], options: CommandOptions): Promise<number> {
  const [query, ...rest] = args;
  if (query === undefined) throw new UsageError('search needs a query, e.g. lede search "netanyahu putin" ~/news');
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) throw new UsageError('--limit takes a whole number from 1');
  // The search's modules load while the library does, in its waits for files and its worker.
  const searchModule = import('./search');
  // Awaited below; a failure thrown first (no such folder) leaves it to be dropped quietly.
  searchModule.catch(() => undefined);
  const { paths, label } = libraryPaths(rest, options.bundledArticles);
  const library = await loadLibrary(paths, loadOptions(options, label));
  const { DEFAULT_SEARCH_LIMIT, searchJson, searchLibrary, searchPlain } = await searchModule;
  const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
  note(skippedNote(library));
  const result = await searchLibrary(library, query, limit, note);
  // As grep and fzf --filter: nothing found is exit 1 with nothing on stdout, said on stderr.
  if (result.total === 0) {
    note(`no article matches “${query}”`);
    return 1;
  }
  print(options.json ? searchJson(result) : searchPlain(result, colorOutput(process.stdout, process.env)));
  if (!options.json && result.total > result.results.length) note(`${result.total - result.results.length} more; --limit N shows more`);
  return 0;
}

async function entities(args: string[], options: CommandOptions): Promise<number> {
  const { paths, label } = libraryPaths(args, options.bundledArticles);
  const library = await loadLibrary(paths, loadOptions(options, label));
  note(skippedNote(library));
  const [e, { jsonPieces, StreamedArray }] = await Promise.all([import('./entities'), import('./json-stream')]);
  const sourced = await e.libraryEntitySource(library);
  if (options.library) {
    const l = await import('./library-entities');
    // The table sizes its name column to the widest name, so it is made whole.
    await printPieces(options.json ? jsonPieces(l.libraryEntitiesJsonStreamed(sourced.index)) : [l.libraryEntitiesPlain(l.libraryEntitiesJson(sourced.index))]);
    return 0;
  }
  const articles = e.articlesWithEntities(library, sourced);
  await printPieces(options.json ? jsonPieces(new StreamedArray(articles)) : e.entitiesPlainPieces(articles));
  return 0;
}

async function mentions(args: string[], options: CommandOptions): Promise<number> {
  const [name, ...rest] = args;
  const m = await import('./mentions');
  if (name === undefined || m.entityNameArgument(name) === '') throw new UsageError('mentions needs a name, e.g. lede mentions netanyahu ~/news');
  const { paths, label } = libraryPaths(rest, options.bundledArticles);
  const library = await loadLibrary(paths, loadOptions(options, label));
  note(skippedNote(library));
  const [{ libraryEntitySource }, { jsonPieces }] = await Promise.all([import('./entities'), import('./json-stream')]);
  const sourced = await libraryEntitySource(library);
  const entity = m.bestEntity(sourced, name);
  // Nothing found is exit 1, said on stderr, so a script reading stdout gets nothing rather than an empty result.
  if (!entity) throw new Error(`no entity matches “${name}”`);
  const found = await m.mentionsOf(library, sourced, entity.key);
  if (found.length === 0) throw new Error(`no mention of “${entity.name}” found`);
  await printPieces(options.json ? jsonPieces(m.mentionsJsonStreamed(entity, found)) : options.csv ? m.mentionsCsvPieces(found) : m.mentionsPlainPieces(entity, found));
  return 0;
}

/** `FILE#N` names the Nth record of a JSON or JSONL file, as article ids do. */
async function splitRecord(arg: string): Promise<{ path: string; record?: number }> {
  const match = /^(.*)#(\d+)$/.exec(arg);
  if (!match) return { path: arg };
  const exists = await stat(arg).then(
    () => true,
    () => false,
  );
  return exists ? { path: arg } : { path: match[1] as string, record: Number(match[2]) };
}

async function show(args: string[], options: CommandOptions, width: number | undefined): Promise<number> {
  if (args.length !== 1) throw new UsageError('show takes exactly one file (see lede --help)');
  const { path, record } = await splitRecord(args[0] as string);
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`no such file or directory: ${path}`);
  if (info.isDirectory()) throw new UsageError(`${path} is a folder; show takes one file (try lede list ${path})`);
  const library = await loadLibrary([path], loadOptions(options));
  const article = pickRecord(library, path, record);
  const { showJson, showPlain } = await showModule();
  print(options.json ? showJson(article) : showPlain(article, plainWidth(width)));
  return 0;
}

function pickRecord(library: Library, path: string, record: number | undefined): Article {
  const { articles, skipped } = library;
  if (articles.length === 0) throw new UsageError(`${path}: ${skipped[0]?.reason ?? 'no article in this file'}`);
  if (record !== undefined) {
    const article = articles[record - 1];
    if (!article) throw new UsageError(`${path} has ${articles.length} article(s); #${record} is not one of them`);
    return article;
  }
  if (articles.length > 1) {
    throw new UsageError(`${path} holds ${articles.length} articles; name one as ${path}#1 … ${path}#${articles.length}`);
  }
  return articles[0] as Article;
}

async function browse(args: string[], options: CommandOptions, width: number | undefined): Promise<number> {
  const interactive = Boolean(process.stdout.isTTY);
  if (args.length === 0 && !process.stdin.isTTY) {
    // Read up to the same cap as a file, so a pipe cannot exhaust memory.
    const { bytes, truncated } = await readStreamCapped(process.stdin, DEFAULT_MAX_FILE_BYTES);
    if (bytes.length > 0) {
      const library = await readLibraryFromBytes('-', bytes, undefined, truncated ? { truncatedAt: DEFAULT_MAX_FILE_BYTES } : {});
      const article = library.articles[0];
      if (!article) throw new UsageError(`standard input: ${library.skipped[0]?.reason ?? 'no article'}`);
      if (!interactive) {
        const { showJson, showPlain } = await showModule();
        print(options.json ? showJson(article) : showPlain(article, plainWidth(width)));
        return 0;
      }
      const { runInteractive } = await interactiveModule();
      return runInteractive({
        library: Promise.resolve(library),
        label: 'standard input',
        width,
        keysFromTerminal: true,
        openFirst: library.articles.length === 1,
      });
    }
  }
  const { paths, label } = libraryPaths(args, options.bundledArticles);
  if (!interactive) {
    // Neither a terminal to draw on: do what a script would want, print the list.
    const library = await loadLibrary(paths, loadOptions(options, label));
    const { text, notes } = await listArticles(library, { json: options.json });
    for (const line of notes) note(line);
    print(text);
    return 0;
  }
  // Fail on a missing path before switching screens, so the error lands on the normal screen.
  for (const path of paths) {
    if (!(await stat(path).catch(() => undefined))) throw new UsageError(`no such file or directory: ${path}`);
  }
  // Loading starts before Ink is imported, so the two overlap.
  let showProgress: (done: number, total: number, articles: number) => void = () => {};
  const library = loadLibrary(paths, { ...loadOptions(options, label), onProgress: (done, total, articles) => showProgress(done, total, articles) });
  const { runInteractive } = await interactiveModule();
  return runInteractive({
    library,
    onProgress: (show) => {
      showProgress = show;
    },
    label: label ?? (paths.length === 1 ? (paths[0] as string) : `${paths.length} paths`),
    width,
    keysFromTerminal: !process.stdin.isTTY,
  });
}
