/**
 * Where an article comes from, and the keys that use it: the metadata line under the title, `p`
 * for the file's path, `o` to open its URL, `y` to copy what is being read with its source.
 */
import { type Article, paragraphSpans } from '../core/article';
import { fieldOf, type Mention } from '../core/entities';
import { mentionContext } from '../core/entities/mention-context';
import { sanitizeSingleLine } from '../core/sanitize';
import { articleUrl } from './article-meta';
import { selectedEntity } from './panel';
import { articlePosition, cursorRow, mentionRows } from './mentions-screen';
import { firstVisibleOffset } from './position';
import type { State } from './types';

const info = (state: State, text: string): State => ({ ...state, notice: { kind: 'info', text } });

function openArticleOf(state: State): Article | undefined {
  return state.screen.name === 'reader' ? state.library.articles[state.screen.articleIndex] : undefined;
}

/** p: the file the article was read from, on the status line. */
export function showPath(state: State): State {
  const article = openArticleOf(state);
  if (!article) return state;
  const copies = article.duplicates?.length ? ` (and ${article.duplicates.length} identical cop${article.duplicates.length === 1 ? 'y' : 'ies'})` : '';
  // A record of a JSON/JSONL collection is `path#N`: say which.
  const record = article.id.startsWith(`${article.path}#`) ? ` (record ${article.id.slice(article.path.length + 1)})` : '';
  return info(state, `file: ${sanitizeSingleLine(article.path)}${record}${copies}`);
}

/** o: the article's URL in the browser, when it has one lede may open. */
export function openArticleUrl(state: State): State {
  const article = openArticleOf(state);
  if (!article) return state;
  if (article.url === undefined || article.url.trim() === '') return info(state, 'this article has no URL to open');
  const url = articleUrl(article);
  if (!url) return info(state, 'not opened: only clean http and https links are');
  return { ...info(state, `opening ${url} …`), effects: [...state.effects, { type: 'openUrl', url }] };
}

/** Where a copy comes from, after the text: title, date, and the URL (else the file). */
function provenance(article: Article): string {
  const where = articleUrl(article) ?? sanitizeSingleLine(article.path);
  const date = article.date ? sanitizeSingleLine(article.date).trim() : '';
  return `— ${article.title}${date ? `, ${date}` : ''}\n${where}`;
}

function copy(state: State, article: Article, text: string, what: string): State {
  const payload = `${text}\n\n${provenance(article)}\n`;
  return {
    ...info(state, `copied ${what} with its source (through the terminal: OSC 52 may be off)`),
    effects: [...state.effects, { type: 'copy', text: payload }],
  };
}

/** The paragraph being read: the current match's, else the current mention's, else the one at the top of the page. */
function paragraphInReader(state: State, article: Article): string {
  const mention = selectedEntity(state)?.mentions[state.entities.mention];
  const at =
    state.find?.matches[state.find.current]?.start ??
    (mention && fieldOf(mention) === 'text' ? mention.start : undefined) ??
    firstVisibleOffset(state);
  const span = paragraphSpans(article.text).find((p) => at >= p.start && at <= p.end);
  return span ? article.text.slice(span.start, span.end) : article.text;
}

/** The context line of a mention (as the mentions lists show it, a little wider). */
const COPY_CONTEXT_COLUMNS = 160;

function mentionLine(article: Article, mention: Mention): string {
  const text = fieldOf(mention) === 'title' ? article.title : article.text;
  return mentionContext(text, mention.start, mention.end, COPY_CONTEXT_COLUMNS).line;
}

/** y: in the reader the paragraph being read, in a mentions list the mention's context line, with its source. */
export function copyWithSource(state: State): State {
  if (state.screen.name === 'entityMentions' && !state.overlay) {
    const row = mentionRows(state)[cursorRow(state)];
    const position = row ? articlePosition(state, row.article.id) : undefined;
    const article = position === undefined ? undefined : state.library.articles[position];
    if (!row || row.kind !== 'mention' || !row.mention || !article) return info(state, 'nothing to copy yet: the mention is still being read');
    return copy(state, article, mentionLine(article, row.mention), 'the mention');
  }
  const article = openArticleOf(state);
  if (!article) return state;
  if (state.overlay === 'mentions') {
    const mention = selectedEntity(state)?.mentions[state.entities.mentionsCursor];
    if (!mention) return info(state, 'no mention to copy');
    return copy(state, article, mentionLine(article, mention), 'the mention');
  }
  return copy(state, article, paragraphInReader(state, article), 'the paragraph');
}
