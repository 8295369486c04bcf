// The latency bench's pure parts: reading counters, choosing queries, summarising keys, and
// attributing profile samples to phases and bundled modules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queriesFromTitles, withTypo } from './latency.js';
import { breakdown, type CpuProfile, moduleAt, moduleGroup, moduleMarks, phaseOf } from './latency-profile.js';
import { parseCounter } from './latency-screens.js';
import { summarizeTyping } from './latency-summary.js';
import { keyGaps, type KeySample, showsPrefix } from './latency-typing.js';

test('the counter: matched, total, and the ellipsis of a result still pending', () => {
  assert.deepEqual(parseCounter('143 of 2,000 articles match · indexing 65%'), { matched: 143, total: 2000, pending: false });
  assert.deepEqual(parseCounter('0 of 19,043 articles match… · finding entities 3%'), { matched: 0, total: 19043, pending: true });
  assert.deepEqual(parseCounter('1 of 2 articles matches (with typos)…'), { matched: 1, total: 2, pending: true });
  assert.equal(parseCounter('2,000 articles · indexing 4%'), null);
});

test('a key is echoed when the prompt shows the query up to it, or further', () => {
  assert.equal(showsPrefix('neta', 'netanyahu', 4), true);
  assert.equal(showsPrefix('netan', 'netanyahu', 4), true);
  assert.equal(showsPrefix('net', 'netanyahu', 4), false);
  assert.equal(showsPrefix('netx', 'netanyahu', 4), false);
  assert.equal(showsPrefix(null, 'netanyahu', 1), false);
});

test('key gaps: a person 60–100 ms, the same for a seed; a burst 10 ms', () => {
  const person = keyGaps('person', 200, 7);
  assert.ok(person.every((g) => g >= 60 && g <= 100));
  assert.ok(new Set(person).size > 20);
  assert.deepEqual(keyGaps('person', 200, 7), person);
  assert.deepEqual(keyGaps('burst', 3, 7), [10, 10, 10]);
});

test('queries from titles: frequent long words, a pair, and a typo of the first', () => {
  const titles = ['Cocoa Prices Rise', 'Cocoa Exports Fall', 'Cocoa Prices Steady', 'Bank Rates Steady', 'Bank Prices'];
  assert.deepEqual(queriesFromTitles(titles), ['cocoa', 'prices', 'steady exports', 'cocao']);
  assert.equal(withTypo('netanyahu'), 'netanyauh');
  assert.equal(withTypo('between'), 'betwene');
  assert.deepEqual(queriesFromTitles(['a b c']), ['news']);
});

const sample = (over: Partial<KeySample>): KeySample => ({
  query: 'q',
  index: 1,
  gapMs: 80,
  echoMs: 10,
  settleMs: 40,
  coalesced: false,
  settleUnknown: false,
  bytes: 100,
  frames: 1,
  writtenAt: 0,
  ...over,
});

test('a typing summary counts coalesced, missed and unknown keys apart from the timed ones', () => {
  const summary = summarizeTyping([
    sample({ echoMs: 5, settleMs: 30, state: 'pass done' }),
    sample({ echoMs: 7, settleMs: 60, coalesced: true, state: 'pass done' }),
    sample({ echoMs: 9, settleMs: null, settleUnknown: true, state: 'pass running' }),
    sample({ echoMs: null, settleMs: null, state: 'pass running' }),
  ]);
  assert.deepEqual(summary.echo_ms, { n: 3, p50: 7, p95: 9, max: 9 });
  assert.deepEqual(summary.settle_ms, { n: 2, p50: 30, p95: 60, max: 60 });
  assert.equal(summary.coalesced, 1);
  assert.equal(summary.missed_echo, 1);
  assert.equal(summary.missed_settle, 1);
  assert.equal(summary.settle_unknown, 1);
  assert.deepEqual(summary.states, { 'pass done': 2, 'pass running': 2 });
});

test('a bundled line maps to the module esbuild marked above it', () => {
  const bundle = ['import x from "y";', '// node_modules/ink/build/ink.js', 'var a = 1;', '', '// source/core/search/query.ts', 'var b;'].join('\n');
  const marks = moduleMarks(bundle);
  assert.deepEqual(marks, [
    [1, 'node_modules/ink/build/ink.js'],
    [4, 'source/core/search/query.ts'],
  ]);
  assert.equal(moduleAt(marks, 0), '(bundle prelude)');
  assert.equal(moduleAt(marks, 3), 'node_modules/ink/build/ink.js');
  assert.equal(moduleAt(marks, 5), 'source/core/search/query.ts');
  assert.equal(moduleGroup('node_modules/@xterm/headless/lib/x.js'), '@xterm/headless');
  assert.equal(moduleGroup('node_modules/react-reconciler/cjs/r.js'), 'react-reconciler');
  assert.equal(moduleGroup('source/core/search/query.ts'), 'source/core/search');
  assert.equal(moduleGroup('source/views/list-view.tsx'), 'source/views');
});

test('a sample is in the phase of the first rule its stack meets: search before rendering', () => {
  const f = (module: string, functionName = 'f') => ({ module, functionName });
  assert.equal(phaseOf([f('node_modules/react-reconciler/x.js'), f('source/core/search/rank.ts')], 'rank'), 'search');
  assert.equal(phaseOf([f('node_modules/react-reconciler/x.js'), f('node_modules/ink/build/ink.js', 'onRender')], 'x'), 'ink output (frame to string, write)');
  assert.equal(phaseOf([f('node_modules/react-reconciler/x.js'), f('source/views/list-view.tsx')], 'x'), 'react render + commit (views)');
  assert.equal(phaseOf([f('node_modules/react-reconciler/x.js'), f('source/core/search/hits.ts'), f('source/core/search/fold.ts')], 'x'), 'snippets + highlights (rows drawn)');
  assert.equal(phaseOf([], '(garbage collector)'), 'gc');
  assert.equal(phaseOf([], '(idle)'), 'idle');
});

test('a profile is cut to the key windows and each sample weighed by the time to the next', () => {
  // Root → search (id 2) and root → idle (id 3); samples every 1 ms from t = 1,000 µs.
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: 0 }, children: [2, 3] },
      { id: 2, callFrame: { functionName: 'rank', url: 'x', lineNumber: 0 } },
      { id: 3, callFrame: { functionName: '(idle)', url: '', lineNumber: 0 } },
    ],
    startTime: 0,
    endTime: 10_000,
    samples: [2, 2, 3, 3, 2, 2, 2, 3, 3, 3],
    timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
  };
  const resolve = (frame: { functionName: string; url: string }) => ({
    module: frame.url === 'x' ? 'source/core/search/rank.ts' : frame.functionName,
    functionName: frame.functionName,
  });
  // The window [2 ms, 7 ms) holds samples at 2, 3, 4, 5, 6 ms: search, idle, idle, search, search.
  const result = breakdown(profile, [{ from: 2, to: 7, keys: 3 }], 0, resolve);
  assert.equal(result.keys, 3);
  assert.deepEqual(result.per_key_ms, { search: 1, idle: 0.67 });
  assert.equal(result.busy_per_key_ms, 1);
  assert.deepEqual(result.top_functions, [{ name: 'rank', module: 'source/core/search', ms: 3 }]);
  // search at 5 and 6 ms, between the idle samples and the window's end: 2 ms without a turn.
  assert.deepEqual(result.longest_busy, { ms: 2, phase: 'search' });
});
