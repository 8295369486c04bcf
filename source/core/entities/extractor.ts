/**
 * The extraction pipeline: tokenise -> split sentences -> tag (averaged perceptron) -> clean,
 * alias and re-scan (resolve.ts). Loaded lazily by loadEntityExtractor().
 */
import { docCasing, LABEL_TYPES, NUM_LABELS, sentenceIsCaps, sentenceIsTitleCase, type TagType } from './features.js';
import { decodeWeights } from './model-codec.js';
import { resolveEntities, type TaggedSpan } from './resolve.js';
import { START_LABELS, tagSentence, type TaggerWeights } from './tagger.js';
import { sentenceRanges, tokenize } from './tokenize.js';
import type { Entity, EntityExtractor } from './types.js';

/** Bump when resolve.ts, the tokenizer or the features change behaviour (the cache key). */
export const RULES_VERSION = 3;

/** Common headline words the casing lexicon misses because they double as names ("May"). */
const HEADLINE_WORDS = new Set(['may', 'will', 'can', 'must', 'says', 'said', 'over', 'after', 'amid', 'against', 'into', 'about', 'after', 'from', 'with', 'without']);

/** Every word of four letters or more capitalised (at least four of them), no digits, not all caps. */
function isHeadline(words: string[]): boolean {
  if (sentenceIsCaps(words) || !sentenceIsTitleCase(words) || words.some((x) => /\d/.test(x))) return false;
  const long = words.filter((x) => x.length >= 4 && /^\p{L}/u.test(x));
  return long.length >= 4 && long.every((x) => /^\p{Lu}/u.test(x));
}

/** Longest sentence handed to the tagger at once (a run-on "sentence" is cut into pieces). */
const MAX_SENTENCE_TOKENS = 400;

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

export function createExtractor(model: TaggerWeights, modelVersion: string): EntityExtractor {
  const extract = (text: string): Entity[] => {
    if (typeof text !== 'string' || text.length === 0) return [];
    const tokens = tokenize(text);
    const sentences: Array<[number, number]> = [];
    for (const [s, e] of sentenceRanges(text, tokens)) {
      for (let i = s; i < e; i += MAX_SENTENCE_TOKENS) sentences.push([i, Math.min(e, i + MAX_SENTENCE_TOKENS)]);
    }
    const words = sentences.map(([s, e]) => tokens.slice(s, e).map((t) => t.text));
    // Headlines in title case: read common words as the lower-case words they are, so that
    // "Netanyahu May Offer Putin US Sanctions Relief" is tagged like running text.
    if (model.lexicon) {
      for (const w of words) {
        if (!isHeadline(w)) continue;
        for (let i = 1; i < w.length; i++) {
          const lower = w[i]!.toLowerCase();
          if (model.lexicon.has(lower) || HEADLINE_WORDS.has(lower) || /^\p{L}{3,}(?:ing|ed)$/u.test(lower)) w[i] = lower;
        }
      }
    }
    const casing = docCasing(words);
    const tagged: TaggedSpan[] = [];
    const starts = new Float32Array(tokens.length * START_LABELS.length);
    sentences.forEach(([s], k) => {
      tagged.push(...spansFromLabels(tagSentence(model, words[k]!, casing, starts, s), s));
    });
    return resolveEntities(text, tokens, sentences, tagged, casing, starts);
  };
  return {
    version: `${modelVersion}+r${RULES_VERSION}`,
    extract(text: string): Entity[] {
      try {
        return extract(text);
      } catch {
        return [];
      }
    },
  };
}

/** Builds the extractor from the generated weights module. */
export function extractorFromModule(mod: {
  MODEL_VERSION: string;
  MODEL_BITS: number;
  MODEL_LABELS: number;
  MODEL_WEIGHTS: string;
  MODEL_LEXICON: string;
}): EntityExtractor {
  if (mod.MODEL_LABELS !== NUM_LABELS) throw new Error('entity model does not match the tagger labels');
  const weights = decodeWeights(mod.MODEL_WEIGHTS, (1 << mod.MODEL_BITS) * NUM_LABELS);
  return createExtractor({ bits: mod.MODEL_BITS, weights, lexicon: new Set(mod.MODEL_LEXICON.split(' ')) }, mod.MODEL_VERSION);
}
