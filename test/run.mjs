// Runs every *.test.ts(x) under test/ with Node's own test runner (Node 20 has no glob for --test).
// `node test/run.mjs core` runs only the files whose path contains "core".
// `node test/run.mjs --measure [filters]` runs each file alone, one after another, and prints one
// JSON line per file with its wall time and the CPU (user + sys) of its whole process tree (every
// lede, worker and child it started), then the files by CPU: what to look at when the suite slows.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const measure = args.includes('--measure');
const filters = args.filter((a) => a !== '--measure');

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (/\.test\.tsx?$/.test(entry.name)) yield relative(root, path);
  }
}

const files = [...walk(join(root, 'test'))]
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// Hermetic: no test (nor any lede it starts) reads or writes the user's own corrections, read
// state or cache; a test that needs its own directories still sets them.
const own = mkdtempSync(join(tmpdir(), 'lede-test-own-'));
const ownDirs = { LEDE_CONFIG_DIR: join(own, 'config'), LEDE_STATE_DIR: join(own, 'state'), LEDE_CACHE_DIR: join(own, 'cache') };
const env = { ...ownDirs, ...process.env, FORCE_COLOR: '0' };

/** CPU seconds (user + sys) of this process's reaped children and theirs (Linux: /proc/self/stat, at 100 ticks a second). */
function childrenCpu() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // After the command's ")": state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

let status = 0;
if (measure) {
  const rows = [];
  for (const file of files) {
    const [cpuBefore, start, load] = [childrenCpu(), performance.now(), loadavg()[0]];
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', file], { cwd: root, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const row = { file, ok: run.status === 0, wall: +((performance.now() - start) / 1000).toFixed(2), cpu: +(childrenCpu() - cpuBefore).toFixed(2), load: +load.toFixed(2) };
    if (!row.ok) status = 1;
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  const total = rows.reduce((sum, r) => sum + r.cpu, 0);
  console.log(`\n${rows.length} files, ${total.toFixed(1)} s of CPU; by CPU:`);
  for (const r of [...rows].sort((a, b) => b.cpu - a.cpu)) console.log(`${r.cpu.toFixed(1).padStart(7)} s CPU ${r.wall.toFixed(1).padStart(7)} s wall  ${r.ok ? '' : 'FAILED '}${r.file}`);
} else {
  // One file per process, as many at once as there are cores.
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${availableParallelism()}`, ...files], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  status = result.status ?? 1;
}
rmSync(own, { recursive: true, force: true });
process.exit(status);
