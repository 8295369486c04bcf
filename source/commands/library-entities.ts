/**
 * `lede entities --library`: the library's entities under one identity each, most articles first,
 * with the entities each appears with most — as JSON, or as a table to read.
 */
import type { EntityType } from '../core/entities';
import { appearsWith, type LibraryEntity, type LibraryEntityIndex } from '../core/entities/library-index';
import { displayWidth, padToWidth } from '../core/layout/text-width';
import { sanitizeSingleLine } from '../core/sanitize';
import { StreamedArray } from './json-stream';

/** How many entities `with` lists: the ones sharing the most articles. */
export const APPEARS_WITH_LIMIT = 10;
/** …of which the table shows the first few, so a row stays readable. */
const APPEARS_WITH_SHOWN = 3;
/** The table's name column is as wide as the widest name, up to this. */
const NAME_COLUMN_MAX = 40;

export interface LibraryEntityJson {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  articles: number;
  mentions: number;
  with: { id: string; name: string; type: EntityType; articles: number }[];
}

/** One entity of the `--json` output, with the entities it appears with most. */
function libraryEntityJson(index: LibraryEntityIndex, e: LibraryEntity): LibraryEntityJson {
  return {
    id: e.key,
    name: e.name,
    type: e.type,
    aliases: e.aliases,
    articles: e.articles,
    mentions: e.mentions,
    with: appearsWith(index, e.key, APPEARS_WITH_LIMIT).map(({ entity, articles }) => ({ id: entity.key, name: entity.name, type: entity.type, articles })),
  };
}

/** The `--json` shape: `{"entities": [...]}`, in the index's order (most articles first). */
export function libraryEntitiesJson(index: LibraryEntityIndex): { entities: LibraryEntityJson[] } {
  return { entities: index.entities.map((e) => libraryEntityJson(index, e)) };
}

/** The same, each entity made as it is written (jsonPieces). */
export function libraryEntitiesJsonStreamed(index: LibraryEntityIndex): { entities: StreamedArray<LibraryEntityJson> } {
  function* entities() {
    for (const e of index.entities) yield libraryEntityJson(index, e);
  }
  return { entities: new StreamedArray(entities()) };
}

const typeLabels: Record<EntityType, string> = { person: 'person', place: 'place', organization: 'org' };

/** A table: type, articles, mentions, name (and other names), and the entities it appears with most. */
export function libraryEntitiesPlain(json: { entities: LibraryEntityJson[] }): string {
  if (json.entities.length === 0) return '(no people, places or organizations found)';
  // Names are sanitised where they are printed, whatever the cache and the corrections file allowed.
  const names = json.entities.map((e) => {
    const aliases = e.aliases.map(sanitizeSingleLine);
    return `${sanitizeSingleLine(e.name)}${aliases.length > 0 ? ` (also ${aliases.join(', ')})` : ''}`;
  });
  const nameWidth = Math.min(NAME_COLUMN_MAX, Math.max('name'.length, ...names.map(displayWidth)));
  const column = (name: string) => (displayWidth(name) > nameWidth ? name : padToWidth(name, nameWidth));
  const header = `${'type'.padEnd(6)}  articles  mentions  ${padToWidth('name', nameWidth)}  appears most with`;
  const rows = json.entities.map((e, i) => {
    const withText = e.with
      .slice(0, APPEARS_WITH_SHOWN)
      .map((w) => `${sanitizeSingleLine(w.name)} ${w.articles}`)
      .join(', ');
    return `${typeLabels[e.type].padEnd(6)}  ${String(e.articles).padStart(8)}  ${String(e.mentions).padStart(8)}  ${column(names[i]!)}  ${withText}`.trimEnd();
  });
  return [header, ...rows].join('\n');
}
