/**
 * Scores lede's entity extraction with the same pipeline the app uses, per type:
 * - CoNLL-2003 validation, whole and in lede's two parts (conll-splits.ts): dev (choices were made
 *   on it, and the shipped model trains on it) and held-out (never trained or tuned on). Each
 *   document is rebuilt as text (a sentence per paragraph), run through extract(), and compared
 *   with the gold as bags of mentions per document (type + exact surface text);
 * - the modern-news gold set (test/fixtures/modern-news/gold.json, or --modern DIR) when it exists:
 *   mention bags (type + field + exact span), entity-level F1 (an entity is right when its type
 *   matches and one of its forms is one of the gold entity's), and non-entities in the panel;
 * - the held-out modern-news set (test/fixtures/modern-news-heldout/, or --heldout DIR), annotated
 *   blind and scored the same way; like CoNLL's held-out part, its errors are never printed;
 * - the modern-news dev set (test/fixtures/modern-news-dev/, or --dev DIR): articles written for
 *   choosing rules without looking at the held-out set's errors (annotated from spec.json by
 *   test/tools/annotate-modern.ts), scored the same way, its errors printed;
 * - the second modern-news dev set (test/fixtures/modern-news-dev2/, or --dev2 DIR): 20 more varied
 *   articles written and annotated blind (before lede was run on them) when rules chosen on the
 *   first two sets stopped moving the held-out figure; scored and printed like the dev set;
 * - the seed gold set (test/fixtures/seed-entities.json): exact spans, titles included.
 *
 *   npm run eval:entities -- path/to/valid.txt [--modern DIR] [--dev DIR] [--dev2 DIR] [--heldout DIR] [--weights FILE.ts] [--review FILE.ts | --no-review] [--json] [--errors]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadEntityExtractor, normalizeName, type Entity, type EntityExtractor, type EntityType } from '../../source/core/entities/index.js';
import { loadLibrary } from '../../source/core/load/index.js';
import { readConll, spansOf, docText, type ConllDoc } from '../core/entities/conll.js';
import { readGold, readSeed, root } from '../core/entities/helpers.js';
import { splitValidation } from './conll-splits.js';
import { bagAdd, TypedCounts, TYPES, type Score } from './entity-scores.js';

const FROM_TAG: Record<string, EntityType | undefined> = { PER: 'person', LOC: 'place', ORG: 'organization' };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export interface SetResult {
  name: string;
  documents: number;
  perType: Record<EntityType, Score>;
  overall: Score;
  [extra: string]: unknown;
}

/** The shipped extractor, or one with another tagger (--weights) or review (--review; --no-review: none). */
async function extractorFrom(weights?: string, review?: string, noReview = false): Promise<EntityExtractor> {
  if (!weights && !review && !noReview) return loadEntityExtractor();
  const ex = await import('../../source/core/entities/extractor.js');
  const load = (path: string) => import(pathToFileURL(resolve(path)).href);
  const tagger = weights ? await load(weights) : await import('../../source/core/entities/model/weights.js');
  const reviewModule = noReview ? undefined : review ? await load(review) : await import('../../source/core/entities/model/review.js');
  return ex.extractorFromModule(tagger, reviewModule);
}

function mentionBag(entities: Entity[], key: (e: Entity, m: Entity['mentions'][number]) => string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const e of entities) for (const m of e.mentions) bagAdd(bag, key(e, m));
  return bag;
}

function conllSet(name: string, docs: ConllDoc[], extractor: EntityExtractor, errors: string[]): SetResult {
  const counts = new TypedCounts();
  let words = 0;
  let ms = 0;
  for (const doc of docs) {
    const { text } = docText(doc);
    const gold = new Map<string, number>();
    for (const s of doc) {
      words += s.words.length;
      for (const span of spansOf(s.labels)) {
        const type = FROM_TAG[span.type];
        if (type) bagAdd(gold, `${type}\t${s.words.slice(span.start, span.end).join(' ')}`);
      }
    }
    const t0 = process.cpuUsage();
    const entities = extractor.extract(text);
    const dt = process.cpuUsage(t0);
    ms += (dt.user + dt.system) / 1000;
    counts.add(mentionBag(entities, (e, m) => `${e.type}\t${m.text}`), gold);
  }
  errors.push(...counts.errors.map((e) => `${name}: ${e}`));
  // CPU time, not wall: on a shared machine the wall clock counts the other jobs too.
  return { name, documents: docs.length, words, wordsPerCpuSecond: Math.round(words / (ms / 1000)), ...counts.result() };
}

