// Runs the *.test.ts(x) under test/ with Node's own test runner (Node 20 has no glob for --test).
// Two tiers: `node test/run.mjs` runs the quick one (what `npm test` runs, under a minute here);
// `--slow` runs the files marked with a `// Slow tier: why` line (memory and stress runs, sweeps,
// most pseudo-terminal sessions: `npm run test:slow`); `--all` runs both, slow files first. CI runs both tiers.
// `node test/run.mjs core` runs only the files whose path contains "core", of both tiers unless one is named.
// `node test/run.mjs --measure [filters]` runs each file alone, one after another, and prints one
// JSON line per file with its wall time and the CPU (user + sys) of its whole process tree (every
// lede, worker and child it started), then the files by CPU: what to look at when the suite slows.
//
// TypeScript runs through test/tools/ts-loader.mjs (a content-keyed transpile cache), not tsx: tsx's
// registration alone cost ~0.2 s of CPU in each of the suite's processes.
//
// Files that only call lede's code in-process share a process, a few per core, each file inside a
// suite named after it (its hooks stay its own): a process costs ~0.3 s of CPU to start, load the
// test runner and the modules, and most such files take less than that to run. A file runs alone
// when sharing could change what it checks: it starts programs in a terminal (e2e, hardening,
// bench), or sets the process's environment, which its neighbours would then see.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const loader = ['--import', pathToFileURL(join(root, 'test/tools/ts-loader.mjs')).href];
const args = process.argv.slice(2);
const measure = args.includes('--measure');
const filters = args.filter((a) => !a.startsWith('--'));
// Files named on the command line, and --measure, take both tiers unless one is asked for.
const tier = args.includes('--all') ? 'all' : args.includes('--slow') ? 'slow' : args.includes('--quick') || (filters.length === 0 && !measure) ? 'quick' : 'all';
const SLOW_TIER = /^\/\/ Slow tier: /m;
const isSlow = (file) => SLOW_TIER.test(readFileSync(join(root, file), 'utf8'));

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (/\.test\.tsx?$/.test(entry.name)) yield relative(root, path);
  }
}

const files = [...walk(join(root, 'test'))]
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .filter((file) => tier === 'all' || isSlow(file) === (tier === 'slow'))
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

const RUNS_ALONE_UNDER = ['test/e2e/', 'test/hardening/', 'test/bench/'];
const SETS_ENVIRONMENT = /process\.env(\.\w+|\[[^\]]+\])\s*=(?!=)|delete process\.env/;

function runsAlone(file) {
  return RUNS_ALONE_UNDER.some((dir) => file.startsWith(dir)) || SETS_ENVIRONMENT.test(readFileSync(join(root, file), 'utf8'));
}

/** Entry files that import `shared` in `count` processes, dealt in turn so each gets every kind of test. */
function groupEntries(shared, count, dir) {
  const groups = Array.from({ length: Math.min(count, shared.length) }, () => []);
  shared.forEach((file, i) => groups[i % groups.length].push(file));
  return groups.map((group, i) => {
    const path = join(dir, `shared-${i + 1}.test.mjs`);
    const suites = group.map((file) => `describe(${JSON.stringify(file)}, async () => { await import(${JSON.stringify(pathToFileURL(join(root, file)).href)}); });`);
    writeFileSync(path, `import { describe } from 'node:test';\n${suites.join('\n')}\n`);
    return path;
  });
}

let status = 0;
if (measure) {
  const rows = [];
  for (const file of files) {
    const [cpuBefore, start, load] = [childrenCpu(), performance.now(), loadavg()[0]];
    const run = spawnSync(process.execPath, [...loader, '--test', file], { cwd: root, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const row = { file, ok: run.status === 0, wall: +((performance.now() - start) / 1000).toFixed(2), cpu: +(childrenCpu() - cpuBefore).toFixed(2), load: +load.toFixed(2) };
    if (!row.ok) status = 1;
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  const total = rows.reduce((sum, r) => sum + r.cpu, 0);
  console.log(`\n${rows.length} files, ${total.toFixed(1)} s of CPU; by CPU:`);
  for (const r of [...rows].sort((a, b) => b.cpu - a.cpu)) console.log(`${r.cpu.toFixed(1).padStart(7)} s CPU ${r.wall.toFixed(1).padStart(7)} s wall  ${r.ok ? '' : 'FAILED '}${r.file}`);
} else {
  const cores = availableParallelism();
  // The longest first, so the cores finish together: slow files, then the shared processes.
  const slowFirst = [...files.filter(isSlow), ...files.filter((file) => !isSlow(file))];
  const alone = slowFirst.filter(runsAlone);
  const shared = slowFirst.filter((file) => !runsAlone(file));
  const [slowAlone, quickAlone] = [alone.filter(isSlow), alone.filter((file) => !isSlow(file))];
  const entries = [...slowAlone, ...groupEntries(shared, 2 * cores, own), ...quickAlone];
  const result = spawnSync(process.execPath, [...loader, '--test', `--test-concurrency=${cores}`, ...entries], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  status = result.status ?? 1;
}
rmSync(own, { recursive: true, force: true });
process.exit(status);
