/**
 * The extraction pipeline: tokenise -> split sentences -> tag (averaged perceptron) -> clean,
 * alias and re-scan (resolve.ts) -> a learnt second look at each entity (review.ts). Loaded
 * lazily by loadEntityExtractor().
 *
 * A title is read with its article: it is joined before the text (as its own paragraph) for
 * tagging and resolving, so a name seen in both is one entity and a name seen only in the title
 * still counts; its mentions are then given back with `field: 'title'` and offsets into the
 * title. The body is tagged first, so the title's words can lean on how the body tagged them.
 */
import { decodeClusters, decodeGazetteer } from './lexicons.js';
import { DocFeatures, docCasing, LABEL_TYPES, NUM_LABELS, sentenceIsCaps, sentenceIsTitleCase, type FeatureSet, type TagType } from './features.js';
import { decodeWeights } from './model-codec.js';
import { CLUSTERS } from './model/clusters.js';
import { GAZETTEER } from './model/gazetteer.js';
import { extractInChunks, extractionEnd } from './chunked.js';
import { extractorVersion } from './versions.js';
import { knownNamesFrom } from './known-names.js';
import { resolveEntities, type KnownNames, type TaggedSpan } from './resolve.js';
import { decodeReviewModel, reviewEntities, type ReviewModel } from './review.js';
import { NO_KNOWN_NAMES } from './stages/context.js';
import { START_LABELS, tagSentence, type TaggerWeights } from './tagger.js';
import { sentenceRanges, tokenize } from './tokenize.js';
import type { Entity, EntityExtractor, Mention } from './types.js';

export { RULES_VERSION } from './versions.js';

/** Common headline words the casing lexicon misses because they double as names ("May"). */
const HEADLINE_WORDS = new Set(['may', 'will', 'can', 'must', 'says', 'said', 'over', 'after', 'amid', 'against', 'into', 'about', 'from', 'with', 'without']);

/**
 * Every word of four letters or more capitalised (at least four of them), no digits, not all
 * caps, and no full stop at the end ("They met the National Farmers' Union on Monday." is prose).
 */
function isHeadline(words: string[]): boolean {
  if (sentenceIsCaps(words) || !sentenceIsTitleCase(words) || words.some((x) => /\d/.test(x)) || words[words.length - 1] === '.') return false;
  const long = words.filter((x) => x.length >= 4 && /^\p{L}/u.test(x));
  return long.length >= 4 && long.every((x) => /^\p{Lu}/u.test(x));
}

/** Longest sentence handed to the tagger at once (a run-on "sentence" is cut into pieces). */
const MAX_SENTENCE_TOKENS = 400;
/** Between the title and the text when they are read together: a paragraph break. */
export const TITLE_GAP = '\n\n';

export function spansFromLabels(labels: number[], offset: number): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  let cur: TaggedSpan | null = null;
  labels.forEach((l, i) => {
    const type = LABEL_TYPES[l] as TagType | null;
    const begin = l % 2 === 1;
    if (type === null || begin || !cur || cur.type !== type) {
      if (cur) spans.push(cur);
      cur = type === null ? null : { type, start: offset + i, end: offset + i + 1 };
    } else cur.end = offset + i + 1;
  });
  if (cur) spans.push(cur);
  return spans;
}

/**
 * Headlines in title case: common words are read as the lower-case words they are, so that
 * "Netanyahu May Offer Putin US Sanctions Relief" is tagged like running text.
 */
export function headlineWords(words: string[], lexicon: ReadonlySet<string> | undefined, isTitle: boolean, bodyLower: (lower: string) => boolean = () => false): string[] {
  // An article's title in title case is a headline even when short or with a number in it.
  const headline = isTitle ? !sentenceIsCaps(words) && sentenceIsTitleCase(words) : isHeadline(words);
  if (!lexicon || !headline) return words;
  const isCommon = (lower: string): boolean => {
    // A verb's -s form ("Hails", "Cancels") is as common as the verb.
    const verb = /^\p{L}{3,}s$/u.test(lower) && lexicon.has(lower.slice(0, -1));
    return lexicon.has(lower) || verb || HEADLINE_WORDS.has(lower) || bodyLower(lower) || /^\p{L}{3,}(?:ing|ed)$/u.test(lower);
  };
  // A compound is as common as its parts ("Fastest-Selling", "Long-Awaited"; not "Rolls-Royce").
  const isCommonCompound = (lower: string) => lower.includes('-') && lower.split('-').every((part) => part.length > 0 && isCommon(part));
  return words.map((w, i) => {
    const lower = w.toLowerCase();
    return i > 0 && (isCommon(lower) || isCommonCompound(lower)) ? lower : w;
  });
}

