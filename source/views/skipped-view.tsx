import { Box, Text } from 'ink';
import { truncateToWidth } from '../core/layout/text-width';
import { sanitizeSingleLine } from '../core/sanitize';
import { frameHeight, type Viewport } from '../state/geometry';
import { skippedPageSize } from '../state/list';
import type { State } from '../state/types';
import { Styled } from './styled';

/** Files that were not read, and why: one key away from the list footer. */
export function SkippedView({ state, viewport }: { state: State; viewport: Viewport }) {
  const { skipped } = state.library;
  const height = skippedPageSize(viewport);
  const top = Math.min(state.skippedTop, Math.max(0, skipped.length - height));
  const shown = skipped.slice(top, top + height);
  const range = skipped.length > height ? `${top + 1}–${top + shown.length} of ${skipped.length} · j/k scroll · ` : '';
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      <Text>
        <Styled role="accent">Skipped files ({skipped.length})</Styled>
      </Text>
      <Box flexDirection="column" height={height}>
        {shown.map((file) => (
          <Text key={file.path} wrap="truncate">
            {truncateToWidth(sanitizeSingleLine(`${file.reason.padEnd(22)} ${file.path}`), viewport.cols)}
          </Text>
        ))}
      </Box>
      <Text wrap="truncate">
        <Styled role="dim">
          {range}Esc closes · q quits
        </Styled>
      </Text>
    </Box>
  );
}
