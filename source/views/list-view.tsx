import { Box, Text } from 'ink';
import { type Article, readingMinutes } from '../core/article';
import { displayWidth, padToWidth, truncateToWidth } from '../core/layout/text-width';
import { frameHeight, listBodyHeight, type Viewport } from '../state/geometry';
import type { State } from '../state/reducer';
import { StatusLine } from './footer';
import { theme } from './theme';

function articleMeta(article: Article): string {
  const parts = [article.date, article.source].filter((p): p is string => Boolean(p));
  parts.push(`${article.words.toLocaleString('en-US')} words`, `${readingMinutes(article.words)} min`);
  return parts.join(' · ');
}

interface RowProps {
  article: Article;
  selected: boolean;
  cols: number;
  /** Width of the metadata column, the same for every visible row so the columns line up. */
  metaWidth: number;
}

function ArticleRow({ article, selected, cols, metaWidth }: RowProps) {
  const meta = truncateToWidth(articleMeta(article), metaWidth).padStart(metaWidth);
  const titleWidth = Math.max(1, cols - 2 - metaWidth - 2);
  const marker = selected ? theme.selectedMarker : ' ';
  return (
    <Text wrap="truncate" inverse={selected}>
      {marker} {padToWidth(article.title, titleWidth)}
      {'  '}
      <Text color={selected ? undefined : theme.dim}>{meta}</Text>
    </Text>
  );
}

function EmptyState({ state }: { state: State }) {
  const { label, skipped } = state.library;
  return (
    <Box flexDirection="column" paddingX={1} paddingY={1}>
      <Text bold>No articles found in {label}.</Text>
      <Text>lede reads .txt, .md, .json and .jsonl files; folders are searched recursively.</Text>
      {skipped.length > 0 ? (
        <Text color={theme.dim}>
          {skipped.length} file{skipped.length === 1 ? ' was' : 's were'} skipped (press s to see why).
        </Text>
      ) : null}
    </Box>
  );
}

export function ListView({ state, viewport }: { state: State; viewport: Viewport }) {
  const { articles, skipped, label } = state.library;
  const { cursor, top } = state.list;
  const height = listBodyHeight(viewport);
  const visible = articles.slice(top, top + height);
  const metaWidth = Math.min(
    Math.floor(viewport.cols / 2),
    Math.max(0, ...visible.map((a) => displayWidth(articleMeta(a)))),
  );
  const count = `${articles.length.toLocaleString('en-US')} article${articles.length === 1 ? '' : 's'}`;
  const position = articles.length > 0 ? `${cursor + 1}/${articles.length}` : '';
  const skippedNote = skipped.length > 0 ? ` · ${skipped.length} skipped (s)` : '';
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          lede
        </Text>
        <Text>
          {' '}
          {truncateToWidth(label, Math.max(1, viewport.cols - 30))} · {count}
        </Text>
        <Text color={theme.dim}>{skippedNote}</Text>
      </Text>
      <Box flexDirection="column" height={height}>
        {articles.length === 0 ? (
          <EmptyState state={state} />
        ) : (
          visible.map((article, i) => (
            <ArticleRow
              key={article.id}
              article={article}
              selected={top + i === cursor}
              cols={viewport.cols}
              metaWidth={metaWidth}
            />
          ))
        )}
      </Box>
      <StatusLine left={position} context="list" cols={viewport.cols} />
    </Box>
  );
}
