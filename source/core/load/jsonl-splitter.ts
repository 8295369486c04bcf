import { NO_BYTES, RecordBytes, type RecordSink } from './record-bytes.js';

const NEWLINE = 0x0a;

/**
 * Cuts JSON Lines into lines, chunk by chunk: each line (blank ones too) goes to the sink with its
 * line number, capped at `cap` bytes. Memory is a chunk and at most one line's first `cap` bytes.
 */
export class JsonLinesSplitter {
  private readonly line: RecordBytes;
  private lineNumber = 0;
  private carrying = false;

  constructor(
    cap: number,
    private readonly sink: RecordSink,
  ) {
    this.line = new RecordBytes(cap);
  }

  write(chunk: Buffer): void {
    let from = 0;
    for (let newline = chunk.indexOf(NEWLINE, from); newline !== -1; newline = chunk.indexOf(NEWLINE, from)) {
      this.emit(chunk, from, newline);
      from = newline + 1;
    }
    if (from < chunk.length) {
      this.line.carry(chunk, from, chunk.length);
      this.carrying = true;
    }
  }

  /** The last line, when the file does not end with a newline. */
  end(): void {
    if (this.carrying) this.emit(NO_BYTES, 0, 0);
  }

  private emit(chunk: Uint8Array, from: number, to: number): void {
    this.lineNumber++;
    this.carrying = false;
    const { bytes, truncated } = this.line.take(chunk, from, to);
    this.sink({ number: this.lineNumber, bytes, truncated });
  }
}
