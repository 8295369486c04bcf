/**
 * Lists of people: a line that is only names between commas, semicolons and brackets (a team
 * sheet: "Chelsea: Sánchez; Gusto, Chalobah, Colwill; ... (70 Garnacho)") names one kind of
 * thing. Where most of the names the tagger typed in it are people, every name in it is a person,
 * the untagged ones too ("Timber", "Ødegaard"), bar known places ("Norman (Australia)"). The team
 * before the colon is not in the list.
 */
import type { ResolveContext, TaggedSpan } from './context.js';

/** Tokens that may separate a list's names. */
const SEPARATORS = new Set([',', ';', '(', ')', '.', 'and']);
/** The fewest names a line needs to be read as a list. */
const MIN_ITEMS = 5;
/** The share of the tagger's typed names that must be people. */
const PEOPLE_SHARE = 0.6;

/** Retypes and adds person spans in lists of people (in place). */
export function applyPeopleLists(ctx: Pick<ResolveContext, 'tokens' | 'sentences' | 'known'>, tagged: TaggedSpan[]): void {
  const { tokens, known } = ctx;
  const word = (i: number) => tokens[i]!.text;
  const isName = (w: string) => /^\p{Lu}[\p{L}'’-]*$/u.test(w);
  const spanAt = new Map<number, TaggedSpan>();
  for (const t of tagged) spanAt.set(t.start, t);
  for (const [s, e] of ctx.sentences) {
    // After the line's label ("Chelsea:"), if it has one.
    let start = s;
    for (let i = s; i < e && i < s + 4; i++) if (word(i) === ':') start = i + 1;
    const items: Array<[number, number]> = [];
    let ok = true;
    for (let i = start; i < e && ok; ) {
      const w = word(i);
      if (SEPARATORS.has(w) || /^\d+$/.test(w)) {
        i++;
        continue;
      }
      if (!isName(w)) {
        ok = false;
        break;
      }
      let j = i + 1;
      while (j < e && j - i < 3 && isName(word(j))) j++;
      items.push([i, j]);
      i = j;
    }
    if (!ok || items.length < MIN_ITEMS) continue;
    const typed = items.map(([i]) => spanAt.get(i)).filter((t): t is TaggedSpan => t !== undefined && t.type !== 'MISC');
    const people = typed.filter((t) => t.type === 'PER').length;
    if (typed.length === 0 || people / typed.length < PEOPLE_SHARE) continue;
    for (const [i, j] of items) {
      // A country in a results list is the player's ("Greg Norman (Australia)").
      if (known.isPlace(tokens.slice(i, j).map((x) => x.text))) continue;
      const t = spanAt.get(i);
      if (t) {
        if (t.type !== 'MISC' && t.end === j) {
          t.type = 'PER';
          t.fixed = true;
        }
      } else if (!tagged.some((x) => x.start < j && x.end > i)) tagged.push({ type: 'PER', start: i, end: j, fixed: true });
    }
  }
  tagged.sort((a, b) => a.start - b.start);
}
