/**
 * `--json` output made as it is written: the same text toJson gives for the whole value, but with
 * the long arrays (every article of a library, every mention of an entity) made an item at a time,
 * so memory holds one item, not the library's JSON.
 */
import { toJson } from './json';

/** An array whose items are made as the JSON is written (from a generator). */
export class StreamedArray<T = unknown> {
  constructor(readonly items: Iterable<T> | AsyncIterable<T>) {}
}

/** Whether `value` holds a StreamedArray anywhere: only then is it taken apart. */
function holdsStreamed(value: unknown): boolean {
  if (value instanceof StreamedArray) return true;
  if (typeof value !== 'object' || value === null) return false;
  return (Array.isArray(value) ? value : Object.values(value)).some(holdsStreamed);
}

/** What JSON.stringify leaves out of an object: its value is not JSON at all. */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * The text of toJson(value), where each StreamedArray stands for the array of its items, a piece
 * at a time. `indent` is the indentation of the line `value` starts on (toJson indents by two).
 * Only plain data: no toJSON methods, as JSON.stringify of lede's output never meets any.
 */
export async function* jsonPieces(value: unknown, indent = ''): AsyncGenerator<string> {
  if (!holdsStreamed(value)) {
    // JSON.stringify puts no raw line break inside a string, so each one is a line of the layout.
    yield toJson(value).replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (value instanceof StreamedArray || Array.isArray(value)) {
    let first = true;
    for await (const item of value instanceof StreamedArray ? value.items : value) {
      yield `${first ? '[' : ','}\n${inner}`;
      yield* jsonPieces(omitted(item) ? null : item, inner);
      first = false;
    }
    yield first ? '[]' : `\n${indent}]`;
    return;
  }
  let first = true;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (omitted(item)) continue;
    yield `${first ? '{' : ','}\n${inner}${toJson(key)}: `;
    yield* jsonPieces(item, inner);
    first = false;
  }
  yield first ? '{}' : `\n${indent}}`;
}
