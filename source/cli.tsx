#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import meow from 'meow';
import { runCommand } from './commands/run';
import { unknownOption } from './commands/unknown-option';
import { querySyntaxLines } from './core/search/syntax';
import { UsageError } from './core/errors';
import { sanitizeSingleLine } from './core/sanitize';
import { leaveFullScreen } from './terminal/fullscreen';

const help = `
  Usage
    $ lede [paths...]                        read interactively (default: the bundled articles)
    $ lede list [paths...] [--json]          list the articles, in path order or by --sort KEY;
        [--sort KEY] [--reverse]             with --unread or --flagged, only those not yet
        [--unread] [--flagged]               read, or flagged, in the reader
    $ lede show <file> [--width N] [--json]  print one article (FILE#N picks a record of a JSON file)
    $ lede search <query> [paths...] [--json] [--limit N]
                                             ranked search, matches highlighted in a terminal;
                                             exit 1 and nothing on stdout when nothing matches
    $ lede entities [paths...] [--json]      people, places and organizations in each article
    $ lede entities --library [paths...] [--json]
                                             the library's entities: articles, mentions, who
                                             appears with whom, most articles first
    $ lede mentions <name> [paths...] [--json|--csv]
                                             every mention of the entity <name> matches best,
                                             in context, the articles most about it first
    $ lede correct hide <name>               hide an entity everywhere
    $ lede correct type <name> <type>        make it a person, place or organization (org)
    $ lede correct rename <name> <to>        show it by another name
    $ lede correct merge <name> <into>       count it as part of the entity <into>
    $ lede correct split <name> <alias>      make its form <alias> an entity of its own
    $ lede correct undo                      remove the last correction
    $ lede correct list [--json]             the corrections, kept in corrections.json in
                                             $LEDE_CONFIG_DIR, else $XDG_CONFIG_HOME/lede, else
                                             ~/.config/lede; they apply to every command

  Search queries (the list's / filter too)
${querySyntaxLines('    ').join('\n')}
    A \\ before a space makes it part of the term ('rule\\ out), as in fzf. Whole words rank
    above words they start, and those above typos; title above body; query words side by side
    above the same words scattered.

  Paths are files or folders (searched recursively) of .txt, .md, .json, .jsonl and .html articles,
  printed as given (relative stays relative). Inside a folder, a symbolic link is followed only when
  it leads to a place inside the paths given (use -L to follow them all). With a pipe on standard
  input, lede reads the article from it and keys from the terminal.

  Options
    --json         machine-readable output (offsets are UTF-16 code units into "text")
    --width N      reading measure in columns (default: the terminal, at most 80)
    --limit N      most search results (default 20)
    --sort KEY     lede list: date (newest first, undated last), title (A–Z), words (longest
                   first) or path (the default)
    --reverse      lede list: the other way round (undated articles still last)
    --unread       lede list: only articles not read in the reader
    --flagged      lede list: only flagged articles (read state: $LEDE_STATE_DIR, else
                   $XDG_STATE_HOME/lede, else ~/.local/state/lede; list only reads it)
    --library      lede entities: the whole library's, not each article's
    --csv          lede mentions: one row per mention (RFC 4180)
    -L, --follow   follow every symbolic link inside the folders, even out of them
    -h, --help     this help
    -v, --version  the version

  Output: data on stdout, diagnostics (skipped files, "N more", nothing found) on stderr, so
  2>/dev/null leaves only data. Exit status: 0 found, 1 nothing found or an error, 2 a usage or
  path error. lede search colours its matches on a terminal only, never under NO_COLOR.

  Examples
    $ lede ~/news
    $ lede list ~/news --sort date --unread
    $ lede list ~/news --json | jq '.articles[] | select(.flagged) | .title'
    $ lede show ~/news/2018-05-10-golan.txt --width 72
    $ lede search "netanyhau 'golan'" ~/news --json --limit 5
    $ lede search '"prime minister" iran' ~/news 2>/dev/null | head
    $ lede entities ~/news --json | jq '.[].entities[] | select(.type == "person") | .name'
    $ lede entities --library ~/news --json | jq '.entities[:10][] | {name, articles}'
    $ lede mentions shoigu ~/news --csv > shoigu.csv
    $ lede correct merge "Lib Dems" "Liberal Democrats"
    $ curl -s https://example.org/story.txt | lede
`;

const flags = {
  json: { type: 'boolean', default: false },
  width: { type: 'number' },
  limit: { type: 'number' },
  sort: { type: 'string' },
  reverse: { type: 'boolean', default: false },
  unread: { type: 'boolean', default: false },
  flagged: { type: 'boolean', default: false },
  follow: { type: 'boolean', shortFlag: 'L', default: false },
  library: { type: 'boolean', default: false },
  csv: { type: 'boolean', default: false },
  help: { type: 'boolean', shortFlag: 'h', default: false },
  version: { type: 'boolean', shortFlag: 'v', default: false },
} as const;

const knownOptions = {
  long: new Set(Object.keys(flags)),
  short: new Set(Object.values(flags).flatMap((flag) => ('shortFlag' in flag ? [flag.shortFlag] : []))),
};

async function main(): Promise<number> {
  const typed = unknownOption(process.argv.slice(2), knownOptions);
  if (typed) throw new UsageError(`unknown option '${typed}' (see lede --help)`);
  // meow reads only import.meta.url (to find package.json); dist runs this module as a script
  // (source/core/script-chunk.ts), which has the URL but no import.meta of its own.
  const importMeta = { url: import.meta.url } as ImportMeta;
  const cli = meow(help, { importMeta, allowUnknownFlags: true, autoHelp: false, autoVersion: false, flags });
  if (cli.flags.help) cli.showHelp(0);
  if (cli.flags.version) cli.showVersion();
  return runCommand({
    input: cli.input,
    json: cli.flags.json,
    width: cli.flags.width,
    limit: cli.flags.limit,
    sort: cli.flags.sort,
    reverse: cli.flags.reverse,
    unread: cli.flags.unread,
    flagged: cli.flags.flagged,
    follow: cli.flags.follow,
    library: cli.flags.library,
    csv: cli.flags.csv,
    bundledArticles: fileURLToPath(new URL('../articles', import.meta.url)),
  });
}

/** One clear line, never a stack trace: usage errors exit 2, anything else 1. */
function fail(error: unknown): void {
  // Leave the alternate screen first, or the message would vanish with it.
  leaveFullScreen();
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`lede: ${sanitizeSingleLine(message.split('\n')[0] ?? '')}\n`);
  process.exitCode = error instanceof UsageError ? error.exitCode : 1;
}

// `lede list | head`: the reader closed the pipe, which is not an error; stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.on('uncaughtException', (error) => {
  fail(error);
  process.exit();
});
process.on('unhandledRejection', (reason) => {
  fail(reason);
  process.exit();
});

main().then((code) => {
  process.exitCode = code;
}, fail);
