/**
 * The first frame of this tree's dist/cli.js against another tree's, interleaved, to measure one
 * change to what runs before the first frame on a shared machine:
 *
 *   npm run bench -- latency --startup --against DIR [--runs 10]
 *
 * DIR is a tree as lede ships (its dist/ built, its articles/ and package.json beside it: a copy
 * of this one before the change, say). Each round starts both, in alternating order, each with
 * a code cache its own first start wrote (every start after a person's first has one): once for
 * the frame as the pty sees it, once with a preload that reads the process's CPU (all its threads)
 * when that frame is written, which load inflates far less than the wall time. Medians, min, and
 * the load average before and after.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BUNDLED_FIRST_TITLE, firstFrameOnce } from './latency-first-frame.js';
import { loadPty } from './pty.js';
import { arg, percentile, round } from './stats.js';

/** Writes, at exit, the CPU the process had used when the first title was written. */
export const CPU_AT_FIRST_FRAME_PRELOAD = `
import { writeFileSync } from 'node:fs';
let cpu;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (cpu === undefined && String(chunk).includes(${JSON.stringify(BUNDLED_FIRST_TITLE.slice(0, 7))})) {
    const used = process.cpuUsage();
    cpu = (used.user + used.system) / 1000;
  }
  return write(chunk, ...rest);
};
process.on('exit', () => writeFileSync(process.env.LEDE_MARKS_FILE, JSON.stringify({ cpu })));
`;

interface TreeRuns {
  frame: number[];
  cpu: number[];
}

const summary = (runs: TreeRuns) => ({
  first_frame_ms: { p50: round(percentile(runs.frame, 50), 1), min: round(Math.min(...runs.frame), 1) },
  cpu_ms_until_first_frame: { p50: round(percentile(runs.cpu, 50), 1), min: round(Math.min(...runs.cpu), 1) },
});

export async function benchStartupAgainst(argv: string[], root: string): Promise<Record<string, unknown>> {
  const pty = await loadPty();
  if ('unavailable' in pty) return { skipped: pty.unavailable };
  const trees = { this: root, against: resolve(arg(argv, '--against')!) };
  const runs = Number(arg(argv, '--runs') ?? 10);
  const tmp = mkdtempSync(join(tmpdir(), 'lede-startup-against-'));
  try {
    const preload = join(tmp, 'cpu.mjs');
    writeFileSync(preload, CPU_AT_FIRST_FRAME_PRELOAD);
    const marks = join(tmp, 'marks.json');
    const results: Record<string, TreeRuns> = { this: { frame: [], cpu: [] }, against: { frame: [], cpu: [] } };
    const cacheOf = (name: string) => ({ LEDE_CACHE_DIR: join(tmp, `cache-${name}`) });
    for (const [name, tree] of Object.entries(trees)) await firstFrameOnce(pty, [join(tree, 'dist/cli.js')], tree, cacheOf(name));
    const loadBefore = loadavg()[0]!;
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? Object.entries(trees) : Object.entries(trees).reverse();
      for (const [name, tree] of order) {
        const cli = join(tree, 'dist/cli.js');
        results[name]!.frame.push(await firstFrameOnce(pty, [cli], tree, cacheOf(name)));
        await firstFrameOnce(pty, ['--import', preload, cli], tree, { ...cacheOf(name), LEDE_MARKS_FILE: marks });
        results[name]!.cpu.push((JSON.parse(readFileSync(marks, 'utf8')) as { cpu: number }).cpu);
      }
    }
    return {
      runs,
      load_average_1m: { before: round(loadBefore, 2), after: round(loadavg()[0]!, 2) },
      this: { tree: trees.this, ...summary(results.this!) },
      against: { tree: trees.against, ...summary(results.against!) },
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
  }
}
