/**
 * Reusable zeroed typed arrays, one per slot. A keystroke works on several arrays the size of the
 * library (160 KB each at 20,000 articles); allocated afresh they were freed to the C allocator,
 * which kept most of that memory resident (RSS grew by ~80 MB over a dozen typed queries).
 */
export class Scratch<T extends Uint8Array | Float32Array | Float64Array> {
  private readonly slots: T[] = [];

  constructor(private readonly make: (length: number) => T) {}

  /** A zeroed array of at least `n` elements for `slot`, valid until the slot is asked for again. */
  get(slot: number, n: number): T {
    const have = this.slots[slot];
    if (have && have.length >= n) {
      have.fill(0, 0, n);
      return have;
    }
    const made = this.make(Math.max(n, 1));
    this.slots[slot] = made;
    return made;
  }
}
