// The corrections file is the user's work: read as far as it can be, reported in one line when it
// cannot, never overwritten while broken, and replaced atomically and durably on each change.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { type Correction, MAX_CORRECTION_NAME, MAX_CORRECTIONS } from '../../../source/core/entities/corrections.js';
import {
  addCorrection,
  correctionsFileStore,
  correctionsPath,
  formatCorrectionsFile,
  loadCorrections,
  MAX_CORRECTIONS_FILE_BYTES,
  parseCorrectionsFile,
  undoCorrection,
} from '../../../source/core/entities/corrections-file.js';
import { faultyFs } from '../../helpers/faulty-fs.js';

const root = mkdtempSync(join(tmpdir(), 'lede-corrections-'));
after(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;
/** A config directory of its own for each test (not created: lede creates it). */
const freshConfig = () => {
  const dir = join(root, `config-${serial++}`);
  return { dir, file: join(dir, 'corrections.json'), env: { LEDE_CONFIG_DIR: dir } };
};
const oneLine = (s: string | null) => {
  assert.ok(s, 'a problem is reported');
  assert.doesNotMatch(s, /[\n\r]/, `one line: ${JSON.stringify(s)}`);
  return s;
};
const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));
/** The bytes and the inode's change time: a file that was not written keeps both. */
const snapshot = (file: string) => ({ bytes: readFileSync(file), ctime: statSync(file).ctimeMs, ino: statSync(file).ino });

const hide = (name: string): Correction => ({ op: 'hide', name });

describe('where the file is', () => {
  test('corrections.json in the config directory: LEDE_CONFIG_DIR, else XDG_CONFIG_HOME/lede, else ~/.config/lede', () => {
    assert.equal(correctionsPath({ LEDE_CONFIG_DIR: '/o', XDG_CONFIG_HOME: '/x' }), '/o/corrections.json');
    assert.equal(correctionsPath({ XDG_CONFIG_HOME: '/x' }), '/x/lede/corrections.json');
    assert.equal(correctionsPath({}), join(homedir(), '.config', 'lede', 'corrections.json'));
  });
});

