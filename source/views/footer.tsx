import { Text } from 'ink';
import { footerHints, type Context } from '../keymap';
import { displayWidth, truncateToWidth } from '../core/layout/text-width';
import { theme } from './theme';

/** One status line: `left` as given, the keymap's hints for `context` right-aligned when they fit. */
export function StatusLine({ left, context, cols }: { left: string; context: Context; cols: number }) {
  const hints = footerHints(context)
    .map((h) => `${h.keys} ${h.hint}`)
    .join(' · ');
  const room = cols - displayWidth(left) - 2;
  const right = displayWidth(hints) <= room ? hints : '';
  const gap = Math.max(1, cols - displayWidth(left) - displayWidth(right));
  return (
    <Text wrap="truncate">
      <Text bold>{truncateToWidth(left, cols)}</Text>
      {right ? (
        <Text color={theme.dim}>
          {' '.repeat(gap)}
          {right}
        </Text>
      ) : null}
    </Text>
  );
}
