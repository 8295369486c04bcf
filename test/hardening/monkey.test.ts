// Slow tier: 14,000 random actions in a child process, ~30 s of CPU.
// 14,000 seeded random actions across every screen (see monkey-run.ts for what is checked after
// each), run in a child process with a real forced GC so the heap growth can be measured.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { type MonkeyReport, PLACES } from './monkey-run';
import { TS_LOADER_ARGS } from '../helpers/ts-loader-args';

const SEED = Number(process.env.LEDE_MONKEY_SEED ?? 20240517);
/**
 * Enough for every place to be visited 20 times with the same action mix: the seed's rarest, the
 * skipped list, has 46 visits at 14,000 (18 at 10,000); the monkey was 20,000 actions, 25-30% more
 * of the suite's CPU for no place the run does not reach.
 */
const ACTIONS = 14_000;
/**
 * The heap may grow 10 MB per 20,000 actions, the bound the monkey was first held to: the same
 * leak per action fails it at any count. Measured: 1.4 MB after 14,000.
 */
const HEAP_LIMIT_BYTES = Math.round((10 * 1024 * 1024 * ACTIONS) / 20_000);
const script = fileURLToPath(new URL('./monkey-run.ts', import.meta.url));

function runChild(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...TS_LOADER_ARGS, script, String(SEED), String(ACTIONS)], {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A hang guard only, generous: on this shared machine at a load average of 14 the 20,000-action
    // run took 159 s and this guard, then 150 s, killed it.
    const guard = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

test(`monkey: ${ACTIONS.toLocaleString('en-US')} random actions keep every invariant, every frame fits, the heap stays flat`, { timeout: 620_000 }, async () => {
  const { code, stdout, stderr } = await runChild();
  assert.equal(code, 0, `the monkey process failed (exit ${code}):\n${stderr}`);
  const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as MonkeyReport;
  assert.equal(report.failure, undefined, report.failure);
  assert.ok(report.articles >= 15 && report.skipped >= 3, `the corpus loaded: ${report.articles} articles, ${report.skipped} skipped`);
  for (const place of PLACES) assert.ok((report.visits[place] ?? 0) >= 20, `the monkey hardly visited ${place}: ${JSON.stringify(report.visits)}`);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
  const growth = report.heapGrowth.at(-1) ?? Number.NaN;
  console.log(`monkey seed ${report.seed}: ${report.actions} actions, ${report.frames} frames; visits ${JSON.stringify(report.visits)}; heap growth per 2,000 actions: ${report.heapGrowth.map(mb).join(', ')}`);
  assert.ok(growth < HEAP_LIMIT_BYTES, `heap grew ${mb(growth)} over ${report.actions} actions (limit ${mb(HEAP_LIMIT_BYTES)}): ${report.heapGrowth.map(mb).join(', ')}`);
});
