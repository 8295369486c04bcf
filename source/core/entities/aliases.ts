/**
 * Built-in aliases: names the article may not spell out but every reader knows are one thing.
 * Keep this small; it is data, not code. `name` is the display and matching name, `aliases` are
 * other forms that mean exactly the same entity.
 */
import type { EntityType } from './types.js';

export interface AliasGroup {
  type: EntityType;
  name: string;
  aliases: string[];
}

export const ALIAS_GROUPS: AliasGroup[] = [
  { type: 'place', name: 'United States', aliases: ['U.S.', 'US', 'USA', 'U.S.A.', 'United States of America'] },
  { type: 'place', name: 'United Kingdom', aliases: ['U.K.', 'UK', 'Britain', 'Great Britain'] },
  { type: 'place', name: 'Russia', aliases: ['Russian Federation'] },
  { type: 'place', name: 'Iran', aliases: ['Islamic Republic of Iran'] },
  { type: 'place', name: 'Syria', aliases: ['Syrian Arab Republic'] },
  { type: 'place', name: 'China', aliases: ["People's Republic of China", 'PRC'] },
  { type: 'organization', name: 'Israel Defense Forces', aliases: ['IDF', 'Israeli Defense Forces', 'Israel Defence Forces'] },
  { type: 'organization', name: 'Islamic State', aliases: ['ISIS', 'ISIL', 'Islamic State of Iraq and Syria', 'Islamic State of Iraq and the Levant'] },
  { type: 'organization', name: 'United Nations', aliases: ['UN', 'U.N.'] },
  { type: 'organization', name: 'European Union', aliases: ['EU', 'E.U.'] },
  { type: 'organization', name: 'NATO', aliases: ['North Atlantic Treaty Organization'] },
  { type: 'place', name: 'Middle East', aliases: ['Mideast'] },
  // Parties by their short forms.
  { type: 'organization', name: 'Labour Party', aliases: ['Labour'] },
  { type: 'organization', name: 'Conservative Party', aliases: ['Conservatives', 'Tories', 'Tory Party', 'Conservative and Unionist Party'] },
  { type: 'organization', name: 'Liberal Democrats', aliases: ['Lib Dems', 'Liberal Democrat Party'] },
];

/**
 * Words that are titles, ranks or honorifics, never part of a person's name. Stripped from the
 * start of a person name ("Prime Minister Benjamin Netanyahu" -> "Benjamin Netanyahu").
 */
export const TITLE_WORDS = new Set(
  (
    'president vice prime minister ministers defense defence foreign interior finance secretary state ' +
    'general gen. gen army lt. lt col. col colonel sgt. sgt sergeant capt. capt captain maj. major adm. admiral ' +
    'cmdr. commander brig. brigadier marshal field lieutenant corporal private officer chief ' +
    'ayatollah supreme leader grand sheikh shaikh sheik imam rabbi cardinal archbishop bishop pope father ' +
    'mr. mr mrs. mrs ms. ms dr. dr prof. prof professor sir dame lord lady king queen prince princess emir ' +
    'sultan crown chancellor premier senator sen. rep. representative congressman congresswoman gov. governor ' +
    'mayor judge justice speaker ambassador envoy spokesman spokeswoman deputy acting former late ' +
    'saint st. mister madam president-elect under taoiseach referee coach manager chairman chairwoman ' +
    'director executive ceo founder striker midfielder defender goalkeeper commissioner attorney mp mep msp'
  ).split(' '),
);

/** Titles that only ever introduce a person (a span starting with one is a person). */
export const PERSON_TITLES = new Set(
  (
    'president minister ayatollah sheikh shaikh mr. mr mrs. mrs ms. ms dr. dr gen. gen lt. col. sgt. capt. adm. maj. ' +
    'cmdr. brig. colonel lieutenant captain admiral king queen prince princess emir sultan pope imam rabbi ' +
    'senator sen. rep. gov. chancellor premier sir president-elect'
  ).split(' '),
);