describe('reading', () => {
  test('no file: no corrections and nothing to report', () => {
    const { env } = freshConfig();
    const loaded = loadCorrections({ env });
    assert.equal(loaded.set.size, 0);
    assert.equal(loaded.problem, null);
  });

  test('a hand-written file: any spacing, key order and extra keys; names trimmed', () => {
    const config = freshConfig();
    mkdirSync(config.dir);
    writeFileSync(
      config.file,
      `{"corrections":[{"name":" Christmas ","op":"hide","note":"a holiday"},
        {"op":"type","type":"organization","name":"Il Giornale"}],
       "version":1}`,
    );
    const loaded = loadCorrections({ env: config.env });
    assert.equal(loaded.problem, null);
    assert.deepEqual(loaded.set.list, [
      { op: 'hide', name: 'Christmas' },
      { op: 'type', name: 'Il Giornale', type: 'organization' },
    ]);
    assert.equal(loaded.set.verdict(['christmas'])?.hidden, true);
  });

  test('what lede writes reads back as the same corrections (any valid list)', () => {
    const name = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => /^\S(.*\S)?$/u.test(s) && !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s));
    const correction: fc.Arbitrary<Correction> = fc.oneof(
      name.map((n) => ({ op: 'hide' as const, name: n })),
      fc.tuple(name, fc.constantFrom('person' as const, 'place' as const, 'organization' as const)).map(([n, type]) => ({ op: 'type' as const, name: n, type })),
      fc.tuple(name, name).map(([n, to]) => ({ op: 'rename' as const, name: n, to })),
    );
    fc.assert(
      fc.property(fc.array(correction, { maxLength: 20 }), (list) => {
        const text = formatCorrectionsFile(list);
        assert.deepEqual(JSON.parse(text), { version: 1, corrections: list });
        const read = parseCorrectionsFile(text);
        assert.equal(read.fault, null);
        assert.deepEqual(read.list, list);
        // One correction a line, so a person can edit and diff it.
        assert.equal(text.split('\n').filter((line) => line.includes('"op"')).length, list.length);
      }),
    );
  });

  test('a file that is not JSON is reported in one line and ignored', () => {
    const config = freshConfig();
    mkdirSync(config.dir);
    writeFileSync(config.file, '{"version": 1, "corrections": [{"op": "hide", "name": "Christmas"},]}');
    const loaded = loadCorrections({ env: config.env });
    assert.equal(loaded.set.size, 0);
    const problem = oneLine(loaded.problem);
    assert.match(problem, /^corrections ignored: .*corrections\.json is not valid JSON/);
  });

  test('the wrong shape or version is reported and ignored', () => {
    const cases: [string, RegExp][] = [
      ['[]', /is not a corrections file/],
      ['{"version": 1}', /is not a corrections file/],
      ['{"version": 1, "corrections": {}}', /is not a corrections file/],
      ['null', /is not a corrections file/],
      ['{"version": 2, "corrections": []}', /has version 2; this lede reads version 1/],
      ['{"corrections": []}', /has no version/],
    ];
    for (const [text, expected] of cases) {
      const config = freshConfig();
      mkdirSync(config.dir);
      writeFileSync(config.file, text);
      const loaded = loadCorrections({ env: config.env });
      assert.equal(loaded.set.size, 0, text);
      assert.match(oneLine(loaded.problem), expected, text);
    }
  });

  test('a correction that is not one is reported and skipped; the others apply', () => {
    const config = freshConfig();
    mkdirSync(config.dir);
    const corrections = [hide('Christmas'), { op: 'type', name: 'Il Giornale', type: 'newspaper' }, { op: 'merge', name: 'Lib Dems', into: 'Liberal Democrats' }, { op: 'explode', name: 'x' }];
    writeFileSync(config.file, JSON.stringify({ version: 1, corrections }));
    const loaded = loadCorrections({ env: config.env });
    assert.deepEqual(loaded.set.list, [hide('Christmas'), { op: 'merge', name: 'Lib Dems', into: 'Liberal Democrats' }]);
    assert.match(oneLine(loaded.problem), /^some corrections ignored: .* has 2 corrections lede cannot read; the first, #2, "type" must be person, place or organization$/);
  });

  test('a FIFO, a symbolic link, a folder or a file over the cap is refused without hanging', { timeout: 20_000 }, () => {
    const fifo = freshConfig();
    mkdirSync(fifo.dir);
    assert.equal(spawnSync('mkfifo', [fifo.file]).status, 0);
    const link = freshConfig();
    mkdirSync(link.dir);
    symlinkSync('/dev/zero', link.file);
    const folder = freshConfig();
    mkdirSync(folder.file, { recursive: true });
    const big = freshConfig();
    mkdirSync(big.dir);
    writeFileSync(big.file, ' '.repeat(MAX_CORRECTIONS_FILE_BYTES + 1));
    for (const [config, expected] of [
      [fifo, /is not a regular file/],
      [link, /is not a regular file/],
      [folder, /is not a regular file/],
      [big, /is over 2 MiB/],
    ] as const) {
      const seam = faultyFs();
      const loaded = loadCorrections({ env: config.env, fs: seam.fs });
      assert.equal(loaded.set.size, 0);
      assert.match(oneLine(loaded.problem), expected);
      assert.equal(seam.bytesRead, 0, 'not a byte read');
    }
  });
});

