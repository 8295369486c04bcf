import { NO_BYTES, RecordBytes, type RecordSink } from './record-bytes.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Where the scan is in the file's one top-level value. */
const enum Mode {
  /** Nothing but whitespace yet. */
  Start,
  /** Inside a top-level array: its elements are the records. */
  Array,
  /** Inside a top-level object that may be one article or hold an `articles` array. */
  Object,
  /** Inside the top-level object's `articles` array: its elements are the records. */
  Container,
  /** Past the `articles` array, still inside the object. */
  AfterArticles,
  /** A top-level string, number or literal: the whole file is its one record. */
  Scalar,
  /** The top-level value is complete; only whitespace may follow. */
  AfterValue,
  /** Something followed the value; nothing more is read. */
  Stopped,
}

/** How the top-level value ended, for the collection to judge. */
export interface JsonEnding {
  /** A top-level object was followed by another: the file is JSON Lines after all. */
  restartAsLines: boolean;
  /** Text that is not a second object followed the value (ignored after an array; fatal after an object). */
  trailingText: boolean;
}

/** A key longer than this cannot be "articles"; it is not kept. */
const MAX_KEY_CHARS = 16;

/**
 * Cuts a JSON file into its article records, chunk by chunk, without parsing it whole: the
 * elements of a top-level array, or of the `articles` array of a top-level object, each to the
 * sink with its position; else the one top-level value (a single article, number undefined).
 * Bytes are scanned once, tracking only strings, escapes and nesting depth; each record is
 * parsed by the caller on its own. A JSON structure ends a record only outside strings, so
 * braces in the text never confuse it. Memory is a chunk plus one record's first `cap` bytes.
 */
export class JsonSplitter {
  private mode = Mode.Start;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Depth of the records: 1 in a top-level array, 2 in an `articles` array. */
  private recordDepth = 1;
  private inRecord = false;
  private position = 0;
  private readonly record: RecordBytes;
  private topIsObject = false;
  /** In the top-level object: a key may start next, the key being read, the last key, and whether its value is due. */
  private expectKey = false;
  private key: string | undefined;
  private lastKey = '';
  private articlesValueDue = false;
  private readonly ending: JsonEnding = { restartAsLines: false, trailingText: false };

  constructor(
    cap: number,
    private readonly sink: RecordSink,
  ) {
    this.record = new RecordBytes(cap);
  }

