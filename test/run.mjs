// Runs every *.test.ts(x) under test/ with Node's own test runner (Node 20 has no glob for --test).
// `node test/run.mjs core` runs only the files whose path contains "core".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

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
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...ownDirs, ...process.env, FORCE_COLOR: '0' },
});
rmSync(own, { recursive: true, force: true });
process.exit(result.status ?? 1);
