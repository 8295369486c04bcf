import { Box, Text } from 'ink';
import { fieldOf } from '../core/entities';
import { mentionContextSegments } from '../core/entities/mention-context';
import { truncateToWidth } from '../core/layout/text-width';
import { frameHeight, type Viewport } from '../state/geometry';
import { sanitizeSingleLine } from '../core/sanitize';
import { selectedEntity } from '../state/panel';
import type { State } from '../state/types';
import { StatusLine } from './footer';
import { Segments } from './segments';
import { Styled } from './styled';
import { glyphs } from './theme';

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
      <Text wrap="truncate">
        <Styled role="accent">{truncateToWidth(`Mentions of ${sanitizeSingleLine(entity.name)} (${entity.mentions.length})`, viewport.cols)}</Styled>
      </Text>
      <Box flexDirection="column" height={height}>
        {shown.map((mention, i) => {
          const position = top + i;
          const label = `${position + 1}/${entity.mentions.length}`.padStart(numberWidth - 1);
          return (
            <Text key={`${fieldOf(mention)}:${mention.start}`} wrap="truncate">
              <Styled role={position === cursor ? 'selected' : undefined}>
                {position === cursor ? glyphs.selectedMarker : ' '}
                {label}{' '}
                <Segments
                  segments={mentionContextSegments(
                    fieldOf(mention) === 'title' ? article.title : article.text,
                    mention.start,
                    mention.end,
                    Math.max(1, viewport.cols - numberWidth - 2),
                    entity.type,
                  )}
                />
              </Styled>
            </Text>
          );
        })}
      </Box>
      <StatusLine left="Enter goes to the mention" context="mentions" cols={viewport.cols} notice={state.notice} />
    </Box>
  );
}
