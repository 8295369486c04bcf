import { Box, Text } from 'ink';
import { truncateToWidth } from '../core/layout/text-width';
import { sanitizeSingleLine } from '../core/sanitize';
import { frameHeight, type Viewport } from '../state/geometry';
import type { State } from '../state/reducer';
import { theme } from './theme';

/** Files that were not read, and why: one key away from the list footer. */
export function SkippedView({ state, viewport }: { state: State; viewport: Viewport }) {
  const { skipped } = state.library;
  const height = frameHeight(viewport) - 2;
  const shown = skipped.slice(0, height);
  return (
    <Box flexDirection="column" height={frameHeight(viewport)} width={viewport.cols}>
      <Text bold color={theme.accent}>
        Skipped files ({skipped.length})
      </Text>
      <Box flexDirection="column" height={height}>
        {shown.map((file) => (
          <Text key={file.path} wrap="truncate">
            {truncateToWidth(sanitizeSingleLine(`${file.reason.padEnd(22)} ${file.path}`), viewport.cols)}
          </Text>
        ))}
      </Box>
      <Text color={theme.dim} wrap="truncate">
        {skipped.length > shown.length ? `…and ${skipped.length - shown.length} more · ` : ''}Esc closes · q quits
      </Text>
    </Box>
  );
}
