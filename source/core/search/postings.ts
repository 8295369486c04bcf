/**
 * Posting lists, compressed, as linked blocks of bytes (8, 16, 32 … 2,048) in fixed-size pages,
 * with no per-term arrays and no compaction pass. Pages, not one array grown by copying: growing
 * a 30 MB array left the old copies behind as freed but still resident memory, and needed old
 * and new at once.
 *
 * A posting is `doc * POSTING_STRIDE + low` (search-index.ts: low is a word's flags and count
 * there), and a term's postings come mostly in article order, so each is written as the change
 * in `doc` since the term's previous posting (zigzag, so any order works) and then `low`, each a
 * varint: two bytes for most postings where an Int32Array took four. At 100,000 articles the
 * search index's 42 million postings were 169 MB that way, the largest thing a first pass held.
 * A posting may run on from one block into the next: the bytes are one stream per term.
 *
 * A term whose count is known before its postings (a saved index put back) gets a first block
 * of about the size they need (`reserve`), so its list is mostly one run.
 */

const STRIDE_BITS = 12;
/** A posting's low part is below this: `doc * POSTING_STRIDE + low`. */
export const POSTING_STRIDE = 1 << STRIDE_BITS;

const MAX_BLOCK_BYTES = 2048;
/** Bytes per page (4 MiB); a block never straddles two pages. Addresses are page * PAGE + offset. */
const PAGE_BITS = 22;
const PAGE = 1 << PAGE_BITS;
const OFFSET_MASK = PAGE - 1;
const FIRST_PAGE = 1 << 14;
/** Every block begins with the address of the next (4 bytes, little-endian; -1: none yet). */
const LINK = 4;
/** The most postings one term can be given at once (`reserve`); a saved index's counts are held to it. */
export const MAX_RESERVE = (1 << 20) - 1;
/** What `reserve` sets aside a posting: most take two bytes, some one, a few more. */
const RESERVED_BYTES_PER_POSTING = 2;

function blockBytes(k: number): number {
  return k >= 8 ? MAX_BLOCK_BYTES : 8 << k;
}

/**
 * A posting's low part, reordered so that the common case is one varint byte: the search index's
 * low is flags << 10 | count, flags 1-3 and count mostly small, so count << 2 | flags is below
 * 128 for counts up to 31.
 */
const packLow = (low: number): number => ((low & 1023) << 2) | (low >>> 10);
const unpackLow = (packed: number): number => ((packed & 3) << 10) | (packed >>> 2);

export class PostingStore {
  private readonly pages: Uint8Array[] = [];
  /** Bytes used in the last page. */
  private used = 0;
  private head: Int32Array = new Int32Array(1024).fill(-1);
  private tail: Int32Array = new Int32Array(1024);
  /** Bytes written into the term's last block, after its link. */
  private fill: Int32Array = new Int32Array(1024);
  private blocks: Int32Array = new Int32Array(1024);
  private counts: Int32Array = new Int32Array(1024);
  /** The size of a term's first block when `reserve` gave it one (0: blockBytes(0)). */
  private first: Int32Array = new Int32Array(1024);
  /** The `doc` part of the term's last posting (its next is written as the change from it). */
  private lastDoc: Int32Array = new Int32Array(1024);

  /**
   * Terms put back whole from a saved index (`adoptRuns`): term id's postings are
   * values[starts[id], starts[id] + counts[id]), read in place; moved into pages before any is added to.
   */
  private runs: { values: Int32Array; starts: Int32Array } | null = null;

  /**
   * A store over `values` as they are, for terms 0 … starts.length - 1 (their postings already
   * checked): what a one-shot search reads of a saved index, with no copy into pages.
   */
  static adoptRuns(values: Int32Array, starts: Int32Array, counts: Int32Array): PostingStore {
    const store = new PostingStore();
    store.growTerms(starts.length);
    store.counts.set(counts);
    store.runs = { values, starts };
    return store;
  }

  /** Adopted runs copied into pages, so that they can grow like any other term's. */
  private unrun(): void {
    const runs = this.runs;
    if (!runs) return;
    this.runs = null;
    for (let id = 0; id < runs.starts.length; id++) {
      const count = this.counts[id]!;
      this.counts[id] = 0;
      if (count === 0) continue;
      this.reserve(id, count);
      this.addAll(id, runs.values, runs.starts[id]!, runs.starts[id]! + count);
    }
  }

  /** Number of postings of term `id`. */
  count(id: number): number {
    return id < this.counts.length ? this.counts[id]! : 0;
  }

  add(id: number, value: number): void {
    this.unrun();
    if (id >= this.head.length) this.growTerms(id + 1);
    if (this.head[id] === -1) this.startList(id, blockBytes(0), 0);
    const length = encodePosting(onePosting, 0, value, this.lastDoc[id]!);
    this.lastDoc[id] = value >> STRIDE_BITS;
    for (let at = 0; at < length; at++) this.putByte(id, onePosting[at]!);
    this.counts[id]!++;
  }

