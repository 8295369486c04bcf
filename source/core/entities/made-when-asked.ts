/**
 * A read-only map made the first time anything is asked of it. For a loaded index's maps that
 * its first screens never read: the name the library shows each key by and the type it gives a
 * name (tens of thousands of entries at 20,000 articles, read once an article's entities are
 * shown), made at every load they were a tenth of it.
 */
export class MadeWhenAsked<K, V> implements ReadonlyMap<K, V> {
  private made: ReadonlyMap<K, V> | undefined;

  constructor(private readonly make: () => ReadonlyMap<K, V>) {}

  private get map(): ReadonlyMap<K, V> {
    return (this.made ??= this.make());
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  get size(): number {
    return this.map.size;
  }

  keys(): MapIterator<K> {
    return this.map.keys();
  }

  values(): MapIterator<V> {
    return this.map.values();
  }

  entries(): MapIterator<[K, V]> {
    return this.map.entries();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.map.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    this.map.forEach((value, key) => callback.call(thisArg, value, key, this));
  }
}
