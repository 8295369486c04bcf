import { Box, Text } from 'ink';
import type { Article } from '../core/article';
import { groupedCount } from '../core/count-format';
import { displayWidth, truncateToWidth } from '../core/layout/text-width';
import { hasEntityTerms } from '../core/search';
import { sanitizeSingleLine } from '../core/sanitize';
import { frameHeight, listBodyHeight, type Viewport } from '../state/geometry';
import { markOf } from '../state/library-order';
import { isFiltering, visibleArticles, visibleHits } from '../state/position';
import { ORDER_LABELS, SHOW_LABELS } from '../state/reading';
import type { State } from '../state/types';
import { StatusLine } from './footer';
import { PromptLine } from './prompt-line';
import { ArticleRow, articleMeta } from './list-rows';
import { Styled } from './styled';

function EmptyState({ state }: { state: State }) {
  const { label, skipped } = state.library;
  return (
    <Box flexDirection="column" paddingX={1} paddingY={1}>
      <Text bold>No articles found in {sanitizeSingleLine(label)}.</Text>
      <Text>lede reads .txt, .md, .json and .jsonl files; folders are searched recursively.</Text>
      {skipped.length > 0 ? (
        <Text>
          <Styled role="dim">
            {skipped.length} file{skipped.length === 1 ? ' was' : 's were'} skipped (press s to see why).
          </Styled>
        </Text>
      ) : null}
    </Box>
  );
}

function WaitingForEntities({ state }: { state: State }) {
  const { done, total } = state.entities.progress;
  return (
    <Box paddingX={1} paddingY={1}>
      <Text>
        <Styled role="dim">
          @names need the library’s entities: finding them… {done}/{total}
        </Styled>
      </Text>
    </Box>
  );
}

function NoMatch({ query }: { query: string }) {
  return (
    <Box flexDirection="column" paddingX={1} paddingY={1}>
      <Text bold>No article matches “{query}”.</Text>
      <Text>
        <Styled role="dim">Esc clears the filter; ? shows the search syntax.</Styled>
      </Text>
    </Box>
  );
}

const percent = (done: number, total: number) => Math.floor((done / Math.max(1, total)) * 100);

/** Work still running in the background: the search index, and the library's entities. */
function backgroundNote(state: State): string {
  const notes: string[] = [];
  if (state.indexing.done < state.indexing.total) {
    notes.push(`indexing ${percent(state.indexing.done, state.indexing.total)}%`);
  }
  const { done, total } = state.entities.progress;
  if (!state.entities.library && total > 0) notes.push(`finding entities ${percent(done, total)}%`);
  return notes.map((note) => ` · ${note}`).join('');
}

/** Said when typo tolerance let articles in, so a count that grows as a word is typed is explained. */
function typosNote(state: State): string {
  return (state.filter.result?.withTypos ?? 0) > 0 ? ' (with typos)' : '';
}

/** What the prompt says while a query is typed: "12 of 2,225 articles match (with typos)", with indexing progress. */
function filterNote(state: State): string {
  const n = state.library.articles.length;
  const articles = `${groupedCount(n)} article${n === 1 ? '' : 's'}`;
  const indexing = backgroundNote(state);
  if (!state.filter.query.trim()) return `${articles}${indexing}`;
  const result = state.filter.result;
  const pending = state.filter.resultQuery !== state.filter.query ? '…' : '';
  // The list holds the best hits only; say so when there are more.
  const capped = result && result.hits.length < result.total ? ` · best ${groupedCount(result.hits.length)} shown` : '';
  const total = result?.total ?? 0;
  return `${groupedCount(total)} of ${articles} match${total === 1 ? 'es' : ''}${typosNote(state)}${pending}${capped}${indexing}`;
}

/** Where the cursor is, said as what it counts: "article 3 of 2,225", or "match 3 of 12 · 12 of 2,225 articles match". */
function positionNote(state: State, cursor: number, listed: number, filtering: boolean): string {
  if (filtering) return `match ${groupedCount(cursor + 1)} of ${groupedCount(listed)} · ${filterNote(state)}`;
  return `article ${groupedCount(cursor + 1)} of ${groupedCount(listed)}${backgroundNote(state)}`;
}

export function ListView({ state, viewport }: { state: State; viewport: Viewport }) {
  const { articles, skipped, label } = state.library;
  const { cursor, top } = state.list;
  const filtering = isFiltering(state);
  const visible = visibleArticles(state);
  const hits = visibleHits(state);
  const height = listBodyHeight(viewport);
  const shown = visible.slice(top, top + (filtering ? Math.floor(height / 2) : height));
  const metaWidth = Math.min(
    Math.floor(viewport.cols / 2),
    Math.max(0, ...shown.map((i) => displayWidth(articleMeta(articles[i] as Article)))),
  );
  const count = `${groupedCount(articles.length)} article${articles.length === 1 ? '' : 's'}`;
  const skippedNote = skipped.length > 0 ? ` · ${skipped.length} skipped (s)` : '';
  const filterSummary = state.filter.query && !state.prompt ? ` · filter “${state.filter.query}”` : '';
  const { order, show } = state.reading;
  const readingSummary = `${order === 'path' ? '' : ` · ${ORDER_LABELS[order]}`}${show === 'all' ? '' : ` · ${SHOW_LABELS[show]}`}`;
  const waitingForEntities = hasEntityTerms(state.filter.query) && !state.entities.library;
  const body =
    articles.length === 0 ? (
      <EmptyState state={state} />
    ) : waitingForEntities ? (
      <WaitingForEntities state={state} />
    ) : filtering && visible.length === 0 ? (
      <NoMatch query={state.filter.query} />
    ) : visible.length === 0 ? (
      <Box paddingX={1} paddingY={1}>
        <Text>No {show === 'unread' ? 'unread' : 'flagged'} article here; v shows them all.</Text>
      </Box>
    ) : (
      shown.map((articleIndex, i) => (
        <ArticleRow
          key={articleIndex}
          article={articles[articleIndex] as Article}
          hit={hits?.[top + i]}
          selected={top + i === cursor}
          cols={viewport.cols}
          metaWidth={metaWidth}
          mark={markOf(state, articles[articleIndex] as Article)}
        />
      ))
    );
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      <Text wrap="truncate">
        <Styled role="accent">lede</Styled>
        <Text>
          {' '}
          {truncateToWidth(sanitizeSingleLine(label), Math.max(1, viewport.cols - 30))} · {count}
        </Text>
        <Styled role="dim">
          {skippedNote}
          {readingSummary}
          {filterSummary}
        </Styled>
      </Text>
      {/* Clipped below only: every row is cut to the width already, and a horizontal clip would make Ink re-slice each line of every frame. */}
      <Box flexDirection="column" height={height} overflowY="hidden">
        {body}
      </Box>
      {state.prompt ? (
        <PromptLine prompt={state.prompt} note={state.notice?.text ?? filterNote(state)} cols={viewport.cols} />
      ) : (
        <StatusLine
          left={visible.length > 0 ? positionNote(state, cursor, visible.length, filtering) : ''}
          context="list"
          cols={viewport.cols}
          notice={state.notice}
        />
      )}
    </Box>
  );
}