describe('changing', () => {
  test('add creates the directory (0700) and the file (0600), one correction after the other', () => {
    const config = freshConfig();
    const first = addCorrection(hide('Christmas'), { env: config.env });
    assert.ok(first.ok, JSON.stringify(first));
    assert.equal(first.changed, true);
    assert.equal(first.path, config.file);
    assert.equal(statSync(config.dir).mode & 0o777, 0o700);
    assert.equal(statSync(config.file).mode & 0o777, 0o600);
    const second = addCorrection({ op: 'merge', name: 'Lib Dems', into: 'Liberal Democrats' }, { env: config.env });
    assert.ok(second.ok);
    assert.deepEqual(second.set.list, [hide('Christmas'), { op: 'merge', name: 'Lib Dems', into: 'Liberal Democrats' }]);
    assert.deepEqual(JSON.parse(readFileSync(config.file, 'utf8')), { version: 1, corrections: second.set.list });
    const reloaded = loadCorrections({ env: config.env });
    assert.equal(reloaded.problem, null);
    assert.deepEqual(reloaded.set.list, second.set.list);
  });

  test('each change reads the file again: a correction added by hand meanwhile is kept', () => {
    const config = freshConfig();
    assert.ok(addCorrection(hide('Christmas'), { env: config.env }).ok);
    writeFileSync(config.file, formatCorrectionsFile([hide('Christmas'), hide('Easter')]));
    const added = addCorrection(hide('Ramadan'), { env: config.env });
    assert.ok(added.ok);
    assert.deepEqual(added.set.list, [hide('Christmas'), hide('Easter'), hide('Ramadan')]);
  });

  test('a correction already in effect changes nothing and writes nothing', () => {
    const config = freshConfig();
    assert.ok(addCorrection({ op: 'type', name: 'Il Giornale', type: 'organization' }, { env: config.env }).ok);
    const before = snapshot(config.file);
    const seam = faultyFs();
    const again = addCorrection({ op: 'type', name: 'il giornale', type: 'organization' }, { env: config.env, fs: seam.fs });
    assert.ok(again.ok);
    assert.equal(again.changed, false);
    assert.equal(seam.calls.renameSync, 0);
    assert.deepEqual(snapshot(config.file), before);
    // A different type is a change: the later one wins.
    const retyped = addCorrection({ op: 'type', name: 'Il Giornale', type: 'place' }, { env: config.env });
    assert.ok(retyped.ok && retyped.changed);
    assert.equal(retyped.set.verdict(['Il Giornale'])?.type, 'place');
  });

  test('undo removes the last correction; with none left it says so', () => {
    const config = freshConfig();
    addCorrection(hide('Christmas'), { env: config.env });
    addCorrection(hide('Easter'), { env: config.env });
    const undone = undoCorrection({ env: config.env });
    assert.ok(undone.ok);
    assert.deepEqual(undone.correction, hide('Easter'));
    assert.deepEqual(loadCorrections({ env: config.env }).set.list, [hide('Christmas')]);
    assert.ok(undoCorrection({ env: config.env }).ok);
    assert.deepEqual(loadCorrections({ env: config.env }).set.list, []);
    const none = undoCorrection({ env: config.env });
    assert.equal(none.ok, false);
    assert.equal(!none.ok && none.problem, 'there is no correction to undo');
    // Nothing to undo in a missing file either, and nothing is created for it.
    const empty = freshConfig();
    assert.equal(undoCorrection({ env: empty.env }).ok, false);
    assert.throws(() => statSync(empty.dir), /ENOENT/);
  });

  test('what is not a correction is refused and nothing is written', () => {
    const config = freshConfig();
    for (const bad of [
      { op: 'hide', name: 'Evil\x1b]0;PWNED\x07' },
      { op: 'hide', name: '   ' },
      { op: 'hide', name: 'x'.repeat(MAX_CORRECTION_NAME + 1) },
      { op: 'merge', name: 'Assad', into: 'assad' },
      { op: 'type', name: 'Assad', type: 'ruler' },
    ]) {
      const result = addCorrection(bad as Correction, { env: config.env });
      assert.equal(result.ok, false, JSON.stringify(bad));
      assert.match(oneLine(!result.ok ? result.problem : null), /^not a correction: /);
    }
    assert.throws(() => statSync(config.dir), /ENOENT/, 'not even the directory was made');
  });
});

