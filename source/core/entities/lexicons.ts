/**
 * The tagger's two shipped lexicons, both keyed by 32-bit word or phrase hashes (no text ships):
 * - word clusters learned from unlabeled newswire (test/tools/cluster-words.ts): each known word
 *   has one cluster id per granularity (coarse to fine);
 * - gazetteers of names (test/tools/build-gazetteers.ts): each known phrase (lower case, as
 *   tokenize() splits it) has a bit set of the lists it is on.
 * Lookups are binary searches over sorted key arrays, so loading costs one base64 decode.
 */
import { firstIndexWhere } from '../sorted.js';
import { fnv1a, phraseStep } from './hashing.js';

export interface ClusterTable {
  /** Sorted word hashes (FNV-1a of the word as written). */
  keys: Uint32Array;
  /** levels[l][i]: the cluster (1-based; 0 = unknown) of keys[i] at granularity l. */
  levels: Uint16Array[];
}

export interface GazetteerTable {
  /** Sorted phrase hashes (phraseStep over the words' lower-case FNV-1a, see phraseHash). */
  keys: Uint32Array;
  /** bits[i]: the lists keys[i] is on (bit g = GAZETTEER_LISTS[g]). */
  bits: Uint8Array;
  /** The longest phrase, in tokens. */
  maxTokens: number;
}

/** The gazetteer lists, by bit ('organization' and 'other-place' serve the rules only, see TAGGER_LISTS). */
export const GAZETTEER_LISTS = ['person-name', 'country', 'city', 'company', 'region', 'organization', 'other-place'] as const;
/** The lists the tagger's features read (features.ts): the model was trained on these five; the rest serve the rules only. */
export const TAGGER_LISTS = 5;

/**
 * Where each key of a table is: an open-addressing hash table over the keys' positions, so that a
 * lookup is a probe or two instead of a binary search (the tagger looks up every word of every
 * phrase that starts at a listed word, and many common words are first names).
 */
export class KeyIndex {
  private readonly slots: Int32Array;
  private readonly shift: number;
  constructor(private readonly keys: Uint32Array) {
    let bits = 4;
    while (1 << bits < keys.length * 2) bits++;
    this.slots = new Int32Array(1 << bits).fill(-1);
    this.shift = 32 - bits;
    const mask = (1 << bits) - 1;
    for (let i = 0; i < keys.length; i++) {
      let s = this.slotOf(keys[i]!);
      while (this.slots[s]! >= 0 && keys[this.slots[s]!] !== keys[i]) s = (s + 1) & mask;
      // A key written twice keeps its first position, as a binary search finds it.
      if (this.slots[s]! < 0) this.slots[s] = i;
    }
  }

  private slotOf(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  /** The position of `key` in the keys, or -1. */
  find(key: number): number {
    const mask = this.slots.length - 1;
    for (let s = this.slotOf(key); ; s = (s + 1) & mask) {
      const i = this.slots[s]!;
      if (i < 0 || this.keys[i] === key) return i;
    }
  }
}

const keyIndexes = new WeakMap<Uint32Array, KeyIndex>();

/** The index of a table's keys (built once per keys array; the arrays are never changed). */
export function keyIndex(keys: Uint32Array): KeyIndex {
  let index = keyIndexes.get(keys);
  if (!index) keyIndexes.set(keys, (index = new KeyIndex(keys)));
  return index;
}

/** The index of `key` in the sorted `keys`, or -1. */
export function findKey(keys: Uint32Array, key: number): number {
  return keyIndex(keys).find(key);
}

/** findKey by binary search: what the index must answer (tests). */
export function findKeySorted(keys: Uint32Array, key: number): number {
  const i = firstIndexWhere(keys.length, (j) => keys[j]! >= key);
  return i < keys.length && keys[i] === key ? i : -1;
}

/** The hash a gazetteer stores for a phrase given as its tokens' texts. */
export function phraseHash(words: readonly string[]): number {
  let h = 0;
  for (const w of words) h = phraseStep(h, fnv1a(w.toLowerCase()));
  return h;
}

/** Cluster ids of a word at every level (exact spelling first, then lower case); zeros when unknown. */
export function clusterOf(table: ClusterTable, word: string, lower: string): number[] {
  let i = findKey(table.keys, fnv1a(word));
  if (i < 0 && lower !== word) i = findKey(table.keys, fnv1a(lower));
  return table.levels.map((l) => (i < 0 ? 0 : l[i]!));
}

// Serialisation: [u32 count][u32 levels or maxTokens][keys as u32 LE][values], base64.

export function encodeClusters(table: ClusterTable): string {
  const n = table.keys.length;
  const buf = Buffer.alloc(8 + 4 * n + 2 * n * table.levels.length);
  buf.writeUInt32LE(n, 0);
  buf.writeUInt32LE(table.levels.length, 4);
  let o = 8;
  for (let i = 0; i < n; i++, o += 4) buf.writeUInt32LE(table.keys[i]!, o);
  for (const level of table.levels) for (let i = 0; i < n; i++, o += 2) buf.writeUInt16LE(level[i]!, o);
  return buf.toString('base64');
}

export function decodeClusters(base64: string): ClusterTable {
  const buf = Buffer.from(base64, 'base64');
  const n = buf.readUInt32LE(0);
  const levels = buf.readUInt32LE(4);
  const keys = copyInto(new Uint32Array(n), buf, 8);
  const out: Uint16Array[] = [];
  for (let l = 0, o = 8 + 4 * n; l < levels; l++, o += 2 * n) out.push(copyInto(new Uint16Array(n), buf, o));
  return { keys, levels: out };
}

export function encodeGazetteer(table: GazetteerTable): string {
  const n = table.keys.length;
  const buf = Buffer.alloc(8 + 5 * n);
  buf.writeUInt32LE(n, 0);
  buf.writeUInt32LE(table.maxTokens, 4);
  let o = 8;
  for (let i = 0; i < n; i++, o += 4) buf.writeUInt32LE(table.keys[i]!, o);
  for (let i = 0; i < n; i++) buf[o++] = table.bits[i]!;
  return buf.toString('base64');
}

export function decodeGazetteer(base64: string): GazetteerTable {
  const buf = Buffer.from(base64, 'base64');
  const n = buf.readUInt32LE(0);
  const maxTokens = buf.readUInt32LE(4);
  const keys = copyInto(new Uint32Array(n), buf, 8);
  const bits = Uint8Array.from(buf.subarray(8 + 4 * n, 8 + 5 * n));
  return { keys, bits, maxTokens };
}

/** Fills a typed array with the little-endian values at `offset` of `buf` (one copy, no per-value reads). */
function copyInto<T extends Uint32Array | Uint16Array>(target: T, buf: Buffer, offset: number): T {
  const bytes = new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
  bytes.set(buf.subarray(offset, offset + target.byteLength));
  if (!LITTLE_ENDIAN) for (let i = 0; i < target.length; i++) target[i] = target.BYTES_PER_ELEMENT === 4 ? buf.readUInt32LE(offset + 4 * i) : buf.readUInt16LE(offset + 2 * i);
  return target;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Builds a sorted table from (key, value) pairs; values of one key are OR-ed (gazetteer) or the first kept. */
export function sortedTable(entries: Map<number, number>): { keys: Uint32Array; values: number[] } {
  const keys = Uint32Array.from(entries.keys()).sort();
  return { keys, values: Array.from(keys, (k) => entries.get(k)!) };
}
