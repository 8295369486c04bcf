// Random libraries of entity summaries (what the entity pass gives the library index per article),
// for property tests of the index and its saved files.
import fc from 'fast-check';

/** Random articles' entity summaries, drawn from `names` (forms that share words, as news has). */
export function librariesOf(names: readonly string[]) {
  const summary = fc.record({
    name: fc.constantFrom(...names),
    type: fc.constantFrom('person' as const, 'place' as const, 'organization' as const),
    aliases: fc.uniqueArray(fc.constantFrom(...names), { maxLength: 2 }),
    mentions: fc.integer({ min: 1, max: 40 }),
    inTitle: fc.boolean(),
  });
  return fc.array(fc.array(summary, { maxLength: 6 }), { minLength: 1, maxLength: 25 });
}
