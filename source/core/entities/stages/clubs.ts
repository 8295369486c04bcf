/**
 * Sports clubs named for their town: a known place followed by a club's word ("Manchester City",
 * "Leeds United", "Blackburn Rovers") is a club, an organization, unless the whole is a place
 * itself ("Mexico City", "Kansas City"). Measured: modern news 0.919 -> 0.920 ("Manchester City"
 * was a place), no other set moves (the 1996 tagger knows its clubs from the results pages).
 *
 * So is a known place and a plural nickname the tagger read as a place: "Kansas City Chiefs",
 * "Philadelphia Eagles", "Punjab Kings" (a team of its town). Not a plural that names places
 * ("Palm Springs", "Golan Heights"), nor after a place that is a first name too ("Jordan Adams").
 */
import type { ResolveContext, TaggedSpan } from './context.js';

const CLUB_WORDS = new Set(['City', 'United', 'Rovers', 'Wanderers', 'Athletic', 'Albion', 'Hotspur', 'Rangers', 'FC', 'CF', 'AFC']);

/** Plurals that name places themselves: after a place they are its part, no team. */
const PLACE_PLURALS = new Set(
  'Islands Isles Mountains Heights Hills Highlands Lowlands Plains Falls Springs Keys Rapids Sands Downs Fields Gardens Docks Gates Towers Lakes Alps Territories Emirates Provinces States Woods Wells Works Flats Meadows Moors Marshes Banks Shores Rocks Valleys'.split(' '),
);

/** A team's plural nickname after its place: "Chiefs", "Eagles", "Kings". */
function isTeamNickname(ctx: Pick<ResolveContext, 'tokens' | 'known'>, span: TaggedSpan): boolean {
  const { tokens, known } = ctx;
  if (span.type !== 'LOC' || span.fixed || span.end - span.start < 2) return false;
  const words = tokens.slice(span.start, span.end).map((t) => t.text);
  const last = words[words.length - 1]!;
  if (!/^\p{Lu}\p{Ll}{2,}s$/u.test(last) || PLACE_PLURALS.has(last)) return false;
  return known.isPlace(words.slice(0, -1)) && !known.isPlace(words) && !known.isPlace([last]) && !known.isPersonName(words[0]!);
}

/** Retypes (in place) such spans of the tagger's as organizations, fixed. */
export function retypeTownClubs(ctx: Pick<ResolveContext, 'tokens' | 'known'>, tagged: TaggedSpan[]): void {
  const { tokens, known } = ctx;
  for (const span of tagged) {
    if (isTeamNickname(ctx, span)) {
      span.type = 'ORG';
      span.fixed = true;
      continue;
    }
    if (span.type === 'ORG' || span.type === 'MISC' || span.end - span.start < 2 || !CLUB_WORDS.has(tokens[span.end - 1]!.text)) continue;
    const words = tokens.slice(span.start, span.end).map((t) => t.text);
    if (!known.isPlace(words.slice(0, -1)) || known.isPlace(words)) continue;
    span.type = 'ORG';
    span.fixed = true;
  }
}
