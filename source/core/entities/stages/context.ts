/** What every stage of resolveEntities reads: the text, its tokens and sentences, and lookups. */
import type { DocCasing, TagType } from '../features.js';
import { hasLetter, hasLowerLetter } from '../letters.js';
import type { Token } from '../tokenize.js';
import type { EntityType } from '../types.js';

export interface TaggedSpan {
  type: TagType;
  /** Token indices, end exclusive. */
  start: number;
  end: number;
  /** Set when a rule, not the tagger, decided the type: the span votes for it outright. */
  fixed?: boolean;
}

/** Names the shipped gazetteer knows (see known-names.ts); every answer is false without one. */
export interface KnownNames {
  /** A country, city or region, as these exact words. */
  isPlace(words: readonly string[]): boolean;
  /** A country or region (never a surname, unlike many cities). */
  isCountry(words: readonly string[]): boolean;
  /** A first name or surname. */
  isPersonName(word: string): boolean;
  /** A word running text writes in lower case (the tagger's lexicon), given in lower case. */
  isCommonWord(lower: string): boolean;
  /** A company's name (or a word of one). */
  isCompany(word: string): boolean;
  /** An organization's name, as these exact words: a brand, an operator, a university (the organization list). */
  isOrganization(words: readonly string[]): boolean;
}

export const NO_KNOWN_NAMES: KnownNames = { isPlace: () => false, isCountry: () => false, isPersonName: () => false, isCommonWord: () => false, isCompany: () => false, isOrganization: () => false };

export interface ResolveContext {
  text: string;
  tokens: Token[];
  sentences: Array<[number, number]>;
  casing: DocCasing;
  /** The tagger's start scores per token (O, PER, LOC, ORG, MISC), when it ran. */
  starts?: Float32Array;
  known: KnownNames;
  /** 1 at the first token of each sentence. */
  sentenceStart: Uint8Array;
  /** 1 on every token of a sentence written in capitals. */
  capsSentence: Uint8Array;
}

export const TYPE_OF: Record<TagType, EntityType | null> = { PER: 'person', LOC: 'place', ORG: 'organization', MISC: null };
const TYPE_ORDER: EntityType[] = ['place', 'organization', 'person'];

export function majority(votes: Map<EntityType, number>, fallback?: EntityType): EntityType | undefined {
  let best: EntityType | undefined = fallback;
  let bestCount = 0;
  for (const t of TYPE_ORDER) {
    const c = votes.get(t) ?? 0;
    if (c > bestCount) {
      best = t;
      bestCount = c;
    }
  }
  return best;
}

export function surfaceOf(ctx: Pick<ResolveContext, 'text' | 'tokens'>, span: { start: number; end: number }): string {
  return ctx.text.slice(ctx.tokens[span.start]!.start, ctx.tokens[span.end - 1]!.end);
}

export function makeContext(
  text: string,
  tokens: Token[],
  sentences: Array<[number, number]>,
  casing: DocCasing,
  starts: Float32Array | undefined,
  known: KnownNames,
): ResolveContext {
  const sentenceStart = new Uint8Array(tokens.length);
  const capsSentence = new Uint8Array(tokens.length);
  for (const [s, e] of sentences) {
    sentenceStart[s] = 1;
    let letters = 0;
    let caps = 0;
    for (let i = s; i < e; i++) {
      const w = tokens[i]!.text;
      if (!hasLetter(w)) continue;
      letters++;
      if (!hasLowerLetter(w)) caps++;
    }
    if (letters >= 2 && caps / letters > 0.8) capsSentence.fill(1, s, e);
  }
  return { text, tokens, sentences, casing, ...(starts ? { starts } : {}), known, sentenceStart, capsSentence };
}

/** The type the tagger most wanted to start at `token` (person, place or organization). */
export function preferredType(ctx: ResolveContext, token: number, fallback: TagType): TagType {
  if (!ctx.starts) return fallback;
  const base = token * 5;
  const sc = [ctx.starts[base + 1]!, ctx.starts[base + 2]!, ctx.starts[base + 3]!];
  const k = sc.indexOf(Math.max(...sc));
  return (['PER', 'LOC', 'ORG'] as const)[k]!;
}