describe('a broken file is never overwritten', () => {
  const brokenFiles: [string, string | (() => void)][] = [
    ['not JSON', '{"version": 1, "corrections": [{"op": "hide", "name": "Christmas"}'],
    ['another version', '{"version": 2, "corrections": [{"op": "hide", "name": "Christmas", "until": "2027"}]}'],
    ['a correction lede cannot read', '{"version": 1, "corrections": [{"op": "hide", "name": "Christmas"}, {"op": "hide"}]}'],
  ];
  for (const [what, text] of brokenFiles) {
    test(`${what}: add and undo are refused in one line, the file stays byte for byte`, () => {
      const config = freshConfig();
      mkdirSync(config.dir);
      writeFileSync(config.file, text as string);
      const before = snapshot(config.file);
      for (const result of [addCorrection(hide('Easter'), { env: config.env }), undoCorrection({ env: config.env })]) {
        assert.equal(result.ok, false);
        assert.match(oneLine(!result.ok ? result.problem : null), /^corrections not changed: .*corrections\.json .*; fix it or move it away first$/);
      }
      assert.deepEqual(snapshot(config.file), before);
      assert.deepEqual(leftovers(config.dir), []);
    });
  }

  test('a symbolic link in its place is left alone (and not followed)', () => {
    const config = freshConfig();
    mkdirSync(config.dir);
    const target = join(config.dir, 'elsewhere.json');
    writeFileSync(target, formatCorrectionsFile([hide('Christmas')]));
    symlinkSync(target, config.file);
    const result = addCorrection(hide('Easter'), { env: config.env });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.problem : '', /is not a regular file; fix it/);
    assert.equal(readFileSync(target, 'utf8'), formatCorrectionsFile([hide('Christmas')]));
  });
});

describe('writes are atomic and durable', () => {
  test('the file is synced before the rename', () => {
    const config = freshConfig();
    const seam = faultyFs();
    assert.ok(addCorrection(hide('Christmas'), { env: config.env, fs: seam.fs }).ok);
    // The file, then its directory (so the rename survives a crash too).
    assert.equal(seam.calls.fsyncSync, 2);
    assert.equal(seam.calls.renameSync, 1);
  });

  test('a full disk part way through: the old file intact, no temporary file, one line', () => {
    const config = freshConfig();
    assert.ok(addCorrection(hide('Christmas'), { env: config.env }).ok);
    const before = snapshot(config.file);
    const seam = faultyFs({ diskBytes: 20 });
    const result = addCorrection(hide('Easter'), { env: config.env, fs: seam.fs });
    assert.equal(result.ok, false);
    assert.match(oneLine(!result.ok ? result.problem : null), /^corrections not saved: cannot write .*corrections\.json \(ENOSPC\)$/);
    assert.deepEqual(snapshot(config.file), before);
    assert.deepEqual(leftovers(config.dir), []);
    assert.deepEqual(loadCorrections({ env: config.env }).set.list, [hide('Christmas')]);
  });

  test('a rename refused, a failed fsync, a directory that cannot be made: each one line, nothing changed', () => {
    const config = freshConfig();
    assert.ok(addCorrection(hide('Christmas'), { env: config.env }).ok);
    const before = snapshot(config.file);
    for (const fail of [{ renameSync: 'EXDEV' }, { fsyncSync: 'EIO' }]) {
      const result = addCorrection(hide('Easter'), { env: config.env, fs: faultyFs({ fail }).fs });
      assert.equal(result.ok, false);
      assert.match(oneLine(!result.ok ? result.problem : null), /\((EXDEV|EIO)\)$/);
      assert.deepEqual(snapshot(config.file), before);
      assert.deepEqual(leftovers(config.dir), []);
    }
    const blocked = join(root, `blocked-${serial++}`);
    writeFileSync(blocked, 'a file where a folder should be');
    const result = addCorrection(hide('Easter'), { env: { LEDE_CONFIG_DIR: join(blocked, 'lede') } });
    assert.match(oneLine(!result.ok ? result.problem : null), /^corrections not saved: cannot create .* is not a directory/);
  });
});

