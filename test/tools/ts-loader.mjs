// `node --import ./test/tools/ts-loader.mjs file.ts`: runs TypeScript through test/tools/ts-hooks.mjs.
// The transpile cache lives under node_modules/.cache (never next to the sources, and gone with `npm ci`).
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

process.setSourceMapsEnabled(true);
const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/lede-ts/', import.meta.url));
register('./ts-hooks.mjs', import.meta.url, { data: { cacheDir } });
