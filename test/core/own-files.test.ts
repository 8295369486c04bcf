// lede's own files are read, created and written as if someone hostile had been there first:
// no FIFO, device or link is read, no read passes its cap, directory creation always ends, and
// a failed write never leaves a temporary file behind.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  ensureOwnDirectory,
  MAX_DIRECTORY_DEPTH,
  ownDirectory,
  readOwnFile,
  readOwnJson,
  writeOwnFileAtomic,
  writeOwnFileAtomicInSteps,
} from '../../source/core/own-files.js';
import { faultyFs } from '../helpers/faulty-fs.js';

const root = mkdtempSync(join(tmpdir(), 'lede-own-files-'));
after(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;
const freshDir = (): string => {
  const dir = join(root, String(serial++));
  mkdirSync(dir);
  return dir;
};
const mkfifo = (path: string) => assert.equal(spawnSync('mkfifo', [path]).status, 0, 'mkfifo');
/** Files in `dir` a failed write could have left behind. */
const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('where lede keeps its files', () => {
  const home = homedir();
  test('each kind: the LEDE_ override, else the XDG variable + /lede, else the XDG default under home', () => {
    const cases = [
      ['cache', 'LEDE_CACHE_DIR', 'XDG_CACHE_HOME', ['.cache']],
      ['config', 'LEDE_CONFIG_DIR', 'XDG_CONFIG_HOME', ['.config']],
      ['state', 'LEDE_STATE_DIR', 'XDG_STATE_HOME', ['.local', 'state']],
    ] as const;
    for (const [kind, override, xdg, fallback] of cases) {
      assert.equal(ownDirectory(kind, { [override]: '/o/p', [xdg]: '/x' }), '/o/p', kind);
      assert.equal(ownDirectory(kind, { [xdg]: '/x' }), '/x/lede', kind);
      assert.equal(ownDirectory(kind, {}), join(home, ...fallback, 'lede'), kind);
      // Empty means unset; a relative XDG path is invalid (XDG Base Directory spec) and ignored.
      assert.equal(ownDirectory(kind, { [override]: '', [xdg]: '' }), join(home, ...fallback, 'lede'), kind);
      assert.equal(ownDirectory(kind, { [xdg]: 'relative/dir' }), join(home, ...fallback, 'lede'), kind);
      // An override is taken as given, made absolute so a later chdir cannot move it.
      assert.equal(ownDirectory(kind, { [override]: 'rel' }), join(process.cwd(), 'rel'), kind);
    }
  });
});

describe('readOwnFile', () => {
  test('a regular file: its text', () => {
    const file = join(freshDir(), 'f.json');
    writeFileSync(file, '{"a":"é"}');
    assert.deepEqual(readOwnFile(file, 100), { ok: true, text: '{"a":"é"}' });
    assert.deepEqual(readOwnJson(file, 100), { a: 'é' });
  });

  test('missing, a directory, invalid UTF-8 and invalid JSON are refused', () => {
    const dir = freshDir();
    assert.deepEqual(readOwnFile(join(dir, 'none'), 100), { ok: false, reason: 'missing', code: 'ENOENT' });
    assert.equal(readOwnFile(join(dir, 'none', 'below'), 100).ok, false);
    assert.deepEqual(readOwnFile(dir, 100), { ok: false, reason: 'not a regular file' });
    writeFileSync(join(dir, 'latin1'), Buffer.from([0x7b, 0xe9, 0x7d]));
    assert.deepEqual(readOwnFile(join(dir, 'latin1'), 100), { ok: false, reason: 'not UTF-8' });
    writeFileSync(join(dir, 'broken.json'), '{"a":');
    assert.equal(readOwnJson(join(dir, 'broken.json'), 100), undefined);
  });

  test('a FIFO is refused at once, without a byte read, whether or not anything writes to it', { timeout: 20_000 }, () => {
    const fifo = join(freshDir(), 'entry.json');
    mkfifo(fifo);
    const seam = faultyFs();
    assert.deepEqual(readOwnFile(fifo, 100, seam.fs), { ok: false, reason: 'not a regular file' });
    assert.equal(seam.calls.readSync, 0);
    assert.equal(seam.calls.closeSync, 1, 'the descriptor is closed');
  });

  test('a symbolic link is refused, whatever it points to: /dev/zero, a device, a regular file', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'real.json'), '[]');
    for (const [name, target] of [['zero', '/dev/zero'], ['tty', '/dev/tty'], ['file', join(dir, 'real.json')]] as const) {
      symlinkSync(target, join(dir, name));
      const seam = faultyFs();
      assert.deepEqual(readOwnFile(join(dir, name), 1 << 20, seam.fs), { ok: false, reason: 'not a regular file', code: 'ELOOP' }, name);
      assert.equal(seam.calls.readSync, 0, name);
    }
  });

  test('a device opened directly is refused before it is read', () => {
    const seam = faultyFs();
    assert.deepEqual(readOwnFile('/dev/zero', 1 << 20, seam.fs), { ok: false, reason: 'not a regular file' });
    assert.equal(seam.bytesRead, 0);
  });

  test('a file over the cap is refused unread; one at the cap is read whole; never more than cap + 1 bytes are read', () => {
    const dir = freshDir();
    const cap = 1000;
    writeFileSync(join(dir, 'big'), 'x'.repeat(cap + 1));
    writeFileSync(join(dir, 'exact'), 'y'.repeat(cap));
    const big = faultyFs();
    assert.deepEqual(readOwnFile(join(dir, 'big'), cap, big.fs), { ok: false, reason: 'too big' });
    assert.equal(big.bytesRead, 0);
    const exact = faultyFs();
    assert.deepEqual(readOwnFile(join(dir, 'exact'), cap, exact.fs), { ok: true, text: 'y'.repeat(cap) });
    assert.equal(exact.bytesRead, cap);
    // A file that grows after fstat (appended to meanwhile): one byte past its size, then refused.
    writeFileSync(join(dir, 'growing'), 'z'.repeat(cap * 4));
    const growing = faultyFs();
    const lying = { ...growing.fs, fstatSync: () => Object.assign(statSync(join(dir, 'growing')), { size: 10 }) } as unknown as typeof growing.fs;
    assert.deepEqual(readOwnFile(join(dir, 'growing'), cap, lying), { ok: false, reason: 'changed while read' });
    assert.equal(growing.bytesRead, 11);
  });
});

