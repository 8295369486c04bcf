/**
 * Reusable zeroed typed arrays, one per slot. A keystroke works on several arrays the size of the
 * library (160 KB each at 20,000 articles); allocated afresh they were freed to the C allocator,
 * which kept most of that memory resident (RSS grew by ~80 MB over a dozen typed queries).
 */
export class Scratch<T extends Uint8Array | Float32Array | Float64Array> {
  private readonly slots: T[] = [];

  /** Slots from `kept` up get a fresh array every time: a query of a hundred words keeps nothing. */
  constructor(
    private readonly make: (length: number) => T,
    private readonly kept = 4,
  ) {}

  /** A zeroed array of at least `n` elements for `slot`, valid until the slot is asked for again. */
  get(slot: number, n: number): T {
    const have = this.slots[slot];
    if (have && have.length >= n) {
      have.fill(0, 0, n);
      return have;
    }
    const made = this.make(Math.max(n, 1));
    if (slot < this.kept) this.slots[slot] = made;
    return made;
  }
}
