/** Words that say a name is an organization's, shared by the stages (clean.ts, works.ts, cues.ts). */
/**
 * Words that head an organization's name: a name ending in one is an organization, never a person
 * or a place ("the Prime Minister's Office", "Defense Ministry", "Security Council").
 */
export const ORG_HEADS = new Set(
  (
    'Office Ministry Council Agency Party Newspaper Committee Commission Department Bureau Authority Board ' +
    'Institute University College Corporation Corp Company Co Inc Ltd Group Association Organization Organisation ' +
    'Court Parliament Assembly Senate Congress Police Service Services Bank Club Movement Front Brigade Brigades ' +
    'Airlines Airways Foundation Fund Society Church Network Times Post Journal Observatory Alliance Confederation ' +
    'Coalition Guild Academy Records Federation'
  ).split(' '),
);
/**
 * Common nouns that introduce an organization's name in apposition: "Italian newspaper Il
 * Giornale", "news agency Interfax", "militant group Hamas".
 */
export const ORG_DESCRIPTORS = new Set(
  (
    'newspaper daily weekly magazine tabloid agency broadcaster network channel party group company firm ' +
    'militia movement organisation organization bank airline carrier publisher insurer conglomerate brokerage club'
  ).split(' '),
);
/** Words a broadcaster's name ends in before its number ("Channel 4", "BBC Radio 4"): the number is the name's, no model's. */
export const BROADCAST_HEADS = new Set(['Channel', 'Radio']);
