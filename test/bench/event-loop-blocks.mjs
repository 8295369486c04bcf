// Preloaded into lede by `latency --blocks FILE` (node --import): every turn of the event loop
// that held the main thread past BLOCK_MS, as [end, length] in ms of process.hrtime (the clock of
// a --cpu-prof profile, so latency-blocks.ts can say what ran), written to FILE as lede exits.
// A timer every TICK_MS that comes late by more than BLOCK_MS was held up by a turn that long.
import { writeFileSync } from 'node:fs';

const TICK_MS = 2;
const BLOCK_MS = 16;
const file = process.env.LEDE_BENCH_BLOCKS_FILE;
if (file) {
  const blocks = [];
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  let last = now();
  const timer = setInterval(() => {
    const at = now();
    if (at - last > TICK_MS + BLOCK_MS) blocks.push([Math.round(at * 10) / 10, Math.round((at - last - TICK_MS) * 10) / 10]);
    last = at;
  }, TICK_MS);
  timer.unref();
  process.on('exit', () => writeFileSync(file, JSON.stringify(blocks)));
}
