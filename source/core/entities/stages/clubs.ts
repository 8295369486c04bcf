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

/**
 * Match reports name a side by its town alone once its full name is given: "Royal Challengers
 * Bengaluru ... Bengaluru made 190", "the Indiana Pacers ... Indiana's star". By CoNLL's convention
 * the town is then the team, an organization, where the text has it play; elsewhere ("in Oklahoma
 * City", "downtown Oklahoma City") it stays a place. So a place the article also names as a club
 * (a known town before or after capitalised words, the whole an organization) is one where a
 * team's word stands beside it: a result's verb after it ("Punjab finished", "Bengaluru end"),
 * "led"/"beat" before it, "'s coach", ", led by". A country is left to retypeLoneCountries (a
 * national side is a place by the same convention).
 */
const TEAM_VERBS_AFTER = new Set(
  'beat beats won win wins lost lose loses drew draw draws end ends ended made finished finish scored trailed trail led leads pulled defeated edged clinched rallied collapsed'.split(' '),
);
const TEAM_WORDS_BEFORE = new Set(['beat', 'beating', 'led', 'against', 'defeated', 'trailed']);
const TEAM_ROLES = new Set('coach captain star manager players player side squad striker guard forward goalkeeper bowlers batsmen batters defence defense attack owner'.split(' '));

export function retypeClubTowns(ctx: Pick<ResolveContext, 'tokens' | 'known'>, tagged: TaggedSpan[]): void {
  const { tokens, known } = ctx;
  const text = (s: number, e: number) => tokens.slice(s, e).map((t) => t.text);
  const towns = new Set<string>();
  for (const span of tagged) {
    if (span.type !== 'ORG' || span.end - span.start < 2) continue;
    const words = text(span.start, span.end);
    if (known.isPlace(words) || !words.every((w) => /^\p{Lu}/u.test(w))) continue;
    const head = words.slice(0, -1);
    const tail = words.slice(-1);
    for (const town of [head, tail]) if (known.isPlace(town) && !known.isCountry(town)) towns.add(town.join(' '));
  }
  if (towns.size === 0) return;
  const lower = (i: number) => tokens[i]?.text.toLowerCase() ?? '';
  for (const span of tagged) {
    if (span.type !== 'LOC' || span.fixed || !towns.has(text(span.start, span.end).join(' '))) continue;
    const possessive = /^['’]s$/u.test(lower(span.end));
    const next = lower(span.end);
    const team =
      (possessive && TEAM_ROLES.has(lower(span.end + 1))) ||
      TEAM_VERBS_AFTER.has(next) ||
      (next === ',' && lower(span.end + 1) === 'led' && lower(span.end + 2) === 'by') ||
      TEAM_WORDS_BEFORE.has(lower(span.start - 1));
    if (!team) continue;
    span.type = 'ORG';
    span.fixed = true;
  }
}