  /**
   * Gives term `id`, which has no postings yet, a first block the size `count` postings mostly
   * need (`count` at most MAX_RESERVE): a saved index's term, whose postings then come in one run
   * (search-index-cache.ts).
   */
  reserve(id: number, count: number): void {
    this.unrun();
    if (id >= this.head.length) this.growTerms(id + 1);
    if (this.head[id] !== -1 || !Number.isSafeInteger(count) || count < 1 || count > MAX_RESERVE) throw new RangeError(`cannot reserve ${count} postings for term ${id}`);
    const bytes = Math.max(blockBytes(0), Math.min(PAGE - LINK, count * RESERVED_BYTES_PER_POSTING));
    this.startList(id, bytes, bytes);
  }

  /**
   * Room made at once for `terms` terms and `postings` postings, before a saved index's runs are
   * put back a chunk at a time: growing the per-term arrays and the first page by doubling, as
   * terms come, cost ~15 ms of copies and garbage at 2,000 articles (profiled). Only a hint: the
   * store still grows past it.
   */
  presize(terms: number, postings: number): void {
    if (terms > this.head.length) this.growTerms(terms);
    const bytes = postings * RESERVED_BYTES_PER_POSTING + terms * LINK;
    if (this.pages.length === 0 && bytes > FIRST_PAGE) this.pages.push(new Uint8Array(doubledUntil(FIRST_PAGE, Math.min(bytes, PAGE))));
  }

  /**
   * `add` of each of `values[from, to)` in turn: how a saved index is put back
   * (search-index-cache.ts). Encoded into a scratch buffer first and copied a block at a time:
   * a byte at a time, putting back 20,000 articles' postings took twice as long.
   */
  addAll(id: number, values: Int32Array, from: number, to: number): void {
    this.unrun();
    if (to <= from) return;
    if (id >= this.head.length) this.growTerms(id + 1);
    if (this.head[id] === -1) this.startList(id, blockBytes(0), 0);
    if (scratch.length < (to - from) * MAX_POSTING_BYTES) scratch = new Uint8Array(doubledUntil(scratch.length, (to - from) * MAX_POSTING_BYTES));
    let length = 0;
    let last = this.lastDoc[id]!;
    for (let at = from; at < to; at++) {
      const value = values[at]!;
      length = encodePosting(scratch, length, value, last);
      last = value >> STRIDE_BITS;
    }
    this.lastDoc[id] = last;
    this.counts[id]! += to - from;
    for (let at = 0; at < length; ) {
      let tail = this.tail[id]!;
      let fill = this.fill[id]!;
      if (fill === this.capacity(id, this.blocks[id]!)) {
        tail = this.nextBlock(id, tail);
        fill = 0;
      }
      const take = Math.min(length - at, this.capacity(id, this.blocks[id]!) - fill);
      this.pages[tail >>> PAGE_BITS]!.set(scratch.subarray(at, at + take), (tail & OFFSET_MASK) + LINK + fill);
      this.fill[id] = fill + take;
      at += take;
    }
  }

  /** Calls `visit` with every posting of term `id`, in insertion order. */
  forEach(id: number, visit: (value: number) => void): void {
    if (id >= this.head.length) return;
    if (this.runs && id < this.runs.starts.length) {
      const { values, starts } = this.runs;
      for (let at = starts[id]!, end = at + this.counts[id]!; at < end; at++) visit(values[at]!);
      return;
    }
    let block = this.head[id]!;
    if (block < 0) return;
    let page = this.pages[block >>> PAGE_BITS]!;
    let at = (block & OFFSET_MASK) + LINK;
    let k = 0;
    let end = at + this.capacity(id, k);
    let doc = 0;
    // One posting is two varints, read byte by byte; a byte may be the first of the next block.
    for (let remaining = this.counts[id]!, part = 0, value = 0, shift = 0; remaining > 0; ) {
      if (at === end) {
        block = linkAt(page, block & OFFSET_MASK);
        page = this.pages[block >>> PAGE_BITS]!;
        at = (block & OFFSET_MASK) + LINK;
        end = at + this.capacity(id, ++k);
      }
      const byte = page[at++]!;
      value |= (byte & 127) << shift;
      if (byte & 128) {
        shift += 7;
        continue;
      }
      if (part === 0) doc += (value >>> 1) ^ -(value & 1);
      else {
        visit(doc * POSTING_STRIDE + unpackLow(value));
        remaining--;
      }
      part ^= 1;
      value = 0;
      shift = 0;
    }
  }

  /** Bytes held by the pages and the per-term arrays. */
  get bytes(): number {
    const perTerm = 7 * this.head.byteLength;
    return (this.runs ? this.runs.values.byteLength + this.runs.starts.byteLength : 0) + this.pages.reduce((sum, page) => sum + page.byteLength, 0) + perTerm;
  }

