// Node's code cache (Node ≥ 22.1; source/core/code-cache.ts): a second start uses it, and a
// corrupt one is compiled afresh, never a reason not to start. Node 20 has no such cache, so the
// test runs there only with LEDE_TEST_NODE naming a Node ≥ 22.1 to run lede with.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeCompileCache } from '../../source/core/code-cache';
import { seedPrefixes } from './fixtures';
import { cliPath, startProgram, withOwnState } from './terminal';

const node = process.env.LEDE_TEST_NODE ?? process.execPath;
const hasCache = process.env.LEDE_TEST_NODE ? true : nodeCompileCache !== undefined;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

function list(cache: string): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, LEDE_CACHE_DIR: cache, NODE_OPTIONS: '', NODE_COMPILE_CACHE: '' };
  return spawnSync(node, [cliPath, 'list'], { encoding: 'utf8', env });
}

test('a corrupt code cache is ignored: lede lists and draws as before, and rewrites it', { skip: !hasCache && 'this Node has no compile cache (Node < 22.1)' }, async () => {
  const cache = mkdtempSync(join(tmpdir(), 'lede-code-cache-'));
  try {
    const first = list(cache);
    assert.equal(first.status, 0, first.stderr);
    const entries = filesUnder(join(cache, 'code'));
    assert.ok(entries.length >= 5, `the modules are cached (${entries.length} entries)`);
    // Every entry garbled, one cut short, one emptied.
    entries.forEach((file, i) => writeFileSync(file, i === 0 ? '' : i === 1 ? Buffer.alloc(3) : Buffer.alloc(statSync(file).size, 0xa5)));
    const second = list(cache);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.stderr, '');
    assert.ok(filesUnder(join(cache, 'code')).some((file) => statSync(file).size > 100), 'written anew');
    // And the reader starts on it.
    for (const file of filesUnder(join(cache, 'code'))) writeFileSync(file, Buffer.alloc(64, 0x5a));
    const t = startProgram(node, [cliPath], { cols: 100, rows: 30, env: withOwnState({ LEDE_CACHE_DIR: cache, NODE_COMPILE_CACHE: undefined }) });
    try {
      await t.waitFor((s) => s.includes('2 articles') && seedPrefixes.every((p) => s.includes(p)));
      await t.press('q');
      assert.equal((await t.exited()).exitCode, 0);
    } finally {
      await t.dispose();
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
