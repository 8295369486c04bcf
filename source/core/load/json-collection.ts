import type { Article } from '../article.js';
import { decodeWindows1252 } from './cp1252.js';
import { WINDOWS_1252_NOTE } from './decode.js';
import { formatSize } from './format-size.js';
import { closeCutJson } from './json-close.js';
import { articleFromRecord, isRecord } from './json-record.js';
import { JsonSplitter, type JsonEnding } from './json-splitter.js';
import { JsonLinesSplitter } from './jsonl-splitter.js';
import { NotAnArticleError } from './not-an-article.js';
import type { RawRecord } from './record-bytes.js';

export type CollectionFormat = 'json' | 'jsonl';

export interface CollectionOptions {
  /** Bytes of one record at most; a longer one is read up to here and says so. */
  maxRecordBytes: number;
  /** The file began with a UTF-8 byte order mark: bad sequences become U+FFFD rather than a Windows-1252 guess. */
  utf8Promised?: boolean;
}

/** How many bad line numbers a note lists before it just counts. */
const LISTED_LINES = 5;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A JSON or JSON Lines file → its articles, fed chunk by chunk (or all at once), each record cut
 * out by a splitter and parsed on its own, so a collection of any size is read with the memory of
 * one record. Ids follow the file: `path#N` with N the line number (JSON Lines) or the record's
 * position from 1 (a JSON array, or `{"articles": [...]}`); a file that is one object is one
 * article whose id is the path. A bad record is skipped and counted in a note on every article of
 * the file; a record over the cap is read up to it, with a note on that article.
 */
export class CollectionReader {
  private builder: ArticlesFromRecords;
  private splitter: JsonSplitter | JsonLinesSplitter;
  private restart = false;

  constructor(
    private readonly path: string,
    format: CollectionFormat,
    private readonly options: CollectionOptions,
  ) {
    this.builder = new ArticlesFromRecords(path, format, options);
    this.splitter = this.splitterFor(format);
  }

  /** True once a `.json` file has shown itself to be JSON Lines: call restartAsLines and feed it again from the start. */
  get needsRestart(): boolean {
    return this.restart;
  }

  /** Articles read so far. */
  get count(): number {
    return this.builder.articles.length;
  }

  write(chunk: Buffer): void {
    this.splitter.write(chunk);
    if (this.splitter instanceof JsonSplitter && this.splitter.isJsonLines) this.restart = true;
  }

  restartAsLines(): void {
    this.builder = new ArticlesFromRecords(this.path, 'jsonl', this.options);
    this.splitter = this.splitterFor('jsonl');
    this.restart = false;
  }

  /** The articles; throws NotAnArticleError when the file holds none. */
  end(): Article[] {
    if (this.splitter instanceof JsonLinesSplitter) {
      this.splitter.end();
      return this.builder.finish(undefined);
    }
    return this.builder.finish(this.splitter.end());
  }

  private splitterFor(format: CollectionFormat): JsonSplitter | JsonLinesSplitter {
    const sink = (record: RawRecord) => this.builder.add(record);
    if (format === 'jsonl') return new JsonLinesSplitter(this.options.maxRecordBytes, sink);
    return new JsonSplitter(this.options.maxRecordBytes, sink);
  }
}

/** Records → articles, with the counts the file's notes and skip reasons are made from. */
class ArticlesFromRecords {
  readonly articles: Article[] = [];
  /** Records that were not blank lines. */
  private records = 0;
  /** Records that gave no article, and how many of them did not even parse. */
  private rejected = 0;
  private unparsable = 0;
  private readonly firstRejected: number[] = [];
  private single = false;

  constructor(
    private readonly path: string,
    private readonly format: CollectionFormat,
    private readonly options: CollectionOptions,
  ) {}

