/**
 * The identities (file-identity.ts) of a walked library's files, for the library cache's lookups.
 * At 20,000 files, stat'ing them one by one on the UI thread was ~150 ms of its start (with the
 * BigInt stats the nanosecond times need); a worker (identity-worker.ts) stats them all while
 * the UI thread reads and checks the cache file, and hands them over in one message. A small
 * library, or a worker that cannot start or fails, is stat'ed here, a file at a time, as before.
 *
 * Each identity is taken before the file's bytes are read (when the cache misses it), as the
 * one-by-one lookups took it: a file that changes in between keeps its old identity in the cache,
 * so the next start reads it again, never the other way round.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../start-worker.js';
import { fileIdentity, type FileIdentity } from './file-identity.js';

/** Fewer files than this are stat'ed on the UI thread: a worker's start costs more (~5 µs a file against a few ms). */
export const IDENTITY_WORKER_MIN_FILES = 4096;

/** What the worker posts: each path's identity ('' when it has none) and modification time, in order. */
export interface IdentitiesMessage {
  identities: string[];
  mtimesMs: Float64Array;
}

/** Hang guard: a worker that has said nothing by then is given up, and the files stat'ed here. */
const WORKER_TIMEOUT_MS = 30_000;

export class FileIdentities {
  private fromWorker: IdentitiesMessage | undefined;

  private constructor(
    private readonly paths: readonly string[],
    private readonly pending: Promise<IdentitiesMessage | undefined>,
  ) {}

  /**
   * Starts working out the identities of `paths` (in a worker when there are at least
   * `workerFrom` of them); `of` gives them once `ready` has resolved.
   */
  static start(paths: readonly string[], workerFrom = IDENTITY_WORKER_MIN_FILES): FileIdentities {
    return new FileIdentities(paths, paths.length >= workerFrom ? identitiesInWorker(paths) : Promise.resolve(undefined));
  }

  /** Resolves once the worker has answered or failed (never rejects). */
  async ready(): Promise<void> {
    this.fromWorker = await this.pending;
  }

  /** Whether the identities are the worker's (once ready): else each is looked at when asked for. */
  get fromAWorker(): boolean {
    return this.fromWorker !== undefined;
  }

  /** The identity of the `at`th path: the worker's, else looked at now. */
  of(at: number): FileIdentity | undefined {
    const found = this.fromWorker;
    if (!found) return fileIdentity(this.paths[at]!);
    const identity = found.identities[at];
    return identity ? { identity, mtimeMs: found.mtimesMs[at]! } : undefined;
  }
}

/** The worker's answer for `paths`, or undefined when it could not give one (it then ends). */
async function identitiesInWorker(paths: readonly string[]): Promise<IdentitiesMessage | undefined> {
  let worker: Worker;
  try {
    const { Worker: WorkerClass } = await import('node:worker_threads');
    const url = new URL(import.meta.url.endsWith('.ts') ? './identity-worker.ts' : './identity-worker.js', import.meta.url);
    worker = startWorker(WorkerClass, url, { workerData: { paths } });
  } catch {
    return undefined;
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => settle(undefined), WORKER_TIMEOUT_MS);
    function settle(answer: IdentitiesMessage | undefined) {
      clearTimeout(timer);
      resolve(answer);
      void worker.terminate();
    }
    worker.once('message', (message: IdentitiesMessage) => settle(isAnswerFor(message, paths.length) ? message : undefined));
    worker.once('error', () => settle(undefined));
    worker.once('exit', () => settle(undefined));
  });
}

function isAnswerFor(message: IdentitiesMessage, count: number): boolean {
  return Array.isArray(message?.identities) && message.identities.length === count && message.mtimesMs instanceof Float64Array && message.mtimesMs.length === count;
}
