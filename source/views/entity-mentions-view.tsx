import { Box, Text } from 'ink';
import { mentionContextSegments } from '../core/entities/mention-context';
import { truncateToWidth } from '../core/layout/text-width';
import { sanitizeSingleLine } from '../core/sanitize';
import { frameHeight, type Viewport } from '../state/geometry';
import { articlePosition, cursorRow, mentionCount, mentionRows, mentionsPageSize } from '../state/mentions-screen';
import type { State } from '../state/types';
import { StatusLine } from './footer';
import { Segments } from './segments';
import { Styled } from './styled';
import { glyphs } from './theme';

/** One entity's mentions across the library: each article, most about it first, with its mentions in context. */
export function EntityMentionsView({ state, viewport }: { state: State; viewport: Viewport }) {
  const view = state.mentionsScreen;
  const index = state.entities.library;
  const entity = view ? index?.byKey.get(view.key) : undefined;
  if (!view || !index || !entity) {
    // A correction hid or merged the entity while its mentions were on screen.
    return (
      <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
        <Text wrap="truncate">{truncateToWidth('No article mentions this entity any more (a correction changed it).', viewport.cols)}</Text>
        <Box flexGrow={1} />
        <StatusLine left="" context="entityMentions" cols={viewport.cols} notice={state.notice} />
      </Box>
    );
  }
  const rows = mentionRows(state);
  const height = mentionsPageSize(state);
  const top = Math.min(view.top, Math.max(0, rows.length - height));
  const current = cursorRow(state);
  const heading = `Mentions of ${sanitizeSingleLine(entity.name)} · ${entity.articles.toLocaleString('en-US')} articles · ${mentionCount(state).toLocaleString('en-US')} mentions`;
  const contextWidth = Math.max(1, viewport.cols - 6);
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      <Text wrap="truncate">
        <Styled role="accent">{truncateToWidth(heading, viewport.cols)}</Styled>
      </Text>
      <Box flexDirection="column" height={height}>
        {rows.slice(top, top + height).map((row, i) => {
          const position = articlePosition(state, row.article.id);
          const article = position === undefined ? undefined : state.library.articles[position];
          if (row.kind === 'article') {
            const count = `${row.article.mentions} mention${row.article.mentions === 1 ? '' : 's'}${row.article.inTitle ? ', in the title' : ''}`;
            return (
              <Text key={`a:${row.article.id}`} wrap="truncate">
                <Styled role="strong">{truncateToWidth(`${article?.title ?? row.article.id} · ${count}`, viewport.cols)}</Styled>
              </Text>
            );
          }
          const selected = top + i === current;
          const mention = row.mention;
          const source = mention?.field === 'title' ? article?.title : article?.text;
          return (
            <Text key={`m:${row.article.id}:${row.within}`} wrap="truncate">
              <Styled role={selected ? 'selected' : undefined}>
                {selected ? glyphs.selectedMarker : ' '}
                {'    '}
                {mention && source !== undefined ? (
                  <Segments segments={mentionContextSegments(source, mention.start, mention.end, contextWidth, entity.type)} />
                ) : (
                  <Styled role="dim">reading…</Styled>
                )}
              </Styled>
            </Text>
          );
        })}
      </Box>
      <StatusLine left={`${Math.min(view.cursor + 1, mentionCount(state))}/${mentionCount(state).toLocaleString('en-US')}`} context="entityMentions" cols={viewport.cols} notice={state.notice} />
    </Box>
  );
}
