/**
 * Organizations the tagger missed that their own last word names: a run of two or more
 * capitalised words ending in an organization's head ("Financial Conduct Authority", "Canadian
 * Space Agency", "World Anti-Doping Agency") is an organization. The 1996 tagger leaves many such
 * names untagged at the start of a sentence ("The Financial Conduct Authority is due to"), or
 * reads their first word as an adjective (MISC) and the rest as nothing. Runs inside a headline or
 * a sentence in capitals are left alone: there every word is capitalised.
 */
import { isHeadline } from '../features.js';
import { startsWithUpper } from '../letters.js';
import type { ResolveContext, TaggedSpan } from './context.js';
import { ORG_HEADS } from './heads.js';

/** Lower-case words inside an organization's name ("Department of Health", "Centres for Disease Control"). */
const INNER = new Set(['of', 'for', 'on']);
const COMPASS = new Set(['North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western']);
/** Words that begin a sentence, not a name. */
const DETERMINERS = new Set(['The', 'A', 'An', 'This', 'That', 'Its', 'Their', 'Our']);

/** Adds (in place) an ORG span for each such run, in place of the tagger's spans inside it. */
export function addHeadedOrganizations(ctx: Pick<ResolveContext, 'tokens' | 'sentences' | 'capsSentence' | 'sentenceStart' | 'known'>, tagged: TaggedSpan[]): void {
  const { tokens } = ctx;
  const spanAt = new Int32Array(tokens.length).fill(-1);
  tagged.forEach((t, k) => spanAt.fill(k, t.start, t.end));
  const remove = new Set<number>();
  const added: TaggedSpan[] = [];
  for (const [s, e] of ctx.sentences) {
    if (ctx.capsSentence[s]) continue;
    // Whether the sentence is a headline, asked only of one with a head word in it (most have none).
    let headline: boolean | undefined;
    for (let end = s + 2; end <= e; end++) {
      if (!ORG_HEADS.has(tokens[end - 1]!.text)) continue;
      if ((headline ??= isHeadline(tokens.slice(s, e).map((t) => t.text)))) break;
      let start = end - 1;
      while (start > s && (isNameWord(tokens[start - 1]!.text) || (INNER.has(tokens[start - 1]!.text) && start - 1 > s && isNameWord(tokens[start - 2]!.text)))) start--;
      if (DETERMINERS.has(tokens[start]!.text)) start++;
      // A sentence's first word is capitalised for the sentence: part of the name only if no common word.
      if (start === s && start < end - 1 && ctx.known.isCommonWord(tokens[start]!.text.toLowerCase())) start++;
      // Nor is it before "of" ("Officers of Kent Police said").
      if (start === s && INNER.has(tokens[start + 1]?.text ?? '')) start += 2;
      if (end - start < 2 || INNER.has(tokens[start]!.text)) continue;
      // "West Bank", "South Bank": a compass word before the head names a region.
      if (COMPASS.has(tokens[end - 2]!.text) || ctx.known.isPlace(tokens.slice(start, end).map((t) => t.text))) continue;
      // The tagger's spans must lie inside the run, and no person is taken in.
      const inside = new Set<number>();
      let ok = true;
      for (let i = start; i < end && ok; i++) {
        const k = spanAt[i]!;
        if (k < 0) continue;
        const t = tagged[k]!;
        if (t.start < start || t.end > end || t.type === 'PER') ok = false;
        else inside.add(k);
      }
      // A run the tagger read as one organization already is its business.
      if (!ok || [...inside].some((k) => tagged[k]!.type === 'ORG' && tagged[k]!.start === start && tagged[k]!.end === end)) continue;
      for (const k of inside) remove.add(k);
      // "US Senate" then "US Senate Banking Committee": the longer run is the name.
      const last = added[added.length - 1];
      if (last && last.end > start) added.pop();
      added.push({ type: 'ORG', start, end, fixed: true });
    }
  }
  if (added.length === 0) return;
  const kept = tagged.filter((_, k) => !remove.has(k));
  tagged.length = 0;
  tagged.push(...kept, ...added);
  tagged.sort((a, b) => a.start - b.start);
}

const isNameWord = (w: string) => startsWithUpper(w) && /\p{Ll}|^\p{Lu}{2,}$/u.test(w);
