/**
 * One entity's mentions across the library: the articles that mention it, most about it first (a
 * mention in the title, then more mentions), each with its mentions in context. The cursor steps
 * through every mention of the whole library in order (j/k, ]/[); Enter opens the article at that
 * mention with the entity selected. The mentions of an article are read when it comes on screen
 * (the index knows only how many there are).
 */
import type { Mention } from '../core/entities';
import type { LibraryEntityIndex } from '../core/entities/library-index';
import { isMotion, type Motion, unreachable } from '../keymap';
import { frameHeight } from './geometry';
import { pushHistory } from './history';
import { openArticle } from './navigation';
import { moveCursor } from './position';
import type { EntityMentionsScreen, State } from './types';

/** An article of the screen: its id, how many mentions, whether one is in the title. */
export interface MentioningArticle {
  id: string;
  mentions: number;
  inTitle: boolean;
}

/** A row: an article's heading, or one of its mentions (read yet, or not). */
export type MentionRow =
  | { kind: 'article'; article: MentioningArticle }
  | { kind: 'mention'; article: MentioningArticle; ordinal: number; within: number; mention: Mention | undefined };

const rankedCache = new WeakMap<LibraryEntityIndex, Map<string, MentioningArticle[]>>();

/** The articles mentioning `key`, most about it first (title, then mentions), then in library order. */
export function mentioningArticles(index: LibraryEntityIndex, key: string): MentioningArticle[] {
  let forIndex = rankedCache.get(index);
  if (!forIndex) rankedCache.set(index, (forIndex = new Map()));
  let ranked = forIndex.get(key);
  if (!ranked) {
    const ids = index.articlesByKey.get(key) ?? [];
    const counts = index.mentionsByKey.get(key);
    const titles = index.titleByKey.get(key);
    ranked = ids
      .map((id, i) => ({ id, mentions: counts?.[i] ?? 1, inTitle: (titles?.[i] ?? 0) === 1, order: i }))
      .sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || b.mentions - a.mentions || a.order - b.order)
      .map(({ id, mentions, inTitle }) => ({ id, mentions, inTitle }));
    if (forIndex.size > 32) forIndex.delete(forIndex.keys().next().value as string);
    forIndex.set(key, ranked);
  }
  return ranked;
}

const rowsCache = new WeakMap<EntityMentionsScreen, MentionRow[]>();

/** Every row of the screen, in order (built once per screen state). */
export function mentionRows(state: State): MentionRow[] {
  const view = state.mentionsScreen;
  const index = state.entities.library;
  if (!view || !index) return [];
  let rows = rowsCache.get(view);
  if (!rows) {
    rows = [];
    let ordinal = 0;
    for (const article of mentioningArticles(index, view.key)) {
      rows.push({ kind: 'article', article });
      const loaded = view.loaded.get(article.id);
      const count = loaded ? loaded.length : article.mentions;
      for (let within = 0; within < count; within++) rows.push({ kind: 'mention', article, ordinal: ordinal++, within, mention: loaded?.[within] });
    }
    rowsCache.set(view, rows);
  }
  return rows;
}

/** How many mentions the screen steps through. */
export function mentionCount(state: State): number {
  const rows = mentionRows(state);
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (row.kind === 'mention') return row.ordinal + 1;
  }
  return 0;
}

/** The row the cursor's mention is on. */
export function cursorRow(state: State): number {
  const cursor = state.mentionsScreen?.cursor ?? 0;
  return mentionRows(state).findIndex((row) => row.kind === 'mention' && row.ordinal === cursor);
}

/** Rows on screen: the frame less its heading and status line. */
export function mentionsPageSize(state: State): number {
  return Math.max(1, frameHeight(state.viewport) - 2);
}

/** The articles whose mentions are on screen (or about to be) and not read yet: what the hook reads next. */
export function articlesToRead(state: State): string[] {
  const view = state.mentionsScreen;
  if (!view) return [];
  const rows = mentionRows(state);
  const page = mentionsPageSize(state);
  const wanted = new Set<string>();
  for (const row of rows.slice(Math.max(0, view.top - page), view.top + 2 * page)) if (!view.loaded.has(row.article.id)) wanted.add(row.article.id);
  return [...wanted];
}

