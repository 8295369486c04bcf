#!/usr/bin/env node
// dist/cli.js: turns on Node's code cache (Node ≥ 22.1; nothing on Node 20) before the rest of
// lede is loaded, so that all of it, the command line's own modules included, can come from it.
import { startCodeCache } from './core/code-cache';

startCodeCache();
await import('./cli');