  add(record: RawRecord): void {
    const lines = this.format === 'jsonl';
    if (lines && isBlankLine(record.bytes)) return;
    const bytes = record.truncated ? closeCutJson(record.bytes) : record.bytes;
    const decoded = bytes === undefined ? undefined : this.decode(bytes);
    if (lines && decoded !== undefined && decoded.text.trim() === '') return; // a line of Unicode spaces is blank too
    this.records++;
    this.single = record.number === undefined;
    if (decoded === undefined) {
      this.reject(record.number, true);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(decoded.text);
    } catch {
      this.reject(record.number, true);
      return;
    }
    const notes: string[] = [];
    if (record.truncated) notes.push(`truncated at ${formatSize(this.options.maxRecordBytes)}`);
    if (decoded.windows1252) notes.push(WINDOWS_1252_NOTE);
    const id = record.number === undefined ? this.path : `${this.path}#${record.number}`;
    const article = isRecord(value) ? articleFromRecord(value, { id, path: this.path, format: this.format, notes }) : undefined;
    if (article) this.articles.push(article);
    else this.reject(record.number, false);
  }

  finish(ending: JsonEnding | undefined): Article[] {
    if (this.single) return this.finishSingle(ending);
    if (this.articles.length === 0) throw new NotAnArticleError(this.noArticlesReason());
    const notes: string[] = [];
    if (this.rejected > 0) notes.push(this.rejectedNote());
    if (ending?.trailingText) notes.push('text after the end of the JSON array was ignored');
    for (const article of this.articles) for (const note of notes) article.notes.push(note);
    return this.articles;
  }

  private finishSingle(ending: JsonEnding | undefined): Article[] {
    if (this.unparsable > 0 || ending?.trailingText) throw new NotAnArticleError('invalid JSON');
    if (this.articles.length === 0) throw new NotAnArticleError('no article in JSON (needs title or text)');
    return this.articles;
  }

  private noArticlesReason(): string {
    if (this.format === 'jsonl') return this.records === 0 ? 'empty' : 'no valid JSON lines';
    if (this.records === 0) return 'empty';
    return this.unparsable > 0 ? 'invalid JSON' : 'no articles in JSON (need title or text)';
  }

  private rejectedNote(): string {
    if (this.format === 'json') return `${this.rejected} of ${this.records} records in this file were not articles and were skipped`;
    const more = this.rejected > LISTED_LINES ? ', …' : '';
    const lines = `${this.rejected} ${this.rejected === 1 ? 'line' : 'lines'} (${this.firstRejected.join(', ')}${more})`;
    return `skipped ${lines} that ${this.rejected === 1 ? 'was' : 'were'} not a JSON article`;
  }

  private reject(number: number | undefined, unparsable: boolean): void {
    this.rejected++;
    if (unparsable) this.unparsable++;
    if (number !== undefined && this.firstRejected.length < LISTED_LINES) this.firstRejected.push(number);
  }

  /** Strict UTF-8, else Windows-1252 (each record on its own, so one stray byte does not re-read the whole file). */
  private decode(bytes: Uint8Array): { text: string; windows1252: boolean } {
    if (this.options.utf8Promised) return { text: lenientUtf8.decode(bytes), windows1252: false };
    try {
      return { text: strictUtf8.decode(bytes), windows1252: false };
    } catch {
      return { text: decodeWindows1252(bytes), windows1252: true };
    }
  }
}

/** Empty, or only spaces, tabs and a CR: the common blank lines, told without decoding. */
function isBlankLine(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  }
  return true;
}

/** A collection already decoded into one string (standard input, a sniffed file): the same reading, in one chunk. */
export function collectionFromText(path: string, text: string, format: CollectionFormat): Article[] {
  const bytes = Buffer.from(text, 'utf8');
  // The text is capped already (it was read whole), and re-encoded, so valid UTF-8.
  const reader = new CollectionReader(path, format, { maxRecordBytes: Number.POSITIVE_INFINITY, utf8Promised: true });
  reader.write(bytes);
  if (reader.needsRestart) {
    reader.restartAsLines();
    reader.write(bytes);
  }
  return reader.end();
}
