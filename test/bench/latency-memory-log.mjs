// Preloaded into lede by `latency --memory-log FILE` (node --import): where the process's memory
// is, every SAMPLE_MS, appended to FILE as a JSON line: RSS (the whole process, workers
// included) beside the main thread's heap, its external memory and array buffers. What RSS holds
// beyond them is the workers' heaps and native memory: what a reading says no snapshot is needed for.
import { appendFileSync, readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

const SAMPLE_MS = 1000;
const file = process.env.LEDE_BENCH_MEMORY_FILE;
const mb = (bytes) => Math.round(bytes / 1048576);

/** Threads of this process, from /proc (the main one, libuv's pool, the workers). */
function threads() {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

if (file) {
  const started = performance.now();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    const heap = getHeapStatistics();
    const sample = {
      s: Math.round((performance.now() - started) / 100) / 10,
      rss: mb(m.rss),
      heapUsed: mb(m.heapUsed),
      heapTotal: mb(m.heapTotal),
      external: mb(m.external),
      arrayBuffers: mb(m.arrayBuffers),
      mallocedPeak: mb(heap.peak_malloced_memory),
      threads: threads(),
    };
    appendFileSync(file, `${JSON.stringify(sample)}\n`);
  }, SAMPLE_MS);
  timer.unref();
}
