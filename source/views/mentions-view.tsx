import { Box, Text } from 'ink';
import { type Segment, segmentField } from '../core/layout/segments';
import { truncateToWidth } from '../core/layout/text-width';
import { frameHeight, type Viewport } from '../state/geometry';
import { selectedEntity } from '../state/entities';
import type { State } from '../state/reducer';
import { StatusLine } from './footer';
import { Segments } from './segments';
import { theme } from './theme';

/** A line of context around a mention, with the mention highlighted, cut to `width`. */
function contextLine(text: string, start: number, end: number, width: number, kind: string): Segment[] {
  const paragraphStart = text.lastIndexOf('\n', start) + 1;
  const paragraphEnd = text.indexOf('\n', end) === -1 ? text.length : text.indexOf('\n', end);
  // Put the mention about a third of the way in, so what leads up to it shows too.
  const lead = Math.max(paragraphStart, start - Math.floor(width / 3));
  const from = lead > paragraphStart ? text.indexOf(' ', lead) + 1 || lead : paragraphStart;
  const prefix = from > paragraphStart ? '…' : '';
  const slice = text.slice(from, paragraphEnd);
  const offset = prefix.length - from;
  return segmentField(
    prefix + slice,
    [{ start: start + offset, end: end + offset, kind, priority: 1 }],
    width,
  );
}

export function MentionsView({ state, viewport }: { state: State; viewport: Viewport }) {
  const entity = selectedEntity(state);
  const screen = state.screen;
  const article = screen.name === 'reader' ? state.library.articles[screen.articleIndex] : undefined;
  if (!entity || !article) return null;
  const height = frameHeight(viewport) - 2;
  const cursor = state.entities.mentionsCursor;
  const top = Math.max(0, Math.min(cursor - Math.floor(height / 2), entity.mentions.length - height));
  const shown = entity.mentions.slice(top, top + height);
  const numberWidth = String(entity.mentions.length).length * 2 + 2;
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      <Text bold color={theme.accent} wrap="truncate">
        {truncateToWidth(`Mentions of ${entity.name} (${entity.mentions.length})`, viewport.cols)}
      </Text>
      <Box flexDirection="column" height={height}>
        {shown.map((mention, i) => {
          const position = top + i;
          const label = `${position + 1}/${entity.mentions.length}`.padStart(numberWidth - 1);
          return (
            <Text key={mention.start} wrap="truncate" inverse={position === cursor}>
              {position === cursor ? theme.selectedMarker : ' '}
              {label}{' '}
              <Segments
                segments={contextLine(
                  article.text,
                  mention.start,
                  mention.end,
                  Math.max(1, viewport.cols - numberWidth - 2),
                  entity.type,
                )}
              />
            </Text>
          );
        })}
      </Box>
      <StatusLine left="Enter goes to the mention" context="mentions" cols={viewport.cols} />
    </Box>
  );
}
