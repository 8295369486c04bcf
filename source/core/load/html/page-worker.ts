/**
 * Worker thread: reads saved web pages with the reader view (read-page.ts), off the thread that
 * draws the screen, so a page that takes seconds keeps neither the progress frame nor Ctrl+C
 * waiting, and one that takes too long can be stopped. Bundled as its own entry point
 * (dist/page-worker.js), started by page-worker-client.ts on the first page of a load.
 */
import { parentPort } from 'node:worker_threads';
import type { FromPageWorker, PageRequest } from './page-worker-client.js';
import { readPage } from './read-page.js';

const post = (message: FromPageWorker) => parentPort?.postMessage(message);

parentPort?.on('message', (request: PageRequest) => {
  try {
    post({ type: 'page', id: request.id, page: readPage(request.markup) });
  } catch (error) {
    post({ type: 'failed', id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
// Loaded (the reader's 800 KB of modules included): from now on a page's time is its own.
post({ type: 'ready' });