/** Entities of `text`, where characters before `bodyStart` are the title (and its gap). */
function extractJoined(model: TaggerWeights, known: KnownNames, text: string, bodyStart: number, review: EntityReview): Entity[] {
  const tokens = tokenize(text);
  const sentences: Array<[number, number]> = [];
  for (const [s, e] of sentenceRanges(text, tokens)) {
    for (let i = s; i < e; i += MAX_SENTENCE_TOKENS) sentences.push([i, Math.min(e, i + MAX_SENTENCE_TOKENS)]);
  }
  const isTitle = (s: number) => tokens[s]!.start < bodyStart;
  const raw = sentences.map(([s, e]) => tokens.slice(s, e).map((t) => t.text));
  const bodyWords = raw.map((w, k) => (isTitle(sentences[k]![0]) ? null : headlineWords(w, model.lexicon, false)));
  // Casing evidence from the body; a word only the title has gets the title's (as read, its
  // common words already lower case), as the tagger learnt from sentences that count themselves
  // in. A headline's capitals say nothing about the body's words.
  const casing = docCasing(bodyWords.filter((w): w is string[] => w !== null));
  // A title's word the body writes in lower case is a common word there ("Digital Rules", "Basketball Booms").
  const bodyLower = (lower: string) => casing.get(lower)?.includes('L') ?? false;
  const words = raw.map((w, k) => bodyWords[k] ?? headlineWords(w, model.lexicon, true, bodyLower));
  for (const [word, flags] of docCasing(words.filter((_, k) => isTitle(sentences[k]![0])))) if (!casing.has(word)) casing.set(word, flags);
  const doc = new DocFeatures(model, casing);
  const tagged: TaggedSpan[] = [];
  const starts = new Float32Array(tokens.length * START_LABELS.length);
  const order = sentences.map((_, k) => k).sort((a, b) => Number(isTitle(sentences[a]![0])) - Number(isTitle(sentences[b]![0])) || a - b);
  for (const k of order) {
    const s = sentences[k]![0];
    tagged.push(...spansFromLabels(tagSentence(model, words[k]!, doc, starts, s), s));
  }
  tagged.sort((a, b) => a.start - b.start);
  const ruled = new Set<string>();
  const entities = resolveEntities(text, tokens, sentences, tagged, casing, starts, known, ruled);
  return reviewEntities(entities, { text, tokens, starts, bodyStart, known, writtenLower: bodyLower, ruled }, review.model, review.observe);
}

/** Splits mentions of the joined title and text back into their fields: title mentions first. */
function splitFields(entities: Entity[], bodyStart: number): Entity[] {
  for (const e of entities) {
    const title: Mention[] = [];
    const body: Mention[] = [];
    for (const m of e.mentions) {
      if (m.start < bodyStart) title.push({ ...m, field: 'title' });
      else body.push({ ...m, start: m.start - bodyStart, end: m.end - bodyStart, field: 'text' });
    }
    e.mentions = [...title, ...body];
  }
  return entities;
}

/** The second look at each entity (review.ts): its model, and for training, who is told the features. */
export interface EntityReview {
  model?: ReviewModel;
  /** The model's version: part of the extractor's. */
  version?: string;
  observe?: (entity: Entity, features: Map<string, number>) => void;
}

export function createExtractor(model: TaggerWeights, modelVersion: string, known: KnownNames = NO_KNOWN_NAMES, review: EntityReview = {}): EntityExtractor {
  /** One chunk, read with the title when it has one (the first). */
  const readChunk = (text: string, title: string | undefined): Entity[] => {
    const bodyStart = title ? title.length + TITLE_GAP.length : 0;
    return splitFields(extractJoined(model, known, title ? title + TITLE_GAP + text : text, bodyStart, review), bodyStart);
  };
  const extract = (text: string, title?: string, onProgress?: (done: number, total: number) => void): Entity[] => {
    if (typeof text !== 'string') return [];
    const head = typeof title === 'string' && /\S/.test(title) ? title : undefined;
    if (text.length === 0 && !head) return [];
    return extractInChunks(text.slice(0, extractionEnd(text)), head, readChunk, onProgress);
  };
  return {
    version: extractorVersion(modelVersion, review.model ? review.version : undefined),
    extract(text: string, title?: string, onProgress?: (done: number, total: number) => void): Entity[] {
      try {
        return extract(text, title, onProgress);
      } catch {
        return [];
      }
    },
  };
}

/** The generated weights module's shape. */
export interface WeightsModule {
  MODEL_VERSION: string;
  MODEL_BITS: number;
  MODEL_LABELS: number;
  MODEL_FEATURES?: FeatureSet;
  MODEL_WEIGHTS: string;
  MODEL_LEXICON: string;
}

/** The tagger's model from the generated weights module (and the shipped lexicons), with the names it knows. */
export function modelFromModule(mod: WeightsModule): { model: TaggerWeights; version: string; known: KnownNames } {
  if (mod.MODEL_LABELS !== NUM_LABELS) throw new Error('entity model does not match the tagger labels');
  const weights = decodeWeights(mod.MODEL_WEIGHTS, (1 << mod.MODEL_BITS) * NUM_LABELS);
  const features = mod.MODEL_FEATURES ?? { clusters: false, gazetteer: false, nonLocal: false };
  const gazetteer = decodeGazetteer(GAZETTEER);
  const lexicon = new Set(mod.MODEL_LEXICON.split(' '));
  const model: TaggerWeights = {
    bits: mod.MODEL_BITS,
    weights,
    features,
    lexicon,
    ...(features.clusters ? { clusters: decodeClusters(CLUSTERS) } : {}),
    ...(features.gazetteer ? { gazetteer } : {}),
  };
  return { model, version: mod.MODEL_VERSION, known: knownNamesFrom(gazetteer, lexicon) };
}

/** The generated review module's shape (model/review.ts). */
export interface ReviewModule {
  REVIEW_VERSION: string;
  REVIEW_MODEL: string;
}

/** Builds the extractor from the generated weights module (and the shipped lexicons), with the review's when given. */
export function extractorFromModule(mod: WeightsModule, review?: ReviewModule): EntityExtractor {
  const { model, version, known } = modelFromModule(mod);
  return createExtractor(model, version, known, review ? { model: decodeReviewModel(review.REVIEW_MODEL), version: review.REVIEW_VERSION } : {});
}
