/**
 * Posting lists in one growable Int32Array pool of linked blocks (2, 4, 8 … 256 entries), so an
 * index of millions of postings costs 4 bytes each plus a little slack, with no per-term arrays
 * and no compaction pass.
 */
const MAX_BLOCK = 256;

function blockSize(k: number): number {
  return k >= 7 ? MAX_BLOCK : 2 << k;
}

export class PostingStore {
  private pool: Int32Array = new Int32Array(1 << 16);
  private used = 0;
  private head: Int32Array = new Int32Array(1024).fill(-1);
  private tail: Int32Array = new Int32Array(1024);
  private fill: Int32Array = new Int32Array(1024);
  private blocks: Int32Array = new Int32Array(1024);
  private counts: Int32Array = new Int32Array(1024);

  /** Number of postings of term `id`. */
  count(id: number): number {
    return id < this.counts.length ? this.counts[id]! : 0;
  }

  add(id: number, value: number): void {
    if (id >= this.head.length) this.growTerms(id + 1);
    let tail = this.tail[id]!;
    if (this.head[id] === -1) {
      tail = this.allocate(blockSize(0));
      this.head[id] = tail;
      this.tail[id] = tail;
      this.fill[id] = 0;
      this.blocks[id] = 0;
    } else if (this.fill[id] === blockSize(this.blocks[id]!)) {
      const k = this.blocks[id]! + 1;
      const block = this.allocate(blockSize(k));
      this.pool[tail] = block;
      tail = block;
      this.tail[id] = block;
      this.fill[id] = 0;
      this.blocks[id] = k;
    }
    this.pool[tail + 1 + this.fill[id]!] = value;
    this.fill[id]!++;
    this.counts[id]!++;
  }

  /** Calls `visit` with every posting of term `id`, in insertion order. */
  forEach(id: number, visit: (value: number) => void): void {
    if (id >= this.head.length) return;
    let block = this.head[id]!;
    let remaining = this.counts[id]!;
    const pool = this.pool;
    for (let k = 0; remaining > 0 && block >= 0; k++) {
      const take = Math.min(blockSize(k), remaining);
      for (let i = 0; i < take; i++) visit(pool[block + 1 + i]!);
      remaining -= take;
      block = pool[block]!;
    }
  }

  /** Bytes held by the pool. */
  get bytes(): number {
    return this.pool.byteLength + 5 * this.head.byteLength;
  }

  private allocate(size: number): number {
    const need = this.used + 1 + size;
    if (need > this.pool.length) {
      const bigger = new Int32Array(Math.max(need, Math.floor(this.pool.length * 1.5)));
      bigger.set(this.pool.subarray(0, this.used));
      this.pool = bigger;
    }
    const at = this.used;
    this.pool[at] = -1;
    this.used = need;
    return at;
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
  }
}
