import { Text } from 'ink';
import { truncateToWidth } from '../core/layout/text-width';
import { MIN_COLS, MIN_ROWS, type Viewport } from '../state/geometry';

export function TooSmall({ viewport }: { viewport: Viewport }) {
  const message = `Terminal too small: ${viewport.cols}×${viewport.rows}, lede needs ${MIN_COLS}×${MIN_ROWS}. q quits.`;
  return <Text wrap="truncate">{truncateToWidth(message, Math.max(1, viewport.cols))}</Text>;
}
