// A worker started from source runs TypeScript: the bootstrap loads the loader this test process
// was started with (Node 20 workers do not inherit module hooks), then the worker's own file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { startWorker } from '../../source/core/start-worker.js';

test('a .ts worker runs under the main thread’s --import loader, with its options', async () => {
  const worker = startWorker(Worker, new URL('../fixtures/workers/typed-echo.ts', import.meta.url), { workerData: { n: 21 } });
  const message = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  assert.equal(message, 42);
  await worker.terminate();
});
