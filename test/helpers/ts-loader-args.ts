// The Node arguments that run TypeScript the way the suite does (test/tools/ts-loader.mjs), for a
// test that starts a child process on the sources.
export const TS_LOADER_ARGS: readonly string[] = ['--import', new URL('../tools/ts-loader.mjs', import.meta.url).href];
