/** Precision / recall / F1 bookkeeping per entity type, shared by the evaluation tools. */
import type { EntityType } from '../../source/core/entities/types.js';

export const TYPES: EntityType[] = ['person', 'place', 'organization'];

export interface Score {
  tp: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

export function score(tp: number, predicted: number, gold: number): Score {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, predicted, gold, precision, recall, f1 };
}

/** Counts per type; `add` takes bags (key -> count) whose keys start with "type\t". */
export class TypedCounts {
  private counts = new Map<EntityType, { tp: number; predicted: number; gold: number }>(TYPES.map((t) => [t, { tp: 0, predicted: 0, gold: 0 }]));
  readonly errors: string[] = [];

  add(predicted: Map<string, number>, gold: Map<string, number>, where = ''): void {
    for (const [key, n] of predicted) {
      const c = this.counts.get(key.split('\t')[0] as EntityType);
      if (!c) continue;
      const g = gold.get(key) ?? 0;
      c.predicted += n;
      c.tp += Math.min(n, g);
      if (n > g) this.errors.push(`FP ${key.replaceAll('\t', ' ')} x${n - g}${where}`);
    }
    for (const [key, n] of gold) {
      const c = this.counts.get(key.split('\t')[0] as EntityType);
      if (!c) continue;
      c.gold += n;
      const p = predicted.get(key) ?? 0;
      if (n > p) this.errors.push(`FN ${key.replaceAll('\t', ' ')} x${n - p}${where}`);
    }
  }

  result(): { perType: Record<EntityType, Score>; overall: Score } {
    const perType = Object.fromEntries(TYPES.map((t) => [t, score(this.counts.get(t)!.tp, this.counts.get(t)!.predicted, this.counts.get(t)!.gold)])) as Record<EntityType, Score>;
    const all = [...this.counts.values()].reduce((a, c) => ({ tp: a.tp + c.tp, predicted: a.predicted + c.predicted, gold: a.gold + c.gold }), { tp: 0, predicted: 0, gold: 0 });
    return { perType, overall: score(all.tp, all.predicted, all.gold) };
  }
}

export function bagAdd(bag: Map<string, number>, key: string): void {
  bag.set(key, (bag.get(key) ?? 0) + 1);
}
