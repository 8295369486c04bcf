/**
 * lede on a library for a while, its memory logged (latency-memory-log.mjs), then quit: where the
 * memory is while the entity pass runs over a large library, which the typing bench ends too soon to see.
 *
 *   node --import tsx test/bench/latency-memory-run.ts DIR CACHE SECONDS LOG [CLI]
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadPty } from './pty.js';
import { TimedTerminal, userTerminalEnv } from './timed-terminal.js';

const [dir, cache, seconds, log, cli = 'dist/cli.js'] = process.argv.slice(2);
if (!dir || !cache || !seconds || !log) throw new Error('usage: latency-memory-run.ts DIR CACHE SECONDS LOG [CLI]');
const pty = await loadPty();
if ('unavailable' in pty) throw new Error(pty.unavailable);
const root = resolve(import.meta.dirname, '../..');
const env = userTerminalEnv({ LEDE_CACHE_DIR: resolve(cache), LEDE_CONFIG_DIR: `${resolve(cache)}-config`, LEDE_STATE_DIR: `${resolve(cache)}-state`, LEDE_BENCH_MEMORY_FILE: resolve(log) });
const preload = pathToFileURL(join(root, 'test/bench/latency-memory-log.mjs')).href;
const term = new TimedTerminal(pty, process.execPath, ['--import', preload, resolve(cli), resolve(dir)], { cols: 120, rows: 40, env });
await sleep(Number(seconds) * 1000);
process.stderr.write(`${term.line(0)}\n${term.line(39)}\n`);
term.write('q');
await term.exited(60_000).catch(() => {});
await term.dispose();
