/**
 * The extraction bench's measuring process (extract.ts bundles it as dist is built and runs it
 * fresh): `node extract-probe.js CORPUS.json RUNS [--profile]` prints one JSON line. CORPUS.json
 * holds the documents as { title?, text, words }.
 *
 * CPU time is process.cpuUsage (user + system, all of the process's threads: GC and JIT
 * included) over extracting the whole corpus with a warm extractor, once per run. The profiled
 * pass (V8's sampling profiler, not timed) gives each sample to the innermost pipeline function
 * on its stack (STAGES); "other" when none is (the extractor's glue, chunking, splitting fields).
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadEntityExtractor, type EntityExtractor } from '../../source/core/entities/index.js';

interface Doc {
  title?: string;
  text: string;
  words: number;
}

/** Pipeline functions by stage. */
const STAGES: Record<string, string> = {
  tokenize: 'tokenize',
  sentenceRanges: 'tokenize',
  headlineWords: 'casing',
  docCasing: 'casing',
  // The features of a sentence, listed one by one (training's path, and the app's before
  // scoring.ts) or for the summed tables (their words' static features and gazetteer matches).
  sentenceFeatures: 'features',
  staticWord: 'features',
  gazetteerTags: 'features',
  tagSentence: 'tagger',
  tagWithFeatures: 'tagger',
  spansFromLabels: 'tagger',
  makeContext: 'resolve: context',
  addKnownCompanies: 'resolve: companies',
  addHeadedOrganizations: 'resolve: companies',
  retypeNamesNoPersonHas: 'resolve: companies',
  retypeTownClubs: 'resolve: companies',
  applyPeopleLists: 'resolve: lists',
  cleanSpans: 'resolve: clean',
  collectForms: 'resolve: forms',
  mergeForms: 'resolve: merge',
  rescanCandidates: 'resolve: rescan',
  resolveOverlaps: 'resolve: overlaps',
  voteTypes: 'resolve: vote',
  applyContextCues: 'resolve: vote',
  decideType: 'resolve: vote',
  splitConfidentTypes: 'resolve: vote',
  retypeLoneCompanies: 'resolve: vote',
  retypeKnownOrganizations: 'resolve: vote',
  dropCommonWordPeople: 'resolve: vote',
  typeListedNames: 'resolve: coordination',
  buildEntities: 'resolve: build',
};

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function extractAll(ex: EntityExtractor, docs: Doc[]): number {
  let entities = 0;
  for (const d of docs) entities += ex.extract(d.text, d.title).length;
  return entities;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string };
  children?: number[];
}

/** A bundler renames a function whose name another module uses too ("tokenize2"). */
const stageName = (name: string): string | undefined => STAGES[name] ?? STAGES[name.replace(/\d+$/, '')];

/** Percent of one profiled pass's samples per stage. */
async function stageSplit(ex: EntityExtractor, docs: Doc[]): Promise<Record<string, number>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  extractAll(ex, docs);
  const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[] } };
  session.disconnect();
  const parent = new Map<number, ProfileNode>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n);
  }
  const stageOf = new Map<number, string>();
  const find = (node: ProfileNode): string => {
    const known = stageOf.get(node.id);
    if (known) return known;
    const name = node.callFrame.functionName;
    const up = parent.get(node.id);
    const stage = name === '(garbage collector)' ? 'gc' : name === '(idle)' || name === '(program)' ? 'idle/program' : (stageName(name) ?? (up ? find(up) : 'other'));
    stageOf.set(node.id, stage);
    return stage;
  };
  const counts = new Map<string, number>();
  for (const id of profile.samples) {
    const stage = find(byId.get(id)!);
    counts.set(stage, (counts.get(stage) ?? 0) + 1);
  }
  const total = profile.samples.length;
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((1000 * v) / total) / 10]));
}

const [file, runsArg] = process.argv.slice(2);
const docs = JSON.parse(readFileSync(file!, 'utf8')) as Doc[];
const runs = Math.max(1, Number(runsArg));
const ex = await loadEntityExtractor();
// Warm-up: the JIT and the tagger's caches of word features, as in a worker that has read a few
// articles already (150,000 words: the CoNLL split thrice, 200 generated articles). Its CPU is
// reported too: what a fresh worker's first articles cost.
const coldStart = cpuMs();
let coldWords = 0;
for (let k = 0; coldWords < 150_000 && docs.length > 0; k++) {
  const d = docs[k % docs.length]!;
  ex.extract(d.text, d.title);
  coldWords += d.words;
}
const coldMs = cpuMs() - coldStart;
const cpu: number[] = [];
let entities = 0;
for (let r = 0; r < runs; r++) {
  const t0 = cpuMs();
  entities = extractAll(ex, docs);
  cpu.push(cpuMs() - t0);
}
const stages = process.argv.includes('--profile') ? await stageSplit(ex, docs) : undefined;
process.stdout.write(`${JSON.stringify({ version: ex.version, entities, cpu_ms: cpu, cold: { words: coldWords, cpu_ms: coldMs }, stages })}\n`);
