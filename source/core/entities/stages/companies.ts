/**
 * Companies the tagger missed: a capitalised word on the shipped company list that is on no list
 * of people's names or places and that running text never writes in lower case ("SpaceX",
 * "Stellantis", "OpenAI"), where the tagger tagged nothing, is an organization's name. A tagger
 * trained on 1996 newswire has never seen most of today's companies; the list has. Re-scan then
 * finds its other mentions.
 */
import { startsWithUpper } from '../letters.js';
import type { ResolveContext, TaggedSpan } from './context.js';
import { contextCue } from './cues.js';

/** Adds an ORG span for every such word not inside a tagged span (in place). */
export function addKnownCompanies(ctx: Pick<ResolveContext, 'tokens' | 'known' | 'casing' | 'capsSentence' | 'sentenceStart'>, tagged: TaggedSpan[]): void {
  const { tokens, known, casing } = ctx;
  const covered = new Uint8Array(tokens.length);
  for (const t of tagged) covered.fill(1, t.start, t.end);
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!.text;
    if (covered[i] || ctx.capsSentence[i] || !startsWithUpper(w) || w.length < 3) continue;
    const lower = w.toLowerCase();
    // Part of a longer capitalised name the tagger left out ("Space Launch System") is no company's.
    if (startsWithUpper(tokens[i - 1]?.text ?? '') || startsWithUpper(tokens[i + 1]?.text ?? '')) continue;
    if (known.isCommonWord(lower) || casing.get(lower)?.includes('L') || !known.isCompany(w) || known.isPersonName(w) || known.isPlace([w])) continue;
    // A sentence's first capital says nothing, unless the words around it say organization ("Stellantis chief Antonio Filosa").
    if (ctx.sentenceStart[i] && contextCue(ctx, i, i + 1) !== 'organization') continue;
    tagged.push({ type: 'ORG', start: i, end: i + 1 });
  }
  tagged.sort((a, b) => a.start - b.start);
}
