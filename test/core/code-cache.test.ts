import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type EnableCompileCache, startCodeCache } from '../../source/core/code-cache';

const tmp = mkdtempSync(join(tmpdir(), 'lede-code-cache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A stand-in for module.enableCompileCache that records the directories it was given. */
function recorder(status = 1): { enable: EnableCompileCache; dirs: string[] } {
  const dirs: string[] = [];
  return { dirs, enable: (dir) => (dirs.push(dir), { status, directory: dir }) };
}

test("the code cache lives in lede's cache directory, made private", () => {
  const cache = join(tmp, 'one', 'cache');
  const { enable, dirs } = recorder();
  assert.equal(startCodeCache({ LEDE_CACHE_DIR: cache }, enable), join(cache, 'code'));
  assert.deepEqual(dirs, [join(cache, 'code')]);
  assert.equal(statSync(join(cache, 'code')).mode & 0o777, 0o700);
  // The XDG rules, as for the entity cache.
  const xdg = recorder();
  startCodeCache({ XDG_CACHE_HOME: join(tmp, 'xdg') }, xdg.enable);
  assert.deepEqual(xdg.dirs, [join(tmp, 'xdg', 'lede', 'code')]);
});

test('no cache on a Node without one (Node 20), nor when turned off', () => {
  assert.equal(startCodeCache({ LEDE_CACHE_DIR: join(tmp, 'two') }, undefined), null);
  const off = recorder();
  assert.equal(startCodeCache({ LEDE_CACHE_DIR: join(tmp, 'two'), LEDE_CODE_CACHE: 'off' }, off.enable), null);
  assert.deepEqual(off.dirs, []);
});

test('a cache that cannot be used is no reason not to start: lede compiles as before', () => {
  // The cache directory's place holds a file.
  const blocked = join(tmp, 'blocked');
  writeFileSync(blocked, 'not a directory');
  const never = recorder();
  assert.equal(startCodeCache({ LEDE_CACHE_DIR: blocked }, never.enable), null);
  assert.deepEqual(never.dirs, [], 'Node is not pointed at a path lede could not make its own');
  // Node says it failed, or throws.
  assert.equal(startCodeCache({ LEDE_CACHE_DIR: join(tmp, 'three') }, recorder(0).enable), null);
  assert.equal(
    startCodeCache({ LEDE_CACHE_DIR: join(tmp, 'four') }, () => {
      throw new Error('EACCES');
    }),
    null,
  );
  // Already on (NODE_COMPILE_CACHE set by the user) counts as in use.
  assert.equal(startCodeCache({ LEDE_CACHE_DIR: join(tmp, 'five') }, recorder(2).enable), join(tmp, 'five', 'code'));
});
