import { Text } from 'ink';
import { displayWidth, truncateToWidth } from '../core/layout/text-width';
import { sanitizeSingleLine } from '../core/sanitize';
import { type Context, footerHints } from '../keymap';
import type { Notice } from '../state/types';
import { Styled } from './styled';

/**
 * The keymap's hints that fit in `room` columns. The table lists the most basic hints last
 * (help, quit), so hints are dropped from the front until the rest fits.
 */
export function fittingHints(context: Context, room: number): string {
  const hints = footerHints(context).map((h) => `${h.keys} ${h.hint}`);
  while (hints.length > 0 && displayWidth(hints.join(' · ')) > room) hints.shift();
  return hints.join(' · ');
}

interface StatusLineProps {
  left: string;
  context: Context;
  cols: number;
  /** Shown instead of `left` until the next key: what a key did not do, or an error caught. */
  notice?: Notice | null;
}

/** One status line: `left` as given (or the notice), as many of the keymap's hints as fit, right-aligned. */
export function StatusLine({ left: status, context, cols, notice }: StatusLineProps) {
  const left = notice ? sanitizeSingleLine(notice.text) : status;
  const right = fittingHints(context, cols - displayWidth(left) - 2);
  const gap = Math.max(1, cols - displayWidth(left) - displayWidth(right));
  return (
    <Text wrap="truncate">
      <Styled role={notice?.kind === 'error' ? 'error' : 'strong'}>{truncateToWidth(left, cols)}</Styled>
      {right ? (
        <Styled role="dim">
          {' '.repeat(gap)}
          {right}
        </Styled>
      ) : null}
    </Text>
  );
}
