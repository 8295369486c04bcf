/**
 * `lede mentions <name>`: every mention of one entity across the library, in context — the entity
 * the name matches best (the search's word rule on the library's names), the articles most about
 * it first.
 */
import type { Article, Library } from '../core/article';
import type { Entity, EntityType, Mention } from '../core/entities';
import { mentionContext } from '../core/entities/mention-context';
import { entityNames } from '../core/entities/name-search';
import { truncateToWidth } from '../core/layout/text-width';
import { sanitizeSingleLine } from '../core/sanitize';
import { entityNameArgument } from '../core/search/query';
import { csvRecords, toCsv } from './csv';
import { StreamedArray } from './json-stream';
import type { LibraryEntitySource } from './entities';

export { entityNameArgument };

/** Columns of context around each mention: a line of a wide terminal, enough to read the sentence. */
export const MENTION_CONTEXT_COLUMNS = 100;

export interface MentionJson {
  field: 'title' | 'text';
  text: string;
  start: number;
  end: number;
  context: string;
}

export interface MentionsJson {
  entity: { id: string; name: string; type: EntityType; aliases: string[] };
  articles: { path: string; id: string; title: string; mentions: MentionJson[] }[];
}

/** The entity `name` matches best, or undefined when none does (`@name` is read as the query term is). */
export function bestEntity(sourced: LibraryEntitySource, name: string) {
  return entityNames(sourced.index).match(entityNameArgument(name))[0]?.entity;
}

/**
 * The mentions of the entity keyed `key` in each article that has any, the articles most about it
 * first: those that name it in the title, then by how many mentions, then in library order.
 */
export async function mentionsOf(library: Library, sourced: LibraryEntitySource, key: string): Promise<{ article: Article; mentions: Mention[] }[]> {
  const { source, index } = sourced;
  const byId = new Map(library.articles.map((a) => [a.id, a]));
  const found: { article: Article; mentions: Mention[]; order: number }[] = [];
  for (const [order, id] of (index.articlesByKey.get(key) ?? []).entries()) {
    const article = byId.get(id);
    if (!article) continue;
    // Counted from the article's entities as shown, not the index's summary: exact for split forms too.
    const entity: Entity | undefined = (await source.entitiesOf(article, index)).find((e) => e.id === key);
    if (entity && entity.mentions.length > 0) found.push({ article, mentions: entity.mentions, order });
  }
  const inTitle = (m: Mention[]) => (m.some((x) => x.field === 'title') ? 1 : 0);
  found.sort((a, b) => inTitle(b.mentions) - inTitle(a.mentions) || b.mentions.length - a.mentions.length || a.order - b.order);
  return found.map(({ article, mentions }) => ({ article, mentions }));
}

/** One mention with its field named and its line of context (offsets index into that field, as everywhere). */
export function mentionJson(article: Article, mention: Mention): MentionJson {
  const field = mention.field ?? 'text';
  const text = field === 'title' ? article.title : article.text;
  const context = truncateToWidth(mentionContext(text, mention.start, mention.end, MENTION_CONTEXT_COLUMNS).line, MENTION_CONTEXT_COLUMNS);
  return { field, text: mention.text, start: mention.start, end: mention.end, context };
}

type EntityHeading = { key: string; name: string; type: EntityType; aliases: string[] };
type Found = { article: Article; mentions: Mention[] }[];

const entityJson = (entity: EntityHeading) => ({ id: entity.key, name: entity.name, type: entity.type, aliases: entity.aliases });

/** One article of the `--json` output, its mentions each with its line of context. */
function articleMentionsJson({ article, mentions }: Found[number]): MentionsJson['articles'][number] {
  return { path: article.path, id: article.id, title: article.title, mentions: mentions.map((m) => mentionJson(article, m)) };
}

export function mentionsJson(entity: EntityHeading, found: Found): MentionsJson {
  return { entity: entityJson(entity), articles: found.map(articleMentionsJson) };
}

/** The same, each article's mentions (and their context) made as they are written (jsonPieces). */
export function mentionsJsonStreamed(entity: EntityHeading, found: Found) {
  function* articles() {
    for (const one of found) yield articleMentionsJson(one);
  }
  return { entity: entityJson(entity), articles: new StreamedArray(articles()) };
}

export const MENTIONS_CSV_HEADER = ['path', 'id', 'title', 'field', 'start', 'end', 'text', 'context'] as const;

type CsvRow = (string | number)[];

const articleCsvRows = (a: MentionsJson['articles'][number]): CsvRow[] => a.mentions.map((m) => [a.path, a.id, a.title, m.field, m.start, m.end, m.text, m.context]);

/** One row per mention; `id` too, as the records of one JSON Lines file share a path. */
export function mentionsCsv(json: MentionsJson): string {
  return toCsv(MENTIONS_CSV_HEADER, json.articles.flatMap(articleCsvRows));
}

/** The same, an article's rows at a time. */
export function* mentionsCsvPieces(found: Found): Generator<string> {
  yield toCsv(MENTIONS_CSV_HEADER, []);
  for (const one of found) yield csvRecords(articleCsvRows(articleMentionsJson(one)));
}

/** A heading for the entity: its name, type, other names, and how many mentions in how many articles. */
function mentionsHeading(entity: MentionsJson['entity'], mentions: number, articles: number): string {
  const aliases = entity.aliases.length > 0 ? `; also ${entity.aliases.map(sanitizeSingleLine).join(', ')}` : '';
  return `${sanitizeSingleLine(entity.name)} (${entity.type}${aliases}): ${plural(mentions, 'mention')} in ${plural(articles, 'article')}`;
}

/** An article's title and id with a line of context per mention. */
function articleMentionsPlain(a: MentionsJson['articles'][number]): string {
  const lines = a.mentions.map((m) => `  ${m.field === 'title' ? 'title: ' : ''}${sanitizeSingleLine(m.context)}`);
  return [sanitizeSingleLine(a.title), `  ${sanitizeSingleLine(a.id)}`, ...lines].join('\n');
}

/** A heading for the entity, then each article's title and id with a line of context per mention. */
export function mentionsPlain(json: MentionsJson): string {
  const { entity, articles } = json;
  const count = articles.reduce((n, a) => n + a.mentions.length, 0);
  return [mentionsHeading(entity, count, articles.length), ...articles.map(articleMentionsPlain)].join('\n\n');
}

/** The same, an article at a time. */
export function* mentionsPlainPieces(entity: EntityHeading, found: Found): Generator<string> {
  const count = found.reduce((n, f) => n + f.mentions.length, 0);
  yield mentionsHeading(entityJson(entity), count, found.length);
  for (const one of found) yield `\n\n${articleMentionsPlain(articleMentionsJson(one))}`;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