  write(chunk: Buffer): void {
    if (this.mode === Mode.Stopped) return;
    const n = chunk.length;
    // Where the record being read starts in this chunk (0 when it began in an earlier one).
    let start = 0;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        i = this.key === undefined ? this.skipString(chunk, i) : this.readKey(chunk, i);
        continue;
      }
      const b = chunk[i]!;
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) {
        if (this.mode === Mode.Start) start = this.startValue(b, i);
        else if (this.mode !== Mode.AfterValue) start = this.structure(chunk, b, i, start);
        else return this.stopAfterValue(b);
      }
      i++;
    }
    if (this.inRecord) this.record.carry(chunk, start, n);
  }

  /**
   * Past the rest of a string from `i`: the index after its closing quote, or the chunk's end.
   * Article text is most of a file, so this is the hot loop: the native indexOf finds each quote,
   * and only the backslashes right before one are counted (an odd run escapes it).
   */
  private skipString(chunk: Buffer, i: number): number {
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    const from = i;
    for (;;) {
      const quote = chunk.indexOf(QUOTE, i);
      if (quote === -1) {
        this.escaped = backslashesBefore(chunk, chunk.length, from) % 2 === 1;
        return chunk.length;
      }
      if (backslashesBefore(chunk, quote, from) % 2 === 0) {
        this.inString = false;
        return quote + 1;
      }
      i = quote + 1;
    }
  }

  /** The same for a key of the top-level object, byte by byte, keeping its start. */
  private readKey(chunk: Buffer, i: number): number {
    for (; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.escaped) this.escaped = false;
      else if (b === BACKSLASH) this.escaped = true;
      else if (b === QUOTE) {
        this.endString();
        return i + 1;
      }
      // Raw bytes, escapes included: `"art\"icles"` must not pass for `articles`.
      if (this.key !== undefined && this.key.length < MAX_KEY_CHARS) this.key += String.fromCharCode(b);
    }
    return i;
  }

  /** A top-level object was followed by another: the file is JSON Lines (see JsonEnding). */
  get isJsonLines(): boolean {
    return this.ending.restartAsLines;
  }

  /** Hands over a record the file ends inside (cut short: the caller's parse will say so). */
  end(): JsonEnding {
    if (this.inRecord) this.emit(NO_BYTES, 0, 0);
    return this.ending;
  }

  private startValue(b: number, i: number): number {
    if (b === OPEN_BRACKET) {
      this.mode = Mode.Array;
      this.depth = 1;
      return i;
    }
    // An object or a scalar is read whole as one record, unless an `articles` array turns up.
    this.inRecord = true;
    if (b === OPEN_BRACE) {
      this.mode = Mode.Object;
      this.topIsObject = true;
      this.depth = 1;
      this.expectKey = true;
    } else {
      this.mode = Mode.Scalar;
      this.inString = b === QUOTE;
    }
    return i;
  }

  /** Anything but whitespace after the top-level value ends the scan. */
  private stopAfterValue(b: number): void {
    if (this.topIsObject && b === OPEN_BRACE) this.ending.restartAsLines = true;
    else this.ending.trailingText = true;
    this.mode = Mode.Stopped;
  }

  /** One byte outside strings, past the start of the top-level value. Returns the record's start in this chunk. */
  private structure(chunk: Uint8Array, b: number, i: number, start: number): number {
    if (this.mode === Mode.Scalar) {
      this.inString = b === QUOTE;
      return start;
    }
    const inElements = this.mode === Mode.Array || this.mode === Mode.Container;
    if (inElements && this.depth === this.recordDepth) {
      if (b === COMMA || b === CLOSE_BRACKET || b === CLOSE_BRACE) {
        if (this.inRecord) this.emit(chunk, start, i);
        if (b !== COMMA) this.closeElements();
        return start;
      }
      if (!this.inRecord) {
        this.inRecord = true;
        this.position++;
        start = i;
      }
    }
    const atObjectTop = this.mode === Mode.Object && this.depth === 1;
    switch (b) {
      case QUOTE:
        this.inString = true;
        if (atObjectTop && this.expectKey) {
          this.key = '';
          this.expectKey = false;
        } else if (atObjectTop) {
          this.articlesValueDue = false;
        }
        return start;
      case OPEN_BRACE:
      case OPEN_BRACKET:
        if (atObjectTop && b === OPEN_BRACKET && this.articlesValueDue) return this.enterArticles(i);
        if (atObjectTop) this.articlesValueDue = false;
        this.depth++;
        return start;
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        this.depth--;
        if (this.depth === 0) this.closeTopObject(chunk, start, i + 1);
        return start;
      case COLON:
        if (atObjectTop) this.articlesValueDue = this.lastKey === 'articles';
        return start;
      case COMMA:
        if (atObjectTop) {
          this.expectKey = true;
          this.articlesValueDue = false;
        }
        return start;
      default:
        if (atObjectTop) this.articlesValueDue = false;
        return start;
    }
  }

  private endString(): void {
    this.inString = false;
    if (this.key === undefined) return;
    this.lastKey = this.key;
    this.key = undefined;
  }

  /** `{"articles": [`: the object is a container, not an article; its array's elements are the records. */
  private enterArticles(i: number): number {
    this.record.reset();
    this.inRecord = false;
    this.mode = Mode.Container;
    this.recordDepth = 2;
    this.depth = 2;
    return i;
  }

  private closeElements(): void {
    this.depth--;
    this.mode = this.mode === Mode.Array ? Mode.AfterValue : Mode.AfterArticles;
  }

  private closeTopObject(chunk: Uint8Array, start: number, end: number): void {
    if (this.mode === Mode.Object) this.emit(chunk, start, end);
    this.mode = Mode.AfterValue;
  }

  private emit(chunk: Uint8Array, start: number, end: number): void {
    this.inRecord = false;
    const { bytes, truncated } = this.record.take(chunk, start, end);
    const inElements = this.mode === Mode.Array || this.mode === Mode.Container;
    this.sink({ number: inElements ? this.position : undefined, bytes, truncated });
  }
}

/** How many backslashes come right before `end`, looking no further back than `from`. */
function backslashesBefore(chunk: Buffer, end: number, from: number): number {
  let k = end - 1;
  while (k >= from && chunk[k] === BACKSLASH) k--;
  return end - 1 - k;
}
