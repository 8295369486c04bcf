// What the e2e tests share: the seed articles' titles, temp folders outside the repo, and a hash of
// a file tree to prove lede never writes to what it reads.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, type TerminalSession } from './terminal';

export const seedDir = join(repoRoot, 'articles');
export const seedTitles = [
  'How the (Proxy) War Between Iran and Israel Started',
  'Netanyahu May Offer Putin US Sanctions Relief for Ousting Iran From Syria',
] as const;
/** Short enough to be visible untruncated at 40 columns and more. */
export const seedPrefixes = ['How the (Proxy)', 'Netanyahu May'] as const;

export function makeTempDir(prefix = 'lede-e2e-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `count` articles in a new folder `tree` (000.txt, 001.txt, …), their times an hour old: a file
 * written a moment ago is read again at each start, so only old files come from the library cache.
 */
export function writeOldArticles(tree: string, count: number, text: (i: number) => string): void {
  mkdirSync(tree);
  const past = Date.now() / 1000 - 3600;
  for (let i = 0; i < count; i++) {
    const path = join(tree, `${String(i).padStart(3, '0')}.txt`);
    writeFileSync(path, text(i));
    utimesSync(path, past, past);
  }
}

/** Names, types, modes, sizes, mtimes and contents of everything under `dir`. */
export function hashTree(dir: string): string {
  const hash = createHash('sha256');
  const walk = (path: string, name: string) => {
    const stat = lstatSync(path);
    hash.update(`${name}\0${stat.mode}\0${stat.size}\0${stat.mtimeMs}\0`);
    if (stat.isSymbolicLink()) hash.update(readlinkSync(path));
    else if (stat.isDirectory()) for (const entry of readdirSync(path).sort()) walk(join(path, entry), `${name}/${entry}`);
    else if (stat.isFile()) hash.update(readFileSync(path));
  };
  walk(dir, '.');
  return hash.digest('hex');
}

export const pageStatus = /page (\d+)\/(\d+)/;

/** The reader's `page X/Y` and percentage, read off the screen. */
export function readerPosition(t: TerminalSession): { page: number; pages: number; percent: number } | undefined {
  for (const line of t.screen()) {
    const m = pageStatus.exec(line);
    const pct = /(\d+)\s?%/.exec(line);
    if (m && pct) return { page: Number(m[1]), pages: Number(m[2]), percent: Number(pct[1]) };
  }
  return undefined;
}

export async function waitForPage(t: TerminalSession, page: number | 'last'): Promise<{ page: number; pages: number; percent: number }> {
  await t.waitFor(() => {
    const pos = readerPosition(t);
    return pos !== undefined && pos.page === (page === 'last' ? pos.pages : page);
  });
  const pos = readerPosition(t);
  if (!pos) throw new Error('the reader status bar vanished');
  return pos;
}

export function escapeRegExp(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

const ESC = '\x1b';
const BEL = '\x07';
const ST = '\x1b\\';

/** Every title starts with its tag, so a test can find the article and check that it stayed on top. */
export const hostileTags = ['Hostile-TXT', 'Hostile-LATIN', 'Hostile-MD', 'Hostile-JSON', 'Hostile-JSONL1', 'Hostile-JSONL2'];

/** Escape sequences and controls an article must never get through to the terminal. */
const attacks = [
  `osc0: ${ESC}]0;PWNED-OSC0${BEL} after`,
  `osc2: ${ESC}]2;PWNED-OSC2${ST} after, osc1: ${ESC}]1;PWNED-ICON${BEL}`,
  `clipboard: ${ESC}]52;c;UFdORUQ=${BEL} and ${ESC}]52;p;UFdORUQ=${ST} end`,
  `link: ${ESC}]8;;https://evil.example/${BEL}click me${ESC}]8;;${BEL} end`,
  `cursor: ${ESC}[7;77H${ESC}[13A${ESC}[99B${ESC}[s${ESC}[u${ESC}7${ESC}8 moved`,
  `clear: ${ESC}[2J${ESC}[3J${ESC}[H cleared, reset: ${ESC}c done`,
  `modes: ${ESC}[?1049l${ESC}[?25h${ESC}[?1000h${ESC}[?2004l${ESC}[?1h set`,
  `dcs: ${ESC}P$qm${ST} ${ESC}P1;1|PWNED${ST} dcs`,
  `queries: ${ESC}[6n ${ESC}[c ${ESC}[>c ${ESC}[21t ${ESC}]10;?${BEL} asked`,
  `c1: \u009b2J \u009d0;PWNED-C1\u0007 \u0090q\u009c \u0085 \u009b?1049l end`,
  `bell: ${BEL}${BEL}${BEL} ring`,
  'overprint: SAFE\b\b\b\bEVIL',
  'cr: GOODTEXT\rBAD',
  'bidi: \u202Egnp.exe\u202C and \u2066isolate\u2069 \u202A\u202B\u202D\u2067\u2068 end',
  'misc: a\x7fb \x01\x02\x0b\x0c\x1f\x0e\x0f end',
];

/** Writes one hostile article per format into `dir`; returns the file paths. */
export function writeHostileArticles(dir: string): string[] {
  const files: [string, string | Buffer][] = [
    ['hostile.txt', `${hostileTags[0]} ${ESC}]2;PWNED-TITLE${BEL}title ${ESC}]52;c;UFdORUQ=${BEL}${ESC}[2J${ESC}[H\u009b2J ok\n\n${attacks.join('\n\n')}\n`],
    [
      // Invalid UTF-8 (a raw 0x9B, the 8-bit CSI) makes the loader fall back to Windows-1252.
      'latin1.txt',
      Buffer.concat([
        Buffer.from(`${hostileTags[1]} caf`, 'latin1'),
        Buffer.from([0xe9, 0x20, 0x9b]),
        Buffer.from(`2J ${ESC}]2;PWNED-L1${BEL} end\n\nbody \u00e9 `, 'latin1'),
        Buffer.from([0x9b]),
        Buffer.from(`2J ${ESC}[2J ${ESC}]52;c;UFdORUQ=${BEL} text\n\n${attacks.slice(0, 9).join('\n\n')}\n`, 'latin1'),
      ]),
    ],
    [
      'hostile.md',
      `---\ntitle: "${hostileTags[2]} ${ESC}]2;PWNED-MD${BEL} front matter"\nauthor: "${ESC}]52;c;UFdORUQ=${BEL}"\n---\n\n` +
        `# Heading ${ESC}]0;PWNED-H1${BEL}\n\nA [link](https://evil.example/${ESC}]52;c;UFdORUQ=${BEL}) and **bold ${ESC}[2J**.\n\n` +
        `${attacks.join('\n\n')}\n`,
    ],
    // JSON escapes decode to real control characters only after parsing.
    [
      'hostile.json',
      JSON.stringify({
        title: `${hostileTags[3]} ${ESC}]2;PWNED-JSON${BEL} title \u009b2J`,
        text: attacks.join('\n\n'),
        source: `${ESC}]8;;https://evil.example/${BEL}src`,
        author: `${ESC}[2J`,
      }),
    ],
    [
      'hostile.jsonl',
      [
        JSON.stringify({ title: `${hostileTags[4]} ${ESC}]2;PWNED-JSONL${BEL}`, body: attacks.slice(0, 8).join('\n\n') }),
        JSON.stringify({ title: `${hostileTags[5]} ${ESC}]52;c;UFdORUQ=${BEL}`, content: attacks.slice(8).join('\n\n') }),
      ].join('\n') + '\n',
    ],
  ];
  return files.map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
}

/** Characters that must never reach the terminal from an article (newline aside). */
export const forbiddenInOutput = /[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;