describe('ensureOwnDirectory', () => {
  test('creates every missing component, mode 0700, and says nothing', () => {
    const dir = join(freshDir(), 'a', 'b', 'c');
    assert.equal(ensureOwnDirectory(dir), null);
    for (const p of [join(dir, '..', '..'), join(dir, '..'), dir]) assert.equal(statSync(p).mode & 0o777, 0o700, p);
    assert.equal(ensureOwnDirectory(dir), null, 'an existing directory is fine');
  });

  test('/proc/x cannot be created: one mkdir, one line, and it ends', { timeout: 20_000 }, () => {
    const seam = faultyFs();
    assert.equal(ensureOwnDirectory('/proc/x/entities', seam.fs), 'cannot create /proc/x (ENOENT)');
    assert.equal(seam.calls.mkdirSync, 1);
  });

  test('a mkdir that keeps failing with ENOENT under an existing parent is tried once per component', () => {
    const base = freshDir();
    const seam = faultyFs({ fail: { mkdirSync: 'ENOENT' } });
    assert.equal(ensureOwnDirectory(join(base, 'x', 'y'), seam.fs), `cannot create ${join(base, 'x')} (ENOENT)`);
    assert.equal(seam.calls.mkdirSync, 1);
  });

  test('a component that is a file, or a dangling link, is reported, not looped on', () => {
    const base = freshDir();
    writeFileSync(join(base, 'file'), 'x');
    assert.equal(ensureOwnDirectory(join(base, 'file', 'sub')), `cannot create ${join(base, 'file', 'sub')} (${join(base, 'file')} is not a directory)`);
    symlinkSync(join(base, 'nowhere'), join(base, 'dangling'));
    assert.equal(ensureOwnDirectory(join(base, 'dangling', 'sub')), `cannot create ${join(base, 'dangling')} (EEXIST)`);
  });

  test('a path deeper than the bound is refused after a bounded number of steps', () => {
    const seam = faultyFs();
    const deep = join(freshDir(), ...Array.from({ length: MAX_DIRECTORY_DEPTH + 10 }, () => 'd'));
    assert.match(ensureOwnDirectory(deep, seam.fs) ?? '', /over 256 levels deep/);
    assert.ok(seam.calls.statSync <= MAX_DIRECTORY_DEPTH + 1, `${seam.calls.statSync} stats`);
    assert.equal(seam.calls.mkdirSync, 0);
  });

  test('a directory that exists but cannot be written is reported', () => {
    const seam = faultyFs({ fail: { accessSync: 'EACCES' } });
    const dir = freshDir();
    assert.equal(ensureOwnDirectory(dir, seam.fs), `cannot write to ${dir} (EACCES)`);
  });

  test('another process creating a component meanwhile is not an error', () => {
    const base = freshDir();
    const seam = faultyFs({ fail: { mkdirSync: (_n, [path]) => (mkdirSync(path as string), 'EEXIST') } });
    assert.equal(ensureOwnDirectory(join(base, 'raced'), seam.fs), null);
  });

  test('control characters in a path never reach the message raw', () => {
    const message = ensureOwnDirectory('/proc/x\x1b]0;PWNED\x07') ?? '';
    assert.match(message, /^cannot create \/proc\/x/);
    assert.doesNotMatch(message, /[\x00-\x1f\x7f-\x9f]/);
  });
});

