/**
 * What held lede's main thread in each turn of the event loop longer than a frame: the turns
 * event-loop-blocks.mjs recorded (preloaded with `latency --blocks`), each matched with the
 * samples of the run's CPU profile (`--cpu-prof`) inside it, and named by the lede functions
 * (source/…, as bundled) that spent the most of it, inclusive. A key typed during such a turn
 * waits for its end before it is even read.
 */
import { readFileSync } from 'node:fs';
import { type CpuProfile, mainThreadProfile, resolverFor } from './latency-profile.js';
import { round } from './stats.js';

export interface Block {
  /** ms since lede was spawned (its profile's clock, process.hrtime, less the spawn). */
  at_ms: number;
  ms: number;
  /** The lede functions that ran longest in it (inclusive ms), outermost first among equals. */
  in: { name: string; module: string; ms: number }[];
}

/** Blocks of `blocksFile` ([end, length] in hrtime ms), each explained from the profile in `profileDir`. */
export function explainBlocks(blocksFile: string, profileDir: string, spawnedAtHrtimeMs: number): Block[] {
  const blocks = JSON.parse(readFileSync(blocksFile, 'utf8')) as [number, number][];
  const found = mainThreadProfile(profileDir);
  const profile = found ? (JSON.parse(readFileSync(found.file, 'utf8')) as CpuProfile) : null;
  const resolve = resolverFor();
  const byId = new Map(profile?.nodes.map((n) => [n.id, n]) ?? []);
  const parent = new Map<number, number>();
  for (const n of profile?.nodes ?? []) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample times in hrtime ms, computed once.
  const times: number[] = [];
  if (profile) {
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) times.push((t += profile.timeDeltas[i] ?? 0) / 1000);
  }
  return blocks.map(([end, ms]) => {
    const totals = new Map<string, { name: string; module: string; ms: number }>();
    for (let i = 0; profile && i < profile.samples.length; i++) {
      if (times[i]! < end - ms || times[i]! >= end) continue;
      const sampleMs = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const seen = new Set<string>();
      for (let at: number | undefined = profile.samples[i]; at !== undefined; at = parent.get(at)) {
        const frame = resolve(byId.get(at)!.callFrame);
        if (!frame.module.startsWith('source/')) continue;
        const key = `${frame.functionName}\u0000${frame.module}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const total = totals.get(key) ?? { name: frame.functionName || '(anonymous)', module: frame.module, ms: 0 };
        total.ms += sampleMs;
        totals.set(key, total);
      }
    }
    const top = [...totals.values()].sort((a, b) => b.ms - a.ms).slice(0, 6).map((f) => ({ ...f, ms: round(f.ms, 1) }));
    return { at_ms: round(end - ms - spawnedAtHrtimeMs, 0), ms, in: top };
  });
}
