/**
 * Stage 7 of resolveEntities, "build": the groups become entities. The display name is the alias
 * table's canonical name when the article uses it, otherwise the longest form (most words, then
 * most characters, then most mentions; a form in capitals only when there is no other);
 * entities are sorted by mention count, then name.
 */
import { aliasGroupOf, normalizeName } from '../normalize.js';
import type { Entity, EntityType, Mention } from '../types.js';
import { majority } from './context.js';
import type { Candidate } from './rescan.js';

/** A form written in capitals and longer than most acronyms ("JERUSALEM"; "UN" and "NATO" are not). */
const isAllCaps = (s: string) => s.length > 4 && /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);

export function buildEntities(text: string, accepted: Candidate[], votes: Map<string, Map<EntityType, number>>, groupVotes: Map<string, Map<EntityType, number>>): Entity[] {
  const groups = new Map<string, Mention[]>();
  for (const c of accepted) {
    let list = groups.get(c.group!);
    if (!list) groups.set(c.group!, (list = []));
    list.push({ field: 'text', start: c.start, end: c.end, text: text.slice(c.start, c.end) });
  }
  const entities: Entity[] = [];
  const ids = new Set<string>();
  for (const [root, mentions] of groups) {
    const table = root.startsWith('table:') ? aliasGroupOf(root.slice('table:'.length)) : undefined;
    const type = majority(votes.get(root) ?? groupVotes.get(root) ?? new Map(), table?.type) ?? table?.type;
    if (!type) continue;
    const counts = new Map<string, number>();
    for (const m of mentions) counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
    const surfaces = [...counts.keys()];
    const canonical = table && surfaces.find((s) => normalizeName(s) === normalizeName(table.name));
    const name =
      canonical ||
      surfaces.reduce((best, s) => {
        // A headline's capitals are no one's name: "Jerusalem" over "JERUSALEM".
        if (isAllCaps(s) !== isAllCaps(best) && /\p{Ll}/u.test(s + best)) return isAllCaps(s) ? best : s;
        const ws = s.split(/\s+/).length;
        const wb = best.split(/\s+/).length;
        if (ws !== wb) return ws > wb ? s : best;
        if (s.length !== best.length) return s.length > best.length ? s : best;
        return counts.get(s)! > counts.get(best)! ? s : best;
      });
    let id = `${type}:${normalizeName(name)}`;
    for (let n = 2; ids.has(id); n++) id = `${type}:${normalizeName(name)}#${n}`;
    ids.add(id);
    const aliases = surfaces.filter((s) => s !== name).sort((a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b));
    entities.push({ id, name, type, aliases, mentions });
  }
  entities.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return entities;
}