function seedSet(extractor: EntityExtractor, errors: string[]): SetResult {
  const counts = new TypedCounts();
  const articles = readGold();
  for (const article of articles) {
    const { title, text } = readSeed(article.path);
    const gold = new Map<string, number>();
    for (const [field, list] of [
      ['title', article.titleMentions],
      ['text', article.mentions],
    ] as const) {
      for (const m of list) bagAdd(gold, `${m.type}\t${field}:${m.start}:${m.end}\t${m.text}`);
    }
    const bag = mentionBag(extractor.extract(text, title), (e, m) => `${e.type}\t${m.field ?? 'text'}:${m.start}:${m.end}\t${m.text}`);
    counts.add(bag, gold, ` (${article.path})`);
  }
  errors.push(...counts.errors.map((e) => `seeds: ${e}`));
  return { name: 'seeds', documents: articles.length, ...counts.result() };
}

interface ModernGold {
  articles: Array<{
    file: string;
    entities: Array<{ name: string; type: EntityType; aliases?: string[]; mentions: Array<{ field: 'title' | 'text'; start: number; end: number; text: string }> }>;
    notEntities?: string[];
  }>;
}

/** Scores a modern-news-style gold set (`label` names it); its errors go to `errors`, or nowhere when it is held out (null). */
async function modernSets(label: string, dir: string, extractor: EntityExtractor, errors: string[] | null): Promise<SetResult[]> {
  const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as ModernGold;
  const mentions = new TypedCounts();
  const entityCounts = new TypedCounts();
  const nonEntities: string[] = [];
  for (const article of gold.articles) {
    const lib = await loadLibrary([join(dir, article.file)]);
    const a = lib.articles[0];
    if (!a) continue;
    const entities = extractor.extract(a.text, a.title);
    const goldMentions = new Map<string, number>();
    for (const e of article.entities) for (const m of e.mentions) bagAdd(goldMentions, `${e.type}\t${m.field}:${m.start}:${m.end}\t${m.text}`);
    mentions.add(mentionBag(entities, (e, m) => `${e.type}\t${m.field ?? 'text'}:${m.start}:${m.end}\t${m.text}`), goldMentions, ` (${article.file})`);
    // Entity level: each predicted entity is matched to at most one gold entity sharing its type and a form.
    const forms = (name: string, aliases: string[] = []) => new Set([name, ...aliases].map(normalizeName));
    const unmatched = article.entities.map((e) => ({ type: e.type, forms: forms(e.name, e.aliases), name: e.name }));
    const predicted = new Map<string, number>();
    const matched = new Map<string, number>();
    for (const e of entities) {
      const own = forms(e.name, e.aliases);
      const k = unmatched.findIndex((g) => g.type === e.type && [...own].some((f) => g.forms.has(f)));
      const key = `${e.type}\t${k >= 0 ? unmatched[k]!.name : e.name}`;
      bagAdd(predicted, key);
      if (k >= 0) {
        bagAdd(matched, key);
        unmatched.splice(k, 1);
      }
    }
    const goldEntities = new Map<string, number>();
    for (const e of article.entities) bagAdd(goldEntities, `${e.type}\t${e.name}`);
    entityCounts.add(predicted, goldEntities, ` (${article.file})`);
    const bad = new Set((article.notEntities ?? []).map(normalizeName));
    for (const e of entities) if ([e.name, ...e.aliases].some((f) => bad.has(normalizeName(f)))) nonEntities.push(`${article.file}: ${e.type} ${e.name}`);
  }
  errors?.push(...mentions.errors.map((e) => `${label} mentions: ${e}`), ...entityCounts.errors.map((e) => `${label} entities: ${e}`), ...nonEntities.map((e) => `${label} non-entity: ${e}`));
  const n = gold.articles.length;
  return [
    { name: `${label} mentions`, documents: n, ...mentions.result() },
    // A held-out set's non-entities are counted, not named: naming them would be looking at its errors.
    { name: `${label} entities`, documents: n, ...entityCounts.result(), nonEntitiesInPanel: nonEntities.length, ...(errors ? { nonEntities } : {}) },
  ];
}

