import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, openSync, symlinkSync, unlinkSync } from 'node:fs';

/**
 * What a hostile user or a broken disk can put where one of lede's own files (a cache) was: each
 * must be read as a miss without blocking, following the link or reading the file, and said in
 * the one line `said` matches. [name, tamper, said] for `test(name, …)`.
 */
export function specialFileTampers(maxBytes: number): [string, (file: string) => void, RegExp][] {
  return [
    [
      'a FIFO where the file was (never opened for a blocking read)',
      (file) => {
        unlinkSync(file);
        assert.equal(spawnSync('mkfifo', [file]).status, 0);
      },
      /not a regular file/,
    ],
    [
      'a link to /dev/zero',
      (file) => {
        unlinkSync(file);
        symlinkSync('/dev/zero', file);
      },
      /not a regular file/,
    ],
    [
      'a file past the size cap (never read)',
      (file) => {
        const fd = openSync(file, 'w');
        ftruncateSync(fd, maxBytes + 1);
        closeSync(fd);
      },
      /too big/,
    ],
  ];
}
