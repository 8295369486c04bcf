// What the first frame waits for: the built CLI in a real pseudo-terminal, watched by a preload
// that counts, until the list's first title is written, the start-up work lede once did before it
// and no longer needs there (each cost milliseconds of CPU, most tens: see test/tools/startup-patches.mjs
// and source/core/count-format.ts). The list is drawn all the same.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedPrefixes } from './fixtures';
import { cliPath, startProgram, withOwnState } from './terminal';

/** Counts each kind of work from the start until the write that holds the first title; then writes the counts out. */
const WATCH = `
import { writeFileSync } from 'node:fs';
const seen = { numberFormats: 0, collators: 0, segmenters: 0, localeCompares: 0, toLocaleStrings: 0, fetches: 0, emojiRegexps: 0, atobs: 0 };
let open = true;
const count = (name) => { if (open) seen[name]++; };
for (const [name, key] of [['NumberFormat', 'numberFormats'], ['Collator', 'collators'], ['Segmenter', 'segmenters']]) {
  const Original = Intl[name];
  Intl[name] = new Proxy(Original, { construct(target, args) { count(key); return new target(...args); }, apply(target, self, args) { count(key); return target(...args); } });
}
const localeCompare = String.prototype.localeCompare;
String.prototype.localeCompare = function (...args) { count('localeCompares'); return localeCompare.apply(this, args); };
const toLocaleString = Number.prototype.toLocaleString;
Number.prototype.toLocaleString = function (...args) { count('toLocaleStrings'); return toLocaleString.apply(this, args); };
const atob = globalThis.atob;
globalThis.atob = (text) => { count('atobs'); return atob(text); };
globalThis.fetch = () => { count('fetches'); return Promise.reject(new Error('no fetch before the first frame')); };
globalThis.RegExp = new Proxy(RegExp, { construct(target, args) { if (String(args[0]).includes('RGI_Emoji}')) count('emojiRegexps'); return new target(...args); } });
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (open && String(chunk).includes(${JSON.stringify(seedPrefixes[0])})) {
    open = false;
    seen.assertLoaded = process.moduleLoadList.includes('NativeModule assert');
    writeFileSync(process.env.LEDE_TEST_SEEN, JSON.stringify(seen));
  }
  return write(chunk, ...rest);
};
`;

test('the first frame builds no number format, collator, grapheme segmenter or emoji regex, fetches nothing, decodes no base64 with atob and loads no node:assert', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-first-frame-'));
  const seenFile = join(dir, 'seen.json');
  const t = startProgram(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(WATCH)}`, cliPath], {
    cols: 100,
    rows: 30,
    env: withOwnState({ LEDE_TEST_SEEN: seenFile, FORCE_COLOR: '1' }),
  });
  try {
    await t.waitFor((s) => s.includes('2 articles') && seedPrefixes.every((p) => s.includes(p)));
    // Widths on the list are as before: the "·" and "›" the fast paths count by length.
    assert.ok(t.screen().some((line) => /N› How the .+ 604 words · 3 min/.test(line)), t.screenText());
    await t.press('q');
    await t.exited();
    const seen = JSON.parse(readFileSync(seenFile, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(seen, { numberFormats: 0, collators: 0, segmenters: 0, localeCompares: 0, toLocaleStrings: 0, fetches: 0, emojiRegexps: 0, atobs: 0, assertLoaded: false });
  } finally {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
