/**
 * What the user did with each article, remembered across runs as newsboat does: read or not,
 * flagged or not, and where they left off. Keyed by the article's content (title and text), so a
 * moved or renamed file keeps its state, and the same article under two paths shares it.
 *
 * Kept in `read-state.json` in lede's state directory (own-files.ts: `$LEDE_STATE_DIR`, else
 * `$XDG_STATE_HOME/lede`, else `~/.local/state/lede`), never next to the articles:
 *
 *   { "version": 1, "articles": { "<key>": { "read": true, "flagged": true, "offset": 1234, "at": "2026-12-01T10:00:00Z" } } }
 *
 * `offset` is where the first line on screen began (a UTF-16 offset into the text), so reopening
 * shows the same paragraph. A file that cannot be read or is not this shape is reported in one line
 * and ignored (and not overwritten until the user marks something).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ensureOwnDirectory, errnoCode, ownDirectory, readOwnFile, writeOwnFileAtomic } from './own-files.js';
import { sanitizeSingleLine } from './sanitize.js';

export interface ArticleMark {
  read: boolean;
  flagged: boolean;
  /** Where the reader's first line on screen began when the article was left; absent at the top. */
  offset?: number;
  /** When it was last marked (ISO 8601): the oldest marks go first when the file is full. */
  at: string;
}

/** Marks kept at most; a library read for years stays well under it, and the file stays small. */
export const MAX_MARKS = 100_000;
/** The file is refused past this size: 100,000 marks are about 10 MB. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const FILE_NAME = 'read-state.json';

const keys = new WeakMap<object, string>();

/** The key of an article's state: a hash of its title and text (computed once per article). */
export function readingKey(article: { readonly title: string; readonly text: string }): string {
  let key = keys.get(article);
  if (!key) {
    key = createHash('sha256').update(article.title).update('\0').update(article.text).digest('base64url').slice(0, 22);
    keys.set(article, key);
  }
  return key;
}

const isKey = (k: string) => /^[A-Za-z0-9_-]{22}$/.test(k);

/** One mark from untrusted JSON, or undefined. */
function asMark(value: unknown): ArticleMark | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (v.read !== undefined && typeof v.read !== 'boolean') return undefined;
  if (v.flagged !== undefined && typeof v.flagged !== 'boolean') return undefined;
  if (v.offset !== undefined && !(Number.isInteger(v.offset) && (v.offset as number) >= 0 && (v.offset as number) < 2 ** 31)) return undefined;
  const at = typeof v.at === 'string' && !Number.isNaN(Date.parse(v.at)) ? v.at : new Date(0).toISOString();
  return { read: v.read === true, flagged: v.flagged === true, ...(v.offset !== undefined ? { offset: v.offset as number } : {}), at };
}

export type ReadingLoad = { marks: Map<string, ArticleMark>; problem: string | null };

/** The marks in `path`, validated; none (with a reason) when the file is missing, unreadable or not lede's. */
export function parseReadingFile(text: string): Map<string, ArticleMark> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || (data as { version?: unknown }).version !== 1) return undefined;
  const articles = (data as { articles?: unknown }).articles;
  if (!articles || typeof articles !== 'object' || Array.isArray(articles)) return undefined;
  const marks = new Map<string, ArticleMark>();
  for (const [key, value] of Object.entries(articles as Record<string, unknown>)) {
    const mark = isKey(key) ? asMark(value) : undefined;
    if (mark) marks.set(key, mark);
    if (marks.size >= MAX_MARKS) break;
  }
  return marks;
}

/** The marks as the file holds them: the most recent MAX_MARKS, oldest dropped. */
export function serializeMarks(marks: ReadonlyMap<string, ArticleMark>): string {
  const entries = [...marks].filter(([, m]) => m.read || m.flagged || m.offset !== undefined);
  if (entries.length > MAX_MARKS) entries.sort((a, b) => b[1].at.localeCompare(a[1].at)).splice(MAX_MARKS);
  const articles: Record<string, ArticleMark> = {};
  for (const [key, mark] of entries) articles[key] = mark;
  return `${JSON.stringify({ version: 1, articles })}\n`;
}

/** The read-state file: loaded once, written atomically when marks change. */
export class ReadingStore {
  private readonly file: string | null;
  /** Set when the file on disk is not one lede can read: it is then never written over. */
  private broken = false;
  private off: string | null = null;

  constructor(dir: string | null = ownDirectory('state')) {
    this.file = dir ? join(dir, FILE_NAME) : null;
    if (!dir) this.off = 'read state off: no home directory to keep it in (set LEDE_STATE_DIR)';
  }

  load(): ReadingLoad {
    if (!this.file) return { marks: new Map(), problem: this.off };
    const read = readOwnFile(this.file, MAX_FILE_BYTES);
    if (!read.ok) {
      if (read.reason === 'missing') return { marks: new Map(), problem: null };
      this.broken = true;
      return { marks: new Map(), problem: `read state ignored: ${sanitizeSingleLine(this.file)} is ${read.reason}` };
    }
    const marks = parseReadingFile(read.text);
    if (!marks) {
      this.broken = true;
      return { marks: new Map(), problem: `read state ignored: ${sanitizeSingleLine(this.file)} is not lede's read state` };
    }
    return { marks, problem: null };
  }

  /** Writes the marks; a line saying why not when it cannot (the first time only). */
  save(marks: ReadonlyMap<string, ArticleMark>): string | null {
    if (!this.file || this.off) return null;
    if (this.broken) {
      this.off = `read state not saved: ${sanitizeSingleLine(this.file)} is not lede's (move it away to start afresh)`;
      return this.off;
    }
    const dir = join(this.file, '..');
    const problem = ensureOwnDirectory(dir);
    if (problem) {
      this.off = `read state off: ${problem}`;
      return this.off;
    }
    try {
      writeOwnFileAtomic(this.file, serializeMarks(marks));
      return null;
    } catch (error) {
      this.off = `read state off: cannot write to ${sanitizeSingleLine(dir)} (${errnoCode(error) ?? 'unknown error'})`;
      return this.off;
    }
  }
}