describe('writeOwnFileAtomic', () => {
  test('writes the file, mode 0600, and leaves no temporary file', () => {
    const dir = freshDir();
    const file = join(dir, 'state.json');
    writeOwnFileAtomic(file, '{"v":1}');
    writeOwnFileAtomic(file, '{"v":2}');
    assert.equal(readFileSync(file, 'utf8'), '{"v":2}');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['state.json']);
  });

  test('in steps: the old file stays until the last step; steps left unfinished leave it and no temporary file', () => {
    const dir = freshDir();
    const file = join(dir, 'index');
    writeOwnFileAtomic(file, 'old');
    const pieces = function* (out: { write(data: string): void }) {
      out.write('new ');
      yield;
      out.write('file');
    };
    const steps = writeOwnFileAtomicInSteps(file, pieces);
    steps.next();
    assert.equal(readFileSync(file, 'utf8'), 'old', 'halfway');
    steps.next();
    assert.equal(readFileSync(file, 'utf8'), 'new file');
    const abandoned = writeOwnFileAtomicInSteps(file, pieces);
    abandoned.next();
    abandoned.return(undefined);
    assert.equal(readFileSync(file, 'utf8'), 'new file');
    assert.deepEqual(leftovers(dir), []);
  });

  test('replaces a link or a FIFO at the path itself, never what a link points to', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'victim'), 'untouched');
    symlinkSync(join(dir, 'victim'), join(dir, 'link.json'));
    writeOwnFileAtomic(join(dir, 'link.json'), 'new');
    assert.equal(readFileSync(join(dir, 'victim'), 'utf8'), 'untouched');
    assert.ok(lstatSync(join(dir, 'link.json')).isFile());
    mkfifo(join(dir, 'fifo.json'));
    writeOwnFileAtomic(join(dir, 'fifo.json'), 'new');
    assert.equal(readFileSync(join(dir, 'fifo.json'), 'utf8'), 'new');
  });

  test('a disk that fills part way through: ENOSPC thrown, the old file intact, no temporary file', () => {
    const dir = freshDir();
    const file = join(dir, 'entry.json');
    writeFileSync(file, 'old');
    const seam = faultyFs({ diskBytes: 100 });
    assert.throws(() => writeOwnFileAtomic(file, 'n'.repeat(5000), { fs: seam.fs }), { code: 'ENOSPC' });
    assert.equal(seam.calls.writeSync, 2, 'a short write, then ENOSPC');
    assert.equal(readFileSync(file, 'utf8'), 'old');
    assert.deepEqual(leftovers(dir), []);
  });

  test('streamed: pieces of every size gathered in order, and a length patched in front at the end', () => {
    const file = join(freshDir(), 'streamed.bin');
    const big = Buffer.alloc(300 * 1024, 7);
    writeOwnFileAtomic(file, (out) => {
      out.write(Buffer.alloc(4));
      out.write('héllo');
      out.write(big);
      for (let i = 0; i < 1000; i++) out.write(`${i},`);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(out.written);
      out.writeAt(length, 0);
    });
    const bytes = readFileSync(file);
    const tail = Array.from({ length: 1000 }, (_, i) => `${i},`).join('');
    assert.equal(bytes.readUInt32LE(0), bytes.length);
    assert.ok(bytes.subarray(4).equals(Buffer.concat([Buffer.from('héllo'), big, Buffer.from(tail)])));
  });

  test('streamed: a throw part way through leaves the old file and no temporary file', () => {
    const dir = freshDir();
    const file = join(dir, 'streamed.bin');
    writeFileSync(file, 'old');
    assert.throws(() =>
      writeOwnFileAtomic(file, (out) => {
        out.write(Buffer.alloc(400 * 1024));
        throw new Error('made up');
      }),
    /made up/);
    assert.equal(readFileSync(file, 'utf8'), 'old');
    assert.deepEqual(leftovers(dir), []);
  });

  test('durable: the file is synced before it is renamed into place', () => {
    const seam = faultyFs();
    writeOwnFileAtomic(join(freshDir(), 'corrections.json'), '[]', { durable: true, fs: seam.fs });
    assert.ok(seam.calls.fsyncSync >= 1);
  });

  test('property: whichever step fails, the path holds the old or the new content and no temporary file is left', () => {
    const steps = ['openSync', 'writeSync', 'fsyncSync', 'closeSync', 'renameSync'] as const;
    fc.assert(
      fc.property(
        fc.string({ maxLength: 3000 }),
        fc.option(fc.constantFrom(...steps), { nil: undefined }),
        fc.option(fc.nat(4000), { nil: undefined }),
        (content, failing, diskBytes) => {
          const dir = freshDir();
          const file = join(dir, 'f.json');
          writeFileSync(file, 'old');
          const seam = faultyFs({ ...(diskBytes === undefined ? {} : { diskBytes }), fail: failing ? { [failing]: 'EIO' } : {} });
          let threw = false;
          try {
            writeOwnFileAtomic(file, content, { durable: true, fs: seam.fs });
          } catch {
            threw = true;
          }
          const now = readFileSync(file, 'utf8');
          assert.equal(now, threw ? 'old' : content);
          assert.deepEqual(leftovers(dir), []);
          assert.deepEqual(readdirSync(dir), ['f.json']);
        },
      ),
      { numRuns: 150 },
    );
  });
});
