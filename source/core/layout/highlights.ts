/**
 * The highlights a page needs, without touching the ones it does not. An article can hold
 * hundreds of thousands of find matches (a one-letter query on a long text); a frame shows a few
 * dozen lines, so it takes each sorted list's window over the visible range by binary search
 * and builds highlights for that window only.
 */
import type { Span } from '../article';
import { firstIndexWhere } from '../sorted';
import type { Highlight } from './segments';

/**
 * One list of spans drawn alike, sorted by start (find matches, an entity's mentions), with
 * optionally one of them — `current` — drawn its own way.
 */
export interface HighlightLayer {
  spans: readonly Span[];
  kind: string;
  priority: number;
  current?: { index: number; kind: string; priority: number };
}

/**
 * For each list: the largest end among its first i + 1 spans. Non-decreasing even when spans
 * nest, so the first span that can reach past an offset is found by binary search. Built once per
 * list (a new search, another entity), kept while the list lives.
 */
const reachCache = new WeakMap<readonly Span[], Float64Array>();

function reachOf(spans: readonly Span[]): Float64Array {
  let reach = reachCache.get(spans);
  if (!reach) {
    reach = new Float64Array(spans.length);
    let max = -Infinity;
    for (let i = 0; i < spans.length; i++) {
      max = Math.max(max, spans[i]!.end);
      reach[i] = max;
    }
    reachCache.set(spans, reach);
  }
  return reach;
}

/**
 * The indices [lo, hi) of the spans (sorted by start) that may overlap [from, to): every one that
 * does lies inside, and outside it none does. Only nested spans can put a non-overlapping one
 * inside; `spansInRange` drops those.
 */
export function spanWindow(spans: readonly Span[], from: number, to: number): [number, number] {
  const reach = reachOf(spans);
  // The first span whose running end passes `from`, and the first starting at or after `to`.
  const first = firstIndexWhere(spans.length, (i) => reach[i]! > from);
  const past = firstIndexWhere(spans.length, (i) => spans[i]!.start >= to);
  return [first, Math.max(first, past)];
}

/** The non-empty spans that overlap [from, to), in order, with their indices in `spans`. */
export function spansInRange<T extends Span>(spans: readonly T[], from: number, to: number): { span: T; index: number }[] {
  const [lo, hi] = spanWindow(spans, from, to);
  const out: { span: T; index: number }[] = [];
  for (let i = lo; i < hi; i++) {
    const span = spans[i]!;
    if (span.end > from && span.start < to && span.end > span.start) out.push({ span, index: i });
  }
  return out;
}

function layerHighlights(layer: HighlightLayer, from: number, to: number): Highlight[] {
  return spansInRange(layer.spans, from, to).map(({ span, index }) => {
    const style = index === layer.current?.index ? layer.current : layer;
    return { start: span.start, end: span.end, kind: style.kind, priority: style.priority };
  });
}

/** Two lists sorted by start, merged (ties keep `a` first). */
function mergeByStart(a: Highlight[], b: Highlight[]): Highlight[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: Highlight[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(b[j]!.start < a[i]!.start ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/**
 * The highlights of every layer that overlap [from, to) (a page: the first visible line's start
 * to the last one's end), sorted by start, as `segmentLine` wants them. Costs O(log n) per layer
 * plus what is visible, however many spans the layers hold.
 */
export function visibleHighlights(layers: readonly HighlightLayer[], from: number, to: number): Highlight[] {
  return layers.reduce<Highlight[]>((merged, layer) => mergeByStart(merged, layerHighlights(layer, from, to)), []);
}
