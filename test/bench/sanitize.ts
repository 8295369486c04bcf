/**
 * The sanitiser's speed on a few MB of text, as JSON (`npm run bench -- sanitize [--corpus FILE.jsonl]`):
 * ordinary news (ASCII), the same with curly quotes, dashes and Latin-1 accents (the two that must
 * stay on the fast path), and a multilingual mix that takes the slow path (CJK, Devanagari, Thai,
 * Arabic, emoji sequences, combining marks). Each body is sanitised on its own, as loading does.
 * Without --corpus the news is generated, so the figures can be reproduced without the data set.
 * `--baseline PATH` also times another sanitize.ts (e.g. main's), runs interleaved with this one's,
 * so that a before/after comparison on a shared, busy machine compares like with like.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sanitizeForTerminal } from '../../source/core/sanitize.js';
import { arg, percentile, round } from './stats.js';

const TARGET_BYTES = 4 * 1024 * 1024;

function newsBodies(corpus: string | undefined): { bodies: string[]; source: string } {
  const bodies: string[] = [];
  let size = 0;
  if (corpus && existsSync(corpus)) {
    for (const line of readFileSync(corpus, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const text = (JSON.parse(line) as { text?: string }).text ?? '';
      bodies.push(text);
      size += text.length;
      if (size >= TARGET_BYTES) break;
    }
    return { bodies, source: corpus };
  }
  const words = 'the minister said on tuesday that talks with officials in geneva would resume next week after'.split(' ');
  for (let n = 0; size < TARGET_BYTES; n++) {
    const sentence = Array.from({ length: 400 }, (_, i) => words[(i * 7 + n) % words.length]).join(' ');
    const body = `${sentence}.\n\n${sentence}, 12.5 pct.`;
    bodies.push(body);
    size += body.length;
  }
  return { bodies, source: 'generated' };
}

/** Curly quotes, apostrophes, dashes, ellipses and Latin-1 accents, as edited news has them. */
function typographic(body: string): string {
  let quotes = 0;
  return body
    .replace(/"/g, () => (quotes++ % 2 === 0 ? '\u201c' : '\u201d'))
    .replace(/'/g, '\u2019')
    .replace(/ - /g, ' \u2014 ')
    .replace(/\.\.\./g, '\u2026')
    .replace(/e([rs]) /g, '\u00e9$1 ')
    .replace(/u([nr])/g, '\u00fc$1');
}

const MIXED_PIECES = [
  '東京都は、新しい計画を発表した。',
  'प्रधानमंत्री ने कहा कि क्षेत्र में ',
  'นายกรัฐมนตรีกล่าวว่า น้ำท่วม ',
  'قال الرئيس إن المحادثات ',
  'The café’s owner — José Ñúñez — said ',
  'e\u0301t\u0301e\u0301 ',
  '👩\u200d💻 🇺🇸 👍🏽 ❤️ 1️⃣ ',
  '한국어 텍스트 ',
  'soft\u00adhyphen zero\u200bwidth ',
];

function mixedBodies(count: number): string[] {
  return Array.from({ length: count }, (_, n) =>
    Array.from({ length: 120 }, (_, i) => MIXED_PIECES[(i + n) % MIXED_PIECES.length]).join(''),
  );
}

type Sanitize = (s: string) => string;

/** Median time of each implementation over `runs` interleaved runs, in M chars per second. */
function time(bodies: string[], runs: number, impls: [string, Sanitize][]): Record<string, unknown> {
  const chars = bodies.reduce((sum, b) => sum + b.length, 0);
  const times = impls.map(() => [] as number[]);
  const changed = impls.map(() => 0);
  for (let run = -2; run < runs; run++) {
    impls.forEach(([, sanitize], k) => {
      const start = process.hrtime.bigint();
      let n = 0;
      for (const body of bodies) if (sanitize(body) !== body) n++;
      // The first two runs warm up (they compile the regular expressions and the code).
      if (run >= 0) (times[k] as number[]).push(Number(process.hrtime.bigint() - start) / 1e6);
      changed[k] = n;
    });
  }
  const report: Record<string, unknown> = { bodies: bodies.length, mchars: round(chars / 1e6, 2) };
  impls.forEach(([name], k) => {
    const ms = percentile(times[k] as number[], 50);
    report[name] = { mchars_per_s: round(chars / 1e6 / (ms / 1000), 1), ms_p50: round(ms), changed: changed[k] };
  });
  return report;
}

export async function benchSanitize(argv: string[]): Promise<Record<string, unknown>> {
  const runs = Number(arg(argv, '--runs') ?? 15);
  const { bodies, source } = newsBodies(arg(argv, '--corpus'));
  const impls: [string, Sanitize][] = [['current', (s) => sanitizeForTerminal(s)]];
  const baseline = arg(argv, '--baseline');
  if (baseline) {
    const mod = (await import(pathToFileURL(resolve(baseline)).href)) as { sanitizeForTerminal: Sanitize };
    impls.push(['baseline', (s) => mod.sanitizeForTerminal(s)]);
  }
  const quoted = bodies.map(typographic);
  const mixed = mixedBodies(Math.max(1, Math.round(bodies.length / 4)));
  return {
    source,
    runs,
    baseline: baseline ?? null,
    ascii: time(bodies, runs, impls),
    latin1_quotes: time(quoted, runs, impls),
    multilingual: time(mixed, runs, impls),
  };
}
