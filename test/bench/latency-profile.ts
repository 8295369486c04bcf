/**
 * Where a key's milliseconds go: the main thread's V8 CPU profile (`node --cpu-prof`) of the CLI
 * under the pty, cut to the windows in which keys were typed, each sample put in a phase by its
 * stack (search, React, Yoga, Ink's output, entities, GC, idle) and its leaf attributed to the
 * module it was bundled from. esbuild's unminified bundles mark each module with a
 * `// node_modules/…` or `// source/…` comment line, which is how a line of dist/ maps to a module.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { round } from './stats.js';

export interface ProfileWindow {
  mode: string;
  /** performance.now() ms in the bench process. */
  from: number;
  to: number;
  keys: number;
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Module start lines of one bundled file: `[line, module]`, in order. */
export function moduleMarks(source: string): [number, string][] {
  const marks: [number, string][] = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\/\/ ((?:node_modules|source)\/\S+)$/.exec(lines[i]!);
    if (m) marks.push([i, m[1]!]);
  }
  return marks;
}

/** The module a 0-based line of a bundled file came from. */
export function moduleAt(marks: [number, string][], line: number): string {
  let lo = 0;
  let hi = marks.length - 1;
  let found = '(bundle prelude)';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]![0] <= line) {
      found = marks[mid]![1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A module as a short name: the package (`ink`, `react-reconciler`), or the source folder (`source/core/search`). */
export function moduleGroup(module: string): string {
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  if (pkg) return pkg[1]!;
  const parts = module.split('/');
  return parts.length > 2 ? parts.slice(0, parts[1] === 'core' ? 3 : 2).join('/') : module;
}

/** The phase a sample's stack belongs to: the first rule, in this order, that some frame of it matches. */
export function phaseOf(stack: { module: string; functionName: string }[], leafName: string): string {
  if (leafName === '(garbage collector)') return 'gc';
  if (leafName === '(idle)') return 'idle';
  if (leafName === '(program)') return 'program (V8, outside JS)';
  const has = (test: (f: { module: string; functionName: string }) => boolean) => stack.some(test);
  // A hit's snippet and highlights are computed when a row is drawn (hits.ts): drawing, not searching.
  if (has((f) => /^source\/core\/search\/(hits|highlight)\.ts$/.test(f.module))) return 'snippets + highlights (rows drawn)';
  if (has((f) => f.module.startsWith('source/core/search/'))) return 'search';
  if (has((f) => f.module.startsWith('node_modules/yoga-layout/') || f.functionName === 'calculateLayout')) return 'yoga layout';
  if (has((f) => f.module.startsWith('node_modules/ink/') && (f.functionName === 'onRender' || /\/(renderer|render-node-to-output|output|log-update)\.js$/.test(f.module)))) {
    return 'ink output (frame to string, write)';
  }
  if (has((f) => f.module.startsWith('node_modules/react-reconciler/') || f.module.startsWith('node_modules/react/'))) return 'react render + commit (views)';
  if (has((f) => f.module.startsWith('source/core/entities/'))) return 'entities (main thread)';
  if (has((f) => f.module.startsWith('source/terminal/') || f.module.startsWith('node_modules/ink/'))) return 'ink input / other ink';
  return 'other';
}

interface Resolver {
  (frame: CallFrame): { module: string; functionName: string };
}

export function resolverFor(): Resolver {
  const marksByUrl = new Map<string, [number, string][] | null>();
  return (frame) => {
    if (!frame.url.startsWith('file://')) return { module: frame.url || frame.functionName, functionName: frame.functionName };
    let marks = marksByUrl.get(frame.url);
    if (marks === undefined) {
      try {
        marks = moduleMarks(readFileSync(fileURLToPath(frame.url), 'utf8'));
      } catch {
        marks = null;
      }
      marksByUrl.set(frame.url, marks);
    }
    return { module: marks ? moduleAt(marks, frame.lineNumber) : frame.url, functionName: frame.functionName };
  };
}

/** Offset from this process's performance.now() (ms) to V8's profile clock (monotonic µs). */
function profileClockOffsetUs(): number {
  return Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
}

export interface ProfileBreakdown {
  keys: number;
  window_ms: number;
  /** Main-thread time per key by phase (ms), idle included. */
  per_key_ms: Record<string, number>;
  /** Busy (non-idle) main-thread time per key. */
  busy_per_key_ms: number;
  /** Self time by module group, per key (ms), the largest first. */
  self_by_module_per_key_ms: Record<string, number>;
  /** The heaviest leaf functions in the windows (ms in total). */
  top_functions: { name: string; module: string; ms: number }[];
  /**
   * The longest stretch with no idle sample, and its main phase: the event loop never waited for
   * input. Work cut into slices still counts as one stretch (keys are read between slices), so this
   * bounds a freeze from above; a single synchronous call shows as a stretch of its own length.
   */
  longest_busy: { ms: number; phase: string };
}

/** Breaks down the samples of `profile` that fall inside `windows`. */
export function breakdown(profile: CpuProfile, windows: { from: number; to: number; keys: number }[], offsetUs: number, resolve: Resolver = resolverFor()): ProfileBreakdown {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackCache = new Map<number, { phase: string; module: string; name: string }>();
  const classify = (id: number) => {
    let hit = stackCache.get(id);
    if (hit) return hit;
    const stack: { module: string; functionName: string }[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(resolve(byId.get(at)!.callFrame));
    const leaf = byId.get(id)!.callFrame;
    const resolved = stack[0]!;
    hit = { phase: phaseOf(stack.reverse(), leaf.functionName), module: moduleGroup(resolved.module), name: leaf.functionName || '(anonymous)' };
    stackCache.set(id, hit);
    return hit;
  };
  const ranges = windows.map((w) => [w.from * 1000 + offsetUs, w.to * 1000 + offsetUs] as const);
  const inWindow = (t: number) => ranges.some(([a, b]) => t >= a && t < b);
  const phases: Record<string, number> = {};
  const modules: Record<string, number> = {};
  const functions = new Map<string, { name: string; module: string; ms: number }>();
  let longest = { ms: 0, phase: '' };
  let stretch = { ms: 0, phases: new Map<string, number>() };
  const endStretch = () => {
    if (stretch.ms > longest.ms) longest = { ms: stretch.ms, phase: [...stretch.phases].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '' };
    stretch = { ms: 0, phases: new Map() };
  };
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (!inWindow(t)) {
      endStretch();
      continue;
    }
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const c = classify(profile.samples[i]!);
    if (c.phase === 'idle') endStretch();
    else {
      stretch.ms += ms;
      stretch.phases.set(c.phase, (stretch.phases.get(c.phase) ?? 0) + ms);
    }
    phases[c.phase] = (phases[c.phase] ?? 0) + ms;
    if (c.phase !== 'idle') modules[c.module] = (modules[c.module] ?? 0) + ms;
    const key = `${c.name}\u0000${c.module}`;
    const f = functions.get(key) ?? { name: c.name, module: c.module, ms: 0 };
    f.ms += ms;
    functions.set(key, f);
  }
  const keys = windows.reduce((n, w) => n + w.keys, 0) || 1;
  const perKey = (record: Record<string, number>) =>
    Object.fromEntries(Object.entries(record).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v / keys, 2)]));
  const busy = Object.entries(phases).reduce((sum, [phase, ms]) => (phase === 'idle' ? sum : sum + ms), 0);
  return {
    keys,
    window_ms: round(windows.reduce((s, w) => s + (w.to - w.from), 0), 0),
    per_key_ms: perKey(phases),
    busy_per_key_ms: round(busy / keys, 2),
    self_by_module_per_key_ms: Object.fromEntries(Object.entries(perKey(modules)).slice(0, 14)),
    top_functions: [...functions.values()]
      .filter((f) => f.name !== '(idle)')
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 15)
      .map((f) => ({ ...f, ms: round(f.ms, 1) })),
    longest_busy: (endStretch(), { ms: round(longest.ms, 1), phase: longest.phase }),
  };
}

/** The main thread's profile in `dir` (Node names it CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile; thread 0 is main). */
export function mainThreadProfile(dir: string): { file: string; others: string[] } | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const main = files.find((f) => f.split('.')[4] === '0');
  return main ? { file: join(dir, main), others: files.filter((f) => f !== main) } : null;
}

/** Per mode, the breakdown of the key windows in the main-thread profile the CLI wrote to `dir`. */
export function analyzeCpuProfiles(dir: string, cli: string, windows: ProfileWindow[]): Record<string, unknown> {
  const found = mainThreadProfile(dir);
  if (!found) return { error: `no main-thread profile in ${dir}` };
  const profile = JSON.parse(readFileSync(found.file, 'utf8')) as CpuProfile;
  const offset = profileClockOffsetUs();
  const resolve = resolverFor();
  const result: Record<string, unknown> = { dir, cli_dir: dirname(cli), worker_profiles: found.others.length };
  for (const mode of [...new Set(windows.map((w) => w.mode))]) {
    result[mode] = breakdown(profile, windows.filter((w) => w.mode === mode), offset, resolve);
  }
  return result;
}
