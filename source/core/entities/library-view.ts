/**
 * An article's entities as the library shows them: the one place where what the whole library
 * knows (identity.ts: the user's corrections, one type per name, one key per real-world entity)
 * is applied to what one article's extraction found. Every path that shows entities (the panel,
 * `lede entities`, the monkey) goes through here.
 *
 * Entities the library counts as one (a bare "Putin" tied to "Vladimir Putin", "Lib Dems" merged
 * into "Liberal Democrats") become one entity; ids are then the library's keys, the same in every
 * article, so `}` and `{` follow one identity.
 */
import { type CorrectionSet, NO_CORRECTIONS } from './corrections.js';
import { correct, type LibraryIdentity, NO_IDENTITY, resolveCorrected } from './identity.js';
import type { LibraryEntityIndex } from './library-index.js';
import { readingPosition } from './mention-order.js';
import { normalizeName } from './normalize.js';
import type { Entity, Mention } from './types.js';

/**
 * `extracted` (the entities of article `articleId`) as the library shows them; without an index
 * (the pass has not finished), as extracted with the user's corrections applied.
 */
export function entitiesAsShown(
  extracted: readonly Entity[],
  index: Pick<LibraryEntityIndex, 'identity'> | null,
  articleId: string,
  corrections: CorrectionSet = NO_CORRECTIONS,
): Entity[] {
  return viewEntities(extracted, index?.identity ?? { ...NO_IDENTITY, corrections }, articleId);
}

function viewEntities(extracted: readonly Entity[], identity: LibraryIdentity, articleId: string): Entity[] {
  const byKey = new Map<string, Entity>();
  const add = (entity: Entity) => {
    const known = byKey.get(entity.id);
    if (!known) {
      byKey.set(entity.id, entity);
      return;
    }
    const forms = new Set([known.name, ...known.aliases, entity.name, ...entity.aliases]);
    forms.delete(known.name);
    byKey.set(entity.id, { ...known, aliases: [...forms], mentions: mergeMentions(known.mentions, entity.mentions) });
  };
  for (const raw of extracted) {
    const result = correct(identity.corrections, raw);
    if (!result) continue;
    // By the form as the article has it: a split form may have been renamed since.
    const splitForms = new Set(result.split.map((s) => normalizeName(s.splitOff ?? s.name)));
    const own = splitForms.size > 0 ? raw.mentions.filter((m) => !splitForms.has(normalizeName(m.text))) : raw.mentions;
    const main = resolveCorrected(identity, articleId, result.entity, result.entity.name !== raw.name);
    if (!main.hidden && own.length > 0) add({ id: main.key, name: main.name, type: main.type, aliases: result.entity.aliases.filter((a) => a !== main.name), mentions: own });
    for (const split of result.split) {
      const r = resolveCorrected(identity, articleId, split, false);
      const mentions = raw.mentions.filter((m) => normalizeName(m.text) === normalizeName(split.splitOff ?? split.name));
      if (!r.hidden && mentions.length > 0) add({ id: r.key, name: r.name, type: r.type, aliases: [], mentions });
    }
  }
  // Aliases that are the name the library shows are not aliases; sorted as extract() sorts.
  return [...byKey.values()]
    .map((e) => ({ ...e, aliases: e.aliases.filter((a) => a !== e.name) }))
    .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Two entities' mentions as one list: the title's first, then the text's, each by start. */
function mergeMentions(a: readonly Mention[], b: readonly Mention[]): Mention[] {
  return [...a, ...b].sort((x, y) => readingPosition(x) - readingPosition(y));
}
