/** One record of a JSON or JSON Lines collection, as the splitters cut it out of the file. */
export interface RawRecord {
  /**
   * The N of the article id `path#N`: the line number in JSON Lines, the position from 1 in a
   * JSON array. Undefined when the whole file is one JSON value (the id is then the path).
   */
  number: number | undefined;
  /** The record's bytes, at most the cap. Valid only during the call it is passed to. */
  bytes: Uint8Array;
  /** The record was longer than the cap; `bytes` holds its first `cap` bytes. */
  truncated: boolean;
}

export type RecordSink = (record: RawRecord) => void;

const EMPTY = new Uint8Array(0);
/** A carried-over buffer bigger than this is dropped after its record, so one huge record does not keep its memory. */
const KEEP_BUFFER_BYTES = 1024 * 1024;

/**
 * The bytes of the record being read, which may span chunks. Only the first `cap` bytes are kept;
 * the rest is skipped over (a splitter still scans it for the record's end). A record inside one
 * chunk is handed over as a view of the chunk, without a copy.
 */
export class RecordBytes {
  private carried: Uint8Array = EMPTY;
  private carriedLength = 0;
  private overflowed = false;

  constructor(private readonly cap: number) {}

  /** `chunk[from, to)` belongs to the record and the chunk is about to be replaced by the next one. */
  carry(chunk: Uint8Array, from: number, to: number): void {
    const take = Math.min(this.cap - this.carriedLength, to - from);
    if (take < to - from) this.overflowed = true;
    if (take <= 0) return;
    if (this.carriedLength + take > this.carried.length) {
      const grown = new Uint8Array(Math.min(this.cap, Math.max(this.carriedLength + take, this.carried.length * 2, 64 * 1024)));
      grown.set(this.carried.subarray(0, this.carriedLength));
      this.carried = grown;
    }
    this.carried.set(chunk.subarray(from, from + take), this.carriedLength);
    this.carriedLength += take;
  }

  /** The record ends at `chunk[to]` (exclusive); its part in this chunk starts at `from`. */
  take(chunk: Uint8Array, from: number, to: number): { bytes: Uint8Array; truncated: boolean } {
    if (this.carriedLength === 0 && !this.overflowed) {
      return to - from > this.cap
        ? { bytes: chunk.subarray(from, from + this.cap), truncated: true }
        : { bytes: chunk.subarray(from, to), truncated: false };
    }
    this.carry(chunk, from, to);
    const result = { bytes: this.carried.subarray(0, this.carriedLength), truncated: this.overflowed };
    this.reset();
    return result;
  }

  /** Forgets the record read so far. */
  reset(): void {
    if (this.carried.length > KEEP_BUFFER_BYTES) this.carried = EMPTY;
    this.carriedLength = 0;
    this.overflowed = false;
  }
}

export const NO_BYTES = EMPTY;