describe('bounds', () => {
  test('a change that would make the file bigger than lede reads is refused: lede never writes what it would not read', () => {
    const config = freshConfig();
    mkdirSync(config.dir);
    const long = (i: number) => `${String(i).padStart(6, '0')} ${'é'.repeat(MAX_CORRECTION_NAME - 7)}`;
    const rename = (i: number): Correction => ({ op: 'rename', name: long(i), to: long(i + 1) });
    // Every line is as long: as many as fit under the cap.
    const lineBytes = Buffer.byteLength(formatCorrectionsFile([rename(0), rename(1)])) - Buffer.byteLength(formatCorrectionsFile([rename(0)]));
    const list = Array.from({ length: Math.floor((MAX_CORRECTIONS_FILE_BYTES - 100) / lineBytes) }, (_, i) => rename(i));
    const text = formatCorrectionsFile(list);
    assert.ok(Buffer.byteLength(text) > MAX_CORRECTIONS_FILE_BYTES - lineBytes && Buffer.byteLength(text) <= MAX_CORRECTIONS_FILE_BYTES);
    writeFileSync(config.file, text);
    assert.equal(loadCorrections({ env: config.env }).problem, null, 'the file is under the cap');
    const before = snapshot(config.file);
    const result = addCorrection({ op: 'rename', name: long(-1), to: long(-2) }, { env: config.env });
    assert.match(oneLine(!result.ok ? result.problem : null), /^corrections not saved: the file would be over 2 MiB$/);
    assert.deepEqual(snapshot(config.file), before);
  });

  test(`at most ${MAX_CORRECTIONS} corrections`, () => {
    const config = freshConfig();
    mkdirSync(config.dir);
    const list = Array.from({ length: MAX_CORRECTIONS }, (_, i) => hide(`Holiday ${i}`));
    writeFileSync(config.file, formatCorrectionsFile(list));
    assert.equal(loadCorrections({ env: config.env }).set.size, MAX_CORRECTIONS);
    const result = addCorrection(hide('One more'), { env: config.env });
    assert.match(oneLine(!result.ok ? result.problem : null), /at most 10,000 corrections/);
    writeFileSync(config.file, formatCorrectionsFile([...list, hide('One more')]));
    assert.match(oneLine(loadCorrections({ env: config.env }).problem), /holds over 10,000 corrections/);
  });
});

describe('the store the interactive app uses', () => {
  test('load, add and undo in its shapes, through the file', () => {
    const config = freshConfig();
    const store = correctionsFileStore({ env: config.env });
    assert.deepEqual(store.load().corrections.list, []);
    const added = store.add(hide('Christmas'));
    assert.ok('corrections' in added);
    assert.deepEqual(added.corrections.list, [hide('Christmas')]);
    assert.deepEqual(loadCorrections({ env: config.env }).set.list, [hide('Christmas')], 'in the file');
    // Nothing new: said so, and nothing for U to take back.
    assert.deepEqual(store.add(hide('Christmas')), { problem: 'already so: hide “Christmas”' });
    const undone = store.undo();
    assert.ok('undone' in undone);
    assert.deepEqual(undone.undone, hide('Christmas'));
    assert.deepEqual(store.undo(), { problem: 'there is no correction to undo' });
    writeFileSync(config.file, 'not json');
    assert.match(store.load().problem ?? '', /^corrections ignored: /);
    assert.ok('problem' in store.add(hide('Easter')), 'a broken file is not overwritten');
  });
});