  /** Bytes the `k`th block of term `id` holds after its link. */
  private capacity(id: number, k: number): number {
    return k === 0 && this.first[id]! > 0 ? this.first[id]! : blockBytes(k);
  }

  private startList(id: number, bytes: number, first: number): void {
    const block = this.allocate(bytes);
    this.head[id] = block;
    this.tail[id] = block;
    this.fill[id] = 0;
    this.blocks[id] = 0;
    this.first[id] = first;
    this.lastDoc[id] = 0;
  }

  /** One byte at the end of term `id`'s stream. */
  private putByte(id: number, byte: number): void {
    let tail = this.tail[id]!;
    let fill = this.fill[id]!;
    if (fill === this.capacity(id, this.blocks[id]!)) {
      tail = this.nextBlock(id, tail);
      fill = 0;
    }
    this.pages[tail >>> PAGE_BITS]![(tail & OFFSET_MASK) + LINK + fill] = byte;
    this.fill[id] = fill + 1;
  }

  /** A new last block for term `id`, linked from its full one at `tail`; returns its address. */
  private nextBlock(id: number, tail: number): number {
    const k = this.blocks[id]! + 1;
    const block = this.allocate(blockBytes(k));
    setLinkAt(this.pages[tail >>> PAGE_BITS]!, tail & OFFSET_MASK, block);
    this.tail[id] = block;
    this.blocks[id] = k;
    this.fill[id] = 0;
    return block;
  }

  /** Room for a block of `size` bytes after its link; returns the block's address. */
  private allocate(size: number): number {
    const need = LINK + size;
    let page = this.pages[this.pages.length - 1];
    if (!page || this.used + need > page.length) {
      if (page && page.length < PAGE && this.used + need <= PAGE) {
        // The first page starts small and doubles, so a small library does not pay for a whole one.
        const bigger = new Uint8Array(doubledUntil(page.length * 2, this.used + need));
        bigger.set(page);
        this.pages[this.pages.length - 1] = page = bigger;
      } else {
        page = new Uint8Array(this.pages.length === 0 ? doubledUntil(FIRST_PAGE, need) : PAGE);
        this.pages.push(page);
        this.used = 0;
      }
    }
    const at = this.used;
    setLinkAt(page, at, -1);
    this.used += need;
    return (this.pages.length - 1) * PAGE + at;
  }

  private growTerms(min: number): void {
    const size = Math.max(min, this.head.length * 2);
    const grow = (a: Int32Array, fillValue = 0): Int32Array => {
      const b = new Int32Array(size);
      if (fillValue !== 0) b.fill(fillValue);
      b.set(a);
      return b;
    };
    this.head = grow(this.head, -1);
    this.tail = grow(this.tail);
    this.fill = grow(this.fill);
    this.blocks = grow(this.blocks);
    this.counts = grow(this.counts);
    this.first = grow(this.first);
    this.lastDoc = grow(this.lastDoc);
  }
}

/** The most bytes one posting takes: a change of article below 2^21 (three varint bytes), a low part of two. */
const MAX_POSTING_BYTES = 5;
/** add's encoding room. */
const onePosting = new Uint8Array(MAX_POSTING_BYTES);

/**
 * Posting `value` written into `bytes` at `at`, after one whose article was `lastDoc`: the change
 * of article (zigzag) and the low part, two varints. Returns where the next goes. Postings are
 * int32: the shift is the floor of value / POSTING_STRIDE, negatives too.
 */
function encodePosting(bytes: Uint8Array, at: number, value: number, lastDoc: number): number {
  const change = (value >> STRIDE_BITS) - lastDoc;
  return putVarint(bytes, putVarint(bytes, at, (change << 1) ^ (change >> 31)), packLow(value & (POSTING_STRIDE - 1)));
}
/** addAll's encoding room, grown to the longest run put back. */
let scratch = new Uint8Array(1024);

/** `value` (a whole number ≥ 0) as a varint into `bytes` at `at`; returns where the next goes. */
function putVarint(bytes: Uint8Array, at: number, value: number): number {
  while (value >= 128) {
    bytes[at++] = (value & 127) | 128;
    value >>>= 7;
  }
  bytes[at++] = value;
  return at;
}

const linkAt = (page: Uint8Array, at: number): number => page[at]! | (page[at + 1]! << 8) | (page[at + 2]! << 16) | (page[at + 3]! << 24);

function setLinkAt(page: Uint8Array, at: number, address: number): void {
  page[at] = address & 255;
  page[at + 1] = (address >>> 8) & 255;
  page[at + 2] = (address >>> 16) & 255;
  page[at + 3] = (address >>> 24) & 255;
}

/** `length`, doubled until it holds `need` (a power of two times FIRST_PAGE stays at most PAGE). */
function doubledUntil(length: number, need: number): number {
  while (length < need) length *= 2;
  return length;
}
