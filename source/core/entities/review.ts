/**
 * A second look at each entity once the rules have made it: a small learned model (multinomial
 * logistic regression, trained by test/tools/train-review.ts on what the whole pipeline makes of
 * labelled text it was not trained on) reads what is known about the entity as a whole — the type
 * the rules gave it, how the tagger scored each mention's start, the words before and after its
 * mentions, its head word, its shape, what the gazetteer and the lexicon say — and answers person,
 * place, organization or none. Where it is confident and disagrees with the rules, its answer
 * stands: a name the rules typed wrongly is retyped, and one that is no person, place or
 * organization (a product, a work, a fragment of a title) leaves the panel.
 *
 * The rules see one span or one pattern at a time; this sees every mention of an entity at once,
 * and learns from data how much each kind of evidence is worth instead of a hand-set order.
 */
import { normalizeName } from './normalize.js';
import type { KnownNames } from './stages/context.js';
import { START_LABELS } from './tagger.js';
import type { Token } from './tokenize.js';
import type { Entity, EntityType } from './types.js';

/** The review's answers, in the model's column order. */
export const REVIEW_CLASSES = ['person', 'place', 'organization', 'none'] as const;
export type ReviewClass = (typeof REVIEW_CLASSES)[number];

/** The learned model: one weight per class for each feature, and how sure it must be to overrule. */
export interface ReviewModel {
  weights: ReadonlyMap<string, Float32Array>;
  /** Smallest probability of "none" that drops an entity. */
  dropAt: number;
  /** Smallest probability of another type that retypes an entity. */
  retypeAt: number;
}

/** What an entity's features are read from: the joined title and text the extractor tagged. */
export interface ReviewDocument {
  text: string;
  tokens: readonly Token[];
  /** The tagger's start scores per token, START_LABELS.length per token (O, PER, LOC, ORG, MISC). */
  starts: Float32Array;
  /** Where the body starts in `text` (0 without a title). */
  bodyStart: number;
  known: KnownNames;
  /** Whether the body writes this word (given in lower case) in lower case somewhere ("winter"). */
  writtenLower(lower: string): boolean;
  /** Ids of the entities whose type a rule gave (resolve.ts): dropped or kept, never retyped. */
  ruled?: ReadonlySet<string>;
}

const TAG_NAMES = ['O', 'PER', 'LOC', 'ORG', 'MISC'];
const bucket = (n: number) => (n <= 2 ? String(n) : n <= 5 ? '3-5' : '6+');

/** The index of the token that starts at `offset` (or the first after it). */
function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The features of `entity` (offsets into the joined text), each with its value. Per-mention
 * evidence is averaged over the mentions, so that a name said ten times weighs as one said once.
 */