const conllPath = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : undefined;
const modernDir = arg('--modern') ?? join(root, 'test/fixtures/modern-news');
const devDir = arg('--dev') ?? join(root, 'test/fixtures/modern-news-dev');
const dev2Dir = arg('--dev2') ?? join(root, 'test/fixtures/modern-news-dev2');
const heldOutDir = arg('--heldout') ?? join(root, 'test/fixtures/modern-news-heldout');
const json = process.argv.includes('--json');
const extractor = await extractorFrom(arg('--weights'), arg('--review'), process.argv.includes('--no-review'));
const errors: string[] = [];
const sets: SetResult[] = [];
let warmSpeed: number | undefined;
if (conllPath) {
  const docs = readConll(conllPath);
  const { dev, heldOut } = splitValidation(docs);
  sets.push(conllSet('CoNLL validation', docs, extractor, []), conllSet('CoNLL dev part', dev, extractor, errors), conllSet('CoNLL held-out part', heldOut, extractor, []));
  // The sets above are read once each, the first cold (the JIT, the tagger's word caches): the
  // warm speed is a second pass over the whole split.
  warmSpeed = conllSet('CoNLL validation, warm', docs, extractor, []).wordsPerCpuSecond as number;
}
if (existsSync(join(modernDir, 'gold.json'))) sets.push(...(await modernSets('modern-news', modernDir, extractor, errors)));
if (existsSync(join(devDir, 'gold.json'))) sets.push(...(await modernSets('modern-news dev', devDir, extractor, errors)));
if (existsSync(join(dev2Dir, 'gold.json'))) sets.push(...(await modernSets('modern-news dev2', dev2Dir, extractor, errors)));
if (existsSync(join(heldOutDir, 'gold.json'))) sets.push(...(await modernSets('modern-news held-out', heldOutDir, extractor, null)));
sets.push(seedSet(extractor, errors));

// Held-out errors are never printed: looking at them would be tuning on them.
if (process.argv.includes('--errors')) for (const e of errors) console.error(e);
if (json) console.log(JSON.stringify({ extractor: extractor.version, ...(warmSpeed ? { warmWordsPerCpuSecond: warmSpeed } : {}), sets }, null, 2));
else {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
  console.log(`extractor ${extractor.version}`);
  for (const s of sets) {
    console.log(`\n${s.name}: ${s.documents} documents${s.words ? `, ${s.words} words, ${s.wordsPerCpuSecond} words per CPU-second` : ''}`);
    console.log(`type            precision  recall      F1    gold  predicted`);
    for (const [name, sc] of [...TYPES.map((t) => [t, s.perType[t]] as const), ['overall (micro)', s.overall] as const]) {
      console.log(`${name.padEnd(16)}${pct(sc.precision)}%  ${pct(sc.recall)}%  ${pct(sc.f1)}%  ${String(sc.gold).padStart(6)}  ${String(sc.predicted).padStart(9)}`);
    }
    if (typeof s.nonEntitiesInPanel === 'number') console.log(`non-entities in a panel: ${s.nonEntitiesInPanel}`);
  }
  if (warmSpeed) console.log(`\nextraction, warm (CoNLL validation read again): ${warmSpeed} words per CPU-second, as transpiled by tsx; \`npm run bench -- extract\` measures the bundled code`);
}
