/**
 * Worker thread: the identity (file-identity.ts) of each path it is started with, in order, posted
 * back once: what a second start compares with the library cache, worked out off the UI thread
 * while that thread reads and checks the cache. Bundled as its own entry point
 * (dist/identity-worker.js); started by file-identities.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fileIdentity } from './file-identity.js';
import type { IdentitiesMessage } from './file-identities.js';

const paths = (workerData as { paths: string[] }).paths;
const identities: string[] = [];
const mtimesMs = new Float64Array(paths.length);
for (const [at, path] of paths.entries()) {
  const found = fileIdentity(path);
  identities.push(found?.identity ?? '');
  mtimesMs[at] = found?.mtimeMs ?? 0;
}
parentPort?.postMessage({ identities, mtimesMs } satisfies IdentitiesMessage, [mtimesMs.buffer]);
