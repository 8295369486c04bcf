/**
 * Extraction speed in CPU time (issue 9: ≥ 100,000 words per CPU-second), reported as JSON:
 *
 *   npm run bench -- extract [--generate 2000] [--conll PATH] [--runs 3] [--no-profile] [--against REF]
 *
 * Two fixed corpora: `--generate N` articles of generated news (generate-corpus.ts, seed 1, read
 * with their titles as the app reads them), and the CoNLL-2003 validation split's text (each
 * sentence a paragraph, as eval-entities.ts builds it; ../shared/data/conll2003/valid.txt by
 * default, skipped when absent). Each is extracted in a fresh process running the code bundled as
 * dist is (extract-probe.ts), warm (after 150,000 words, whose rate is reported too as
 * cold_words_per_cpu_second: a fresh worker's first articles): words, CPU ms per run and their
 * median, words per CPU-second, and the CPU's split by stage from one more pass, profiled. Wall time would count the other
 * developers' jobs on a shared machine; CPU time counts this process's work (its GC and JIT
 * threads included). The load average is printed beside the figures: CPU time still grows a
 * little on a busy machine (shared caches and cores).
 *
 * `--against REF` measures REF's source/ too (git archive, the same probe), each run of it right
 * before this tree's, so that before/after figures share the machine's load.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConll, docText } from '../core/entities/conll.js';
import { bundleProbe } from './bundle.js';
import { arg, percentile, round } from './stats.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ExtractBenchDeps {
  /** A generated corpus of `count` articles (run.ts's, so every benchmark uses the same files). */
  corpusDir(count: number): string;
  loadCorpus(dir: string): Promise<{ docs: Array<{ title: string; text: string }> }>;
}

interface Corpus {
  name: string;
  docs: Array<{ title?: string; text: string; words: number }>;
  words: number;
}

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

interface ProbeOut {
  version: string;
  entities: number;
  cpu_ms: number[];
  cold: { words: number; cpu_ms: number };
  stages?: Record<string, number>;
}

function runProbe(probe: string, file: string, profile: boolean): ProbeOut {
  const r = spawnSync(process.execPath, [probe, file, '1', ...(profile ? ['--profile'] : [])], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as ProbeOut;
  } catch {
    throw new Error(`extract probe failed (${r.status}): ${(r.stderr ?? '').slice(-400)}`);
  }
}

/** One corpus through each probe, `runs` times, the probes' runs interleaved (so load hits them alike). */
function measure(probes: Array<{ label: string; path: string }>, corpus: Corpus, runs: number, profile: boolean, tmp: string): Record<string, unknown> {
  const file = join(tmp, 'corpus.json');
  writeFileSync(file, JSON.stringify(corpus.docs));
  const outs = probes.map(() => [] as ProbeOut[]);
  const loads: number[] = [];
  for (let r = 0; r < runs; r++) {
    probes.forEach((p, k) => {
      loads.push(loadavg()[0]!);
      outs[k]!.push(runProbe(p.path, file, profile && r === runs - 1));
    });
  }
  const result = (o: ProbeOut[]) => {
    const cpu = o.map((x) => x.cpu_ms[0]!);
    const ms = percentile(cpu, 50);
    const stages = o.find((x) => x.stages)?.stages;
    return {
      extractor: o[0]!.version,
      entities: o[0]!.entities,
      cpu_ms: round(ms, 1),
      words_per_cpu_second: Math.round(corpus.words / (ms / 1000)),
      words_per_cpu_second_runs: cpu.map((x) => Math.round(corpus.words / (x / 1000))),
      cold_words_per_cpu_second: Math.round(percentile(o.map((x) => x.cold.words / (x.cold.cpu_ms / 1000)), 50)),
      ...(stages ? { stage_percent: stages } : {}),
    };
  };
  return {
    corpus: corpus.name,
    documents: corpus.docs.length,
    words: corpus.words,
    loadavg_1min: { min: round(Math.min(...loads)), max: round(Math.max(...loads)) },
    ...Object.fromEntries(probes.map((p, k) => [p.label, result(outs[k]!)])),
  };
}

/** `ref`'s source/ (git archive) with this probe beside it, bundled: the same measurement of older code. */
async function baselineProbe(ref: string, tmp: string): Promise<string> {
  const dir = join(tmp, 'baseline');
  mkdirSync(join(dir, 'test', 'bench'), { recursive: true });
  const archive = spawnSync('git', ['-C', root, 'archive', '--format=tar', ref, 'source'], { maxBuffer: 256 * 2 ** 20 });
  if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr.toString().slice(0, 200)}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr.toString().slice(0, 200)}`);
  copyFileSync(join(root, 'test', 'bench', 'extract-probe.ts'), join(dir, 'test', 'bench', 'extract-probe.ts'));
  return bundleProbe([join(dir, 'test', 'bench', 'extract-probe.ts')], join(tmp, 'baseline-out'));
}

export async function benchExtract(argv: string[], deps: ExtractBenchDeps): Promise<Record<string, unknown>> {
  const count = Number(arg(argv, '--generate') ?? 2000);
  const runs = Math.max(1, Number(arg(argv, '--runs') ?? 3));
  const profile = !argv.includes('--no-profile');
  const conll = arg(argv, '--conll') ?? join(root, '..', 'shared', 'data', 'conll2003', 'valid.txt');
  const corpora: Corpus[] = [];
  const { docs } = await deps.loadCorpus(deps.corpusDir(count));
  const generated = docs.map((d) => ({ title: d.title, text: d.text, words: wordCount(d.title) + wordCount(d.text) }));
  corpora.push({ name: `generated news (${count} articles, seed 1)`, docs: generated, words: generated.reduce((s, d) => s + d.words, 0) });
  if (existsSync(conll)) {
    // Words as CoNLL counts them (tokens), as eval-entities.ts does.
    const valid = readConll(conll);
    const texts = valid.map((doc) => ({ text: docText(doc).text, words: doc.reduce((t, x) => t + x.words.length, 0) }));
    corpora.push({ name: 'CoNLL-2003 validation', docs: texts, words: texts.reduce((s, d) => s + d.words, 0) });
  }
  const tmp = mkdtempSync(join(tmpdir(), 'lede-bench-extract-'));
  try {
    const probes: Array<{ label: string; path: string }> = [{ label: 'this', path: await bundleProbe([join(root, 'test', 'bench', 'extract-probe.ts')], join(tmp, 'out')) }];
    const against = arg(argv, '--against');
    if (against) probes.unshift({ label: `against ${against}`, path: await baselineProbe(against, tmp) });
    return { runs, corpora: corpora.map((c) => measure(probes, c, runs, profile, tmp)) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
