import { Text } from 'ink';
import { displayWidth, tailToWidth, truncateToWidth } from '../core/layout/text-width';
import { sanitizeSingleLine } from '../core/sanitize';
import type { Prompt } from '../state/types';
import { Styled } from './styled';

/** The prompt being typed, "/query▏", with a note (counter, progress) on the right. */
export function PromptLine({ prompt, note: fullNote, cols }: { prompt: Prompt; note: string; cols: number }) {
  // The line must fit by itself: left to Ink, cutting a line that holds emoji can leave it a column
  // too wide. "/", one character of query, the cursor and a space take four columns.
  const note = truncateToWidth(sanitizeSingleLine(fullNote), cols - 4);
  const room = Math.max(1, cols - displayWidth(note) - 3);
  const left = `/${tailToWidth(prompt.text, room - 1)}`;
  const gap = Math.max(1, cols - displayWidth(left) - 1 - displayWidth(note));
  return (
    <Text wrap="truncate">
      <Styled role="accent">{left}</Styled>
      <Styled role="selected"> </Styled>
      <Styled role="dim">
        {' '.repeat(gap)}
        {note}
      </Styled>
    </Text>
  );
}