export function reviewFeatures(entity: Entity, doc: ReviewDocument): Map<string, number> {
  const features = new Map<string, number>();
  const add = (name: string, value = 1) => features.set(name, (features.get(name) ?? 0) + value);
  const { tokens, starts, known } = doc;
  const words = entity.name.split(/\s+/u);
  const lowerName = words.map((w) => w.toLowerCase());
  // What lower case says of a word says nothing of an acronym: "US" is not "us", nor "WHO" "who".
  const mixedCase = /\p{Ll}/u.test(entity.name);
  add('bias');
  add(`rule:${entity.type}`);
  add(`mentions:${bucket(entity.mentions.length)}`);
  add(`words:${Math.min(words.length, 4)}`);
  add(`last:${words[words.length - 1]}`);
  if (words.length > 1) add(`first:${words[0]}`);
  else add(`word:${words[0]}`);
  if (/^[\p{Lu}\d&.-]+$/u.test(entity.name) && /\p{Lu}/u.test(entity.name)) add('shape:capitals');
  if (/\d/u.test(entity.name)) add('shape:digit');
  if (entity.name.includes('-')) add('shape:hyphen');
  if (/['’]/u.test(entity.name)) add('shape:apostrophe');
  if (entity.aliases.length > 0) add('aliases');
  if (mixedCase && words.length === 1 && known.isCommonWord(lowerName[0]!)) add('lexicon:common-word');
  if (mixedCase && words.length === 1 && doc.writtenLower(lowerName[0]!)) add('text:written-lower');
  if (known.isPersonName(words[0]!)) add('gazetteer:first-is-name');
  if (words.length > 1 && known.isPersonName(words[words.length - 1]!)) add('gazetteer:last-is-name');
  if (known.isCountry(words)) add('gazetteer:country');
  else if (known.isPlace(words)) add('gazetteer:place');
  if (known.isOrganization(words)) add('gazetteer:organization');
  if (words.some((w) => known.isCompany(w))) add('gazetteer:company-word');
  const share = 1 / entity.mentions.length;
  let inTitle = 0;
  const labels = START_LABELS.length;
  for (const m of entity.mentions) {
    if (m.start < doc.bodyStart) inTitle++;
    const i = tokenAt(tokens, m.start);
    let best = 0;
    for (let k = 1; k < labels; k++) if (starts[i * labels + k]! > starts[i * labels + best]!) best = k;
    add(`tagger:${TAG_NAMES[best]}`, share);
    // The words around it in its own field: a title's last word is not before the body's first.
    const inBody = m.start >= doc.bodyStart;
    const sameField = (t: Token | undefined) => t !== undefined && t.start >= doc.bodyStart === inBody;
    const before = sameField(tokens[i - 1]) ? tokens[i - 1]!.text.toLowerCase() : '<start>';
    let j = i;
    while (j < tokens.length && tokens[j]!.end <= m.end) j++;
    const after = sameField(tokens[j]) ? tokens[j]!.text.toLowerCase() : '<end>';
    add(`before:${before}`, share);
    add(`after:${after}`, share);
  }
  if (inTitle === entity.mentions.length) add('title-only');
  return features;
}

/** Each class's probability for these features. */
export function reviewScores(model: ReviewModel, features: ReadonlyMap<string, number>): Float64Array {
  const scores = new Float64Array(REVIEW_CLASSES.length);
  for (const [name, value] of features) {
    const w = model.weights.get(name);
    if (w) for (let k = 0; k < scores.length; k++) scores[k]! += w[k]! * value;
  }
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) sum += scores[k] = Math.exp(scores[k]! - max);
  for (let k = 0; k < scores.length; k++) scores[k]! /= sum;
  return scores;
}

/** The review's verdict: the entity's type, or null when it leaves the panel. */
export function reviewVerdict(model: ReviewModel, type: EntityType, scores: Float64Array): EntityType | null {
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k]! > scores[best]!) best = k;
  const answer = REVIEW_CLASSES[best]!;
  if (answer === 'none') return scores[best]! >= model.dropAt ? null : type;
  return answer !== type && scores[best]! >= model.retypeAt ? answer : type;
}

/**
 * The entities the review keeps, retyped where it overrules the rules (ids follow their type).
 * `observe`, when given, is told every entity's features (the review's training reads them).
 */
export function reviewEntities(entities: Entity[], doc: ReviewDocument, model: ReviewModel | undefined, observe?: (entity: Entity, features: Map<string, number>) => void): Entity[] {
  if (!model && !observe) return entities;
  const kept: Entity[] = [];
  const ids = new Set<string>();
  for (const entity of entities) {
    const features = reviewFeatures(entity, doc);
    observe?.(entity, features);
    const verdict = model ? reviewVerdict(model, entity.type, reviewScores(model, features)) : entity.type;
    // A name only the headline gives is kept: a headline names the story's key entities, and
    // there every word is capitalised, so the shape and casing the review reads tell it least.
    const type = (verdict === null && entity.mentions.every((m) => m.start < doc.bodyStart)) || (verdict !== null && doc.ruled?.has(entity.id)) ? entity.type : verdict;
    if (type === null) continue;
    if (type === entity.type) {
      kept.push(entity);
      ids.add(entity.id);
      continue;
    }
    let id = `${type}:${normalizeName(entity.name)}`;
    for (let n = 2; ids.has(id) || entities.some((e) => e.id === id); n++) id = `${type}:${normalizeName(entity.name)}#${n}`;
    ids.add(id);
    kept.push({ ...entity, id, type });
  }
  return kept;
}

/** The model from its compact text: a header line `dropAt retypeAt`, then `feature w0 w1 w2 w3` per line. */
export function decodeReviewModel(encoded: string): ReviewModel {
  const lines = encoded.split('\n');
  const [dropAt, retypeAt] = lines[0]!.split(' ').map(Number);
  const weights = new Map<string, Float32Array>();
  for (let i = 1; i < lines.length; i++) {
    const parts = lines[i]!.split(' ');
    if (parts.length !== REVIEW_CLASSES.length + 1) continue;
    weights.set(parts[0]!, Float32Array.from(parts.slice(1), Number));
  }
  if (!(dropAt! > 0 && dropAt! <= 1 && retypeAt! > 0 && retypeAt! <= 1)) throw new Error('review model: bad thresholds');
  return { weights, dropAt: dropAt!, retypeAt: retypeAt! };
}
