// The library cache's file format as a test (or a forger) sees it: parsed, changed, and written
// again with every digest right, so a forged file fails only the checks that are about its content.
import { createHash } from 'node:crypto';

export const MAGIC_BYTES = 'lede library cache\n'.length;
export const HEADER_AT = MAGIC_BYTES + 32 + 4;

export type ArticleRecord = unknown[];
export type FileRecord = [string, string, string | ArticleRecord[]];

export interface Parsed {
  header: { key: string; generation: string; blobBytes: number; blobChunks: string[]; files: FileRecord[] };
  blob: Buffer;
}

export function parse(bytes: Buffer): Parsed {
  const length = bytes.readUInt32LE(MAGIC_BYTES + 32);
  return { header: JSON.parse(bytes.subarray(HEADER_AT, HEADER_AT + length).toString('utf8')), blob: bytes.subarray(HEADER_AT + length) };
}

/** A cache file as a forger with the format in hand would write it: every digest right. */
export function forge({ header, blob }: Parsed): Buffer {
  const chunk = 4 * 1024 * 1024;
  const blobChunks: string[] = [];
  for (let at = 0; at < Math.max(1, blob.length); at += chunk) blobChunks.push(createHash('sha256').update(blob.subarray(at, at + chunk)).digest('hex'));
  const json = Buffer.from(JSON.stringify({ ...header, blobBytes: blob.length, blobChunks }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([Buffer.from('lede library cache\n'), createHash('sha256').update(json).digest(), length, json, blob]);
}
