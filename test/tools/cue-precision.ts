/**
 * How often each context cue (source/core/entities/stages/cues.ts) gives the gold type of the
 * CoNLL-2003 names it fires on: a cue is kept only where it holds for newswire in general.
 * Reads the train split (never validation), prints one line per cue: fired, right, and the gold
 * types it met.
 *
 *   node --import tsx test/tools/cue-precision.ts path/to/train.txt [--json]
 */
import { cueAt } from '../../source/core/entities/stages/cues.js';
import type { Token } from '../../source/core/entities/tokenize.js';
import { readConll, spansOf } from '../core/entities/conll.js';

const TYPE: Record<string, string> = { PER: 'person', LOC: 'place', ORG: 'organization', MISC: 'misc' };
const path = process.argv[2];
if (!path) {
  console.error('usage: cue-precision <train.conll> [--json]');
  process.exit(2);
}
const byCue = new Map<string, Map<string, number>>();
for (const doc of readConll(path)) {
  // The document as one token stream (the cues look at most a few tokens around a name).
  const tokens: Token[] = [];
  const spans: Array<{ type: string; start: number; end: number }> = [];
  for (const s of doc) {
    const offset = tokens.length;
    for (const w of s.words) tokens.push({ text: w, start: 0, end: 0 });
    for (const g of spansOf(s.labels)) spans.push({ type: TYPE[g.type]!, start: offset + g.start, end: offset + g.end });
  }
  for (const g of spans) {
    const cue = cueAt({ tokens }, g.start, g.end);
    if (!cue) continue;
    const key = `${cue[0]} <- ${cue[1]}`;
    let m = byCue.get(key);
    if (!m) byCue.set(key, (m = new Map()));
    m.set(g.type, (m.get(g.type) ?? 0) + 1);
  }
}
const rows = [...byCue].map(([key, m]) => {
  const fired = [...m.values()].reduce((a, b) => a + b, 0);
  const said = key.split(' <- ')[0]!;
  const right = said === 'not-person' ? fired - (m.get('person') ?? 0) : (m.get(said) ?? 0);
  return { cue: key, fired, right, precision: right / fired, gold: Object.fromEntries(m) };
});
rows.sort((a, b) => b.fired - a.fired);
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else for (const r of rows) console.log(`${r.cue.padEnd(44)} ${String(r.fired).padStart(5)}  ${(100 * r.precision).toFixed(1).padStart(5)}%  ${JSON.stringify(r.gold)}`);
