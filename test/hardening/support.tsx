// Shared by the hardening suites: a seeded PRNG, a hostile little corpus written to a temp dir,
// rendering a state the way the App would, and the frame checks every suite applies.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderToString } from 'ink';
import stringWidth from 'string-width';
import { App } from '../../source/app';
import type { Library } from '../../source/core/article';
import type { Viewport } from '../../source/state/geometry';
import type { State } from '../../source/state/reducer';
import { Screen } from '../../source/views/screen';
import { pick, prng } from '../helpers/prng';

export { pick, prng };

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));


export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `lede-hardening-${prefix}-`));
}

/** A state drawn as the App draws it (the App's own Screen), at the state's terminal width. */
export function renderState(state: State): string {
  return renderToString(<Screen state={state} />, { columns: state.viewport.cols });
}

/** The App's first frame for a library at a fixed terminal size. */
export function renderApp(library: Library, viewport: Viewport): string {
  return renderToString(<App library={library} viewport={viewport} />, { columns: viewport.cols });
}

// SGR only (ESC [ params m): the styling Ink itself emits. Anything else is a finding.
const SGR = /\x1b\[[0-9;:]*m/g;
export function stripSgr(s: string): string {
  return s.replace(SGR, '');
}

// Every C0 control but newline, DEL, C1, bidi overrides/isolates, and lone surrogates.
const FORBIDDEN = /[\0-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
const FORBIDDEN_IN_TEXT = /[\0-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** The first control character (or other terminal-unsafe code unit) in a frame after SGR is removed. */
export function unsafeCharIn(frame: string): string | undefined {
  const m = FORBIDDEN.exec(stripSgr(frame));
  return m ? `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m.index}` : undefined;
}

/** For sanitised article text, where \n and \t are allowed (the layout decides what they mean). */
export function controlCharInText(text: string): string | undefined {
  const m = FORBIDDEN_IN_TEXT.exec(text);
  if (m) return `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m.index}`;
  return (text as string & { isWellFormed(): boolean }).isWellFormed() ? undefined : 'a lone surrogate';
}

/**
 * What must hold of every frame: at most rows-1 lines (one line at the degenerate 1-row size,
 * where the frame cannot be shorter), no line wider than the terminal, nothing but SGR escapes.
 * Returns the problem, or undefined.
 */
export function frameProblem(frame: string, viewport: Viewport): string | undefined {
  const lines = stripSgr(frame).split('\n');
  const maxRows = Math.max(1, viewport.rows - 1);
  if (lines.length > maxRows) return `${lines.length} lines at ${viewport.cols}×${viewport.rows} (max ${maxRows})`;
  for (const [i, line] of lines.entries()) {
    const width = stringWidth(line);
    if (width > viewport.cols) return `line ${i} is ${width} columns at ${viewport.cols}×${viewport.rows}: ${JSON.stringify(line.slice(0, 120))}`;
  }
  const unsafe = unsafeCharIn(frame);
  return unsafe ? `control character in frame: ${unsafe}` : undefined;
}

/** Prose with recurring names (so entity jumps and "next article mentioning" have work to do). */
const PEOPLE = ['Benjamin Netanyahu', 'Netanyahu', 'Sergei Shoigu', 'Shoigu', 'Angela Merkel', 'Emmanuel Macron', 'José Manuel Barroso'];
const PLACES = ['Syria', 'Damascus', 'Israel', 'Tehran', 'Golan Heights', 'Moscow', 'São Paulo', 'Zürich'];
const ORGS = ['the United Nations', 'NATO', 'the European Union', 'Reuters', 'the Kremlin'];
const WORDS = 'said the minister on Tuesday that talks would continue despite strikes near border after officials met in the capital and warned of further sanctions'.split(' ');

function sentence(random: () => number): string {
  const words: string[] = [];
  const n = 8 + Math.floor(random() * 14);
  for (let i = 0; i < n; i++) {
    const r = random();
    words.push(r < 0.08 ? pick(random, PEOPLE) : r < 0.14 ? pick(random, PLACES) : r < 0.18 ? pick(random, ORGS) : pick(random, WORDS));
  }
  const s = words.join(' ');
  return `${s[0]?.toUpperCase()}${s.slice(1)}.`;
}

export function prose(random: () => number, paragraphs: number): string {
  return Array.from({ length: paragraphs }, () => Array.from({ length: 2 + Math.floor(random() * 5) }, () => sentence(random)).join(' ')).join('\n\n');
}

/**
 * A small library meant to be awkward: news prose of very different lengths, the bundled
 * articles, and files with escape sequences, wide and combining characters, right-to-left text,
 * tabs, a 20,000-character word, JSON records, and a few files that must be skipped.
 */
export function writeMonkeyCorpus(seed = 7): string {
  const random = prng(seed);
  const dir = tempDir('corpus');
  const bundled = join(repoRoot, 'articles');
  for (const name of readdirSync(bundled)) copyFileSync(join(bundled, name), join(dir, name));
  writeFileSync(join(dir, 'long.txt'), `Netanyahu and Shoigu: the long read\n\n${prose(random, 60)}`);
  writeFileSync(join(dir, 'short.txt'), 'A short note\n\nShoigu said nothing.');
  writeFileSync(join(dir, 'title-only.txt'), 'Only a title here');
  writeFileSync(
    join(dir, 'escapes.txt'),
    `\x1b]0;pwned\x07Title \x1b[31mred\x1b[0m \x9b2J\n\n${prose(random, 3)} \x1b]52;c;aGk=\x07 clip \x1b[2J\x1b[H home \x08\x08\x08 over\rprint \u202eevil\u202c \x1bP1$tfoo\x1b\\ done.\n\n${prose(random, 2)}`,
  );
  writeFileSync(
    join(dir, 'wide.md'),
    `# 東京とソウル — 会談 😀👩‍👩‍👧‍👦\n\n${'日本語の文章です。'.repeat(40)}\n\nZWJ 👨‍👩‍👧‍👦👩🏽‍💻🏳️‍🌈 and flags 🇮🇱🇸🇾 then e\u0301\u0301\u0301 and Z\u0351\u0352\u0353\u0354a\u0300\u0301\u0302lgo.\n\n${prose(random, 4)}`,
  );
  writeFileSync(join(dir, 'rtl.txt'), `עיתון: נתניהו בדמשק\n\nנתניהו אמר ביום שלישי ש Israel and Syria مرحبا بالعالم سوريا دمشق 123 456.\n\n${prose(random, 3)}`);
  writeFileSync(join(dir, 'tabs.txt'), `Tabs\tin\ttitle\n\ncol1\tcol2\tcol3\n\t\tindented\tNetanyahu\n\n${prose(random, 2)}`);
  writeFileSync(join(dir, 'longword.txt'), `A very long word\n\n${'x'.repeat(20_000)} Shoigu ${'yz'.repeat(5_000)}\n\n${prose(random, 2)}`);
  writeFileSync(
    join(dir, 'records.jsonl'),
    [
      JSON.stringify({ title: 'Record one about Netanyahu', text: prose(random, 5), date: '2024-01-02', source: 'Wire' }),
      '{not json',
      JSON.stringify({ title: 42, text: ['not', 'a', 'string'] }),
      JSON.stringify({ text: `Untitled record. ${prose(random, 2)}` }),
      JSON.stringify({ title: `Title with \u001b[2J clear and ${'w'.repeat(300)}`, text: prose(random, 8) }),
    ].join('\n'),
  );
  for (let i = 0; i < 12; i++) writeFileSync(join(dir, `news-${String(i).padStart(2, '0')}.txt`), `Story ${i}: ${sentence(random)}\n\n${prose(random, 1 + Math.floor(random() * 25))}`);
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0xff, 0, 0, 0, 7, 8, 0]));
  writeFileSync(join(dir, 'empty.md'), '');
  writeFileSync(join(dir, 'bad.json'), '{"title": ');
  mkdirSync(join(dir, 'folder.txt'));
  return dir;
}