/** Enter on an entity, or M in the reader: its mentions across the library. */
export function openEntityMentions(state: State, key: string): State {
  if (!state.entities.library?.articlesByKey.has(key)) return { ...state, notice: { kind: 'info', text: 'no article mentions it' } };
  // Leaving the reader leaves its in-article search behind (Ctrl+O brings the article back, not the search).
  return { ...pushHistory(state), find: null, prompt: null, screen: { name: 'entityMentions', key }, mentionsScreen: { key, cursor: 0, top: 0, loaded: new Map() } };
}

/** The mentions of the entity in one article, read. */
export function receiveEntityMentions(state: State, key: string, articleId: string, mentions: readonly Mention[]): State {
  const view = state.mentionsScreen;
  if (!view || view.key !== key || view.loaded.has(articleId)) return state;
  const loaded = new Map(view.loaded);
  loaded.set(articleId, mentions);
  return keepOnScreen({ ...state, mentionsScreen: { ...view, loaded, cursor: Math.min(view.cursor, Math.max(0, countWith(state, loaded) - 1)) } });
}

/** The mention count once `loaded` is in: an article's real count replaces the index's. */
function countWith(state: State, loaded: ReadonlyMap<string, readonly Mention[]>): number {
  const index = state.entities.library;
  const view = state.mentionsScreen;
  if (!index || !view) return 0;
  let total = 0;
  for (const article of mentioningArticles(index, view.key)) total += loaded.get(article.id)?.length ?? article.mentions;
  return total;
}

/** Keeps the cursor on a mention after the library's entities changed under the screen. */
export function clampMentionsScreen(state: State): State {
  const view = state.mentionsScreen;
  if (!view) return state;
  const count = mentionCount(state);
  const cursor = Math.max(0, Math.min(view.cursor, count - 1));
  return cursor === view.cursor ? state : keepOnScreen({ ...state, mentionsScreen: { ...view, cursor } });
}

/** Scrolls so the cursor's row (and its article's heading, when it fits) is on screen. */
function keepOnScreen(state: State): State {
  const view = state.mentionsScreen;
  if (!view) return state;
  const row = cursorRow(state);
  if (row < 0) return state;
  const page = mentionsPageSize(state);
  let top = view.top;
  if (row < top) top = Math.max(0, row - 1);
  if (row >= top + page) top = row - page + 1;
  return top === view.top ? state : { ...state, mentionsScreen: { ...view, top } };
}

export type MentionsScreenCommand = Motion | 'nextMention' | 'previousMention' | 'open';

export function mentionsScreenCommand(state: State, cmd: MentionsScreenCommand): State {
  const view = state.mentionsScreen;
  if (!view) return state;
  const count = mentionCount(state);
  const move = (motion: Motion) => {
    const cursor = moveCursor(motion, view.cursor, count, mentionsPageSize(state));
    return cursor === undefined ? state : keepOnScreen({ ...state, mentionsScreen: { ...view, cursor } });
  };
  if (isMotion(cmd)) return move(cmd);
  switch (cmd) {
    case 'nextMention':
      return move('down');
    case 'previousMention':
      return move('up');
    case 'open':
      return openAtMention(state);
    default:
      return unreachable(cmd);
  }
}

/** Opens the article of the cursor's mention, at that mention, with the entity selected. */
function openAtMention(state: State): State {
  const row = mentionRows(state)[cursorRow(state)];
  const view = state.mentionsScreen;
  const label = view ? state.entities.library?.byKey.get(view.key) : undefined;
  if (!row || row.kind !== 'mention' || !view || !label) return state;
  const articleIndex = articlePosition(state, row.article.id);
  if (articleIndex === undefined) return state;
  const opened = openArticle(pushHistory(state), articleIndex);
  return {
    ...opened,
    entities: { ...opened.entities, panelOpen: true, whenLoaded: { type: 'selectEntity', key: view.key, name: label.name, mention: row.within } },
  };
}

const positionsCache = new WeakMap<object, Map<string, number>>();

/** An article's position in the library, by id. */
export function articlePosition(state: Pick<State, 'library'>, id: string): number | undefined {
  let positions = positionsCache.get(state.library);
  if (!positions) {
    positions = new Map(state.library.articles.map((a, i) => [a.id, i]));
    positionsCache.set(state.library, positions);
  }
  return positions.get(id);
}
