import { Text } from 'ink';
import { footerHints, type Context } from '../keymap';
import { displayWidth, truncateToWidth } from '../core/layout/text-width';
import { theme } from './theme';

/**
 * The keymap's hints that fit in `room` columns. The table lists the most basic hints last
 * (help, quit), so hints are dropped from the front until the rest fits.
 */
export function fittingHints(context: Context, room: number): string {
  const hints = footerHints(context).map((h) => `${h.keys} ${h.hint}`);
  while (hints.length > 0 && displayWidth(hints.join(' · ')) > room) hints.shift();
  return hints.join(' · ');
}

/** One status line: `left` as given, as many of the keymap's hints as fit, right-aligned. */
export function StatusLine({ left, context, cols }: { left: string; context: Context; cols: number }) {
  const right = fittingHints(context, cols - displayWidth(left) - 2);
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
