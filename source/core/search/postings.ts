/**
 * Posting lists as linked blocks (2, 4, 8 … 256 entries) in fixed-size Int32Array pages, so an
 * index of millions of postings costs 4 bytes each plus a little slack, with no per-term arrays
 * and no compaction pass. Pages, not one array grown by copying: growing a 30 MB array left the
 * old copies behind as freed but still resident memory, and needed old and new at once.
 * A term whose count is known before its postings (a saved index put back) gets its first block
 * that size (`reserve`): its list is then one run, with no links to follow and no slack.
 */
const MAX_BLOCK = 256;
/** Entries per page (4 MiB); a block never straddles two pages. Addresses are page * PAGE + offset. */
const PAGE_BITS = 20;
const PAGE = 1 << PAGE_BITS;
const OFFSET_MASK = PAGE - 1;
const FIRST_PAGE = 1 << 12;
/** The most entries one block can hold: a page, less the block's link. */
export const MAX_RESERVE = PAGE - 1;

function blockSize(k: number): number {
  return k >= 7 ? MAX_BLOCK : 2 << k;
}

export class PostingStore {
  private readonly pages: Int32Array[] = [];
  /** Entries used in the last page. */
  private used = 0;
  private head: Int32Array = new Int32Array(1024).fill(-1);
  private tail: Int32Array = new Int32Array(1024);
  private fill: Int32Array = new Int32Array(1024);
  private blocks: Int32Array = new Int32Array(1024);
  private counts: Int32Array = new Int32Array(1024);
  /** The size of a term's first block when `reserve` gave it one (0: blockSize(0)). */
  private first: Int32Array = new Int32Array(1024);

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
    const tail = this.roomFor(id);
    this.pages[tail >>> PAGE_BITS]![(tail & OFFSET_MASK) + 1 + this.fill[id]!] = value;
    this.fill[id]!++;
    this.counts[id]!++;
  }

  /**
   * Makes the first block of term `id`, which has no postings yet, room for `count` (at most
   * MAX_RESERVE): a saved index's term, whose postings then come in one run (search-index-cache.ts).
   */
  reserve(id: number, count: number): void {
    this.unrun();
    if (id >= this.head.length) this.growTerms(id + 1);
    if (this.head[id] !== -1 || !Number.isSafeInteger(count) || count < 1 || count > MAX_RESERVE) throw new RangeError(`cannot reserve ${count} postings for term ${id}`);
    const block = this.allocate(count);
    this.head[id] = block;
    this.tail[id] = block;
    this.fill[id] = 0;
    this.blocks[id] = 0;
    this.first[id] = count;
  }

  /**
   * Room made at once for `terms` terms and `entries` entries (postings and one link a block),
   * before a saved index's runs are put back a chunk at a time: growing six per-term arrays and
   * the first page by doubling, as terms come, cost ~15 ms of copies and garbage at 2,000 articles
   * (profiled). Only a hint: the store still grows past it.
   */
  presize(terms: number, entries: number): void {
    if (terms > this.head.length) this.growTerms(terms);
    if (this.pages.length === 0 && entries > FIRST_PAGE) this.pages.push(new Int32Array(doubledUntil(FIRST_PAGE, Math.min(entries, PAGE))));
  }

  /** Entries the `k`th block of term `id` holds. */
  private capacity(id: number, k: number): number {
    return k === 0 && this.first[id]! > 0 ? this.first[id]! : blockSize(k);
  }

  /** `add` of each of `values[from, to)` in turn, a block at a time: how a saved index is put back (search-index-cache.ts). */
  addAll(id: number, values: Int32Array, from: number, to: number): void {
    this.unrun();
    for (let at = from; at < to; ) {
      const tail = this.roomFor(id);
      const fill = this.fill[id]!;
      const take = Math.min(to - at, this.capacity(id, this.blocks[id]!) - fill);
      this.pages[tail >>> PAGE_BITS]!.set(values.subarray(at, at + take), (tail & OFFSET_MASK) + 1 + fill);
      this.fill[id] = fill + take;
      this.counts[id]! += take;
      at += take;
    }
  }

  /** The block term `id`'s next posting goes in (a new one when its last is full). */
  private roomFor(id: number): number {
    if (id >= this.head.length) this.growTerms(id + 1);
    let tail = this.tail[id]!;
    if (this.head[id] === -1) {
      tail = this.allocate(blockSize(0));
      this.head[id] = tail;
      this.tail[id] = tail;
      this.fill[id] = 0;
      this.blocks[id] = 0;
    } else if (this.fill[id] === this.capacity(id, this.blocks[id]!)) {
      const k = this.blocks[id]! + 1;
      const block = this.allocate(blockSize(k));
      this.pages[tail >>> PAGE_BITS]![tail & OFFSET_MASK] = block;
      tail = block;
      this.tail[id] = block;
      this.fill[id] = 0;
      this.blocks[id] = k;
    }
    return tail;
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
    let remaining = this.counts[id]!;
    for (let k = 0; remaining > 0 && block >= 0; k++) {
      const page = this.pages[block >>> PAGE_BITS]!;
      const at = block & OFFSET_MASK;
      const take = Math.min(this.capacity(id, k), remaining);
      for (let i = 0; i < take; i++) visit(page[at + 1 + i]!);
      remaining -= take;
      block = page[at]!;
    }
  }

  /** Bytes held by the pages and the per-term arrays. */
  get bytes(): number {
    return (this.runs ? this.runs.values.byteLength + this.runs.starts.byteLength : 0) + this.pages.reduce((sum, page) => sum + page.byteLength, 0) + 6 * this.head.byteLength;
  }

  /** Room for a block of `size` entries after its next-block link; returns the block's address. */
  private allocate(size: number): number {
    const need = 1 + size;
    let page = this.pages[this.pages.length - 1];
    if (!page || this.used + need > page.length) {
      if (page && page.length < PAGE && this.used + need <= PAGE) {
        // The first page starts small and doubles, so a small library does not pay for a whole one.
        const bigger = new Int32Array(doubledUntil(page.length * 2, this.used + need));
        bigger.set(page);
        this.pages[this.pages.length - 1] = page = bigger;
      } else {
        page = new Int32Array(this.pages.length === 0 ? doubledUntil(FIRST_PAGE, need) : PAGE);
        this.pages.push(page);
        this.used = 0;
      }
    }
    const at = this.used;
    page[at] = -1;
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
  }
}

/** `length`, doubled until it holds `need` (a power of two times FIRST_PAGE stays at most PAGE). */
function doubledUntil(length: number, need: number): number {
  while (length < need) length *= 2;
  return length;
}
